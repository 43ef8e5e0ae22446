"""Files and folders to raw documents.

:func:`discover` walks the paths the user gave (following symbolic links, but refusing a link that
leads back into a folder already being walked) and returns what to read, in a stable order.
:func:`read` turns one path into raw documents: one per file, or one per record of a JSON/JSONL
dump. Problems come back as :class:`InputError` values, never raised, so a batch always goes on.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import (
    EmptyInputError,
    InputError,
    MalformedRecordError,
    MissingPathError,
    SymlinkLoopError,
    TooLargeError,
    UndecodableInputError,
    UnsupportedInputError,
)
from ..types import RawDocument

KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
MB = 1024 * 1024


def kind_of(path: Path) -> str | None:
    """The input kind from the file name (``.gz`` looks at the name inside)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return KINDS.get(suffixes[-1]) if suffixes else None


@dataclass(frozen=True)
class Found:
    """A file to read, or a problem found while walking."""

    path: Path | None
    error: InputError | None = None
    kind: str | None = None


def discover(paths: list[str]) -> tuple[list[Found], int]:
    """Files to read under ``paths`` and problems met; also the count of files ignored.

    Inside folders only known kinds are taken (hidden files and folders are skipped); a file named
    directly is read whatever its name, its kind then guessed from its content.
    """
    found: list[Found] = []
    ignored = 0
    seen_files: set[Path] = set()
    for given in paths:
        path = Path(given).expanduser()
        if path.is_symlink() and not path.exists():
            found.append(Found(None, MissingPathError(given, "broken symbolic link")))
        elif not path.exists():
            found.append(Found(None, MissingPathError(given, "no such file or folder")))
        elif path.is_dir():
            walked, skipped = _walk(path)
            ignored += skipped
            for item in walked:
                if item.path is None or item.path.resolve() not in seen_files:
                    found.append(item)
                    if item.path is not None:
                        seen_files.add(item.path.resolve())
        elif path.is_file():
            if path.resolve() not in seen_files:
                seen_files.add(path.resolve())
                found.append(Found(path, kind=kind_of(path)))
        else:
            found.append(Found(None, UnsupportedInputError(given, "not a regular file or folder")))
    return found, ignored


def _walk(root: Path) -> tuple[list[Found], int]:
    found: list[Found] = []
    ignored = 0
    ancestors: list[tuple[int, int]] = []

    def visit(folder: Path) -> None:
        nonlocal ignored
        try:
            stat = folder.stat()
        except OSError as exc:
            found.append(Found(None, MissingPathError(str(folder), f"cannot read ({exc.strerror})")))
            return
        key = (stat.st_dev, stat.st_ino)
        if key in ancestors:
            found.append(
                Found(None, SymlinkLoopError(
                    str(folder), f"symbolic link loops back to {folder.resolve()}; not followed"))
            )
            return
        ancestors.append(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            found.append(Found(None, MissingPathError(str(folder), f"cannot list ({exc.strerror})")))
            ancestors.pop()
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = entry.is_file(follow_symlinks=True)
            except OSError:
                is_dir = is_file = False
            if is_dir:
                visit(path)
            elif is_file:
                kind = kind_of(path)
                if kind is None:
                    ignored += 1
                else:
                    found.append(Found(path, kind=kind))
            elif entry.is_symlink():
                found.append(Found(None, MissingPathError(str(path), "broken symbolic link")))
        ancestors.pop()

    visit(root)
    return found, ignored


def read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes, unpacked if gzipped; refuses more than ``limit`` bytes."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(2)
            handle.seek(0)
            if head == b"\x1f\x8b":
                try:
                    with gzip.GzipFile(fileobj=handle) as unpacked:
                        data = unpacked.read(limit + 1)
                except (OSError, EOFError, zlib.error) as exc:
                    raise UndecodableInputError(source, f"corrupt gzip data ({exc})") from exc
                if len(data) > limit:
                    raise TooLargeError(
                        source, f"unpacks to more than the {limit / MB:g} MB limit (max_file_mb)"
                    )
                return data
            data = handle.read(limit + 1)
    except IsADirectoryError as exc:
        raise UnsupportedInputError(source, "is a folder") from exc
    except PermissionError as exc:
        raise MissingPathError(source, "permission denied") from exc
    except OSError as exc:
        raise MissingPathError(source, f"cannot read ({exc.strerror or exc})") from exc
    if len(data) > limit:
        size = path.stat().st_size
        raise TooLargeError(
            source, f"{size / MB:.1f} MB is over the {limit / MB:g} MB limit (max_file_mb)"
        )
    return data


def guess_kind(data: bytes) -> str:
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")):
        return "html"
    if head.startswith((b"{", b"[")):
        return "json"
    return "text"


def read(found: Found, settings: Settings) -> Iterator[RawDocument | InputError]:
    """Raw documents from one found path (several for a dump), or the problems met."""
    if found.error is not None:
        yield found.error
        return
    assert found.path is not None
    source = str(found.path)
    limit = int(settings.max_file_mb * MB)
    try:
        data = read_bytes(found.path, limit)
    except InputError as exc:
        yield exc
        return
    kind = found.kind or guess_kind(data)
    if kind in ("json", "jsonl"):
        yield from _records(source, data, kind, settings)
        return
    yield RawDocument(source=source, kind=kind, data=data)


RECORD_FIELDS = {
    "text": ("text", "content", "body", "maintext"),
    "html": ("html", "raw_html"),
    "url": ("url", "link", "source_url"),
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "datePublished", "date_publish"),
    "author": ("author", "authors", "byline"),
    "outlet": ("outlet", "site", "site_name", "source_name", "publisher"),
}


def _records(
    source: str, data: bytes, kind: str, settings: Settings
) -> Iterator[RawDocument | InputError]:
    if not data.strip():
        yield EmptyInputError(source, "empty file (no records)")
        return
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    record_limit = int(settings.max_record_mb * MB)
    if kind == "json":
        try:
            value = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield MalformedRecordError(source, f"not valid JSON ({_json_problem(exc)})")
            return
        if isinstance(value, dict) and isinstance(value.get("articles"), list):
            value = value["articles"]
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items, 1):
            label = f"{source}#record-{index}" if isinstance(value, list) else source
            yield _record(label, item, kind)
        return
    for number, line in enumerate(data.split(b"\n"), 1):
        label = f"{source}#line-{number}"
        if not line.strip():
            continue
        if len(line) > record_limit:
            yield TooLargeError(
                label, f"record is over the {record_limit / MB:g} MB limit (max_record_mb)"
            )
            continue
        try:
            item = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield MalformedRecordError(label, f"line is not valid JSON ({_json_problem(exc)})")
            continue
        yield _record(label, item, kind)


def _json_problem(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
    return "not UTF-8"


def _record(label: str, item: Any, kind: str) -> RawDocument | InputError:
    if not isinstance(item, dict):
        return MalformedRecordError(label, f"record is a JSON {type(item).__name__}, not an object")
    record: dict[str, Any] = {}
    for field, names in RECORD_FIELDS.items():
        for name in names:
            value = item.get(name)
            if value not in (None, "", []):
                record[field] = value
                break
    if "text" not in record and "html" not in record:
        return MalformedRecordError(
            label, "record has no article body (expected a 'text' or 'html' field)"
        )
    for field in ("text", "html"):
        if field in record and not isinstance(record[field], str):
            return MalformedRecordError(label, f"record field '{field}' is not a string")
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return RawDocument(source=label, kind="record", data=canonical, record=record)
