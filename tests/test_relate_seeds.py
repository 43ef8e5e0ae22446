"""Across sources, on the seed articles and the sample corpus: rewrites, disagreements, dating,
staleness and stories, through the real pipeline and store (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from watchfloor.cli.main import app
from watchfloor.store import Store

from .conftest import EXAMPLES, require_seeds


@pytest.fixture
def seeded(runner: CliRunner, db_url: str) -> Store:
    seeds = require_seeds()
    result = runner.invoke(app, ["--db", db_url, "ingest", "-q", str(seeds)])
    assert result.exit_code == 0, result.output
    with Store(db_url) as store:
        yield store


def _ids(store: Store) -> dict[str, int]:
    return {Path(a.source).name[:3]: a.id for a in store.iter_articles()}


def test_rewrite_of_seed_000_by_001(seeded: Store) -> None:
    ids = _ids(seeded)
    relations = {(r.earlier_id, r.later_id): r for r in seeded.relations_of([ids["001"]])}
    rel = relations[(ids["000"], ids["001"])]
    assert rel.kind == "rewrite"
    assert any("mark-rutte" in s for s in rel.shared)
    # Same topic, different facts: the briefing is no rewrite of the analysis.
    assert not [r for r in seeded.relations_of([ids["002"]])
                if ids["004"] in (r.earlier_id, r.later_id)]


def test_kfor_figures_of_002_and_004_side_by_side(seeded: Store) -> None:
    ids = _ids(seeded)
    rows = seeded.list_disagreements(subjects=["kfor"])
    claims = seeded.claims_by_id([c for d in rows for c in d.claims])

    def articles(d) -> set[int]:  # type: ignore[no-untyped-def]
        return {claims[c][0].article_id for c in d.claims}

    nations = [d for d in rows if d.measure == "contributing nations"]
    assert [d.status for d in nations] == ["conflict"]
    assert articles(nations[0]) == {ids["002"], ids["004"]}
    strength = [d for d in rows if d.measure in ("strength", "troops", "personnel")]
    assert [d.status for d in strength] == ["compatible"]
    assert articles(strength[0]) == {ids["002"], ids["004"]}


def test_seed_003_dated_before_october_2024_and_stale(seeded: Store) -> None:
    ids = _ids(seeded)
    dating = seeded.dating([ids["003"], ids["004"]])
    d003 = dating[ids["003"]]
    assert d003.latest is not None and d003.latest < dt.date(2024, 10, 1)
    assert any("Stoltenberg" in r for r in d003.reasons)
    assert d003.stale and any("Stoltenberg" in r for r in d003.stale_reasons)
    assert not dating[ids["004"]].stale


def test_stories_separate_visit_briefing_and_review(seeded: Store) -> None:
    ids = _ids(seeded)
    story = seeded.stories_of(list(ids.values()))
    visit = {story[ids["000"]], story[ids["001"]], story[ids["004"]]}
    assert len(visit) == 1
    assert story[ids["002"]] not in visit  # the February briefing
    assert story[ids["003"]] not in visit  # the Stoltenberg-era review
    assert story[ids["002"]] != story[ids["003"]]


def test_sample_corpus_cases(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "corpus.db")
    assert runner.invoke(app, ["--db", db, "ingest", "-q", str(EXAMPLES)]).exit_code == 0
    with Store(db) as store:
        by_name = {Path(a.source.split("#")[0]).name + a.source.partition("#")[2]: a
                   for a in store.iter_articles()}
        sava = by_name["sava-daily-rutte-sarajevo.html"].id
        neretva = by_name["neretva-ledger-rutte-sarajevo.txt"].id
        frontier = by_name["frontier-daily-banjska-attack.txt"].id
        northern = by_name["dump.jsonlline-1"].id
        kinds = {(r.earlier_id, r.later_id): r.kind for r in store.relations_of([sava, frontier])}
        assert kinds[(sava, neretva)] in ("rewrite", "near-copy")
        assert kinds[(northern, frontier)] == "near-copy"
        stale = store.dating([frontier])[frontier]
        assert stale.stale and any(f"article {northern}" in r for r in stale.stale_reasons)
        stories = store.stories_of([sava, neretva, frontier, northern])
        assert stories[sava] == stories[neretva] and stories[frontier] == stories[northern]
        assert stories[sava] != stories[frontier]


def test_relating_again_changes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    seeds = require_seeds()
    db = str(tmp_path / "s.db")
    runner.invoke(app, ["--db", db, "ingest", "-q", str(seeds)])
    first = tmp_path / "a.json"
    runner.invoke(app, ["--db", db, "export", "-o", str(first)])
    again = runner.invoke(app, ["--db", db, "ingest", "-q", str(seeds)])
    assert again.exit_code == 0
    runner.invoke(app, ["--db", db, "extract"])
    second = tmp_path / "b.json"
    runner.invoke(app, ["--db", db, "export", "-o", str(second)])
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text())
    assert data["stories"] and data["disagreements"]
    assert all("stale" in a and "relations" in a for a in data["articles"])


def test_cli_views(runner: CliRunner, tmp_path: Path) -> None:
    seeds = require_seeds()
    db = str(tmp_path / "s.db")
    runner.invoke(app, ["--db", db, "ingest", "-q", str(seeds)])
    env = {"COLUMNS": "200"}
    stories = runner.invoke(app, ["--db", db, "stories"], env=env)
    assert stories.exit_code == 0 and "NATO Reaffirms" in stories.output
    story = runner.invoke(app, ["--db", db, "story", "1"], env=env)
    assert story.exit_code == 0 and "rewrite" in story.output and "timeline" in story.output
    dis = runner.invoke(app, ["--db", db, "disagreements", "--subject", "KFOR"], env=env)
    assert dis.exit_code == 0 and "conflict" in dis.output and "33" in dis.output
    articles = runner.invoke(app, ["--db", db, "articles"], env=env)
    assert "stale" in articles.output
    missing = runner.invoke(app, ["--db", db, "story", "999"])
    assert missing.exit_code == 2 and "no story with id 999" in missing.output
