"""The dashboard's HTML pages. Each renders a view from :mod:`.views` with a template."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..store import Store
from . import views
from .api import brief_response
from .common import (
    DISAGREEMENT_STATUSES,
    ENTITY_TYPES,
    MAX_ID,
    MAX_PAGE,
    STATIC,
    clean_id,
    clean_text,
    get_store,
    parse_choice,
    parse_date,
    parse_event_type,
    render,
)
from .highlight import KINDS
from .queries import languages, outlets

router = APIRouter(include_in_schema=False)

StoreDep = Annotated[Store, Depends(get_store)]
IdPath = Annotated[int, Path(ge=0, le=MAX_ID)]
PageQ = Annotated[int, Query(ge=1, le=MAX_PAGE)]
PER_PAGE = 25


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "overview.html", {"o": views.overview(store), "nav": "overview"})


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, store: StoreDep, page: PageQ = 1) -> HTMLResponse:
    items, paging = views.stories(store, page, PER_PAGE)
    return render(request, "stories.html", {"items": items, "paging": paging,
                                            "nav": "stories"})


@router.get("/story/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, store: StoreDep,
               story_id: IdPath) -> HTMLResponse:
    v = views.story(store, story_id)
    return render(request, "story.html", {"v": v, "d": v.dossier, "nav": "stories"})


@router.get("/story/{story_id}/brief.{fmt}")
def story_brief(store: StoreDep, story_id: IdPath, fmt: str) -> Response:
    return brief_response(store, story_id, fmt)


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, store: StoreDep, type: str | None = None,
                  page: PageQ = 1) -> HTMLResponse:
    kind = parse_choice(type, "type", ENTITY_TYPES)
    items, paging = views.entities(store, kind, page, PER_PAGE)
    return render(request, "entities.html", {"items": items, "paging": paging, "kind": kind,
                                             "nav": "entities"})


@router.get("/entity/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, store: StoreDep, entity_id: str,
                page: PageQ = 1) -> HTMLResponse:
    v = views.entity(store, clean_id(entity_id), page=page, per_page=20)
    return render(request, "entity.html", {"v": v, "e": v.summary, "r": v.record,
                                           "nav": "entities"})


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, store: StoreDep,
                 article_id: IdPath) -> HTMLResponse:
    v = views.article(store, article_id)
    return render(request, "article.html", {"v": v, "a": v.article, "kinds": KINDS,
                                            "nav": ""})


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep, q: str | None = None,
                outlet: str | None = None, language: str | None = None,
                since: str | None = None, until: str | None = None, entity: str | None = None,
                event_type: str | None = None, page: PageQ = 1) -> HTMLResponse:
    v = views.search(store, q=clean_text(q, 1000), outlet=clean_text(outlet),
                     language=clean_text(language, 8), since=parse_date(since, "since"),
                     until=parse_date(until, "until"), entity=clean_text(entity),
                     event_type=parse_event_type(event_type), page=page, per_page=PER_PAGE)
    return render(request, "search.html", {"v": v, "outlets": outlets(store),
                                           "languages": languages(store), "nav": "search"})


@router.get("/disagreements", response_class=HTMLResponse)
def disagreements_page(request: Request, store: StoreDep, status: str | None = None,
                       subject: str | None = None, page: PageQ = 1) -> HTMLResponse:
    chosen = parse_choice(status, "status", DISAGREEMENT_STATUSES)
    items, paging = views.disagreements(store, chosen, clean_text(subject), page, PER_PAGE)
    return render(request, "disagreements.html", {"items": items, "paging": paging,
                                                  "status": chosen, "subject": subject or "",
                                                  "nav": "overview"})


@router.get("/favicon.ico")
def favicon() -> Response:
    """Browsers ask for it whatever the page says; answer with the app's own icon."""
    return Response((STATIC / "favicon.svg").read_bytes(), media_type="image/svg+xml",
                    headers={"Cache-Control": "public, max-age=86400"})
