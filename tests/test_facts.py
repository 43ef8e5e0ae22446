"""Quotes, time expressions, figures and events through the store, the CLI and the export,
on SQLite and a real PostgreSQL server, with the seed articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from watchfloor.cli.main import app

from .conftest import require_seeds


@pytest.fixture
def seeded(runner: CliRunner, db_url: str) -> str:
    seeds = require_seeds()
    result = runner.invoke(app, ["--db", db_url, "ingest", "-q", str(seeds)])
    assert result.exit_code == 0, result.output
    return db_url


def run(runner: CliRunner, db: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", db, *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def test_quotes_by_speaker(runner: CliRunner, seeded: str) -> None:
    out = run(runner, seeded, "quotes", "--speaker", "Rutte")
    assert "The Dayton Peace Agreement is the cornerstone" in out
    assert "We expect all parties" not in out
    unnamed = run(runner, seeded, "quotes", "--article", "3")
    assert "the official (unnamed)" in unnamed and "Rutte" not in unnamed


def test_claims_about_kfor(runner: CliRunner, seeded: str) -> None:
    out = run(runner, seeded, "claims", "--subject", "KFOR")
    for expected in ("approximately 4,700", "more than 4,600", "+1,000", "more than 30"):
        assert expected in out
    assert "33 countries" in out and "29 countries" in out


def test_events_filters_and_timeline(runner: CliRunner, seeded: str) -> None:
    visits = run(runner, seeded, "events", "--type", "CONSULT", "--actor", "Mark Rutte")
    assert "CONSULT" in visits and "March 2025" in visits
    banjska = run(runner, seeded, "events", "--place", "Banjska")
    assert "ASSAULT" in banjska and "September 2023" in banjska
    period = run(runner, seeded, "events", "--since", "2025-03-01", "--until", "2025-03-31")
    assert "March 2025" in period and "2023" not in period.split("source")[1]
    timeline = run(runner, seeded, "timeline")
    dated, undated = timeline.split("undated (no date")
    assert dated.index("May 2023") < dated.index("September 2023") < dated.index("March 2025")
    assert "planned" in timeline  # the ministers' meeting "scheduled for February 12"


def test_bad_filters_are_clear(runner: CliRunner, seeded: str) -> None:
    result = runner.invoke(app, ["--db", seeded, "events", "--since", "March"])
    assert result.exit_code == 2 and "'March' is not a date (YYYY-MM-DD)" in result.output
    result = runner.invoke(app, ["--db", seeded, "quotes", "--speaker", "Nobody Atall"])
    assert result.exit_code == 2 and "no speaker named 'Nobody Atall'" in result.output


def test_export_has_every_collection_with_exact_evidence(runner: CliRunner, seeded: str,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    run(runner, seeded, "export", "-o", str(out))
    data = json.loads(out.read_text())
    texts = {a["id"]: a["text"] for a in data["articles"]}

    def span(ev: dict) -> str:  # type: ignore[type-arg]
        return texts[ev["article_id"]][ev["start"]:ev["end"]]

    assert data["times"] and data["quotes"] and data["claims"] and data["events"]
    for t in data["times"]:
        assert span(t["evidence"]) == t["text"]
        assert t["extractor"] == "timex/1"
    for q in data["quotes"]:
        for part in q["parts"]:
            assert span(part) in q["text"]
        if q["speaker"]["evidence"]:
            assert span(q["speaker"]["evidence"])
    for c in data["claims"]:
        assert span(c["evidence"]) == c["text"]
    for e in data["events"]:
        assert span(e["trigger"]["evidence"]) == e["trigger"]["text"]
        assert e["trigger"]["text"] in span(e["evidence"])
        assert e["extractor"] == "events/1"
    dodik = [c for c in data["claims"] if c["subject"]["entity_id"] == "milorad-dodik"]
    assert [(c["measure"], c["value"], c["unit"]) for c in dodik] == [
        ("prison sentence", 1.0, "years")]
