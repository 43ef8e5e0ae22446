"""The JSON API under ``/api/``: the data of every page, in the export's field names.

Parameters are checked before the store is touched: a page number out of range, a date that is
not ``YYYY-MM-DD``, an unknown event type or entity type is a 400 with the error shape, never a
500. Unknown ids are 404s. Every route is a GET: the API cannot change the store.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from ..report import export
from ..store import Store
from . import records, views
from .common import (
    DISAGREEMENT_STATUSES,
    ENTITY_TYPES,
    MAX_ID,
    MAX_PAGE,
    MAX_PER_PAGE,
    ApiError,
    clean_id,
    clean_text,
    get_store,
    parse_choice,
    parse_date,
    parse_event_type,
)
from .records import article_item, disagreement_record, entity_item, jsonable, story_item

router = APIRouter(tags=["watchfloor"])

StoreDep = Annotated[Store, Depends(get_store)]
IdPath = Annotated[int, Path(ge=0, le=MAX_ID)]
PageQ = Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page number")]
PerPageQ = Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="items per page")]
DateQ = Annotated[str | None, Query(description="YYYY-MM-DD", examples=["2025-03-10"])]

ERROR_SCHEMA = {"content": {"application/json": {"schema": {
    "type": "object", "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["status", "code", "message"],
                             "properties": {"status": {"type": "integer"},
                                            "code": {"type": "string"},
                                            "message": {"type": "string"}}}}}}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "A bad parameter", **ERROR_SCHEMA},
    404: {"description": "Unknown id", **ERROR_SCHEMA},
}


def _get(path: str, summary: str) -> Any:
    return router.get(path, summary=summary, responses=ERRORS)


@_get("/overview", "What the overview page shows")
def overview(store: StoreDep) -> dict[str, Any]:
    o = views.overview(store)
    return {
        "totals": o.totals,
        "latest_stories": [story_item(s) for s in o.latest_stories],
        "most_covered_stories": [story_item(s) for s in o.most_covered],
        "events_by_month": records.month_series(o.series),
        "newest_event": o.newest_event.isoformat() if o.newest_event else None,
        "disagreements": [disagreement_record(d) for d in o.disagreements],
        "stale_articles": [{**article_item(a), "stale_reasons": reasons}
                           for a, reasons in o.stale],
        "latest_articles": [article_item(a) for a in o.latest_articles],
    }


@_get("/stories", "Stories, latest first")
def stories(store: StoreDep, page: PageQ = 1, per_page: PerPageQ = 25) -> dict[str, Any]:
    items, paging = views.stories(store, page, per_page)
    return {"items": [story_item(s) for s in items], "paging": paging.json()}


@_get("/stories/{story_id}", "One story: its dossier (sources, timeline, actors, links, "
      "places, quotes, figures, disagreements, context)")
def story(store: StoreDep, story_id: IdPath) -> dict[str, Any]:
    v = views.story(store, story_id)
    s = v.story
    return {"story": {"id": s.id, "title": s.title,
                      "first_seen": s.first_seen.isoformat() if s.first_seen else None,
                      "last_seen": s.last_seen.isoformat() if s.last_seen else None,
                      "articles": v.article_ids},
            "dossier": jsonable(v.dossier)}


BRIEF_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
               "pdf": "application/pdf"}


def brief_response(store: Store, story_id: int, fmt: str) -> Response:
    """A story's brief as a download (shared by the page and API routes)."""
    if fmt not in BRIEF_TYPES:
        raise ApiError(404, "not_found", f"no brief format {fmt[:20]!r} (md, html or pdf)")
    if store.get_story(story_id) is None:
        raise ApiError(404, "not_found", f"no story with id {story_id}")
    from ..report.brief import render_brief
    from ..report.dossier import Selection

    data = render_brief(store, Selection(story_id=story_id), fmt)
    headers = {"Content-Disposition": f'attachment; filename="watchfloor-story-{story_id}.{fmt}"',
               # A downloaded HTML brief opened from this origin must not run anything either.
               "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                          "img-src data:; sandbox"}
    return Response(data, media_type=BRIEF_TYPES[fmt], headers=headers)


@router.get("/stories/{story_id}/brief.{fmt}", summary="A story's brief (md, html or pdf)",
            responses={**ERRORS, 200: {"description": "The brief as a file download",
                                       "content": {t.split(";")[0]: {} for t in
                                                   BRIEF_TYPES.values()}}},
            response_class=Response)
def story_brief(store: StoreDep, story_id: IdPath,
                fmt: Annotated[str, Path(description="md, html or pdf")]) -> Response:
    return brief_response(store, story_id, fmt)


@_get("/articles", "Articles, newest first, with optional filters (see /search for words)")
def articles(store: StoreDep, outlet: str | None = None, language: str | None = None,
             since: DateQ = None, until: DateQ = None, page: PageQ = 1,
             per_page: PerPageQ = 25) -> dict[str, Any]:
    return search(store, None, outlet, language, since, until, None, None, page, per_page)


@_get("/articles/{article_id}", "One article: the export's record plus every extraction")
def article(store: StoreDep, article_id: IdPath) -> dict[str, Any]:
    v = views.article(store, article_id)
    record = records.article_record(v)
    record["story_title"] = v.story[1] if v.story else None
    return record


@_get("/entities", "Entities, most covered first")
def entities(store: StoreDep,
             type: Annotated[str | None, Query(description="person, organization or place")]
             = None, page: PageQ = 1, per_page: PerPageQ = 25) -> dict[str, Any]:
    kind = parse_choice(type, "type", ENTITY_TYPES)
    items, paging = views.entities(store, kind, page, per_page)
    return {"items": [entity_item(e, a, m) for e, a, m in items], "paging": paging.json()}


@_get("/entities/{entity_id}", "One entity: profile, coverage over time, mentions, events, "
      "quotes by and about it, figures, entities named with it, stories")
def entity(store: StoreDep, entity_id: str, page: PageQ = 1,
           per_page: PerPageQ = 20) -> dict[str, Any]:
    v = views.entity(store, clean_id(entity_id), page=page, per_page=per_page)

    def brief(a: Any) -> dict[str, Any]:
        return article_item(a)

    return {
        "entity": v.record,
        "articles_by_month": {f"{d:%Y-%m}": n for d, n in sorted(v.by_month.items())},
        "undated_articles": v.undated_articles,
        "mentions": {"items": [{"id": m.id, "article_id": m.article_id, "text": m.text,
                                "method": m.method, "role": m.role, "sentence": m.sentence,
                                "extractor": m.extractor, "article": brief(m.article)}
                               for m in v.mentions],
                     "paging": v.mention_paging.json()},
        "events": [{**export.event_record(e), "article": brief(a)} for e, a in v.events],
        "quotes_by": [{**export.quote_record(q), "article": brief(a)} for q, a in v.quotes_by],
        "quotes_about": [{**export.quote_record(q), "article": brief(a)}
                         for q, a in v.quotes_about],
        "claims": [{**export.claim_record(c), "article": brief(a)} for c, a in v.claims],
        "co_mentioned": [{**entity_item(e), "shared_articles": n} for e, n in v.co_mentioned],
        "event_partners": [{"entity_id": other, "name": e.name if e else None, "type": kind,
                            "direction": direction, "count": n}
                           for e, other, kind, direction, n in v.partners],
        "stories": [story_item(s) for s in v.stories],
    }


@_get("/search", "Full-text search with filters, paged")
def search(store: StoreDep,
           q: Annotated[str | None, Query(description='words, "a phrase", prefix*, -exclude')]
           = None,
           outlet: str | None = None,
           language: Annotated[str | None, Query(description="ISO 639-1 code")] = None,
           since: DateQ = None, until: DateQ = None,
           entity: Annotated[str | None, Query(description="entity id or any spelling")] = None,
           event_type: Annotated[str | None, Query(description="PLOVER type, e.g. CONSULT")]
           = None,
           page: PageQ = 1, per_page: PerPageQ = 25) -> dict[str, Any]:
    v = views.search(store, q=clean_text(q, 1000), outlet=clean_text(outlet),
                     language=clean_text(language, 8), since=parse_date(since, "since"),
                     until=parse_date(until, "until"), entity=clean_text(entity),
                     event_type=parse_event_type(event_type), page=page, per_page=per_page)
    return {"items": [{**article_item(r.article), "snippet": r.snippet,
                       "highlight": list(r.highlight) if r.highlight else None,
                       "score": r.score} for r in v.results],
            "paging": v.paging.json(),
            "entities": [entity_item(e) for e in v.entity_matches],
            "notes": v.notes}


@_get("/disagreements", "Figures that differ between sources, conflicts first")
def disagreements(store: StoreDep,
                  status: Annotated[str | None, Query(
                      description="conflict, compatible or change")] = None,
                  subject: Annotated[str | None, Query(
                      description="entity id or any spelling")] = None,
                  page: PageQ = 1, per_page: PerPageQ = 25) -> dict[str, Any]:
    items, paging = views.disagreements(store, parse_choice(status, "status",
                                                            DISAGREEMENT_STATUSES),
                                        clean_text(subject), page, per_page)
    return {"items": [disagreement_record(d) for d in items], "paging": paging.json()}


@router.get("/{rest:path}", include_in_schema=False)
def unknown(request: Request, rest: str) -> None:
    """Any other path under /api/ is a 404 in the error shape (not a page)."""
    raise ApiError(404, "not_found", f"no API route {request.url.path[:120]}")
