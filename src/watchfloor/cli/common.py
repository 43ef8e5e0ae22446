"""What the commands share: the chosen database and the consoles."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console

from ..config import get_settings
from ..store import Store

console = Console()
err_console = Console(stderr=True)


@dataclass
class State:
    db: str | None = None

    def open_store(self) -> Store:
        return Store(self.db or get_settings().db)


state = State()


def shorten(text: str | None, width: int) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
