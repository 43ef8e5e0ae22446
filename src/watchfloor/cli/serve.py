"""``watchfloor serve``: the dashboard and JSON API on this machine."""

from __future__ import annotations

import threading
import webbrowser
from typing import Annotated

import typer

from ..config import get_settings
from .common import console, err_console, state

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on. The dashboard has no login: "
                                           "keep it on 127.0.0.1 unless you mean to share it.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    open_browser: Annotated[bool, typer.Option("--open/--no-open",
                                               help="Open the dashboard in a browser.")] = False,
) -> None:
    """Serve the dashboard (overview, stories, entities, articles, search) and its JSON API,
    read-only, until interrupted."""
    import uvicorn

    from ..web import create_app

    db = state.db or get_settings().db
    app = create_app(db)  # opens (and migrates) the store now: a bad --db fails before serving
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    if host not in LOOPBACK:
        err_console.print(f"[yellow]warning:[/yellow] listening on {host}: anyone who can reach "
                          "this address can read the store (there is no login)")
    console.print(f"watchfloor dashboard on [bold]{url}[/bold] (read-only; Ctrl-C stops it)")
    if open_browser:
        threading.Timer(1.0, lambda: webbrowser.open(url)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                server_header=False)
