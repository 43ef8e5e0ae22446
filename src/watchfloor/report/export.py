"""The JSON export: the whole store in a documented, versioned format (docs/export-format.md).

The file is written as a stream, one article at a time, so exporting a large store needs little
memory. Output is deterministic: the same store gives the same bytes.
"""

from __future__ import annotations

import json
from typing import IO, Any

from .. import __version__
from ..kb.loader import KnowledgeBase
from ..store import Store
from ..store.entities import EntitySummary, MentionView
from ..types import Article

FORMAT_NAME = "watchfloor-export"
FORMAT_VERSION = 1


def article_record(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "sources": list(article.sources),
        "canonical_url": article.canonical_url,
        "outlet": article.outlet,
        "title": article.title,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "published_basis": article.published_basis,
        "language": article.language,
        "language_confidence": article.language_confidence,
        "content_hash": article.content_hash,
        "cleaner": article.cleaner,
        "ingested_at": article.ingested_at.isoformat(timespec="seconds"),
        "text": article.text,
        "removed": [{"kind": r.kind, "text": r.text} for r in article.removed],
    }


def entity_record(e: EntitySummary, kb: KnowledgeBase | None, spellings: list[str],
                  titles: list[str]) -> dict[str, Any]:
    entry = kb.get(e.kb_id) if kb and e.kb_id else None
    aliases = sorted(set(spellings) | set(entry.aliases if entry else ()) - {e.name})
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "kind": e.kind,
        "kb_id": e.kb_id,
        "aliases": aliases,
        "roles": [{"title": r.title, "org": r.org, "start": r.start, "end": r.end}
                  for r in (entry.roles if entry else ())],
        "titles_in_text": titles,
        "coordinates": {"lat": e.lat, "lon": e.lon} if e.lat is not None else None,
        "country": e.country,
        "geo_basis": e.geo_basis,
        "mention_count": e.mentions,
        "article_count": e.articles,
    }


def mention_record(m: MentionView) -> dict[str, Any]:
    role = None
    if m.role is not None:
        role = {"text": m.role,
                "evidence": {"article_id": m.article_id, "start": m.role_start, "end": m.role_end}}
    return {
        "id": m.id,
        "entity_id": m.entity_id,
        "text": m.text,
        "method": m.method,
        "label": m.label,
        "role": role,
        "evidence": {"article_id": m.article_id, "start": m.start, "end": m.end},
        "sentence": {"article_id": m.article_id, "start": m.sentence_start,
                     "end": m.sentence_end},
        "extractor": m.extractor,
    }


def _ev(article_id: int, start: int | None, end: int | None) -> dict[str, int] | None:
    if start is None or end is None:
        return None
    return {"article_id": article_id, "start": start, "end": end}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def time_record(t: Any) -> dict[str, Any]:
    return {"id": t.id, "text": t.text, "kind": t.kind, "value": t.value,
            "precision": t.precision, "earliest": _iso(t.earliest), "latest": _iso(t.latest),
            "days": t.days, "basis": t.basis, "evidence": _ev(t.article_id, t.start, t.end),
            "extractor": t.extractor}


def quote_record(q: Any) -> dict[str, Any]:
    return {"id": q.id, "text": q.text, "kind": q.kind,
            "parts": [_ev(q.article_id, a, b) for a, b in q.parts],
            "speaker": {"text": q.speaker, "kind": q.speaker_kind,
                        "entity_id": q.speaker_entity_id,
                        "evidence": _ev(q.article_id, q.speaker_start, q.speaker_end)},
            "verb": {"text": q.verb, "evidence": _ev(q.article_id, q.verb_start, q.verb_end)}
            if q.verb else None,
            "evidence": _ev(q.article_id, q.start, q.end), "extractor": q.extractor}


def claim_record(c: Any) -> dict[str, Any]:
    return {"id": c.id, "subject": {"text": c.subject, "entity_id": c.subject_entity_id,
                                    "evidence": _ev(c.article_id, c.subject_start,
                                                    c.subject_end)},
            "measure": c.measure, "value": c.value, "value_max": c.value_max, "unit": c.unit,
            "qualifier": c.qualifier, "change": c.change, "as_of": _iso(c.as_of),
            "text": c.text, "evidence": _ev(c.article_id, c.start, c.end),
            "extractor": c.extractor}


def event_record(e: Any) -> dict[str, Any]:
    return {"id": e.id, "type": e.type, "mode": e.mode, "context": e.context,
            "modality": e.modality, "trigger": {"text": e.trigger, "evidence": _ev(
                e.article_id, e.trigger_start, e.trigger_end)},
            "actors": e.actors, "place_entity_id": e.place_entity_id,
            "time": {"text": e.time_text, "value": e.time_value, "precision": e.precision,
                     "earliest": _iso(e.earliest), "latest": _iso(e.latest),
                     "evidence": _ev(e.article_id, e.time_start, e.time_end)}
            if e.time_text else None,
            "text": e.text, "evidence": _ev(e.article_id, e.start, e.end),
            "extractor": e.extractor}


def _write_list(out: IO[str], name: str, records: Any, last: bool = False) -> int:
    out.write(f'  "{name}": [')
    count = 0
    for record in records:
        out.write(",\n    " if count else "\n    ")
        out.write(json.dumps(record, ensure_ascii=False))
        count += 1
    out.write("\n  ]" if count else "]")
    out.write("\n" if last else ",\n")
    return count


def write_json(store: Store, out: IO[str], kb: KnowledgeBase | None = None) -> int:
    """Write the export to ``out``; return the number of articles written."""
    out.write("{\n")
    out.write(f'  "format": {json.dumps(FORMAT_NAME)},\n')
    out.write(f'  "version": {FORMAT_VERSION},\n')
    out.write(f'  "generator": {json.dumps("watchfloor " + __version__)},\n')
    dating = {d.article_id: d for d in store.iter_table("dating")}
    relations: dict[int, list[dict[str, Any]]] = {}
    for r in store.iter_table("relations"):
        record = {"kind": r.kind, "earlier": r.earlier_id, "later": r.later_id,
                  "score": r.score, "text_similarity": r.text_similarity,
                  "shared": r.shared, "order_basis": r.order_basis, "relator": r.relator}
        relations.setdefault(r.earlier_id, []).append(record)
        relations.setdefault(r.later_id, []).append(record)
    story_of = {s.article_id: s.story_id for s in store.iter_table("story_articles")}

    def with_relations(article: Article) -> dict[str, Any]:
        record = article_record(article)
        d = dating.get(article.id)
        record["estimated_date"] = {"earliest": _iso(d.earliest), "latest": _iso(d.latest),
                                    "reasons": d.reasons} if d else None
        record["stale"] = {"stale": d.stale, "reasons": d.stale_reasons} if d else None
        record["relations"] = relations.get(article.id, [])
        record["story_id"] = story_of.get(article.id)
        return record

    count = _write_list(out, "articles", (with_relations(a) for a in store.iter_articles()))
    spellings, titles = store.spellings_and_titles()
    _write_list(out, "entities", (entity_record(e, kb, spellings.get(e.id, []),
                                                titles.get(e.id, []))
                                  for e in store.iter_entities()))
    _write_list(out, "mentions", (mention_record(m) for m in store.iter_mentions()))
    _write_list(out, "times", (time_record(t) for t in store.iter_facts("times")))
    _write_list(out, "quotes", (quote_record(q) for q in store.iter_facts("quotes")))
    _write_list(out, "claims", (claim_record(c) for c in store.iter_facts("claims")))
    groups = {link.event_id: link.group_id for link in store.iter_table("event_links")}
    _write_list(out, "events", ({**event_record(e), "group_id": groups.get(e.id)}
                                for e in store.iter_facts("events")))
    members: dict[int, list[int]] = {}
    for s in store.iter_table("story_articles"):
        members.setdefault(s.story_id, []).append(s.article_id)
    _write_list(out, "stories", ({"id": s.id, "title": s.title,
                                  "first_seen": _iso(s.first_seen),
                                  "last_seen": _iso(s.last_seen),
                                  "articles": sorted(members.get(s.id, []))}
                                 for s in store.iter_table("stories")))
    _write_list(out, "disagreements", ({"id": d.id, "subject": d.subject, "measure": d.measure,
                                        "status": d.status, "claims": d.claims,
                                        "explanation": d.explanation}
                                       for d in store.iter_table("disagreements")), last=True)
    out.write("}\n")
    return count
