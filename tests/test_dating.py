"""Dating undated articles and flagging stale or recycled ones (watchfloor.relate.dating).

Unit tests use small hand-made ArticleFacts and the fictional knowledge base in
``tests/data/kb/fictional.toml``; the golden tests at the end analyse the real seeds and the
sample corpus and check the cases the issue names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import pytest

from watchfloor.kb.loader import KnowledgeBase, load, read_file
from watchfloor.relate.dating import (
    STALE_DAYS,
    assess_staleness,
    estimate_content_date,
    estimate_date,
    match_roles,
)
from watchfloor.types import ArticleFacts, DateEstimate

from .conftest import EXAMPLES, require_seeds

D = dt.date
TODAY = D(2026, 1, 15)
INGESTED = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase(read_file(Path(__file__).parent / "data" / "kb" / "fictional.toml"))


def facts(text: str, *, times: Iterable[tuple[D | None, D | None, str, str]] = (),
          titles: Iterable[tuple[str, str]] = (), published: D | None = None) -> ArticleFacts:
    """ArticleFacts for ``text``; titles are (entity id, title as written) found in the text."""
    spans = []
    for entity_id, title in titles:
        start = text.index(title)
        spans.append((entity_id, title, start, start + len(title)))
    return ArticleFacts(article_id=1, text=text, published=published, ingested_at=INGESTED,
                        outlet=None, title=None, times=tuple(times), titles=tuple(spans))


def year(y: int, text: str, basis: str = "explicit") -> tuple[D, D, str, str]:
    return D(y, 1, 1), D(y, 12, 31), basis, text


# --- rule 1: the latest dated reference ------------------------------------------------------


def test_latest_past_reference_is_the_earliest_bound(kb: KnowledgeBase) -> None:
    text = "Talks began in 2021. The summit took place in May 2023, officials said."
    may = (D(2023, 5, 1), D(2023, 5, 31), "explicit", "May 2023")
    est = estimate_date(facts(text, times=[year(2021, "2021"), may]), kb, TODAY)
    assert (est.earliest, est.latest) == (D(2023, 5, 1), None)
    assert any("May 2023" in r and r.startswith("Written on or after 2023-05-01")
               for r in est.reasons)
    assert not any("2021" in r for r in est.reasons)  # only the latest reference is reported


def test_a_year_gives_its_first_day_not_its_last(kb: KnowledgeBase) -> None:
    # "In 2023, NATO increased ..." can have been written in June 2023.
    est = estimate_date(facts("In 2023, NATO increased its presence.",
                              times=[year(2023, "2023")]), kb, TODAY)
    assert est.earliest == D(2023, 1, 1) and est.latest is None


def test_durations_unknown_years_and_anchored_values_are_ignored(kb: KnowledgeBase) -> None:
    text = "During October he said, for three years, that the talks this week mattered."
    est = estimate_date(facts(text, times=[(None, None, "unknown", "October"),
                                           (None, None, "explicit", "three years"),
                                           (D(2025, 3, 3), D(2025, 3, 9), "relative",
                                            "this week")]), kb, TODAY)
    assert (est.earliest, est.latest) == (None, None)
    assert est.reasons == ("Nothing in the text dates it: when it was written stays unknown.",)


def test_a_past_reference_after_today_is_set_aside(kb: KnowledgeBase) -> None:
    est = estimate_date(facts("Deliveries in 2029 were discussed.", times=[year(2029, "2029")]),
                        kb, TODAY)
    assert est.earliest is None
    assert any(r.startswith("Set aside") and "2029" in r for r in est.reasons)


# --- rule 2: future tense about a date -------------------------------------------------------


def test_future_tense_gives_the_latest_bound_not_the_earliest(kb: KnowledgeBase) -> None:
    text = "Officials said a deal was expected to be finalized by the end of 2023, signaling ties."
    est = estimate_date(facts(text, times=[(D(2023, 12, 31), D(2023, 12, 31), "explicit",
                                            "by the end of 2023")]), kb, TODAY)
    assert (est.earliest, est.latest) == (None, D(2023, 12, 31))
    assert any("still to come" in r and "expected to be finalized by the end of 2023" in r
               for r in est.reasons)


@pytest.mark.parametrize("sentence", [
    "Elections will be held in March 2025.",
    "The vote is scheduled for March 2025.",
    "Ahead of the March 2025 vote, parties campaigned.",
])
def test_future_markers(kb: KnowledgeBase, sentence: str) -> None:
    times = [(D(2025, 3, 1), D(2025, 3, 31), "explicit", "March 2025")]
    est = estimate_date(facts(sentence, times=times), kb, TODAY)
    assert (est.earliest, est.latest) == (None, D(2025, 3, 31))


def test_future_reference_after_today_says_nothing(kb: KnowledgeBase) -> None:
    times = [(D(2027, 3, 1), D(2027, 3, 31), "explicit", "March 2027")]
    est = estimate_date(facts("Elections will be held in March 2027.", times=times), kb, TODAY)
    assert (est.earliest, est.latest) == (None, None)


def test_yearless_future_date_is_placed_after_the_earliest_bound(kb: KnowledgeBase) -> None:
    text = ("Alliance Secretary General Piet Rossel spoke ahead of the ministers' meeting "
            "scheduled for February 12.")
    est = estimate_date(facts(text, times=[(None, None, "unknown", "February 12")],
                              titles=[("piet-rossel", "Alliance Secretary General")]), kb, TODAY)
    assert (est.earliest, est.latest) == (D(2024, 10, 1), D(2025, 2, 12))
    assert any("February 12" in r and "assumption" in r for r in est.reasons)


def test_yearless_future_date_without_an_earliest_bound_gives_nothing(kb: KnowledgeBase) -> None:
    text = "He spoke ahead of the ministers' meeting scheduled for February 12."
    est = estimate_date(facts(text, times=[(None, None, "unknown", "February 12")]), kb, TODAY)
    assert (est.earliest, est.latest) == (None, None)


# --- rule 3: office-holders ------------------------------------------------------------------


def test_title_held_until_a_date_bounds_both_sides(kb: KnowledgeBase) -> None:
    text = "Alliance Secretary General Jan Vandermolen visited the mission."
    est = estimate_date(facts(text, titles=[("jan-vandermolen", "Alliance Secretary General")]),
                        kb, TODAY)
    # The role ends on 2024-10-01, the first day it is no longer held.
    assert (est.earliest, est.latest) == (D(2018, 10, 1), D(2024, 9, 30))
    assert any("Jan Vandermolen" in r and "until 2024-10-01" in r for r in est.reasons)


def test_title_held_from_a_date_gives_the_earliest_bound(kb: KnowledgeBase) -> None:
    text = "TAFO Secretary General Piet Rossel visited the mission."
    est = estimate_date(facts(text, titles=[("piet-rossel", "TAFO Secretary General")]),
                        kb, TODAY)
    assert (est.earliest, est.latest) == (D(2024, 10, 1), None)
    assert any("Piet Rossel" in r and "since 2024-10-01" in r for r in est.reasons)


def test_demonym_and_place_name_pick_the_role(kb: KnowledgeBase) -> None:
    ana = kb.get("ana-testic")
    president = [r.title for r in match_roles(ana, "Testlandic President", kb)]
    assert president == ["President of Testland"]
    assert [r.title for r in match_roles(ana, "Testland's Prime Minister", kb)] == \
        ["Prime Minister of Testland"]
    assert [r.title for r in match_roles(ana, "PRIME MINISTER OF TESTLAND", kb)] == \
        ["Prime Minister of Testland"]
    est = estimate_date(facts("Testlandic Prime Minister Ana Testić said so.",
                              titles=[("ana-testic", "Testlandic Prime Minister")]), kb, TODAY)
    assert (est.earliest, est.latest) == (D(2016, 1, 15), D(2020, 4, 30))


@pytest.mark.parametrize("title", [
    "General",                            # too little: one word of "Alliance Secretary General"
    "Deputy Alliance Secretary General",  # another office
    "TFM Secretary General",              # another body (TFM belongs to TAFO, not the reverse)
    "former Alliance Secretary General",
    "then-Alliance Secretary General",
    "Alliance Secretary General-designate",
])
def test_titles_that_do_not_name_the_role(kb: KnowledgeBase, title: str) -> None:
    assert match_roles(kb.get("jan-vandermolen"), title, kb) == ()


def test_former_before_the_title_in_the_text(kb: KnowledgeBase) -> None:
    text = "The former Alliance Secretary General Jan Vandermolen wrote a book."
    est = estimate_date(facts(text, titles=[("jan-vandermolen", "Alliance Secretary General")]),
                        kb, TODAY)
    assert (est.earliest, est.latest) == (None, None)


def test_unknown_people_and_unmatched_titles_give_no_evidence(kb: KnowledgeBase) -> None:
    text = "Analyst Ivo Novak and chair Marko Testić spoke."
    est = estimate_date(facts(text, titles=[("person:ivo-novak", "Analyst"),
                                            ("marko-testic", "chair")]), kb, TODAY)
    assert (est.earliest, est.latest) == (None, None)


# --- combining -------------------------------------------------------------------------------


def test_bounds_are_intersected(kb: KnowledgeBase) -> None:
    text = ("Alliance Secretary General Jan Vandermolen said talks began in May 2023 and "
            "that a deal was expected by the end of 2023.")
    est = estimate_date(facts(text, times=[
        (D(2023, 5, 1), D(2023, 5, 31), "explicit", "May 2023"),
        (D(2023, 12, 31), D(2023, 12, 31), "explicit", "by the end of 2023"),
    ], titles=[("jan-vandermolen", "Alliance Secretary General")]), kb, TODAY)
    assert (est.earliest, est.latest) == (D(2023, 5, 1), D(2023, 12, 31))
    assert est.reasons[0] == ("Estimated from its content: written between 2023-05-01 and "
                              "2023-12-31.")


def test_contradiction_keeps_the_stronger_evidence(kb: KnowledgeBase) -> None:
    # The title (held until 2024-10-01) outweighs a reference to 2025 with no tense marker.
    text = "Alliance Secretary General Jan Vandermolen and the 2025 budget."
    est = estimate_date(facts(text, times=[year(2025, "2025")],
                              titles=[("jan-vandermolen", "Alliance Secretary General")]),
                        kb, TODAY)
    assert (est.earliest, est.latest) == (D(2018, 10, 1), D(2024, 9, 30))
    assert any(r.startswith("Set aside, because it contradicts stronger evidence") and "2025" in r
               for r in est.reasons)


def test_contradiction_of_equal_weight_keeps_neither(kb: KnowledgeBase) -> None:
    text = "Alliance Secretary General Jan Vandermolen said in March 2025 that it was over."
    est = estimate_date(facts(text, times=[(D(2025, 3, 1), D(2025, 3, 31), "explicit",
                                            "March 2025")],
                              titles=[("jan-vandermolen", "Alliance Secretary General")]),
                        kb, TODAY)
    assert (est.earliest, est.latest) == (None, None)
    assert sum(r.startswith("Set aside") for r in est.reasons) == 2


def test_published_date_is_the_date(kb: KnowledgeBase) -> None:
    text = "Alliance Secretary General Jan Vandermolen visited."
    f = facts(text, titles=[("jan-vandermolen", "Alliance Secretary General")],
              published=D(2025, 4, 2))
    est = estimate_date(f, kb, TODAY, basis="byline")
    assert est == DateEstimate(D(2025, 4, 2), D(2025, 4, 2),
                               ("Published date 2025-04-02 (basis: byline).",))
    # The content alone still tells its own story.
    assert estimate_content_date(f, kb, TODAY).latest == D(2024, 9, 30)


def test_deterministic(kb: KnowledgeBase) -> None:
    text = "Testlandic President Ana Testić said in May 2023 the vote will be held in June 2024."
    f = facts(text, times=[(D(2023, 5, 1), D(2023, 5, 31), "explicit", "May 2023"),
                           (D(2024, 6, 1), D(2024, 6, 30), "explicit", "June 2024")],
              titles=[("ana-testic", "Testlandic President")])
    assert estimate_date(f, kb, TODAY) == estimate_date(f, kb, TODAY)
    assert estimate_date(f, kb, TODAY) == DateEstimate(D(2023, 5, 1), D(2024, 6, 30),
                                                       estimate_date(f, kb, TODAY).reasons)


# --- staleness -------------------------------------------------------------------------------


def test_undated_content_much_older_than_ingestion_is_stale() -> None:
    est = DateEstimate(None, D(2023, 12, 31), (
        "Estimated from its content: written on or before 2023-12-31.",
        "Written on or before 2023-12-31: it speaks of \"by the end of 2023\" as still to come.",
    ))
    st = assess_staleness(None, est, D(2025, 1, 1), facts("x"), [])
    assert st.stale
    assert st.reasons[0].startswith("Its content was written no later than 2023-12-31, 367 days")
    assert "by the end of 2023" in st.reasons[1]
    within = D(2023, 12, 31) + dt.timedelta(days=STALE_DAYS)
    recent = assess_staleness(None, est, within, facts("x"), [])
    assert not recent.stale


def test_undated_with_no_latest_bound_is_not_stale() -> None:
    est = DateEstimate(D(2023, 1, 1), None, ("Estimated ...",))
    assert not assess_staleness(None, est, D(2026, 1, 1), facts("x"), []).stale


PUBLISHED = D(2025, 9, 23)


def _dated(text: str, times: list,
           published: D = PUBLISHED) -> tuple[ArticleFacts, DateEstimate]:
    f = facts(text, times=times, published=published)
    return f, DateEstimate(published, published, ("Published date.",))


def test_recent_framing_around_an_old_event_is_stale() -> None:
    text = ("Northern Kosovo was shaken this week when gunmen attacked a patrol on "
            "24 September 2023. Police said on Monday that three attackers died.")
    f, est = _dated(text, [
        (D(2025, 9, 22), D(2025, 9, 28), "relative", "this week"),
        (D(2023, 9, 24), D(2023, 9, 24), "explicit", "24 September 2023"),
        (D(2025, 9, 22), D(2025, 9, 22), "anchored", "Monday"),
    ])
    st = assess_staleness(D(2025, 9, 23), est, D(2026, 1, 1), f, [])
    assert st.stale
    assert st.reasons == (
        "It presents its news as recent (\"this week\", \"Monday\"), but every date it gives is "
        "much older: the latest, \"24 September 2023\" (2023-09-24), is 730 days before its "
        "publication date (2025-09-23).",)


def test_old_dated_event_without_framing_is_stale() -> None:
    text = "Gunmen attacked a patrol on 24 September 2023."
    f, est = _dated(text, [(D(2023, 9, 24), D(2023, 9, 24), "explicit", "24 September 2023")])
    st = assess_staleness(D(2025, 9, 23), est, D(2026, 1, 1), f, [])
    assert st.stale
    assert st.reasons[0].startswith("The latest date it refers to, \"24 September 2023\"")


def test_background_years_and_recent_dates_are_not_stale() -> None:
    # Background years only ("in 2023"): the article's news may well be current.
    text = "On Tuesday the minister visited. In 2023, clashes injured 93 soldiers."
    f, est = _dated(text, [(D(2025, 9, 23), D(2025, 9, 23), "anchored", "Tuesday"),
                           year(2023, "2023")])
    assert not assess_staleness(D(2025, 9, 23), est, D(2026, 1, 1), f, []).stale
    # A day and month whose year comes from the article's date counts as a recent date.
    text = "Gunmen attacked on 24 September 2023. On 9 September, police arrested two."
    f, est = _dated(text, [(D(2023, 9, 24), D(2023, 9, 24), "explicit", "24 September 2023"),
                           (D(2025, 9, 9), D(2025, 9, 9), "anchored", "9 September")])
    assert not assess_staleness(D(2025, 9, 23), est, D(2026, 1, 1), f, []).stale


def test_anniversary_pieces_are_not_stale() -> None:
    text = "Thirty years ago, on 11 July 1995, the massacre began. The anniversary was marked."
    f, est = _dated(text, [(D(1995, 7, 11), D(1995, 7, 11), "explicit", "11 July 1995")],
                    published=D(2025, 7, 11))
    st = assess_staleness(D(2025, 7, 11), est, D(2026, 1, 1), f, [])
    assert not st.stale
    assert st.reasons and st.reasons[0].startswith("Not counted as stale")


def test_future_references_do_not_make_content_old() -> None:
    text = "The contract signed on 1 March 2020 will run until the end of 2030."
    f, est = _dated(text, [(D(2020, 3, 1), D(2020, 3, 1), "explicit", "1 March 2020"),
                           (D(2030, 12, 31), D(2030, 12, 31), "explicit", "the end of 2030")],
                    published=D(2025, 1, 10))
    # The 2030 reference is future; the 2020 one is old: stale (a) on the dated reference.
    st = assess_staleness(D(2025, 1, 10), est, D(2026, 1, 1), f, [])
    assert st.stale and "1 March 2020" in st.reasons[0]


def test_repeat_of_an_earlier_article() -> None:
    f, est = _dated("Text.", [])
    st = assess_staleness(D(2025, 9, 23), est, D(2026, 1, 1), f, [(6, D(2023, 9, 25))])
    assert st.stale and st.reasons == ("Repeats article 6 (2023-09-25), 729 days earlier.",)
    unknown = assess_staleness(D(2025, 9, 23), est, D(2026, 1, 1), f, [(7, None)])
    assert unknown.stale and unknown.reasons == ("Repeats article 7 (date unknown).",)
    same_week = assess_staleness(D(2025, 9, 23), est, D(2026, 1, 1), f, [(8, D(2025, 9, 21))])
    assert not same_week.stale and "syndicated" in same_week.reasons[0]


def test_repeat_by_an_undated_article() -> None:
    est = DateEstimate(D(2025, 1, 1), None, ("Estimated ...",))
    st = assess_staleness(None, est, D(2025, 6, 1), facts("x"), [(6, D(2023, 9, 25))])
    assert st.stale and "at least 464 days before this undated article" in st.reasons[0]


def test_content_estimate_counts_against_a_publication_date(kb: KnowledgeBase) -> None:
    # A dated article that still calls someone by a title held only until 2024-10-01.
    text = "Alliance Secretary General Jan Vandermolen condemned the attack."
    f = facts(text, titles=[("jan-vandermolen", "Alliance Secretary General")],
              published=D(2025, 9, 23))
    st = assess_staleness(D(2025, 9, 23), estimate_content_date(f, kb, TODAY), D(2026, 1, 1), f, [])
    assert st.stale
    assert st.reasons[0] == ("Its content was written no later than 2024-09-30, 358 days before "
                             "its publication date (2025-09-23).")
    assert "Jan Vandermolen" in st.reasons[1]
    # The published-date estimate alone says nothing against the publication date.
    assert not assess_staleness(D(2025, 9, 23), estimate_date(f, kb, TODAY), D(2026, 1, 1), f,
                                []).stale


# --- golden: the seeds and the sample corpus -------------------------------------------------


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[ArticleFacts, str]]:
    """The seeds and the sample corpus ingested and analysed; ArticleFacts by file name."""
    from typer.testing import CliRunner

    from watchfloor.cli.main import app
    from watchfloor.config import reset_settings
    from watchfloor.store import Store

    seeds = require_seeds()
    folder = tmp_path_factory.mktemp("dating")
    db = str(folder / "dating.db")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WATCHFLOOR_CONFIG", str(folder / "no-such-config.toml"))
        reset_settings()
        result = CliRunner().invoke(app, ["--db", db, "ingest", "-q", str(seeds), str(EXAMPLES)])
        assert result.exit_code == 0, result.output
        reset_settings()
    store = Store(db)
    out = {}
    for a in store.iter_articles():
        mentions = store.article_mentions(a.id)
        titles = tuple((m.entity_id, m.role, m.role_start, m.role_end)
                       for m in mentions if m.role and m.entity_id)
        times = tuple((t.earliest, t.latest, t.basis, t.text) for t in store.list_times(a.id))
        f = ArticleFacts(a.id, a.text, a.published, a.ingested_at, a.outlet, a.title,
                         times=times, titles=titles)
        path, _, record = a.source.partition("#")
        out[Path(path).name + (f"#{record}" if record else "")] = (f, a.published_basis)
    return out


def _seed(analysed: dict, prefix: str) -> ArticleFacts:
    return next(f for name, (f, _) in analysed.items() if name.startswith(prefix))


def test_seed_003_dated_before_october_2024_and_stale(analysed: dict) -> None:
    f = _seed(analysed, "003_")
    kb = load()
    today = f.ingested_at.date()
    est = estimate_date(f, kb, today)
    assert f.published is None
    assert est.latest is not None and est.latest <= D(2023, 12, 31)
    text = " ".join(est.reasons)
    assert "Jens Stoltenberg" in text and "2024-10-01" in text
    assert "by the end of 2023" in text
    st = assess_staleness(None, est, today, f, [])
    assert st.stale
    assert any("Jens Stoltenberg" in r for r in st.reasons)
    assert any("by the end of 2023" in r for r in st.reasons)


def test_seed_002_after_rutte_took_office_and_before_february_12(analysed: dict) -> None:
    f = _seed(analysed, "002_")
    est = estimate_date(f, load(), f.ingested_at.date())
    assert est.earliest == D(2024, 10, 1)  # Rutte as NATO Secretary General (2023 refs weaker)
    assert est.latest == D(2025, 2, 12)   # the first February 12 after that
    text = " ".join(est.reasons)
    assert "Mark Rutte" in text and "February 12" in text


def test_seed_004_is_not_stale(analysed: dict) -> None:
    f = _seed(analysed, "004_")
    kb = load()
    today = f.ingested_at.date()
    assert f.published == D(2025, 4, 2)
    est = estimate_date(f, kb, today, basis="byline")
    assert (est.earliest, est.latest) == (f.published, f.published)
    assert not assess_staleness(f.published, est, today, f, []).stale
    content = estimate_content_date(f, kb, today)
    assert content.earliest == D(2025, 3, 10)  # "10 and 11 March 2025"
    assert not assess_staleness(f.published, content, today, f, []).stale


def test_frontier_daily_banjska_republication(analysed: dict) -> None:
    f, _ = analysed["frontier-daily-banjska-attack.txt"]
    original, _ = analysed["dump.jsonl#line-1"]
    assert f.published == D(2025, 9, 23) and original.published == D(2023, 9, 25)
    kb = load()
    today = f.ingested_at.date()
    content = estimate_content_date(f, kb, today)
    copies = [(original.article_id, original.published)]
    st = assess_staleness(f.published, content, today, f, copies)
    assert st.stale
    assert f"Repeats article {original.article_id} (2023-09-25), 729 days earlier." in st.reasons
    # Known limit: on its own text the re-publication gives no date older than its own (its only
    # dates are weekdays and "this week", counted from its date line), so without the copy it is
    # not flagged; see the next test for what a title the extractor does not attach yet would do.
    assert not assess_staleness(f.published, content, today, f, []).stale


def test_frontier_daily_with_borrell_as_eu_foreign_policy_chief(analysed: dict) -> None:
    # "The EU's foreign policy chief, Josep Borrell" (a post he left on 2024-12-01): were the
    # appositive title attached by the entity extractor, the text alone would be stale.
    f, _ = analysed["frontier-daily-banjska-attack.txt"]
    title = "The EU's foreign policy chief"
    start = f.text.index(title)
    with_title = ArticleFacts(f.article_id, f.text, f.published, f.ingested_at, f.outlet, f.title,
                              times=f.times,
                              titles=(*f.titles, ("josep-borrell", title, start,
                                                  start + len(title))))
    kb = load()
    today = f.ingested_at.date()
    content = estimate_content_date(with_title, kb, today)
    assert content.latest == D(2024, 11, 30)
    st = assess_staleness(f.published, content, today, with_title, [])
    assert st.stale and any("Josep Borrell" in r for r in st.reasons)
