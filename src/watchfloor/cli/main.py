"""The ``watchfloor`` command. Commands live in one module each; this one wires them up.

Any :class:`~watchfloor.errors.WatchfloorError` becomes one line ``error: ...`` on stderr and exit
status 2; there is no traceback for a problem the user can fix. Exit status 1 means the command ran
but found a problem (an input that failed, an inconsistent store).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated

import typer
from rich.markup import escape

from .. import __version__
from ..errors import WatchfloorError
from . import articles, brief, entities, export, facts, ingest, serve, stories
from .common import err_console, state

app = typer.Typer(
    name="watchfloor",
    help="A local-first news-intelligence watch floor: ingest, clean, search, extract and export.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"watchfloor {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="WATCHFLOOR_DB",
            help="Database: a SQLite file path or URL, or postgresql://... "
            "[default: ./watchfloor.db]",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    state.db = db


def _guarded(command: Callable[..., None]) -> Callable[..., None]:
    """Turn a WatchfloorError into one line on stderr and exit status 2."""

    @functools.wraps(command)
    def wrapper(*args: object, **kwargs: object) -> None:
        try:
            command(*args, **kwargs)
        except WatchfloorError as exc:
            err_console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False,
                              soft_wrap=True)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            err_console.print("interrupted: what was stored so far is kept; run the same command "
                              "again to go on")
            raise typer.Exit(130) from None

    return wrapper


for _name, _command in (
    ("ingest", ingest.ingest),
    ("articles", articles.list_articles),
    ("show", articles.show),
    ("search", articles.search),
    ("log", ingest.log),
    ("check", ingest.check),
    ("export", export.export),
    ("extract", entities.extract),
    ("entities", entities.entities),
    ("entity", entities.entity),
    ("quotes", facts.quotes),
    ("claims", facts.claims),
    ("events", facts.events),
    ("timeline", facts.timeline),
    ("stories", stories.stories),
    ("story", stories.story),
    ("disagreements", stories.disagreements),
    ("brief", brief.brief),
    ("serve", serve.serve),
):
    app.command(_name)(_guarded(_command))
