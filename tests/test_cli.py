"""The command line as a user runs it: messages and exit statuses are part of the interface."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from watchfloor.cli.main import app

from .test_ingest import ARTICLE, PAGE


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "kfor.txt").write_text("KFOR steps up patrols\n\n" + ARTICLE)
    (folder / "page.html").write_text(PAGE.replace("Monday", "Friday").replace("KFOR steps",
                                                                                 "KFOR adds"))
    (folder / "vucic.txt").write_text(
        "Вучић у Бриселу\n\nПредседник Србије Александар Вучић састао се у Бриселу са "
        "представницима Европске уније. Разговори о нормализацији односа са Приштином настављени "
        "су уз посредовање ЕУ.")
    return folder


def invoke(runner: CliRunner, db: str, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--db", db, *args])


def test_ingest_list_show_search_export(runner: CliRunner, db_url: str, corpus: Path,
                                        tmp_path: Path) -> None:
    result = invoke(runner, db_url, "ingest", str(corpus))
    assert result.exit_code == 0, result.output
    assert "stored" in result.output and "3" in result.output

    result = invoke(runner, db_url, "articles")
    assert result.exit_code == 0
    assert "KFOR steps up patrols" in result.output and "3 of 3 articles" in result.output

    result = invoke(runner, db_url, "show", "1")
    assert result.exit_code == 0
    assert "Mark Rutte" in result.output and "plaintext-rules/1" in result.output

    result = invoke(runner, db_url, "search", "vucic")
    assert result.exit_code == 0
    assert "Вучић" in result.output

    out = tmp_path / "export.json"
    result = invoke(runner, db_url, "export", "--format", "json", "-o", str(out))
    assert result.exit_code == 0
    data = json.loads(out.read_text())
    assert data["format"] == "watchfloor-export" and data["version"] == 1
    assert [a["id"] for a in data["articles"]] == [1, 2, 3]
    languages = {a["title"]: a["language"] for a in data["articles"]}
    assert languages["Вучић у Бриселу"] == "sr"

    again = invoke(runner, db_url, "ingest", str(corpus))
    assert again.exit_code == 0 and "unchanged" in again.output
    out2 = tmp_path / "export2.json"
    invoke(runner, db_url, "export", "-o", str(out2))
    assert out2.read_bytes() == out.read_bytes()


def test_failed_input_exits_1_with_one_line(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = invoke(runner, str(tmp_path / "s.db"), "ingest", str(empty))
    assert result.exit_code == 1
    assert f"failed  {empty}: empty file (no text at all)" in result.output
    log = invoke(runner, str(tmp_path / "s.db"), "log", "--failed")
    assert "empty file (no text at all)" in log.output


def test_unknown_id_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, str(tmp_path / "s.db"), "show", "42")
    assert result.exit_code == 2
    assert "error: no article with id 42" in result.output
    assert "Traceback" not in result.output


def test_bad_database_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, str(tmp_path / "nope" / "s.db"), "articles")
    assert result.exit_code == 2
    assert f"error: database '{tmp_path / 'nope' / 's.db'}': folder {tmp_path / 'nope'} does not exist" in result.output


@pytest.mark.parametrize("query", ['"', "NEAR(", "-", "*", "a OR", "x' --"])
def test_search_any_input(runner: CliRunner, tmp_path: Path, corpus: Path, query: str) -> None:
    db = str(tmp_path / "s.db")
    invoke(runner, db, "ingest", "-q", str(corpus))
    result = invoke(runner, db, "search", query)
    assert result.exit_code == 0, result.output


def test_check_reports_consistency(runner: CliRunner, tmp_path: Path, corpus: Path) -> None:
    db = str(tmp_path / "s.db")
    invoke(runner, db, "ingest", "-q", str(corpus))
    result = invoke(runner, db, "check")
    assert result.exit_code == 0
    assert "ok: 3 articles" in result.output


def test_every_command_has_help(runner: CliRunner) -> None:
    for command in ("ingest", "articles", "show", "search", "export", "log", "check"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output


def test_entities_entity_and_export(runner: CliRunner, db_url: str, corpus: Path,
                                    tmp_path: Path) -> None:
    assert invoke(runner, db_url, "ingest", "-q", str(corpus)).exit_code == 0
    listing = invoke(runner, db_url, "entities", "--type", "person")
    assert listing.exit_code == 0, listing.output
    assert "Mark Rutte" in listing.output and "Aleksandar Vučić" in listing.output
    one = invoke(runner, db_url, "entity", "Alexander Vucic")
    assert one.exit_code == 0, one.output
    assert "Aleksandar Vučić" in one.output and "President of Serbia" in one.output
    assert "Вучић" in one.output  # the mention in the Cyrillic article, with its sentence
    out = tmp_path / "e.json"
    invoke(runner, db_url, "export", "-o", str(out))
    data = json.loads(out.read_text())
    entities = {e["id"]: e for e in data["entities"]}
    assert entities["aleksandar-vucic"]["type"] == "person"
    assert entities["zvecan"]["coordinates"] is not None and entities["zvecan"]["country"] == "XK"
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for m in data["mentions"]:
        ev = m["evidence"]
        assert texts[ev["article_id"]][ev["start"]:ev["end"]] == m["text"]
        assert m["extractor"].startswith("entities/2+kb.")
    again = invoke(runner, db_url, "extract")
    assert "nothing to do" in again.output


def test_unknown_entity_and_bad_type(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    result = invoke(runner, db, "entity", "Nobody Atall")
    assert result.exit_code == 2 and "error: no entity named 'Nobody Atall' in the store" in \
        result.output
    result = invoke(runner, db, "entities", "--type", "planet")
    assert result.exit_code == 2 and "must be one of person, organization, place" in result.output


def test_user_knowledge_base_wins(runner: CliRunner, tmp_path: Path, corpus: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    kb = tmp_path / "my-kb"
    kb.mkdir()
    (kb / "mine.toml").write_text(
        '[[organization]]\nid = "kfor"\nname = "Kosovo Force (KFOR)"\naliases = ["KFOR"]\n'
        'kind = "mission"\nsources = ["my notes"]\n'
        '[[person]]\nid = "zz-analyst"\nname = "Zora Zlatić"\nsources = ["my notes"]\n')
    (corpus / "note.txt").write_text(
        "Analyst Zora Zlatić said KFOR had increased its patrols near Zvečan this week.")
    monkeypatch.setenv("WATCHFLOOR_KB_PATHS", str(kb))
    from watchfloor.config import reset_settings

    reset_settings()
    db = str(tmp_path / "s.db")
    assert invoke(runner, db, "ingest", "-q", str(corpus)).exit_code == 0
    result = invoke(runner, db, "entity", "KFOR")
    assert "Kosovo Force (KFOR)" in result.output
    assert invoke(runner, db, "entity", "Zora Zlatic").exit_code == 0
