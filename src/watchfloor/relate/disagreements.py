"""Disagreements: figures about the same thing that differ, laid side by side.

The input is every stored claim as a :class:`~watchfloor.types.ClaimFact`; the output is one
:class:`~watchfloor.types.Disagreement` per group and status. These are pure functions: no store,
no I/O, and the same claims in any order give the same result.

Rules
-----

**Groups.** Claims are grouped by (subject entity id, measure family, change flag). Only claims in
one group are ever compared:

- *Measure family*: measures that count the same thing under different words. ``troops`` and
  ``personnel`` of a military mission are both its strength ("about 4,700 troops", "more than
  4,600 personnel"), so they are compared, and the explanation says so. Every measure not listed
  in :data:`MEASURE_FAMILIES` is a family of its own: ``injured`` is never compared with
  ``killed``, nor ``contributing nations`` with a mission's ``troops``. ``countries`` stays apart
  from ``contributing nations`` on purpose: "NATO's 32 countries" are members, not contributors.
- *Change flag*: a change ("increased by 1,000 troops") is never compared with a level ("4,700
  troops"); changes are compared only with changes.
- A claim with no subject (an empty entity id) or a value that is not a finite number is left
  out: there is nothing it could be said to disagree with. So is a claim whose measure names only
  a unit (:data:`UNCOMPARED_MEASURES`: ``amount``, ``percentage``, the extractor's fallbacks for a
  sum of money or a share it could not name): "Serbia: €2.7 billion" and "Serbia: €500 million"
  are two purchases, not two reports of one.

**Qualifiers as intervals.** Each figure is read as the set of values it allows:

===================  =========================================
exact *v*             [v, v]
approximately *v*     [v − m, v + m], m = the margin below
more than *v*         (v, ∞)
at least *v*          [v, ∞)
less than *v*         (−∞, v)
up to *v*             [0, v]
a range *v*–*w*       [v, w] (approximately: [v − m(v), w + m(w)])
===================  =========================================

The margin of "approximately" is ``m = max(5% of v, min(half the rounding step of v, 10% of
v))``. The 5% floor: reporters round official figures that move from week to week, so "about
4,700" (4,465–4,935) next to an exact 4,760 is not a contradiction worth an analyst's time, while
"about 3,800" and "about 4,700" (24% apart) still differ. Pure rounding (4,650–4,750) would be
too strict for that. The rounding term matters for small or very round numbers, where the writer
rounded by more than 5%: "about 30" covers 27–33 and "about 600" 550–650; it is capped at 10% so
that "about 1,000" means 900–1,100 and not 500–1,500. Any qualifier word not in the table above
is read as "approximately", the widest reading that still centres on the value, so an unfamiliar
word never makes a false conflict.

Two figures are *compatible* (:func:`compatible`) when their intervals overlap, open ends
respected: "more than 30" and an exact 30 do not overlap; "at least 30" and 30 do.

**Equal figures are not a disagreement**: the same numbers with the same qualifier, or the same
numbers where each qualifier is "exact" or "approximately" (an exact 4,700 and "about 4,700").
"More than 30" and an exact 30 have the same number but differ, and are compared.

**Dates.** Every pair of different figures in a group is classified:

- both claims dated and their ``as_of`` dates more than ``same_period_days`` (default 90) apart:
  ``change`` (change over time, not conflict) when the intervals do not overlap; when they do
  overlap, nothing is reported (the figures are consistent with no change at all);
- otherwise (same period, or at least one undated claim): ``conflict`` when the intervals do not
  overlap, ``compatible`` when they do (different figures that can both hold, shown side by side
  so the analyst sees both). An undated claim (``as_of`` None) is compared as if from the same
  period, and the explanation says its date is unknown, so a "conflict" with an undated figure may
  really be a change over time.

Ninety days: force strengths and casualty counts are re-published for weeks after a figure
changes, so figures one or two months apart are still one period; a quarter apart they are not.

Note that ``as_of`` is the date the figure is said to hold for, which for most claims is the
article's date. A count of a past incident repeated in a later article ("93 KFOR soldiers were
injured" in 2025 about May 2023) is therefore dated by the later article, and a "change" between
two such counts is a revised count rather than a new incident; the explanation says "change over
time or a revised count".

**Output.** A group yields at most one Disagreement per status, listing every claim involved in a
pair of that status: claim ids in as-of order (undated last; ties by article id, then claim id).
For the KFOR injured at Zvečan: 30 (Adriatic Monitor) and 41 (East Adriatic Wire), both of 30 May
2023, conflict; 93 (March 2025) and "over 30" (April 2025) are compatible; 30 and 41 against 93,
and the exact 30 against "over 30", are changes; 41 and "over 30", two years apart but
compatible, are not reported. ``Disagreement.measure`` is the measure when all the claims listed
share one, else the family name (``strength``). The explanation is one sentence: the subject
and measure, each figure with its date, outlet and article, and why the figures conflict, agree,
or changed.

**Cost.** Sorting and grouping are O(n log n) for n claims. Within a group, each pair of
*distinct figures* (value, range end, qualifier) is compared once, not each pair of claims; for
the dates of one figure not yet known to be involved, the other figure's sorted dates are
bisected. That is O(f²) pair checks for f distinct figures in the group (about 2 µs each), plus
O(p log p) for its p distinct (figure, date) points. Figures repeat ("about 4,700" in a year of
articles is one figure), so for realistic groups f is in the tens: 20,000 claims of one subject
take under a second. The quadratic part shows only when every value differs: 1,000 distinct
figures in one group cost about 0.3 s; a synthetic 200,000 claims in 250 groups of ~330 distinct
random figures take about 30 s. Groups are independent, so the store can recompute only the
groups a new article touches (:func:`group_key`, :func:`family_of`): the cost per added article
is that of its groups, not of the store.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ..types import ClaimFact, Disagreement

NAME = "disagreements"
VERSION = "1"

MEASURE_FAMILIES: dict[str, tuple[str, ...]] = {
    "strength": ("troops", "personnel"),
}
"""Family name → the measures compared together, in the order the explanation names them.

``troops`` and ``personnel``: both give the strength of a military mission or of a country's
contingent in it (KFOR "about 4,700 troops" and "more than 4,600 personnel"). Measures not listed
here are compared only with themselves (``injured`` never with ``killed``)."""

_FAMILY_OF: dict[str, str] = {m: fam for fam, members in MEASURE_FAMILIES.items() for m in members}

UNCOMPARED_MEASURES = frozenset({"amount", "percentage"})
"""Measures that name a unit, not a quantity: never compared (see the module docstring)."""

APPROX_RELATIVE = 0.05
"""The least margin of "approximately": 5% of the value either side."""
APPROX_ROUNDING_CAP = 0.10
"""The rounding-aware margin (half the value's rounding step) is capped at 10% of the value."""
SAME_PERIOD_DAYS = 90

STATUSES = ("conflict", "compatible", "change")
"""In the order they are returned within one group."""

_EQUIVALENT = frozenset({"exact", "approximately"})
_KNOWN = frozenset({"exact", "approximately", "more than", "at least", "less than", "up to"})
_MAX_SOURCES = 3
"""Sources named for one figure in an explanation before "and N more"."""
_MAX_FIGURES = 8
"""Figures (or dates, for a change) named in an explanation before "and N more"."""


# --- intervals ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """The values a figure allows: from ``lo`` to ``hi``, each end open (excluded) or closed."""

    lo: float
    lo_open: bool
    hi: float
    hi_open: bool


def _rounding_step(value: float) -> float:
    """The place of the last significant digit: 4,700 → 100, 30 → 10, 3.47 → 0.01."""
    exponent = Decimal(repr(abs(value))).normalize().as_tuple().exponent
    return 10.0 ** int(exponent)


def approx_margin(value: float) -> float:
    """How far "approximately ``value``" reaches either side (see the module docstring)."""
    size = abs(value)
    if size == 0 or not math.isfinite(size):
        return 0.0
    rounding = min(_rounding_step(size) / 2, APPROX_ROUNDING_CAP * size)
    return max(APPROX_RELATIVE * size, rounding)


def _bounds(claim: ClaimFact) -> tuple[float, float]:
    lo, hi = claim.value, claim.value if claim.value_max is None else claim.value_max
    return (lo, hi) if lo <= hi else (hi, lo)


def interval(claim: ClaimFact) -> Interval:
    """The values ``claim`` allows, from its value, range end and qualifier."""
    lo, hi = _bounds(claim)
    qualifier = _qualifier(claim)
    if qualifier == "exact":
        return Interval(lo, False, hi, False)
    if qualifier == "more than":
        return Interval(lo, True, math.inf, True)
    if qualifier == "at least":
        return Interval(lo, False, math.inf, True)
    if qualifier == "less than":
        return Interval(-math.inf, True, hi, True)
    if qualifier == "up to":
        return Interval(min(0.0, hi), False, hi, False)
    return Interval(lo - approx_margin(lo), False, hi + approx_margin(hi), False)


def _qualifier(claim: ClaimFact) -> str:
    qualifier = claim.qualifier.strip().lower()
    return qualifier if qualifier in _KNOWN else "approximately"


def _overlap(a: Interval, b: Interval) -> bool:
    if a.lo > b.lo or (a.lo == b.lo and a.lo_open):
        lo, lo_open = a.lo, a.lo_open
    else:
        lo, lo_open = b.lo, b.lo_open
    if a.hi < b.hi or (a.hi == b.hi and a.hi_open):
        hi, hi_open = a.hi, a.hi_open
    else:
        hi, hi_open = b.hi, b.hi_open
    return lo < hi or (lo == hi and not lo_open and not hi_open)


def compatible(a: ClaimFact, b: ClaimFact) -> bool:
    """True when both figures can hold at once: their qualifier intervals overlap.

    Only the figures are compared (value, range end, qualifier), not subjects, measures or dates.
    """
    return _overlap(interval(a), interval(b))


def same_figure(a: ClaimFact, b: ClaimFact) -> bool:
    """The same numbers, and the same qualifier or both "exact"/"approximately": not a
    disagreement."""
    if _bounds(a) != _bounds(b):
        return False
    qa, qb = a.qualifier.strip().lower(), b.qualifier.strip().lower()
    return qa == qb or (qa in _EQUIVALENT and qb in _EQUIVALENT)


# --- finding them ---------------------------------------------------------------------------------


def _order_key(c: ClaimFact) -> tuple[bool, dt.date, int, int]:
    return (c.as_of is None, c.as_of or dt.date.min, c.article_id, c.claim_id)


def family_of(measure: str) -> str:
    """The family a measure is compared in: its family name, or the measure itself."""
    return _FAMILY_OF.get(measure, measure)


def group_key(claim: ClaimFact) -> tuple[str, str, bool]:
    """(subject, measure family, change): only claims with the same key are compared."""
    return (claim.subject, family_of(claim.measure), claim.change)


def _usable(claims: Iterable[ClaimFact]) -> list[ClaimFact]:
    """Claims that can be compared, each once, in claim-id order (so input order never matters)."""
    by_id: dict[int, ClaimFact] = {}
    for c in claims:
        if not c.subject or c.measure in UNCOMPARED_MEASURES or not math.isfinite(c.value) or (
                c.value_max is not None and not math.isfinite(c.value_max)):
            continue
        seen = by_id.get(c.claim_id)
        if seen is not None and seen != c:
            raise ValueError(f"two different claims share the id {c.claim_id}")
        by_id[c.claim_id] = c
    return [by_id[k] for k in sorted(by_id)]


def find_disagreements(claims: list[ClaimFact], *, same_period_days: int = SAME_PERIOD_DAYS,
                       names: Mapping[str, str] | None = None) -> list[Disagreement]:
    """Every conflict, compatible pair and change over time among ``claims``.

    ``names`` maps subject entity ids to display names for the explanations (the knowledge base's
    names); a subject not in it is shown by its id. Results are ordered by subject, measure family,
    level before change, then status (conflict, compatible, change). See the module docstring for
    the rules and their cost.
    """
    if same_period_days < 0:
        raise ValueError("same_period_days must not be negative")
    groups: dict[tuple[str, str, bool], list[ClaimFact]] = defaultdict(list)
    for c in _usable(claims):
        groups[group_key(c)].append(c)
    out: list[Disagreement] = []
    for key in sorted(groups):
        out.extend(_group_disagreements(key, groups[key], same_period_days, names or {}))
    return out


def _figure_key(c: ClaimFact) -> tuple[float, float, str]:
    lo, hi = _bounds(c)
    return (lo, hi, c.qualifier.strip().lower())


@dataclass
class _Figure:
    """One distinct figure of a group with the claims that give it, by date."""

    rep: ClaimFact
    interval: Interval
    same: tuple[float, float, str]
    """Equal for figures that are the same figure (:func:`same_figure`)."""
    by_day: dict[int | None, list[ClaimFact]]
    """Date ordinal (None: undated) → claims."""
    days: list[int] = field(default_factory=list)
    """Sorted ordinals of the dated claims."""
    pending: dict[str, set[int | None]] = field(default_factory=dict)
    """Status → the dates of this figure not yet found involved in a pair of that status."""


def _near(day: int, other: _Figure, window: int) -> bool:
    """Whether ``other`` has a claim of the same period as ``day`` (or an undated one)."""
    if None in other.by_day:
        return True
    i = bisect_left(other.days, day - window)
    return i < len(other.days) and other.days[i] <= day + window


def _far(day: int, other: _Figure, window: int) -> bool:
    """Whether ``other`` has a dated claim more than ``window`` days from ``day``."""
    return bool(other.days) and (other.days[0] < day - window or other.days[-1] > day + window)


def _mark(this: _Figure, other: _Figure, status: str, window: int) -> None:
    pending = this.pending[status]
    if not pending:
        return
    test = _far if status == "change" else _near
    found = [day for day in pending
             if (day is None and status != "change") or (day is not None and test(day, other,
                                                                                   window))]
    pending.difference_update(found)


def _group_disagreements(key: tuple[str, str, bool], members: list[ClaimFact],
                         same_period_days: int, names: Mapping[str, str]) -> list[Disagreement]:
    # Compare each pair of distinct figures once; for each date of one figure not yet known to be
    # involved, bisect the other figure's dates for one in the same period (or one far away).
    figures: dict[tuple[float, float, str], _Figure] = {}
    for c in members:
        day = None if c.as_of is None else c.as_of.toordinal()
        fkey = _figure_key(c)
        fig = figures.get(fkey)
        if fig is None:
            same = fkey if fkey[2] not in _EQUIVALENT else (fkey[0], fkey[1], "exact")
            fig = figures[fkey] = _Figure(c, interval(c), same, {})
        fig.by_day.setdefault(day, []).append(c)
    for fig in figures.values():
        fig.days = sorted(d for d in fig.by_day if d is not None)
        fig.pending = {"conflict": set(fig.by_day), "compatible": set(fig.by_day),
                       "change": set(fig.days)}
    ordered = [figures[k] for k in sorted(figures)]
    window = same_period_days
    for i, a in enumerate(ordered):
        a_near, a_compat, a_change = (a.pending[s] for s in STATUSES)
        for b in ordered[i + 1:]:
            if a.same == b.same:
                continue
            b_near, b_compat, b_change = (b.pending[s] for s in STATUSES)
            if _overlap(a.interval, b.interval):
                if a_compat or b_compat:
                    _mark(a, b, "compatible", window)
                    _mark(b, a, "compatible", window)
            elif a_near or b_near or a_change or b_change:
                for status in ("conflict", "change"):
                    _mark(a, b, status, window)
                    _mark(b, a, status, window)
    involved: dict[str, set[int]] = {s: set() for s in STATUSES}
    for fig in ordered:
        for status in STATUSES:
            for day in fig.by_day.keys() - fig.pending[status]:
                if status == "change" and day is None:
                    continue
                involved[status].update(c.claim_id for c in fig.by_day[day])
    subject, family, change = key
    out = []
    for status in STATUSES:
        if not involved[status]:
            continue
        listed = sorted((c for c in members if c.claim_id in involved[status]), key=_order_key)
        measures = {c.measure for c in listed}
        measure = next(iter(measures)) if len(measures) == 1 else family
        out.append(Disagreement(
            subject=subject, measure=measure, status=status,
            claims=tuple(c.claim_id for c in listed),
            explanation=_explain(status, names.get(subject, subject), family, change, listed,
                                 same_period_days)))
    return out


# --- explanations ---------------------------------------------------------------------------------


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def render_figure(c: ClaimFact) -> str:
    """The figure as an analyst reads it: "about 4,700", "more than 4,600", "20–30"."""
    lo, hi = _bounds(c)
    number = _number(lo) if lo == hi else f"{_number(lo)}–{_number(hi)}"
    qualifier = c.qualifier.strip().lower()
    if qualifier == "exact":
        return number
    if qualifier == "approximately":
        return f"about {number}"
    return f"{qualifier} {number}"


def _source(c: ClaimFact, *, with_date: bool = True) -> str:
    parts = [("undated" if c.as_of is None else c.as_of.isoformat())] if with_date else []
    if c.outlet:
        parts.append(c.outlet)
    parts.append(f"article {c.article_id}")
    return ", ".join(parts)


def _sources(claims: list[ClaimFact], *, with_date: bool = True) -> str:
    seen = list(dict.fromkeys(_source(c, with_date=with_date) for c in claims))
    shown = "; ".join(seen[:_MAX_SOURCES])
    if len(seen) > _MAX_SOURCES:
        shown += f"; and {len(seen) - _MAX_SOURCES} more"
    return shown


def _by_figure(claims: list[ClaimFact]) -> list[tuple[str, list[ClaimFact]]]:
    """Claims grouped by their rendered figure, in order of first appearance."""
    groups: dict[str, list[ClaimFact]] = {}
    for c in claims:
        groups.setdefault(render_figure(c), []).append(c)
    return list(groups.items())


def _limited(items: list[str], joiner: str) -> str:
    shown = joiner.join(items[:_MAX_FIGURES])
    if len(items) > _MAX_FIGURES:
        shown += f", and {len(items) - _MAX_FIGURES} more"
    return shown


def _label(subject: str, family: str, change: bool, claims: list[ClaimFact]) -> str:
    measures = {c.measure for c in claims}
    if len(measures) == 1:
        what = next(iter(measures))
    else:
        order = MEASURE_FAMILIES.get(family, ())
        named = sorted(measures, key=lambda m: (order.index(m) if m in order else len(order), m))
        what = f"{', '.join(named[:-1])} and {named[-1]} (compared together as its {family})"
    label = f"{subject} {what}"
    return f"{label}, as reported changes (not levels)" if change else label


def _explain(status: str, subject: str, family: str, change: bool, claims: list[ClaimFact],
             same_period_days: int) -> str:
    label = _label(subject, family, change, claims)
    if status == "change":
        return _explain_change(label, claims, same_period_days)
    figures = [f"{fig} ({_sources(cs)})" for fig, cs in _by_figure(claims)]
    both = "both" if len(figures) == 2 else "all"
    undated = sorted({c.article_id for c in claims if c.as_of is None})
    if status == "conflict":
        exact = all(c.qualifier.strip().lower() == "exact" and c.value_max in (None, c.value)
                    for c in claims)
        if exact:
            kind = "counts" if all(c.value == int(c.value) for c in claims) else "figures"
            reason = f"exact {kind} that cannot {both} hold at the same time"
        else:
            reason = (f"figures that cannot {both} hold at the same time, even allowing for "
                      f"their qualifiers")
        if undated:
            reason += f", though {_undated(undated)}, so this may be a change over time"
    else:
        common = _common(claims)
        if common is not None:
            reason = f"different figures that can {both} hold at the same time ({common} fits {both})"
        else:
            reason = ("different figures, each of which can hold together with another of them "
                      "(though not all at once)")
        if undated:
            reason += f"; {_undated(undated)}"
    return f"{label}: {_limited(figures, ' vs ')}: {reason}."


def _common(claims: list[ClaimFact]) -> str | None:
    """The values every claim allows, in words ("any value above 4,600 and up to 4,935")."""
    iv = interval(claims[0])
    for c in claims[1:]:
        other = interval(c)
        lo, lo_open = max((iv.lo, iv.lo_open), (other.lo, other.lo_open))
        hi, hi_open = min((iv.hi, not iv.hi_open), (other.hi, not other.hi_open))
        iv = Interval(lo, lo_open, hi, not hi_open)
    if iv.lo > iv.hi or (iv.lo == iv.hi and (iv.lo_open or iv.hi_open)):
        return None
    if iv.lo == iv.hi:
        return _number(iv.lo)
    parts = []
    if iv.lo != -math.inf:
        parts.append(f"{'above' if iv.lo_open else 'from'} {_number(iv.lo)}")
    if iv.hi != math.inf:
        parts.append(f"{'below' if iv.hi_open else 'up to'} {_number(iv.hi)}")
    return "any value " + " and ".join(parts)


def _undated(article_ids: list[int]) -> str:
    if len(article_ids) == 1:
        return f"the date of article {article_ids[0]} is unknown"
    listed = ", ".join(str(a) for a in article_ids[:-1]) + f" and {article_ids[-1]}"
    return f"the dates of articles {listed} are unknown"


def _explain_change(label: str, claims: list[ClaimFact], same_period_days: int) -> str:
    by_date: dict[dt.date, list[ClaimFact]] = {}
    for c in claims:
        if c.as_of is not None:
            by_date.setdefault(c.as_of, []).append(c)
    # Consecutive dates that give the same figures are one step: "about 4,700 (...) from
    # 2025-03-11 to 2025-04-02".
    runs: list[tuple[tuple[str, ...], dt.date, dt.date, list[ClaimFact]]] = []
    for day in sorted(by_date):
        figures = tuple(fig for fig, _ in _by_figure(by_date[day]))
        if runs and runs[-1][0] == figures:
            runs[-1] = (figures, runs[-1][1], day, runs[-1][3] + by_date[day])
        else:
            runs.append((figures, day, day, list(by_date[day])))
    steps = []
    for _, first, last, cs in runs:
        figures = [f"{fig} ({_sources(group, with_date=False)})" for fig, group in _by_figure(cs)]
        when = (f"on {first.isoformat()}" if first == last
                else f"from {first.isoformat()} to {last.isoformat()}")
        steps.append(f"{' and '.join(figures)} {when}")
    return (f"{label}: {_limited(steps, ', then ')}: figures more than {same_period_days} days "
            f"apart, so a change over time or a revised count rather than a conflict.")
