"""The dashboard's application: pages, the JSON API, static files, headers and errors.

Design rules, each for a reason:

- Read-only. Every route is a GET; nothing here writes to the store. An analyst can leave the
  dashboard open on the same store an ingest is writing to.
- Article text is hostile. Templates autoescape everything; highlighted text is built from plain
  string segments (:mod:`.highlight`); the Content-Security-Policy forbids inline scripts and
  styles, so even a missed escape could not run. Links from article data are only made for
  ``http(s)`` URLs.
- Offline. Scripts, styles, the icon and every chart and map (server-side SVG) come from this app;
  no page asks another host for anything.
- One error shape. Any failure under ``/api/`` — a bad parameter, an unknown id or route, a bug —
  is ``{"error": {"status", "code", "message"}}``; pages show the same information as HTML.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..config import get_settings
from ..errors import NotFoundError, WatchfloorError
from ..store import Store
from . import api, pages
from .common import STATIC, ApiError, render

log = logging.getLogger("watchfloor.web")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

_STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 406: "not_acceptable", 413: "too_large",
                 415: "unsupported_media_type", 422: "bad_parameter", 429: "too_many_requests",
                 500: "internal_error", 503: "unavailable"}


class SecurityHeaders:
    """Adds the security headers to every response, and answers HEAD as GET without a body
    (FastAPI's routes accept only the methods they declare). Pure ASGI: no buffering."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            elif message["type"] == "http.response.body" and head:
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def error_response(request: Request, status: int, code: str, message: str) -> Response:
    """The one error shape: JSON under ``/api/``, a page elsewhere."""
    if _wants_json(request):
        response: Response = JSONResponse(
            {"error": {"status": status, "code": code, "message": message}}, status_code=status)
    else:
        response = render(request, "error.html", {"status": status, "code": code, "nav": "",
                                                  "message": message}, status=status)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _validation_message(exc: RequestValidationError) -> str:
    """Pydantic's errors as one readable line: ``page: must be ≥ 1; since: not a date``."""
    parts = []
    for error in exc.errors():
        where = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body")]
        parts.append(f"{'.'.join(where) or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(request, exc.status, exc.code, exc.message)

    async def not_found(request: Request, exc: Exception) -> Response:
        return error_response(request, 404, "not_found", str(exc))

    async def watchfloor_error(request: Request, exc: Exception) -> Response:
        # A WatchfloorError is a problem the message explains (a selection a brief cannot be
        # made from, a store that cannot be read): not a crash, so no traceback.
        log.warning("%s %s: %s", request.method, request.url.path, exc)
        return error_response(request, 422, "cannot_process", str(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = _STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed here: the dashboard is read-only (GET)"
        return error_response(request, exc.status_code, code, message)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, 400, "bad_parameter", _validation_message(exc))

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal_error",
                              "unexpected error; the server log has the details")

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(NotFoundError, not_found)
    app.add_exception_handler(WatchfloorError, watchfloor_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected)


def create_app(db: str | None = None, *, store: Store | None = None) -> FastAPI:
    """The dashboard for the store at ``db`` (default: the configured store), or for an open
    ``store``. The store is closed when the application shuts down, if it was opened here."""
    owned = store is None
    opened = store if store is not None else Store(db or get_settings().db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if owned:
                opened.close()

    app = FastAPI(
        title="watchfloor",
        version=__version__,
        summary="Read-only JSON API of a watchfloor store: the data the dashboard shows.",
        description=("Every failure returns `{\"error\": {\"status\", \"code\", \"message\"}}`. "
                     "Field names follow the export format (docs/export-format.md)."),
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = opened
    app.add_middleware(SecurityHeaders)
    _install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router, prefix="/api")
    app.include_router(pages.router)
    return app


def app_from_env() -> Any:
    """An application for ``uvicorn --factory watchfloor.web.app:app_from_env``."""
    return create_app()
