"""``watchfloor export``."""

from __future__ import annotations

import os
import sys
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..config import get_settings
from ..errors import WatchfloorError
from ..extract.run import knowledge_base
from ..report.export import write_json
from .common import err_console, state


class ExportFormat(StrEnum):
    json = "json"


def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write [default: standard output]")
    ] = None,
) -> None:
    """Write the whole store in the versioned export format (docs/export-format.md)."""
    kb = knowledge_base(get_settings())
    with state.open_store() as store:
        if output is None:
            write_json(store, sys.stdout, kb)
            return
        folder = output.resolve().parent
        if not folder.is_dir():
            raise WatchfloorError(f"cannot write {output}: folder {folder} does not exist")
        # Write beside the target and rename, so a failed export never leaves half a file.
        fd, tmp = tempfile.mkstemp(prefix=".export-", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                count = write_json(store, handle, kb)
            os.replace(tmp, output)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    err_console.print(f"wrote {count} articles to {output}")
