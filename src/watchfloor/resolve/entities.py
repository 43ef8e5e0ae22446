"""Mentions to entities: one identity per real actor across every article.

A mention linked to the knowledge base takes that entry's id. Any other mention is grouped under a
key made from its type and folded name (case, diacritics and script ignored), so the same unknown
name in two articles is one entity with a stable id, and different names stay apart. A surname
the extractor linked to a full name in its article takes that full name's key; a surname with no
full name in sight keeps its own key and is never merged with someone who merely shares it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..kb.loader import KnowledgeBase
from ..kb.model import PLACE
from ..store.fold import fold
from ..types import Mention
from .places import Geo, gazetteer_lookup

_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class EntityRecord:
    id: str
    type: str
    name: str
    kb_id: str | None = None
    kind: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_basis: str | None = None


def entity_id(mention: Mention) -> str:
    if mention.kb_id:
        return mention.kb_id
    name = mention.key or mention.text
    slug = _SLUG.sub("-", fold(name)).strip("-") or "unnamed"
    return f"{mention.type}:{slug[:100]}"


def entity_record(mention: Mention, kb: KnowledgeBase) -> EntityRecord:
    if mention.kb_id:
        entry = kb.entries[mention.kb_id]
        geo = Geo(entry.lat, entry.lon, entry.country, "kb") if entry.type == PLACE else None
        if entry.type == PLACE and entry.lat is None:
            found = gazetteer_lookup(entry.name)
            geo = found if found and found.lat is not None else Geo(
                None, None, entry.country, "kb" if entry.country else None)  # type: ignore[arg-type]
        return EntityRecord(
            id=entry.id, type=entry.type, name=entry.name, kb_id=entry.id, kind=entry.kind,
            country=entry.country if not geo else geo.country, lat=geo.lat if geo else None,
            lon=geo.lon if geo else None, geo_basis=geo.basis if geo else None,
        )
    name = mention.key or mention.text
    geo = None
    if mention.type == PLACE:
        # "Russian" used as a place ("Russian troops crossed ..."): the country it names.
        by_demonym = sorted(kb.by_demonym.get(fold(name), ()))
        if len(by_demonym) == 1:
            entry = kb.entries[by_demonym[0]]
            geo = Geo(entry.lat, entry.lon, entry.country, "kb-demonym")
        else:
            geo = gazetteer_lookup(name)
    return EntityRecord(
        id=entity_id(mention), type=mention.type, name=name,
        country=geo.country if geo else None, lat=geo.lat if geo else None,
        lon=geo.lon if geo else None, geo_basis=geo.basis if geo else None,
    )


class MentionIndex:
    """Finds the entity a later stage means by a span, a knowledge-base id or a name key."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.by_span = {(m.start, m.end): entity_id(m) for m in mentions}
        self.kb_ids = {m.kb_id for m in mentions if m.kb_id}
        self.by_key: dict[str, str] = {}
        for m in mentions:
            for name in (m.key, m.text):
                if name:
                    self.by_key.setdefault(fold(name), entity_id(m))

    def resolve(self, kb_id: str | None, start: int | None, end: int | None,
                key: str | None) -> str | None:
        if kb_id:
            return kb_id
        if start is not None and end is not None:
            found = self.by_span.get((start, end))
            if found:
                return found
            for (a, b), eid in self.by_span.items():
                if a <= start and end <= b:
                    return eid
        if key:
            return self.by_key.get(fold(key))
        return None
