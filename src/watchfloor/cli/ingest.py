"""``watchfloor ingest``, ``log`` and ``check``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..pipeline import ingest_paths
from ..types import IngestOutcome
from .common import console, err_console, progress_bar, shorten, state
from .entities import run_extraction


def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files and folders: .txt .md .html .htm (also .gz) .json .jsonl"),
    ],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary.")] = False,
    extract: Annotated[bool, typer.Option(
        "--extract/--no-extract", help="Find entities in the new articles right away.")] = True,
) -> None:
    """Read articles from files and folders, clean them and store them.

    Inputs already stored are left unchanged; a bad input is reported and logged, and the rest of
    the batch is stored. Exits with status 1 when some input failed.
    """
    store = state.open_store()
    progress = progress_bar("ingest", "files", quiet=quiet)
    task = progress.add_task("ingest", total=None)

    def on_outcome(outcome: IngestOutcome) -> None:
        if outcome.status == "failed" and not quiet:
            progress.console.print(f"[red]failed[/red]  {escape(outcome.message or '')}",
                                   highlight=False, soft_wrap=True)

    with store:
        with progress:
            report = ingest_paths(
                store,
                paths,
                on_start=lambda total: progress.update(task, total=total),
                on_outcome=on_outcome,
                on_file_done=lambda: progress.advance(task),
            )
        extracted = run_extraction(store, quiet=quiet) if extract else 0
    counts = report.counts
    summary = Table.grid(padding=(0, 2))
    for status, style in (("stored", "green"), ("unchanged", "dim"), ("duplicate", "yellow"),
                          ("failed", "red")):
        summary.add_row(f"[{style}]{status}[/{style}]", str(counts.get(status, 0)))
    if extracted:
        summary.add_row("[cyan]analysed[/cyan]", f"{extracted} (entities, times, quotes, figures, events)")
    if report.ignored:
        summary.add_row("[dim]ignored[/dim]", f"{report.ignored} (files of other kinds in folders)")
    console.print(summary)
    if report.failures:
        reasons: dict[str, int] = {}
        for failure in report.failures:
            reasons[failure.error_code or "?"] = reasons.get(failure.error_code or "?", 0) + 1
        console.print(
            "[red]failures by kind:[/red] "
            + ", ".join(f"{_REASONS.get(code, code)} {n}" for code, n in sorted(reasons.items()))
            + "  (see `watchfloor log --failed`)"
        )
        raise typer.Exit(1)


_REASONS = {
    "W101": "missing/unreadable",
    "W102": "symlink loop",
    "W103": "empty",
    "W104": "binary",
    "W105": "undecodable",
    "W106": "too large",
    "W107": "malformed record",
    "W108": "no article",
    "W109": "unsupported",
}


def log(
    failed: Annotated[bool, typer.Option("--failed", help="Only inputs that failed.")] = False,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
) -> None:
    """The ingest log: every input offered, newest first, with what became of it."""
    with state.open_store() as store:
        entries = store.log(status="failed" if failed else None, limit=limit)
    table = Table("when", "status", "article", "source / reason", box=None, header_style="bold")
    for entry in entries:
        detail = entry.message if entry.status == "failed" else entry.source
        table.add_row(
            entry.seen_at.strftime("%Y-%m-%d %H:%M"),
            entry.status,
            str(entry.article_id or ""),
            escape(shorten(detail, 160)),
        )
    console.print(table if entries else "[dim]the log is empty[/dim]")


def check() -> None:
    """Check the store's consistency (database integrity, search index, ingest log)."""
    with state.open_store() as store:
        problems = store.integrity_problems()
        count = store.count_articles()
    if problems:
        for problem in problems:
            err_console.print(f"[red]problem[/red] {escape(problem)}")
        raise typer.Exit(1)
    console.print(f"ok: {count} articles, search index and log consistent")
