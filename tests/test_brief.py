"""Briefs on the seeds and the sample corpus: content, citations, the citation check, the three
formats (Markdown, self-contained HTML in real Chromium, PDF looked at as an image) and the CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from watchfloor.cli.main import app
from watchfloor.report.brief import Line, check, compose, md, render_html, render_markdown
from watchfloor.report.dossier import Citation, Ref, Selection, Statement, collect
from watchfloor.report.verify import BriefCheckError, numbers_in, verify
from watchfloor.store import Store

from .conftest import EXAMPLES, IN_CI, require_seeds

HOSTILE = """NATO peacekeepers <script>window.__pwned=1</script> in Kosovo

KFOR said on 3 March 2025 that <img src=x onerror="window.__pwned=1"> its patrols would continue.

“We will not tolerate <script>alert(1)</script> attacks on KFOR,” said Mark Rutte [link](javascript:alert(1)).
"""


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Seeds, the sample corpus and one article carrying markup payloads, on SQLite."""
    seeds = require_seeds()
    root = tmp_path_factory.mktemp("brief")
    hostile = root / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    db = str(root / "store.db")
    result = CliRunner().invoke(app, ["--db", db, "ingest", "-q", str(seeds), str(EXAMPLES),
                                      str(hostile)])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        yield store


def _seed_ids(store: Store) -> dict[str, int]:
    return {Path(a.source).name[:3]: a.id for a in store.iter_articles()}


def _visit_story(store: Store) -> int:
    """The story of Rutte's March 2025 visit: the one holding seed 000 (his Sarajevo visit)."""
    return store.stories_of([_seed_ids(store)["000"]])[_seed_ids(store)["000"]]


def _brief(store: Store, selection: Selection):  # type: ignore[no-untyped-def]
    return check(store, compose(collect(store, selection)))


def test_visit_story_brief_has_developments_quotes_figures_and_disagreement(
        seeded: Store) -> None:
    story = _visit_story(seeded)
    brief = _brief(seeded, Selection(story_id=story))
    summary = [line.statement.text for line in brief.summary]
    # The visit leads, merged over the reports that name it at different levels of detail
    # ("Sarajevo and Pristina", "Bosnia and Herzegovina and Kosovo", "Kosovo").
    assert summary[0].startswith("Mark Rutte visited"), summary
    assert "10–11 March 2025" in summary[0]
    assert len(brief.summary[0].notes) >= 3
    assert sum("Mark Rutte visited" in s for s in summary) == 1
    assert any("March 2025" in label for label, _ in brief.timeline)
    quotes = " ".join(line.statement.text for line in brief.quotes)
    assert "Mark Rutte: “The Dayton Peace Agreement is the cornerstone of peace" in quotes
    figures = [line.statement.text for line in brief.figures]
    assert any(f.startswith("KFOR — troops: approximately 4,700") for f in figures)
    nations = [d for d, _ in brief.disagreements
               if d.subject.id == "kfor" and d.measure == "contributing nations"]
    assert [d.status for d in nations] == ["conflict"]
    assert {f.value for f in nations[0].figures} == {"29 countries", "33 countries"}
    actors = [a.ref.name for a, _ in brief.actors]
    assert "Mark Rutte" in actors and "Milorad Dodik" in actors
    # Every statement is cited, and every note quotes its article verbatim.
    assert all(line.notes for line in brief.lines())
    for note in brief.notes:
        text = seeded.get_article(note.citation.article_id).text
        assert text[note.citation.start:note.citation.end] == note.citation.sentence
    # The rewrite of seed 000 by 001 and the stale undated seed are in Sources.
    ids = _seed_ids(seeded)
    by_id = {s.article_id: s for s in brief.sources}
    if ids["001"] in by_id:
        assert any(r.kind == "rewrite" and r.other_id == ids["000"]
                   for r in by_id[ids["001"]].relations)
    assert any(s.stale and s.stale_reasons for s in brief.sources)


def test_kfor_entity_brief(seeded: Store) -> None:
    brief = _brief(seeded, Selection(entity="KFOR"))
    assert brief.title == "KFOR"
    text = render_markdown(brief)
    assert "KFOR is fully postured to respond to any relevant security developments" in text
    assert re.search(r"KFOR — troops: approximately 4,700 people", text)
    assert "**conflict** — KFOR, contributing nations" in text
    # Developments of an entity brief involve it (actor, place or named in the sentence).
    for line in brief.summary:
        sentences = " ".join(brief.notes[n - 1].citation.sentence for n in line.notes)
        assert "KFOR" in sentences or "Kosovo Force" in sentences or "peacekeep" in sentences \
            or any(r.id == "kfor" for r in line.statement.entities), line.statement.text


def test_period_and_place_selection(seeded: Store) -> None:
    brief = _brief(seeded, Selection(place="Sarajevo", since=dt.date(2025, 3, 1),
                                     until=dt.date(2025, 3, 31)))
    assert brief.read >= 2
    for label, _line in brief.timeline:
        assert "2025" in label, label


@pytest.mark.parametrize("planted, reason", [
    (lambda c: Statement("KFOR has 9,999 troops.", (c,), numbers=(9999.0,)),
     "no cited sentence gives the number 9,999"),
    (lambda c: Statement("Vladimir Putin visited Kosovo.", (c,),
                         entities=(Ref("vladimir-putin", "Vladimir Putin"),)),
     "no cited sentence mentions Vladimir Putin"),
    (lambda c: Statement("KFOR met in 1999.", (c,),
                         dates=((dt.date(1999, 6, 1), dt.date(1999, 6, 30)),)),
     "no cited sentence dates it"),
    (lambda c: Statement("A quote.", (c,), quoted=("words nobody said",)),
     "the quoted words"),
    (lambda c: Statement("A moved sentence.", (dataclasses.replace(c, start=c.start + 1),)),
     "is not in article"),
    (lambda c: Statement("Nothing cited.", ()), "cites no sentence"),
])
def test_citation_check_rejects_planted_statement(seeded: Store, planted, reason) -> None:  # type: ignore[no-untyped-def]
    ids = _seed_ids(seeded)
    text = seeded.get_article(ids["002"]).text
    start = text.index("KFOR")
    citation = Citation(ids["002"], start, start + 40, text[start:start + 40])
    bad = planted(citation)
    problems = verify(seeded, [bad])
    assert problems and reason in problems[0].reason
    brief = compose(collect(seeded, Selection(entity="KFOR")))
    brief.summary.append(Line(bad))
    with pytest.raises(BriefCheckError) as caught:
        check(seeded, brief)
    assert bad.text in str(caught.value)
    # Asked to, the brief is written without it and says what was left out.
    brief = compose(collect(seeded, Selection(entity="KFOR")))
    brief.summary.append(Line(bad))
    kept = check(seeded, brief, drop_unsupported=True)
    assert bad not in [line.statement for line in kept.summary]
    assert "## Check" in render_markdown(kept) and md(bad.text) in render_markdown(kept)


def test_numbers_in_reads_digits_and_words() -> None:
    assert {4700.0, 29.0} <= numbers_in("about 4,700 troops from twenty-nine nations")
    assert 4700.0 in numbers_in("oko 4.700 vojnika")
    assert 2.7e9 in numbers_in("vrijedan 2,7 milijardi evra")
    assert 1.0 in numbers_in("a police officer was killed")
    assert 12.0 in numbers_in("a dozen vehicles")
    assert 33.0 not in numbers_in("more than 4,600 personnel")


def test_markdown_escapes_article_text(seeded: Store) -> None:
    text = render_markdown(_brief(seeded, Selection(entity="KFOR")))
    assert "<script>" not in text and "<img" not in text
    assert "\\<script\\>" in text
    # Brackets escaped: the Markdown link in the article text stays text.
    assert "[link](javascript:" not in text and "\\[link\\](javascript:" in text


def test_pdf_renders_with_text_and_no_overflow(seeded: Store, tmp_path: Path) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    out = tmp_path / "brief.pdf"
    story = _visit_story(seeded)
    result = CliRunner().invoke(app, ["--db", seeded.url, "brief", "--story", str(story),
                                      "--format", "pdf", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = pdfium.PdfDocument(str(out))
    assert len(doc) >= 2
    words = " ".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    for heading in ("Summary", "Timeline", "Actors", "Who said what", "Figures",
                    "Disagreements", "Sources", "Context", "Outlook", "Notes"):
        assert heading in words
    assert "Mark Rutte" in words and "Vučić" in words  # diacritics kept by the font
    shots = Path(os.environ.get("WATCHFLOOR_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    for i in range(len(doc)):
        image = doc[i].render(scale=1).to_pil().convert("L")
        if i == 0:
            image.save(shots / "brief-page-1.png")
        w, h = image.size
        # Nothing is drawn in the right margin (16 mm ≈ 45 px at 72 dpi): no overflow.
        margin = image.crop((w - 40, 0, w, h))
        assert margin.getextrema()[0] > 240, f"page {i + 1} draws into the right margin"
        # And the page is not blank.
        assert image.crop((40, 40, w - 40, h - 60)).getextrema()[0] < 100


def test_html_is_self_contained_and_inert_in_chromium(seeded: Store, tmp_path: Path) -> None:
    if not Path("/usr/bin/chromium").exists():
        if IN_CI:
            pytest.fail("Chromium is required in CI (/usr/bin/chromium)")
        pytest.skip("Chromium not installed at /usr/bin/chromium")
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    out = tmp_path / "kfor.html"
    result = CliRunner().invoke(app, ["--db", seeded.url, "brief", "--entity", "KFOR",
                                      "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html.lower().replace("&lt;script", "")
    assert "<link" not in html and " src=" not in html and "@import" not in html
    requests: list[str] = []
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda r: requests.append(r.url))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(out.as_uri())
            page.wait_for_load_state("load")
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert page.locator("script").count() == 0
            cite = page.locator("a.cite").first
            title = cite.get_attribute("title") or ""
            number = int((cite.inner_text() or "[0]").strip("[]"))
            note = page.locator(f"#note-{number} q").inner_text()
            assert note and note in title  # the cited sentence shows on hover
            headings = page.locator("h2").all_inner_texts()
            assert headings[:3] == ["Summary", "Timeline", "Actors"]
            page.screenshot(path=str(tmp_path / "brief.png"), full_page=False)
        finally:
            browser.close()
    assert requests == [out.as_uri()], requests
    assert dialogs == []


def test_cli_brief_errors(seeded: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--db", seeded.url, "brief"]
    result = runner.invoke(app, base)
    assert result.exit_code == 2 and "choose what the brief covers" in result.output
    result = runner.invoke(app, [*base, "--story", "999999"])
    assert result.exit_code == 2 and "no story with id 999999" in result.output
    result = runner.invoke(app, [*base, "--entity", "Nobody Atall"])
    assert result.exit_code == 2 and "no entity named 'Nobody Atall'" in result.output
    result = runner.invoke(app, [*base, "--since", "March"])
    assert result.exit_code == 2 and "is not a date" in result.output
    result = runner.invoke(app, [*base, "--entity", "KFOR", "--format", "pdf"])
    assert result.exit_code == 2 and "needs a file" in result.output
    result = runner.invoke(app, [*base, "--since", "2025-04-01", "--until", "2025-03-01"])
    assert result.exit_code == 2 and "starts after it ends" in result.output
    result = runner.invoke(app, [*base, "--since", "1990-01-01", "--until", "1990-12-31"])
    assert result.exit_code == 2 and "no article matches" in result.output
    result = runner.invoke(app, [*base, "--entity", "KFOR"])
    assert result.exit_code == 0 and result.output.startswith("# Brief: KFOR")


@pytest.mark.postgres
def test_brief_on_postgresql(runner: CliRunner, pg_db: str) -> None:
    seeds = require_seeds()
    result = runner.invoke(app, ["--db", pg_db, "ingest", "-q", str(seeds)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["--db", pg_db, "brief", "--entity", "KFOR"])
    assert result.exit_code == 0, result.output
    assert "**conflict** — KFOR, contributing nations" in result.output
    with Store(pg_db) as store:
        html = render_html(_brief(store, Selection(entity="KFOR")))
    assert "Who said what" in html
