"""What the pages and the API share: the store, parameter checks, templates and filters."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .. import __version__
from ..extract.events import TYPES as EVENT_TYPES
from ..report.format import figure, shorten, when
from ..store import Store

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")
ENTITY_TYPES = ("person", "organization", "place")
DISAGREEMENT_STATUSES = ("conflict", "compatible", "change")
MAX_PAGE = 10_000
"""Deeper pages are refused: nobody reads page 10,001, and OFFSET costs grow with it."""
MAX_PER_PAGE = 100
MAX_ID = 2**31 - 1
"""Integer ids are 32-bit in the schema (PostgreSQL ``integer``); larger ones cannot exist."""


class ApiError(Exception):
    """A failure with its HTTP status, a stable code and a message for a person."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def bad(name: str, message: str) -> ApiError:
    return ApiError(400, "bad_parameter", f"{name}: {message}")


def parse_date(value: str | None, name: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` parameter; empty means absent (HTML forms send empty fields)."""
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise bad(name, f"{shorten(value, 40)!r} is not a date (YYYY-MM-DD)") from None


def parse_choice(value: str | None, name: str, choices: tuple[str, ...], *,
                 upper: bool = False) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip().upper() if upper else value.strip().lower()
    if value not in choices:
        raise bad(name, f"{shorten(value, 40)!r} is not one of {', '.join(choices)}")
    return value


def parse_event_type(value: str | None) -> str | None:
    return parse_choice(value, "event_type", EVENT_TYPES, upper=True)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str | None, limit: int = 200) -> str | None:
    """A free-text parameter, trimmed, without control characters (PostgreSQL refuses a NUL in
    a string); empty means absent."""
    if value is None:
        return None
    value = " ".join(_CONTROL.sub(" ", value).split())[:limit]
    return value or None


def clean_id(value: str) -> str:
    """An id from a URL path: one with control characters cannot exist in the store."""
    if _CONTROL.search(value) or len(value) > 300:
        raise ApiError(404, "not_found", f"no entity with id {shorten(value, 80)!r}")
    return value


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int
    total: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first_item(self) -> int:
        return min(self.total, self.offset + 1)

    @property
    def last_item(self) -> int:
        return min(self.total, self.offset + self.per_page)

    def json(self) -> dict[str, int]:
        return {"page": self.page, "per_page": self.per_page, "total": self.total,
                "pages": self.pages}


def check_paging(page: int, per_page: int) -> tuple[int, int]:
    """Page numbers are validated by the route signature too; this keeps the rule in one place
    for callers that build their own."""
    if not 1 <= page <= MAX_PAGE:
        raise bad("page", f"must be between 1 and {MAX_PAGE}")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise bad("per_page", f"must be between 1 and {MAX_PER_PAGE}")
    return page, per_page


# -- templates ----------------------------------------------------------------------------------

def _date(value: dt.date | None, empty: str = "undated") -> str:
    return value.isoformat() if value else empty


def _article_title(brief: Any, width: int = 110) -> str:
    """An article's title, or its first words marked as such (no title is ever made up)."""
    title = getattr(brief, "title", None)
    if title:
        return shorten(title, width)
    lead = getattr(brief, "lead", None) or getattr(brief, "text", "") or ""
    return "(no title) " + shorten(lead, width - 11)


def entity_url(entity_id: str) -> str:
    """The page of an entity (ids are slugs and ``type:slug`` keys; quoted all the same)."""
    return "/entity/" + quote(entity_id, safe=":")


def _safe_url(url: str | None) -> str | None:
    """A URL from article data, only if it is plain http(s): a ``javascript:`` URL stays text."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def _query(request: Request, **changes: Any) -> str:
    """The current query string with some parameters changed (for pagers and filters)."""
    params = {k: v for k, v in request.query_params.multi_items()}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params) if params else "?"


def _number(value: float | int) -> str:
    return f"{value:,}"


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def _svg(markup: str | None) -> Markup | None:
    """SVG from :mod:`watchfloor.graphics`, which escapes every label it writes."""
    return Markup(markup) if markup else None


environment = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=True,  # every template, whatever its extension
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.filters.update({
    "date": _date, "when": when, "figure": figure, "shorten": shorten,
    "article_title": _article_title, "entity_url": entity_url, "safe_url": _safe_url,
    "number": _number, "percent": _percent, "svg": _svg,
})
environment.globals.update({"version": __version__, "event_types": EVENT_TYPES,
                            "entity_types": ENTITY_TYPES, "query": _query})


def render(request: Request, template: str, context: dict[str, Any], *,
           status: int = 200) -> HTMLResponse:
    page = environment.get_template(template).render(request=request, **context)
    return HTMLResponse(page, status_code=status)
