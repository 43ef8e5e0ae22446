"""What the commands share: the chosen database and the consoles."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from ..config import get_settings
from ..report.format import entity_ids, figure, shorten, when  # noqa: F401  (re-exported)
from ..store import Store

console = Console()
err_console = Console(stderr=True)


@dataclass
class State:
    db: str | None = None

    def open_store(self) -> Store:
        return Store(self.db or get_settings().db)


state = State()


def progress_bar(label: str, unit: str, *, quiet: bool = False) -> Progress:
    """The progress display of long work, on stderr, gone when done."""
    return Progress(SpinnerColumn(), TextColumn(f"[bold]{label}"), BarColumn(),
                    MofNCompleteColumn(), TextColumn(unit), TimeElapsedColumn(),
                    TimeRemainingColumn(), console=err_console, transient=True, disable=quiet)
