"""Disagreements between figures: qualifier intervals, groups, dates, explanations, golden data."""

from __future__ import annotations

import datetime as dt
import random
import time
from itertools import combinations
from pathlib import Path

import pytest

from watchfloor.relate.disagreements import (
    MEASURE_FAMILIES,
    approx_margin,
    compatible,
    family_of,
    find_disagreements,
    group_key,
    render_figure,
    same_figure,
)
from watchfloor.types import ClaimFact, Disagreement

from .conftest import EXAMPLES, require_seeds

D = dt.date
DAY = D(2025, 3, 1)

_next_id = iter(range(10_000, 1_000_000))


def fact(value: float, qualifier: str = "exact", *, value_max: float | None = None,
         subject: str = "kfor", measure: str = "troops", as_of: dt.date | None = DAY,
         change: bool = False, claim_id: int | None = None, article_id: int = 1,
         outlet: str | None = None) -> ClaimFact:
    return ClaimFact(claim_id=next(_next_id) if claim_id is None else claim_id,
                     article_id=article_id, subject=subject, measure=measure, value=value,
                     value_max=value_max, qualifier=qualifier, change=change, as_of=as_of,
                     outlet=outlet)


def by_status(found: list[Disagreement], subject: str = "kfor") -> dict[tuple[str, str], Disagreement]:
    return {(d.measure, d.status): d for d in found if d.subject == subject}


# --- qualifiers as intervals ----------------------------------------------------------------------

F = fact  # short for the table below

QUALIFIER_PAIRS = [
    # exact
    (F(30), F(30), True),
    (F(30), F(31), False),
    (F(29, measure="contributing nations"), F(33, measure="contributing nations"), False),
    # approximately (5%, or half the rounding step up to 10%)
    (F(4700), F(4700, "approximately"), True),
    (F(4760), F(4700, "approximately"), True),
    (F(5000), F(4700, "approximately"), False),
    (F(3800, "approximately"), F(4700, "approximately"), False),
    (F(30, "approximately"), F(33), True),
    (F(30, "approximately"), F(34), False),
    (F(600, "approximately"), F(650), True),
    (F(1000, "approximately"), F(1100), True),
    (F(1000, "approximately"), F(1150), False),
    # more than / at least: open and closed lower ends
    (F(4600, "more than"), F(4700, "approximately"), True),
    (F(4600, "more than"), F(4600), False),
    (F(30, "more than"), F(30), False),
    (F(30, "more than"), F(93), True),
    (F(30, "at least"), F(30), True),
    (F(30, "at least"), F(29), False),
    (F(30, "more than"), F(30, "at least"), True),
    (F(4600, "more than"), F(3800, "approximately"), False),
    # less than / up to: open and closed upper ends
    (F(30, "less than"), F(30), False),
    (F(30, "less than"), F(29), True),
    (F(30, "up to"), F(30), True),
    (F(30, "up to"), F(31), False),
    (F(30, "up to"), F(0), True),
    (F(5, "less than"), F(5, "more than"), False),
    (F(5, "up to"), F(5, "at least"), True),
    (F(5, "less than"), F(5, "at least"), False),
    (F(30, "more than"), F(31, "up to"), True),
    (F(10, "less than"), F(5, "up to"), True),
    # ranges
    (F(20, value_max=30), F(25), True),
    (F(20, value_max=30), F(30), True),
    (F(20, value_max=30), F(31), False),
    (F(20, "approximately", value_max=30), F(31), True),
    (F(20, value_max=30), F(32, "approximately"), False),
    (F(20, value_max=30), F(25, value_max=40), True),
    (F(20, value_max=30), F(31, value_max=40), False),
    (F(20, value_max=30), F(30, "more than"), False),
    (F(20, value_max=30), F(20, "less than"), False),
    (F(30, value_max=20), F(25), True),  # a range written backwards is still a range
]


@pytest.mark.parametrize(("a", "b", "expected"), QUALIFIER_PAIRS,
                         ids=[f"{render_figure(a)}~{render_figure(b)}"
                              for a, b, _ in QUALIFIER_PAIRS])
def test_compatible_qualifier_pairs(a: ClaimFact, b: ClaimFact, expected: bool) -> None:
    assert compatible(a, b) is expected
    assert compatible(b, a) is expected


def test_compatible_is_symmetric_for_every_qualifier_pair() -> None:
    qualifiers = ("exact", "approximately", "more than", "at least", "less than", "up to")
    figures = [F(v, q) for q in qualifiers for v in (29, 30, 31, 33, 4600, 4700)]
    figures += [F(20, q, value_max=30) for q in ("exact", "approximately")]
    for a, b in combinations(figures, 2):
        assert compatible(a, b) is compatible(b, a), (render_figure(a), render_figure(b))
        assert compatible(a, a)


def test_approximate_margin() -> None:
    assert approx_margin(4700) == pytest.approx(235)  # 5%: 4,465-4,935
    assert approx_margin(3800) == pytest.approx(190)
    assert approx_margin(30) == pytest.approx(3)  # rounded to tens, capped at 10%
    assert approx_margin(600) == pytest.approx(50)  # half a hundred
    assert approx_margin(1000) == pytest.approx(100)  # not 500: capped at 10%
    assert approx_margin(3.47) == pytest.approx(0.1735)
    assert approx_margin(0) == 0
    assert approx_margin(-200) == pytest.approx(20)


def test_unknown_qualifier_reads_as_approximately() -> None:
    assert compatible(F(100, "roughly"), F(104))
    assert not compatible(F(100, "roughly"), F(120))


def test_same_figure() -> None:
    assert same_figure(F(4700), F(4700, "approximately"))
    assert same_figure(F(30, "more than"), F(30, "more than"))
    assert not same_figure(F(30, "more than"), F(30))
    assert not same_figure(F(30, "at least"), F(30, "more than"))
    assert same_figure(F(20, value_max=30), F(30, value_max=20))
    assert not same_figure(F(20, value_max=30), F(20))


def test_render_figure() -> None:
    assert render_figure(F(4700, "approximately")) == "about 4,700"
    assert render_figure(F(4600, "more than")) == "more than 4,600"
    assert render_figure(F(20, value_max=30)) == "20–30"
    assert render_figure(F(3.47)) == "3.47"
    assert render_figure(F(2.7e9)) == "2,700,000,000"


# --- groups ---------------------------------------------------------------------------------------


def test_equal_values_are_not_a_disagreement() -> None:
    assert find_disagreements([F(4700), F(4700, "approximately"), F(4700)]) == []
    assert find_disagreements([F(30, "more than"), F(30, "more than")]) == []


def test_a_change_is_never_compared_with_a_level() -> None:
    level, change = F(4700, "approximately"), F(1000, change=True)
    assert find_disagreements([level, change]) == []
    other = F(700, change=True)
    (d,) = find_disagreements([level, change, other])
    assert (d.status, set(d.claims)) == ("conflict", {change.claim_id, other.claim_id})
    assert "as reported changes (not levels)" in d.explanation


def test_injured_and_killed_are_never_compared() -> None:
    assert find_disagreements([F(30, measure="injured"), F(1, measure="killed")]) == []


def test_troops_and_personnel_are_one_family_and_the_explanation_says_so() -> None:
    assert "troops" in MEASURE_FAMILIES["strength"]
    assert "personnel" in MEASURE_FAMILIES["strength"]
    troops, staff = F(4700, "approximately"), F(3000, measure="personnel")
    (d,) = find_disagreements([troops, staff], names={"kfor": "KFOR"})
    assert (d.measure, d.status) == ("strength", "conflict")
    assert d.explanation.startswith(
        "KFOR troops and personnel (compared together as its strength): ")


def test_measures_that_name_only_a_unit_are_not_compared() -> None:
    assert find_disagreements([F(2.7e9, measure="amount", subject="serbia"),
                               F(5e8, measure="amount", subject="serbia")]) == []
    assert find_disagreements([F(42.3, measure="percentage"), F(7.06, measure="percentage")]) == []
    (d,) = find_disagreements([F(2.7e9, measure="value"), F(3e9, measure="value")])
    assert d.status == "conflict"


def test_group_key_and_family_of() -> None:
    assert family_of("troops") == family_of("personnel") == "strength"
    assert family_of("injured") == "injured"
    assert group_key(F(1000, change=True)) == ("kfor", "strength", True)
    assert group_key(F(30, measure="killed")) == ("kfor", "killed", False)


def test_different_subjects_are_not_compared() -> None:
    assert find_disagreements([F(4700), F(600, subject="united-states")]) == []


def test_claims_without_subject_or_finite_value_are_left_out() -> None:
    assert find_disagreements([F(30), F(41, subject="")]) == []
    assert find_disagreements([F(30), F(float("nan"))]) == []
    assert find_disagreements([F(30), F(20, value_max=float("inf"))]) == []


def test_one_disagreement_per_status_listing_every_claim_in_as_of_order() -> None:
    a = F(30, as_of=D(2023, 5, 30), article_id=10, claim_id=24)
    b = F(30, as_of=D(2023, 5, 30), article_id=10, claim_id=26)
    c = F(41, as_of=D(2023, 5, 30), article_id=7, claim_id=18)
    d = F(35, as_of=D(2023, 6, 2), article_id=8, claim_id=9)
    e = F(40, as_of=None, article_id=3, claim_id=1)
    found = find_disagreements([e, d, c, b, a])
    assert [x.status for x in found] == ["conflict"]
    (x,) = found
    assert x.claims == (18, 24, 26, 9, 1)  # dated by day, then article, then claim; undated last
    assert "41 (2023-05-30, article 7) vs 30 (2023-05-30, article 10) vs 35" in x.explanation
    assert "cannot all hold at the same time" in x.explanation


def test_compatible_figures_are_reported_side_by_side() -> None:
    more = F(4600, "more than", measure="personnel", as_of=D(2025, 3, 1), article_id=3)
    about = F(4700, "approximately", as_of=D(2025, 3, 20), article_id=5)
    (d,) = find_disagreements([more, about], names={"kfor": "KFOR"})
    assert d.status == "compatible"
    assert d.claims == (more.claim_id, about.claim_id)
    assert d.explanation == (
        "KFOR troops and personnel (compared together as its strength): more than 4,600 "
        "(2025-03-01, article 3) vs about 4,700 (2025-03-20, article 5): different figures that "
        "can both hold at the same time (any value above 4,600 and up to 4,935 fits both).")


def test_compatible_without_a_common_value() -> None:
    figures = [F(4700, "approximately", article_id=1), F(4600, "more than", article_id=2),
               F(4500, article_id=3)]
    found = by_status(find_disagreements(figures))
    assert set(found) == {("troops", "compatible"), ("troops", "conflict")}
    assert "though not all at once" in found[("troops", "compatible")].explanation
    assert set(found[("troops", "conflict")].claims) == {figures[1].claim_id, figures[2].claim_id}


# --- dates ----------------------------------------------------------------------------------------


def test_far_apart_dates_are_change_over_time_in_date_order() -> None:
    late = F(4700, "approximately", as_of=D(2025, 3, 11), article_id=12, outlet="Ibar Valley Post")
    early = F(3800, "approximately", as_of=D(2023, 5, 30), article_id=10, outlet="Adriatic Monitor")
    (d,) = find_disagreements([late, early], names={"kfor": "KFOR"})
    assert d.status == "change"
    assert d.claims == (early.claim_id, late.claim_id)
    assert d.explanation == (
        "KFOR troops: about 3,800 (Adriatic Monitor, article 10) on 2023-05-30, then about 4,700 "
        "(Ibar Valley Post, article 12) on 2025-03-11: figures more than 90 days apart, so a "
        "change over time or a revised count rather than a conflict.")


def test_same_period_boundary() -> None:
    a = F(29, measure="contributing nations", as_of=D(2025, 1, 1))
    at_90 = F(33, measure="contributing nations", as_of=D(2025, 1, 1) + dt.timedelta(days=90))
    at_91 = F(33, measure="contributing nations", as_of=D(2025, 1, 1) + dt.timedelta(days=91))
    assert [d.status for d in find_disagreements([a, at_90])] == ["conflict"]
    assert [d.status for d in find_disagreements([a, at_91])] == ["change"]
    assert [d.status for d in find_disagreements([a, at_90], same_period_days=30)] == ["change"]
    with pytest.raises(ValueError):
        find_disagreements([a, at_90], same_period_days=-1)


def test_compatible_figures_far_apart_are_not_reported() -> None:
    assert find_disagreements([F(41, as_of=D(2023, 5, 30)),
                               F(30, "more than", as_of=D(2025, 4, 2))]) == []


def test_undated_claims_count_as_the_same_period_and_say_so() -> None:
    dated = F(29, measure="contributing nations", as_of=D(2020, 1, 1), article_id=5)
    undated = F(33, measure="contributing nations", as_of=None, article_id=3)
    (d,) = find_disagreements([undated, dated])
    assert d.status == "conflict"
    assert d.claims == (dated.claim_id, undated.claim_id)
    assert "33 (undated, article 3)" in d.explanation
    assert "the date of article 3 is unknown, so this may be a change over time" in d.explanation

    both = [F(29, measure="contributing nations", as_of=None, article_id=4), undated]
    (d,) = find_disagreements(both)
    assert d.status == "conflict"
    assert "the dates of articles 3 and 4 are unknown" in d.explanation

    (d,) = find_disagreements([F(4600, "more than", as_of=None, article_id=3),
                               F(4700, "approximately", as_of=D(2019, 1, 1))])
    assert d.status == "compatible"
    assert d.explanation.endswith("; the date of article 3 is unknown.")


# --- determinism, input hygiene, cost ------------------------------------------------------------


def _mixed_claims() -> list[ClaimFact]:
    out = []
    rng = random.Random(7)
    for i in range(300):
        out.append(ClaimFact(
            claim_id=i, article_id=rng.randint(1, 40),
            subject=rng.choice(["kfor", "eufor-althea", "nato"]),
            measure=rng.choice(["troops", "personnel", "injured", "contributing nations"]),
            value=rng.choice([29, 30, 33, 41, 93, 3800, 4600, 4700]),
            value_max=rng.choice([None, None, None, 50]),
            qualifier=rng.choice(["exact", "approximately", "more than", "at least", "up to",
                                  "less than"]),
            change=rng.random() < 0.1,
            as_of=rng.choice([None, D(2023, 5, 30), D(2023, 6, 10), D(2025, 3, 11),
                              D(2025, 4, 2)]),
            outlet=rng.choice([None, "Sava Daily", "Adriatic Monitor"])))
    return out


def test_input_order_does_not_change_the_output() -> None:
    claims = _mixed_claims()
    expected = find_disagreements(claims)
    assert expected  # the mix does produce disagreements of every status
    assert {d.status for d in expected} == {"conflict", "compatible", "change"}
    rng = random.Random(11)
    for _ in range(5):
        shuffled = claims[:]
        rng.shuffle(shuffled)
        assert find_disagreements(shuffled) == expected
    assert find_disagreements(claims + claims[:50]) == expected  # the same claim twice
    keys = [(d.subject, d.measure) for d in expected]
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)


def test_every_explanation_is_one_sentence_naming_each_listed_article() -> None:
    for d in find_disagreements(_mixed_claims()):
        assert d.explanation.endswith(".") and "\n" not in d.explanation
        assert d.explanation.startswith(f"{d.subject} ")
        assert list(d.claims) == list(dict.fromkeys(d.claims))  # each claim once


def _pairwise(claims: list[ClaimFact], window: int = 90) -> set[tuple[str, str, bool, str, int]]:
    """The rules read literally: every pair of claims in a group, one at a time."""
    family = {m: f for f, ms in MEASURE_FAMILIES.items() for m in ms}
    out = set()
    for a, b in combinations(claims, 2):
        if (a.subject, family.get(a.measure, a.measure), a.change) != \
                (b.subject, family.get(b.measure, b.measure), b.change) or same_figure(a, b):
            continue
        fits = compatible(a, b)
        if a.as_of and b.as_of and abs((a.as_of - b.as_of).days) > window:
            status = None if fits else "change"
        else:
            status = "compatible" if fits else "conflict"
        if status:
            key = (a.subject, family.get(a.measure, a.measure), a.change, status)
            out |= {(*key, a.claim_id), (*key, b.claim_id)}
    return out


@pytest.mark.parametrize("window", [0, 30, 90, 800])
def test_the_result_is_the_pairwise_rule(window: int) -> None:
    claims = _mixed_claims()
    family = {m: f for f, ms in MEASURE_FAMILIES.items() for m in ms}
    by_id = {c.claim_id: c for c in claims}
    got = set()
    for d in find_disagreements(claims, same_period_days=window):
        for claim_id in d.claims:
            c = by_id[claim_id]
            got.add((c.subject, family.get(c.measure, c.measure), c.change, d.status, claim_id))
    assert got == _pairwise(claims, window)


def test_two_different_claims_with_one_id_are_refused() -> None:
    with pytest.raises(ValueError, match="share the id 5"):
        find_disagreements([F(30, claim_id=5), F(41, claim_id=5)])


def test_a_large_group_of_repeated_figures_is_fast() -> None:
    rng = random.Random(3)
    start_day = D(2024, 1, 1)
    claims = [F(rng.choice([4600, 4700, 4800, 3800]),
                rng.choice(["exact", "approximately", "more than"]),
                as_of=start_day + dt.timedelta(days=rng.randrange(120)),
                article_id=i, claim_id=i) for i in range(20_000)]
    began = time.perf_counter()
    found = find_disagreements(claims)
    assert time.perf_counter() - began < 10
    assert {d.status for d in found} == {"conflict", "compatible", "change"}


# --- golden: the real store's claims --------------------------------------------------------------
# Transcribed from a store made with
#   watchfloor --db r.db ingest -q ../shared/corpus/seeds examples/corpus
# (articles 1-5 are seeds 000-004; claim and article ids as stored; outlets as stored).

SEED_002 = [  # article 3, undated
    ClaimFact(3, 3, "kfor", "contributing nations", 33, None, "exact", False, None),  # 33 countries
    ClaimFact(2, 3, "kfor", "personnel", 4600, None, "more than", False, None),
    ClaimFact(1, 3, "kfor", "troops", 1000, None, "exact", True, None),  # increase by 1,000 troops
]
SEED_004 = [  # article 5, 2025-04-02 (byline)
    ClaimFact(7, 5, "eufor-althea", "contributing nations", 23, None, "exact", False, D(2025, 4, 2)),
    ClaimFact(6, 5, "eufor-althea", "personnel", 1100, None, "approximately", False, D(2025, 4, 2)),
    ClaimFact(5, 5, "kfor", "contributing nations", 29, None, "exact", False, D(2025, 4, 2)),
    ClaimFact(11, 5, "kfor", "injured", 30, None, "more than", False, D(2025, 4, 2)),
    ClaimFact(4, 5, "kfor", "troops", 4700, None, "approximately", False, D(2025, 4, 2)),
    ClaimFact(9, 5, "milorad-dodik", "prison sentence", 1, None, "exact", False, D(2025, 4, 2)),
]
SAMPLE = [
    ClaimFact(18, 7, "kfor", "injured", 41, None, "exact", False, D(2023, 5, 30),
              "East Adriatic Wire"),
    # Adriatic Monitor: "30 peacekeepers hurt", "KFOR said 30 of its soldiers were injured". The
    # claim extractor leaves their subject unresolved (None); KFOR's is the figure the text gives.
    ClaimFact(24, 10, "kfor", "injured", 30, None, "exact", False, D(2023, 5, 30),
              "Adriatic Monitor"),
    ClaimFact(26, 10, "kfor", "injured", 30, None, "exact", False, D(2023, 5, 30),
              "Adriatic Monitor"),
    ClaimFact(32, 10, "kfor", "troops", 3800, None, "approximately", False, D(2023, 5, 30),
              "Adriatic Monitor"),
    ClaimFact(25, 10, "nato", "troops", 700, None, "exact", True, D(2023, 5, 30),
              "Adriatic Monitor"),
    ClaimFact(35, 12, "kfor", "contributing nations", 29, None, "exact", False, D(2025, 3, 11),
              "Ibar Valley Post"),
    ClaimFact(37, 12, "kfor", "injured", 93, None, "exact", False, D(2025, 3, 11),
              "Ibar Valley Post"),
    ClaimFact(34, 12, "kfor", "troops", 4700, None, "approximately", False, D(2025, 3, 11),
              "Ibar Valley Post"),
    ClaimFact(36, 12, "united-states", "troops", 600, None, "approximately", False,
              D(2025, 3, 11), "Ibar Valley Post"),
    ClaimFact(40, 13, "milorad-dodik", "ban", 6, None, "exact", False, D(2025, 3, 10),
              "Sava Daily"),
    ClaimFact(39, 13, "milorad-dodik", "prison sentence", 1, None, "exact", False,
              D(2025, 3, 10), "Sava Daily"),
    ClaimFact(60, 15, "milorad-dodik", "ban", 6, None, "exact", False, None, None),
    ClaimFact(59, 15, "milorad-dodik", "prison sentence", 1, None, "exact", False, None, None),
]
NAMES = {"kfor": "KFOR"}


def test_golden_seeds_002_and_004() -> None:
    found = find_disagreements(SEED_002 + SEED_004, names=NAMES)
    assert [(d.subject, d.measure, d.status, d.claims) for d in found] == [
        ("kfor", "contributing nations", "conflict", (5, 3)),
        ("kfor", "strength", "compatible", (4, 2)),
    ]
    nations, strength = found
    assert nations.explanation == (
        "KFOR contributing nations: 29 (2025-04-02, article 5) vs 33 (undated, article 3): exact "
        "counts that cannot both hold at the same time, though the date of article 3 is unknown, "
        "so this may be a change over time.")
    assert strength.explanation == (
        "KFOR troops and personnel (compared together as its strength): about 4,700 (2025-04-02, "
        "article 5) vs more than 4,600 (undated, article 3): different figures that can both hold "
        "at the same time (any value above 4,600 and up to 4,935 fits both); the date of article "
        "3 is unknown.")


def test_golden_seeds_and_sample_corpus() -> None:
    found = find_disagreements(SEED_002 + SEED_004 + SAMPLE, names=NAMES)
    got = {(d.measure, d.status): d.claims for d in found if d.subject == "kfor"}
    assert got == {
        ("contributing nations", "conflict"): (35, 5, 3),
        # Zvečan, 29 May 2023: KFOR's 30 and ANSA's 41, both reported on 30 May 2023.
        ("injured", "conflict"): (18, 24, 26),
        # NATO's final 93 (March 2025) and seed 004's "over 30" (April 2025) can both be true.
        ("injured", "compatible"): (37, 11),
        # 30 and 41 (2023) against 93 (2025), and the exact 30 against "over 30" (2025): figures
        # two years apart whose intervals do not meet. 41 against "over 30" is not reported:
        # they are compatible and far apart.
        ("injured", "change"): (18, 24, 26, 37, 11),
        # "almost 3,800" (2023) against the undated "more than 4,600": the unknown date is
        # treated as the same period, and the explanation says it may be a change.
        ("strength", "conflict"): (32, 2),
        ("strength", "compatible"): (34, 4, 2),
        ("troops", "change"): (32, 34, 4),
    }
    assert {d.subject for d in found} == {"kfor"}  # the Dodik figures agree; NATO's change alone
    text = {(d.measure, d.status): d.explanation for d in found}
    assert text[("injured", "conflict")] == (
        "KFOR injured: 41 (2023-05-30, East Adriatic Wire, article 7) vs 30 (2023-05-30, Adriatic "
        "Monitor, article 10): exact counts that cannot both hold at the same time.")
    assert text[("troops", "change")] == (
        "KFOR troops: about 3,800 (Adriatic Monitor, article 10) on 2023-05-30, then about 4,700 "
        "(Ibar Valley Post, article 12; article 5) from 2025-03-11 to 2025-04-02: figures more "
        "than 90 days apart, so a change over time or a revised count rather than a conflict.")
    assert "the date of article 3 is unknown, so this may be a change over time" in \
        text[("strength", "conflict")]


@pytest.mark.slow
def test_golden_from_a_freshly_analysed_store(tmp_path: Path) -> None:
    """The same outcomes from claims read out of a real store, not transcribed."""
    from watchfloor.config import get_settings
    from watchfloor.extract.run import extract_pending
    from watchfloor.pipeline import ingest_paths
    from watchfloor.store import Store

    seeds = require_seeds()
    with Store(str(tmp_path / "r.db")) as store:
        ingest_paths(store, [str(seeds), str(EXAMPLES)], settings=get_settings())
        extract_pending(store, settings=get_settings())
        articles = {a.id: a for a in store.iter_articles()}
        facts = []
        for article_id, article in articles.items():
            for row in store.list_claims(article_id=article_id):
                c = row.record
                facts.append(ClaimFact(c.id, c.article_id, c.subject_entity_id or "", c.measure,
                                       c.value, c.value_max, c.qualifier, c.change, c.as_of,
                                       article.outlet))
    by_source = {Path(a.source).name.split("_")[0]: a.id for a in articles.values()}
    seed_002, seed_004 = by_source["002"], by_source["004"]
    found = by_status(find_disagreements(facts))

    def articles_of(key: tuple[str, str]) -> set[int]:
        ids = set(found[key].claims)
        return {f.article_id for f in facts if f.claim_id in ids}

    def figures_of(key: tuple[str, str]) -> set[tuple[str, float, str]]:
        ids = set(found[key].claims)
        return {(f.measure, f.value, f.qualifier) for f in facts if f.claim_id in ids}

    assert {seed_002, seed_004} <= articles_of(("contributing nations", "conflict"))
    assert {("contributing nations", 29, "exact"), ("contributing nations", 33, "exact")} == \
        figures_of(("contributing nations", "conflict"))
    assert {seed_002, seed_004} <= articles_of(("strength", "compatible"))
    assert {("personnel", 4600, "more than"), ("troops", 4700, "approximately")} <= \
        figures_of(("strength", "compatible"))
    assert figures_of(("troops", "change")) == {("troops", 3800, "approximately"),
                                                ("troops", 4700, "approximately")}
    assert {("injured", 93, "exact"), ("injured", 30, "more than")} == \
        figures_of(("injured", "compatible"))
    assert ("injured", 41, "exact") in figures_of(("injured", "change"))
    # The 1,000-troop increase of seed 002 is a change: never set against a level.
    increase = next(f for f in facts if f.article_id == seed_002 and f.change)
    assert all(increase.claim_id not in d.claims for d in found.values())
