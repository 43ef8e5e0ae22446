from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

from watchfloor.config import Settings
from watchfloor.errors import InputError
from watchfloor.ingest.files import discover, kind_of, read
from watchfloor.types import RawDocument


def _read_all(paths: list[Path], settings: Settings | None = None) -> list[RawDocument | InputError]:
    found, _ = discover([str(p) for p in paths])
    out: list[RawDocument | InputError] = []
    for item in found:
        out.extend(read(item, settings or Settings()))
    return out


def test_kind_from_name() -> None:
    assert kind_of(Path("a.HTML")) == "html"
    assert kind_of(Path("a.html.gz")) == "html"
    assert kind_of(Path("dump.jsonl")) == "jsonl"
    assert kind_of(Path("notes.pdf")) is None
    assert kind_of(Path("README")) is None


def test_folder_walk_is_sorted_skips_hidden_and_other_kinds(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.md").write_text("a")
    (tmp_path / ".hidden.txt").write_text("h")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.html").write_text("<p>c</p>")
    found, ignored = discover([str(tmp_path)])
    assert [f.path.name for f in found if f.path] == ["a.md", "b.txt", "c.html"]
    assert ignored == 1


def test_missing_path_and_broken_link(tmp_path: Path) -> None:
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    found, _ = discover([str(tmp_path / "absent.txt"), str(tmp_path / "dangling")])
    messages = [str(f.error) for f in found]
    assert messages == [
        f"{tmp_path / 'absent.txt'}: no such file or folder",
        f"{tmp_path / 'dangling'}: broken symbolic link",
    ]


def test_symlink_loop_is_reported_once_and_walk_finishes(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "inner").mkdir(parents=True)
    (root / "inner" / "a.txt").write_text("text")
    os.symlink(root, root / "inner" / "back")
    found, _ = discover([str(root)])
    files = [f.path.name for f in found if f.path]
    errors = [str(f.error) for f in found if f.error]
    assert files == ["a.txt"]
    assert errors == [
        f"{root / 'inner' / 'back'}: symbolic link loops back to {root.resolve()}; not followed"
    ]


def test_same_file_given_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x")
    found, _ = discover([str(path), str(tmp_path)])
    assert len(found) == 1


def test_gzip_is_unpacked_and_limited(tmp_path: Path) -> None:
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(b"<html><body><p>hello</p></body></html>"))
    [doc] = _read_all([page])
    assert isinstance(doc, RawDocument) and doc.kind == "html" and b"hello" in doc.data

    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * (3 * 1024 * 1024)))
    [error] = _read_all([bomb], Settings(max_file_mb=1))
    assert str(error) == f"{bomb}: unpacks to more than the 1 MB limit (max_file_mb)"


def test_corrupt_gzip(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt.gz"
    path.write_bytes(gzip.compress(b"some text here")[:12])
    [error] = _read_all([path])
    assert isinstance(error, InputError)
    assert str(error).startswith(f"{path}: corrupt gzip data (")


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 300_000)
    [error] = _read_all([path], Settings(max_file_mb=1))
    assert str(error) == f"{path}: 1.4 MB is over the 1 MB limit (max_file_mb)"


def test_jsonl_records_and_malformed_lines(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"url": "https://x.test/a", "title": "A", "text": "Body A", "date": "2025-03-10"}),
        '{"title": "broken", "text": ',
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no body"}),
        "",
        json.dumps({"html": "<p>B</p>", "headline": "B", "authors": ["X", "Y"]}),
    ]
    path.write_text("\n".join(lines))
    results = _read_all([path])
    assert [str(r) if isinstance(r, InputError) else r.source for r in results] == [
        f"{path}#line-1",
        f"{path}#line-2: line is not valid JSON (Expecting value at line 1, column 29)",
        f"{path}#line-3: record is a JSON list, not an object",
        f"{path}#line-4: record has no article body (expected a 'text' or 'html' field)",
        f"{path}#line-6",
    ]
    first, last = results[0], results[-1]
    assert isinstance(first, RawDocument) and first.record == {
        "url": "https://x.test/a", "title": "A", "text": "Body A", "published": "2025-03-10"
    }
    assert isinstance(last, RawDocument) and last.record == {
        "html": "<p>B</p>", "title": "B", "author": ["X", "Y"]
    }


def test_json_file_with_list_or_articles_key(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(json.dumps({"articles": [{"text": "one"}, {"text": "two"}]}))
    results = _read_all([path])
    assert [r.source for r in results if isinstance(r, RawDocument)] == [
        f"{path}#record-1", f"{path}#record-2"
    ]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    [error] = _read_all([bad])
    assert str(error) == (
        f"{bad}: not valid JSON (Expecting property name enclosed in double quotes at line 1, "
        "column 2)"
    )


def test_file_without_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_text("<!DOCTYPE html><html><body>x</body></html>")
    [doc] = _read_all([path])
    assert isinstance(doc, RawDocument) and doc.kind == "html"
