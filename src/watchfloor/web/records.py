"""JSON records of the API, with the export's field names (docs/export-format.md).

Where the export has a record for a thing (article, entity, mention, time, quote, claim, event),
the API uses that same function from :mod:`watchfloor.report.export`, so a reader can move
between the two without a mapping table. List items are the export's fields that fit a list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

from ..report import export
from .queries import ArticleBrief, EntityName, StoryItem


def jsonable(value: Any) -> Any:
    """Dataclasses, dates, tuples and mappings (date keys included) as plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {(k.isoformat() if isinstance(k, dt.date) else str(k)): jsonable(v)
                for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, float) and value != value:  # NaN is not JSON
        return None
    return value


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def article_item(a: ArticleBrief) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "outlet": a.outlet, "published": _iso(a.published),
            "published_basis": a.published_basis, "language": a.language,
            "lead": None if a.title else a.lead}


def story_item(s: StoryItem) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "first_seen": _iso(s.first_seen),
            "last_seen": _iso(s.last_seen), "article_count": s.articles,
            "outlet_count": s.outlets}


def entity_item(e: EntityName, articles: int | None = None,
                mentions: int | None = None) -> dict[str, Any]:
    record: dict[str, Any] = {"id": e.id, "name": e.name, "type": e.type, "kind": e.kind,
                              "coordinates": {"lat": e.lat, "lon": e.lon}
                              if e.lat is not None else None}
    if articles is not None:
        record["article_count"] = articles
    if mentions is not None:
        record["mention_count"] = mentions
    return record


def relation_record(r: Any) -> dict[str, Any]:
    return {"kind": r.kind, "earlier": r.earlier_id, "later": r.later_id, "score": r.score,
            "text_similarity": r.text_similarity, "shared": r.shared,
            "order_basis": r.order_basis, "relator": r.relator}


def article_record(view: Any) -> dict[str, Any]:
    """The export's article record (with dating, staleness, relations and story), plus every
    extraction the article carries, each as the export writes it."""
    record = export.article_record(view.article)
    d = view.dating
    record["estimated_date"] = {"earliest": _iso(d.earliest), "latest": _iso(d.latest),
                                "reasons": d.reasons} if d else None
    record["stale"] = {"stale": d.stale, "reasons": d.stale_reasons} if d else None
    record["relations"] = [relation_record(r.row) for r in view.relations]
    record["story_id"] = view.story[0] if view.story else None
    record["mentions"] = [export.mention_record(m) for m in view.mentions]
    record["times"] = [export.time_record(t) for t in view.times]
    record["quotes"] = [export.quote_record(q) for q in view.quotes]
    record["claims"] = [export.claim_record(c) for c in view.claims]
    record["events"] = [{**export.event_record(e), "same_event_in": view.siblings.get(e.id, [])}
                        for e in view.events]
    return record


def disagreement_record(d: Any) -> dict[str, Any]:
    """The export's disagreement, with its figures laid side by side."""
    row = d.row
    return {"id": row.id, "subject": row.subject,
            "subject_name": d.subject.name if d.subject else None, "measure": row.measure,
            "status": row.status, "claims": row.claims, "explanation": row.explanation,
            "figures": [{**export.claim_record(s.claim), "figure": s.value,
                         "published": _iso(s.published), "outlet": s.outlet}
                        for s in d.sides]}


def month_series(series: Mapping[str, Mapping[dt.date, int]]) -> dict[str, dict[str, int]]:
    return {k: {f"{day:%Y-%m}": n for day, n in sorted(v.items())}
            for k, v in sorted(series.items())}
