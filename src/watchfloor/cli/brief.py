"""``watchfloor brief``: an analyst brief with a verified citation for every statement."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..errors import WatchfloorError
from ..report.brief import FORMATS, write_brief
from ..report.dossier import Selection
from ..report.verify import BriefCheckError
from .common import console, err_console, state


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=name) from None


def brief(
    story: Annotated[int | None, typer.Option(help="Story id (see `watchfloor stories`)")] = None,
    entity: Annotated[str | None, typer.Option(help="Person or organisation: name, any "
                                                    "spelling, or id")] = None,
    place: Annotated[str | None, typer.Option(help="Place: name, any spelling, or id")] = None,
    since: Annotated[str | None, typer.Option(help="First day, YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="Last day, YYYY-MM-DD")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="md, html or pdf")] = "md",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write "
                                                "[default: Markdown to the terminal]")] = None,
    drop_unsupported: Annotated[bool, typer.Option(
        "--drop-unsupported", help="Leave out statements that fail the citation check (listed "
                                   "in the brief) instead of writing nothing")] = False,
) -> None:
    """Write a brief: Summary, Timeline, Actors, Who said what, Figures, Sources, Context,
    Outlook, each statement citing the sentence it rests on (checked before writing)."""
    if format not in FORMATS:
        raise typer.BadParameter("must be md, html or pdf", param_hint="--format")
    if format != "md" and output is None:
        raise typer.BadParameter(f"a {format} brief needs a file: -o brief.{format}",
                                 param_hint="--output")
    selection = Selection(story, entity, place, _date(since, "--since"), _date(until, "--until"))
    with state.open_store() as store:
        try:
            data, made = write_brief(store, selection, format, drop_unsupported=drop_unsupported)
        except BriefCheckError as exc:
            err_console.print(f"[red]error:[/red] the citation check failed for "
                              f"{len(exc.problems)} statement(s); no brief was written:",
                              highlight=False)
            for p in exc.problems:
                err_console.print(f"  - {escape(str(p))}", highlight=False, soft_wrap=True)
            err_console.print("Run again with --drop-unsupported to write the brief without "
                              "them.", highlight=False)
            raise typer.Exit(2) from None
    for p in made.omitted:
        err_console.print(f"[yellow]left out:[/yellow] {escape(str(p))}", highlight=False)
    if output is None:
        console.print(data.decode("utf-8"), markup=False, highlight=False, soft_wrap=True)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = output.with_name(output.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(output)
    except OSError as exc:
        raise WatchfloorError(f"cannot write {output}: {exc.strerror or exc}") from None
    err_console.print(f"wrote {output} ({len(data):,} bytes): {len(made.notes)} citations, "
                      f"{made.read} sources", highlight=False)
