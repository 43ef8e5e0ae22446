"""The ingest pipeline end to end: bad inputs, idempotence, duplicates and interrupted batches."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from watchfloor.config import Settings
from watchfloor.pipeline import ingest_paths, parse_date
from watchfloor.report.export import article_record
from watchfloor.store import Store

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
from corpusgen import write_corpus  # noqa: E402

ARTICLE = (
    "KFOR said on Monday that it had increased patrols around Zvečan and Leposavić after "
    "protests in northern Kosovo. The mission added that it remained in contact with Pristina "
    "and Belgrade.\n\nNATO Secretary General Mark Rutte said the Alliance would keep its "
    "presence in Kosovo for as long as necessary."
)
PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>KFOR steps up patrols</title>"
    "<meta property='og:site_name' content='Sava Daily'>"
    "<meta property='article:published_time' content='2025-03-11T09:00:00+01:00'></head>"
    "<body><nav><a href='/'>Home</a> <a href='/region'>Region</a></nav><article>"
    "<h1>KFOR steps up patrols</h1>"
    + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
    + "</article><footer>© 2025 Sava Daily</footer></body></html>"
)


def _bad_batch(folder: Path) -> dict[str, str]:
    """Write one good input and one of each bad kind; return the expected message per file."""
    folder.mkdir()
    (folder / "good.txt").write_text("KFOR steps up patrols\n\n" + ARTICLE)
    (folder / "page.html").write_text(PAGE)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (folder / "latin.txt").write_bytes(b"NATO " + b"\xc3\x28\xa0\xa1\xfe\xff" * 200)
    (folder / "huge.txt").write_bytes(b"Kosovo " * 200_000)
    (folder / "nav-only.html").write_text(
        "<html><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav></body></html>")
    (folder / "dump.jsonl").write_text(
        json.dumps({"title": "Record", "text": ARTICLE.replace("Monday", "Tuesday")}) + "\n"
        + "{broken\n"
    )
    loop = folder / "loop"
    loop.mkdir()
    os.symlink(folder, loop / "again")
    return {
        "empty.txt": "empty file (no text at all)",
        "image.txt": "binary file (PNG image), not text",
        "latin.txt": "not valid UTF-8 (first bad byte at offset 5)",
        "huge.txt": "1.3 MB is over the 1 MB limit (max_file_mb)",
        "nav-only.html": "no article text",
        "dump.jsonl#line-2": "line is not valid JSON",
        "again": "symbolic link loops back to",
    }


def test_bad_inputs_are_reported_and_the_rest_is_stored(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    expected = _bad_batch(folder)
    report = ingest_paths(store, [str(folder), str(tmp_path / "missing.txt")],
                          settings=Settings(max_file_mb=1))
    failures = {Path(o.source).name: o.message or "" for o in report.failures}
    for name, problem in expected.items():
        assert name in failures, f"{name} not reported"
        assert problem in failures[name]
        assert failures[name].startswith(str(folder))
    assert failures["missing.txt"] == f"{tmp_path / 'missing.txt'}: no such file or folder"
    # page.html carries the same text as good.txt: logged as another source of that article.
    assert (report.counts["stored"], report.counts["duplicate"]) == (2, 1)
    assert store.count_articles() == 2
    logged = {e.source for e in store.log(status="failed")}
    assert len(logged) == len(expected) + 1
    assert store.integrity_problems() == []


def test_bad_inputs_never_touch_stored_articles(store: Store, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("KFOR steps up patrols\n\n" + ARTICLE)
    ingest_paths(store, [str(good)])
    before = [article_record(a) for a in store.iter_articles()]
    ingest_paths(store, [str(tmp_path / "nothing"), str(_write(tmp_path / "e.txt", b""))])
    assert [article_record(a) for a in store.iter_articles()] == before


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _export(store: Store, *, drop: tuple[str, ...] = ()) -> list[dict[str, object]]:
    return [{k: v for k, v in article_record(a).items() if k not in drop}
            for a in store.iter_articles()]


def test_reingest_changes_nothing(store: Store, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 40)
    first = ingest_paths(store, [str(corpus)])
    assert first.counts["stored"] == 40 and not first.failures
    before = _export(store)
    second = ingest_paths(store, [str(corpus)])
    assert second.counts == {"unchanged": 40}
    assert _export(store) == before
    assert len(store.log(limit=1000)) == 40


def test_same_text_elsewhere_is_a_duplicate(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("KFOR steps up patrols\n\n" + ARTICLE)
    (tmp_path / "copy.txt").write_text("KFOR steps up patrols\n\n" + ARTICLE + "\n")
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    report = ingest_paths(store, [str(tmp_path)])
    statuses = {Path(o.source).name: o.status for o in report.outcomes}
    assert statuses == {"a.txt": "stored", "copy.txt": "duplicate", "page.html.gz": "duplicate"}
    [article] = list(store.iter_articles())
    assert len(article.sources) == 3


def test_record_metadata_wins(store: Store, tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({
        "url": "https://sava.test/2025/03/11/kfor", "title": "KFOR steps up patrols",
        "published": "2025-03-11T08:00:00Z", "author": ["Ana Petrović", "Arben Krasniqi"],
        "outlet": "Sava Daily", "text": ARTICLE,
    }) + "\n")
    ingest_paths(store, [str(dump)])
    [article] = list(store.iter_articles())
    assert article.title == "KFOR steps up patrols"
    assert article.author == "Ana Petrović, Arben Krasniqi"
    assert article.outlet == "Sava Daily"
    assert (article.published.isoformat(), article.published_basis) == ("2025-03-11", "metadata")
    assert article.canonical_url == "https://sava.test/2025/03/11/kfor"
    assert article.source == f"{dump}#line-1"
    assert article.language == "en"


def test_parse_date_forms() -> None:
    assert str(parse_date("2025-03-11T08:00:00Z")) == "2025-03-11"
    assert str(parse_date("11.03.2025")) == "2025-03-11"
    assert str(parse_date("March 11, 2025")) == "2025-03-11"
    assert parse_date("2025-02-30") is None
    assert parse_date("sometime") is None
    assert parse_date(20250311) is None


@pytest.mark.slow
def test_killed_batch_leaves_a_consistent_store_and_rerun_completes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 400)
    db = tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "watchfloor", "--db", str(db), "ingest", "-q", str(corpus)]
    env = {**os.environ, "WATCHFLOOR_CONFIG": str(tmp_path / "none.toml")}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                engine = create_engine(f"sqlite:///{db}")
                with engine.connect() as conn:
                    stored = conn.execute(text("SELECT count(*) FROM articles")).scalar() or 0
                engine.dispose()
            except Exception:  # noqa: BLE001 - the schema may not exist yet
                stored = 0
            if stored >= 50:
                break
    assert proc.poll() is None, "the batch finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store(str(db)) as store:
        assert store.integrity_problems() == []
        partial = store.count_articles()
        assert 50 <= partial < 400
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with Store(str(db)) as resumed, Store(str(tmp_path / "clean.db")) as clean:
        ingest_paths(clean, [str(corpus)])
        assert resumed.integrity_problems() == []
        assert _export(resumed, drop=("ingested_at",)) == _export(clean, drop=("ingested_at",))
