"""Time expressions: find them in an article and normalise each to an interval of days.

An analyst's timeline needs to know *when*: "10 and 11 March 2025", "in May 2023", "last week",
"by the end of 2023". This module finds such expressions with rules (no model, no dateparser, which
misreads conjunctions and deadlines) and places each on the calendar as ``earliest``/``latest``
days, using the article's publication date (``anchor``) where the text leaves something out.

What it does, in four passes over the text:

1. *Scan*. Patterns propose candidates, each with a small structured reading: a calendar date with
   some parts perhaps missing (``_Cal``), a weekday, an expression counted from the article's date
   (``_Rel``, ``_Window``, ``_Ago``), one counted from an earlier expression (``_Ctx``), a present,
   past or future reference, a duration, a set. Overlaps are settled longest first.
2. *Modifiers*: "early", "mid-", "late", "the end of", "the first half of" before a candidate
   narrow it ("early 2024" = January-April; see ``_PART_FRACTIONS``).
3. *Pairs and signals*: "10 March - 2 April 2025", "from May to July 2023", "between 2020 and 2022"
   become one range; "since", "until", "by", "before", "after" turn a date into a range or a
   deadline. The span then starts at the signal word, so the evidence says what the interval says.
4. *Resolve*, in text order: missing years are completed from the anchor and the tense of the
   sentence; "the same year" takes the year of the previous dated expression.

Rules worth knowing (each is also tested):

* Year completion ("February 12", "during October", "Monday, 10 March"): with a future marker in
  the sentence ("will", "scheduled for", "next", "expected") the first occurrence ending on/after
  the anchor; with a past marker ("said", "was", "took place", a verb in -ed, but not a participle
  after "be") the last occurrence starting on/before it; the marker nearest to the expression wins
  (within 160 characters). With neither, the occurrence nearest to the anchor. A written weekday
  that fits only one candidate year decides. Without an anchor the year stays unknown: value
  ``XXXX-02-12``, no bounds, basis ``unknown``, even when an earlier sentence names a year.
* A weekday alone ("on Tuesday"): the most recent such day on/before the anchor in a past-tense
  context, otherwise the next one on/after it. "last Friday" is strictly before, "next Friday"
  strictly after, "this Friday" in the anchor's week. "last May" is the latest May over before the
  anchor, "this May"/"this winter" the one nearest to it.
* Context (basis ``context``): "in September of the same year", "the following year", "two days
  later" count from the previous expression that was placed on the calendar; "the next day" falls
  back to the anchor when nothing dated comes before it in the paragraph. With nothing to count
  from, the bounds stay None.
* Vague windows ("in recent months", "over the past few years", "the coming years") reach a fixed
  number of units from the anchor: 7 days, 6 weeks, 6 months, 5 years, 3 decades
  (``_VAGUE_UNITS``); value ``PXM`` etc., kind ``relative``, precision None. Counted windows
  ("the past two years") have value ``P2Y``.
* "since X": from the start of X to the anchor (open when undated). "until X": to the end of X,
  from the anchor when X is still to come. "by X" (a deadline): earliest = latest = the last day of
  X, so "by the end of 2023" is 2023-12-31 ("the end of 2023" alone is October-December).
  "before X", "pre-2023", "after X", "post-2008": open on one side.
* Seasons are meteorological (spring = March-May; winter Y = December Y to February Y+1);
  centuries follow the TIMEX3 value ("the 20th century" = ``19`` = 1900-1999).
* Durations ("three years", "a year in prison", "six-year ban", "for years") have a value
  (``P3Y``, ``PXY``) and no bounds; the preposition "for" stays outside the span. Ages
  ("45-year-old", "aged 6 months") are not durations.
* A four-digit number is a year unless something says it counts ("4,700 troops", "2000 people",
  "Resolution 1244", "more than 2000"); before 1900 only after a preposition ("in 1871"). Month
  names that are also words or names (May, March, April, June, August) count alone only after a
  preposition or beside another month.
* A clock time next to a day joins it ("15:00 GMT on Saturday": value ``2025-04-05T15:00``).
* A numeric date that reads both ways ("03/04/2025") keeps both readings as its bounds, value None.
* Non-English: Serbian/Bosnian/Croatian (Latin and Cyrillic) and Albanian full dates with a month
  name ("10. marta 2025.", "10. марта 2025. године", "10 mars 2025"); only complete dates, since a
  month name alone ("mars", "maj") is too often something else.
* ``value`` is the TIMEX3 value (``2025-03-10``, ``2025-W11``, ``199``, ``19``, ``2025-Q1``,
  ``2025-SP``, ``PRESENT_REF``, ``P3Y``, ``PXM``). TIMEX3's ``mod`` ("early", "end of") has no
  field in ``TimeExpr``, so "early 2024" keeps the value ``2024`` and its bounds carry the
  narrowing. Ranges use the ISO 8601 interval form ``2023-05/2023-07``, ``..`` for an open end.
  ``precision`` is the grain of the bounds: seasons count as ``quarter``, ISO weeks as ``week``.

Everything is linear in the length of the text. The words that can start or end a time
expression are indexed in one pass, and each pattern runs only in windows around its own trigger
words (``_Index``); every pattern is built from bounded repetitions (``\\s{1,3}``, ``{0,6}``)
and can only start after a non-word character; the tests on the words before a candidate read at
most ``_WIDTH`` characters; the tense looks at most ``_Tense.REACH`` characters away.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from ..types import TimeExpr
from .sentences import Sentence, sentence_at, split_sentences

NAME = "timex"
VERSION = "1"
EXTRACTOR = f"{NAME}/{VERSION}"

# --- vocabulary ---------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
           "august": 8, "september": 9, "october": 10, "november": 11, "december": 12}
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
               "sept": 9, "oct": 10, "nov": 11, "dec": 12}
# Month names that are also common words or given names: alone they count only after a
# preposition ("in May", "since March"), never as "he may visit" or "a protest march".
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "april", "june", "august"})

_FOREIGN_MONTHS: dict[str, int] = {}
for _num, _forms in enumerate([
    # Serbian / Bosnian (Latin), nominative, genitive and locative; Croatian; Cyrillic; Albanian.
    "januar januara januaru siječanj siječnja siječnju јануар јануара јануару janar janarit",
    "februar februara februaru veljača veljače veljači фебруар фебруара фебруару shkurt shkurtit",
    "mart marta martu ožujak ožujka ožujku март марта марту mars marsit",
    "april aprila aprilu travanj travnja travnju април априла априлу prill prillit",
    "maj maja maju svibanj svibnja svibnju мај маја мају majit",
    "jun juna junu juni lipanj lipnja lipnju јун јуна јуну qershor qershorit",
    "jul jula julu juli srpanj srpnja srpnju јул јула јулу korrik korrikut",
    "avgust avgusta avgustu august augusta augustu kolovoz kolovoza kolovozu август августа "
    "августу gusht gushtit",
    "septembar septembra septembru rujan rujna rujnu септембар септембра септембру shtator "
    "shtatorit",
    "oktobar oktobra oktobru listopad listopada listopadu октобар октобра октобру tetor tetorit",
    "novembar novembra novembru studeni studenoga studenog новембар новембра новембру nëntor "
    "nëntorit nentor nentorit",
    "decembar decembra decembru prosinac prosinca prosincu децембар децембра децембру dhjetor "
    "dhjetorit",
], start=1):
    for _form in _forms.split():
        _FOREIGN_MONTHS[_form] = _num
_ALBANIAN_MONTHS = frozenset(f for f in _FOREIGN_MONTHS if f.startswith(
    ("janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator", "tetor",
     "nëntor", "nentor", "dhjetor")))

_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}
_SEASONS = {"spring": 0, "summer": 1, "autumn": 2, "fall": 2, "winter": 3}
_SEASON_CODES = ("SP", "SU", "FA", "WI")
_SEASON_FIRST_MONTH = (3, 6, 9, 12)
_TOD_CODES = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI",
              "tonight": "TNI"}

_NUMBER_WORDS = {w: i for i, w in enumerate(_words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"))}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_ORDINAL_WORDS = {w: i for i, w in enumerate(_words(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
    "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
    "twentieth"))}
_ORDINAL_WORDS.update({"twenty-first": 21, "twenty first": 21, "twenty-second": 22})
_VAGUE_QUANTITIES = ("a few", "few", "several", "a couple of", "couple of", "many")

_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE",
          "hour": "H", "minute": "MIN", "second": "S", "weekend": "WE", "quarter": "Q"}
_VAGUE_UNITS = {"D": 7, "W": 6, "M": 6, "Y": 5, "DE": 3, "CE": 1, "H": 24}
"""How many units a vague window ("in recent months", "the past few years") reaches back or
forward from the anchor."""


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation, longest first, with spaces and hyphens loosened."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s{1,3}").replace(r"\-", "[-\\s]") for w in items)


_NUMW = ("(?:(?:" + "|".join(_TENS) + r")(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)"
         r"\b)?|" + _alternation(_NUMBER_WORDS) + ")")
_NUM = rf"(?:{_NUMW}|\d{{1,3}}(?:,\d{{3}})*(?:\.\d{{1,2}})?)"
_S = r"\s{1,3}"
_MONTH_FULL = _alternation(_MONTHS)
_MONTH_ANY = rf"(?:(?:{_MONTH_FULL})\b|(?:{_alternation(_MONTH_ABBR)})\b\.?)"
_WD = _alternation(_WEEKDAYS)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:]|[.,]\d)"
_DAY_SEP = (r"(?:\s{0,2}(?:,\s{0,2}(?:and\s{1,2})?|[-–—]\s{0,2})"
            r"|\s{1,2}(?:and|&|to|through|until|till)\s{1,2})")
_DAYS = rf"{_DAY}(?:{_DAY_SEP}{_DAY}){{0,6}}"
_YEAR = r"(?:1\d{3}|20\d{2})(?!\d|[.,]\d)"
_YEAR_REF = (rf"{_S}(?:of{_S})?(?P<yref>(?:the{_S})?(?:same|following|next|previous|preceding|"
             rf"prior){_S}year|that{_S}year|(?:last|this|next){_S}year)\b")
_UNIT = r"(?:years?|yrs?|months?|weeks?|days?|decades?|century|centuries|hours?|minutes?|seconds)"
_UNIT_PLURAL = r"(?:days|weeks|months|years|decades|centuries|hours)"


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _scan_re(pattern: str) -> re.Pattern[str]:
    """A scanning pattern: it can only start where no letter or digit comes just before, which
    lets the engine give up at once inside words instead of trying every alternative there."""
    return re.compile(r"(?<!\w)(?:" + pattern + ")", re.IGNORECASE)


# --- where to look ------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")
_YEARISH = re.compile(r"(?:1\d{3}|20\d{2})(?!\d)")
_SHORT_DECADE = re.compile(r"\d0s")
_SPACE_BEFORE = re.compile(r"\s(?=\S*$)")
_SPACE_AFTER = re.compile(r"\s")
_YEAR_TOKENS = frozenset({"#year"})
_MONTH_WORDS = frozenset(_MONTHS) | frozenset(_MONTH_ABBR)
_FOREIGN_WORDS = frozenset(_FOREIGN_MONTHS)
_WEEKDAY_WORDS = frozenset(_WEEKDAYS) | frozenset(w + "s" for w in _WEEKDAYS)
_SEASON_WORDS = frozenset(_SEASONS)
_UNIT_WORDS = _wordset("year years yr yrs month months week weeks day days decade decades century "
                       "centuries hour hours minute minutes seconds")
_DECADE_TOKENS = frozenset({"#year", "#decade"}) | _wordset(
    "thirties forties fifties sixties seventies eighties nineties")
_CENTURY_WORDS = frozenset({"century"})
_QUARTER_WORDS = frozenset({"quarter", "q1", "q2", "q3", "q4", "#year"})
_REL_WORDS = _wordset("this last next past coming current")
_DEICTIC_WORDS = _wordset("today yesterday tomorrow tonight morning afternoon evening night")
_WINDOW_WORDS = _wordset("past last previous next coming following upcoming recent")
_AGO_WORDS = _wordset("ago earlier later now hence")
_REF_WORDS = _wordset("now currently nowadays presently present days past future")
_SET_WORDS = _wordset("every each annually yearly once twice times")
_ALL_WORDS = (_YEAR_TOKENS | _MONTH_WORDS | _FOREIGN_WORDS | _WEEKDAY_WORDS | _SEASON_WORDS
              | _UNIT_WORDS | _DECADE_TOKENS | _CENTURY_WORDS | _QUARTER_WORDS | _REL_WORDS
              | _DEICTIC_WORDS | _WINDOW_WORDS | _AGO_WORDS | _REF_WORDS | _SET_WORDS)


class _Index:
    """Where the words that can start or end a time expression are, so that each pattern runs
    only in windows around its own trigger words instead of at every position of the text.

    A window reaches ``before`` characters before a trigger and ``after`` characters past its
    start, widened to white space at both ends; overlapping windows merge, so a match is never
    cut or found twice. Numbers that look like years are indexed as ``#year``, "'90s" as
    ``#decade``.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.where: dict[str, list[int]] = {}
        for m in _WORD.finditer(text):
            word = m.group()
            if word[0].isdigit():
                if _YEARISH.match(word):
                    key = "#year"
                elif _SHORT_DECADE.fullmatch(word):
                    key = "#decade"
                else:
                    continue
            else:
                key = word.lower()
                if key not in _ALL_WORDS:
                    continue
            self.where.setdefault(key, []).append(m.start())

    def _windows(self, triggers: frozenset[str], before: int, after: int
                 ) -> Iterator[tuple[int, int]]:
        starts = sorted(p for word in triggers for p in self.where.get(word, ()))
        text, n = self.text, len(self.text)
        lo = hi = -1
        for p in starts:
            a, b = max(0, p - before), min(n, p + after)
            if a <= hi:
                hi = max(hi, b)
                continue
            if hi > lo:
                yield lo, hi
            lo, hi = a, b
            # Start and end on white space so that no word is cut (bounded: 40 characters).
            m = _SPACE_BEFORE.search(text, max(0, lo - 40), lo)
            lo = m.start() if m else max(0, lo - 40)
        if hi > lo:
            yield lo, hi

    def finditer(self, pattern: re.Pattern[str], triggers: frozenset[str], before: int,
                 after: int) -> Iterator[re.Match[str]]:
        text, n = self.text, len(self.text)
        last = 0
        for lo, hi in self._windows(triggers, before, after):
            m = _SPACE_AFTER.search(text, hi, min(n, hi + 40))
            hi = m.start() if m else min(n, hi + 40)
            lo = max(lo, last)
            if hi > lo:
                yield from pattern.finditer(text, lo, hi)
            last = hi


# --- readings of candidates ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Cal:
    """A calendar expression, possibly without its year ("10 March", "during October")."""

    grain: str
    """``day``, ``month``, ``season``, ``quarter``, ``year``, ``decade`` or ``century``."""
    year: int | None = None
    """For ``decade`` its first year, for ``century`` its first year (1900 for the 20th)."""
    month: int | None = None
    days: tuple[int, ...] = ()
    op: str = "one"
    """``one``, ``and`` (a conjunction of days) or ``range`` (days from-to)."""
    index: int = 0
    """Season (0 spring .. 3 winter) or quarter (1..4)."""
    yref: tuple[str, int] | None = None
    """The year counted from context (``ctx``) or from the anchor (``rel``), with an offset."""
    weekday: int | None = None
    part: str | None = None
    tod: str | None = None


@dataclass(frozen=True)
class _Weekday:
    weekday: int
    rel: str | None = None
    """``last``, ``next``, ``this`` or None."""
    tod: str | None = None
    part: str | None = None


@dataclass(frozen=True)
class _Rel:
    """A calendar unit counted from the anchor: "last week", "this year", "yesterday"."""

    unit: str
    """``day``, ``week``, ``weekend``, ``month``, ``quarter``, ``year``, ``decade``, ``century``,
    ``monthname`` or ``season`` (these two with ``index``)."""
    offset: int
    index: int = 0
    part: str | None = None
    tod: str | None = None
    implicit: bool = False
    """"the end of the year" (no "this"): the year may be the previous or next one by tense."""


@dataclass(frozen=True)
class _Ago:
    unit: str
    low: int
    high: int | None
    """Vague counts ("a few years ago") give a range of offsets; ``high`` None = no limit."""


@dataclass(frozen=True)
class _Window:
    """A stretch of time ending or starting at the anchor: "the past two years", "recent months"."""

    unit: str
    count: int | None
    direction: int


@dataclass(frozen=True)
class _Ref:
    value: str
    """``PRESENT_REF``, ``PAST_REF`` or ``FUTURE_REF``."""


@dataclass(frozen=True)
class _Duration:
    value: str


@dataclass(frozen=True)
class _Set:
    value: str


@dataclass(frozen=True)
class _Ctx:
    """Counted from the previous dated expression: "the same year", "the following day"."""

    unit: str
    offset: int
    fallback: bool = False
    """"the next day": counted from the anchor when nothing before it is dated."""


@dataclass(frozen=True)
class _Ambiguous:
    """A numeric date whose day and month may be either way round ("03/04/2025")."""

    first: dt.date
    second: dt.date


@dataclass(frozen=True)
class _Span:
    """A range (``range``: a to b) or a signal: ``since``, ``until``, ``by``, ``before``,
    ``after``."""

    kind: str
    a: object
    b: object = None


@dataclass
class _Cand:
    start: int
    end: int
    spec: object
    rank: int = 5
    """Among candidates of equal length the lower rank wins."""


@dataclass(frozen=True)
class _Res:
    kind: str
    value: str | None
    precision: str | None
    earliest: dt.date | None
    latest: dt.date | None
    basis: str
    days: tuple[dt.date, ...] = ()


# --- calendar helpers ---------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + k
    return total // 12, total % 12 + 1


def _shift(day: dt.date, unit: str, k: int) -> dt.date | None:
    """``day`` moved by ``k`` units (months and years keep the day, clamped to the month)."""
    try:
        if unit in ("D", "H", "MIN", "S"):
            return day + dt.timedelta(days=k if unit == "D" else 0)
        if unit == "W":
            return day + dt.timedelta(weeks=k)
        months = {"M": k, "Q": 3 * k, "Y": 12 * k, "DE": 120 * k, "CE": 1200 * k}[unit]
        y, m = _add_months(day.year, day.month, months)
        return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))
    except (ValueError, OverflowError, KeyError):
        return None


_PART_FRACTIONS = {"early": (0, 1 / 3), "mid": (1 / 3, 2 / 3), "late": (2 / 3, 1),
                   "start": (0, 1 / 4), "end": (3 / 4, 1), "h1": (0, 1 / 2), "h2": (1 / 2, 1)}
"""Which part of a unit "early", "mid", "late", "the start of", "the end of", "the first half of"
and "the second half of" mean, as fractions of its sub-units (months of a year, days of a month,
years of a decade): early 2024 = January-April, the end of 2023 = October-December, early May =
1-10 May, the mid-1990s = 1993-1996."""


def _apply_part(part: str, lo: dt.date, hi: dt.date) -> tuple[dt.date, dt.date]:
    if part not in _PART_FRACTIONS:
        return lo, hi
    f0, f1 = _PART_FRACTIONS[part]
    span_days = (hi - lo).days + 1
    if span_days < 7:  # a day: the part is a time of day, the bounds stay
        return lo, hi
    if span_days <= 31:  # a week or a month: parts are days
        i, j = round(f0 * span_days), round(f1 * span_days)
        return lo + dt.timedelta(days=i), lo + dt.timedelta(days=max(i, j - 1))
    if span_days <= 366:  # a season, quarter or year: parts are months
        n = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
        i, j = round(f0 * n), max(round(f0 * n) + 1, round(f1 * n))
        y0, m0 = _add_months(lo.year, lo.month, i)
        y1, m1 = _add_months(lo.year, lo.month, j - 1)
        return dt.date(y0, m0, 1), _month_end(y1, m1)
    n = hi.year - lo.year + 1  # a decade or century: parts are years
    i, j = round(f0 * n), max(round(f0 * n) + 1, round(f1 * n))
    return dt.date(lo.year + i, 1, 1), dt.date(lo.year + j - 1, 12, 31)


def _finer(precision: str | None) -> str | None:
    return {"year": "month", "quarter": "month", "month": "day", "week": "day", "decade": "year",
            "century": "year"}.get(precision or "", precision)


def _tod_suffix(tod: str | None) -> str:
    """TIMEX3's time of day: ``TMO`` (morning) ... ``TNI`` (night), or a clock time ``T15:00``."""
    return _TOD_CODES.get(tod, f"T{tod}") if tod else ""


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


# --- calendar expressions -----------------------------------------------------------------------

_GRAIN_PRECISION = {"day": "day", "month": "month", "season": "quarter", "quarter": "quarter",
                    "year": "year", "decade": "decade", "century": "century"}


def _cal_bounds(c: _Cal, year: int) -> tuple[dt.date, dt.date] | None:
    """The days of ``c`` in ``year`` (None when that day does not exist, e.g. 29 February)."""
    try:
        if c.grain == "day":
            assert c.month is not None
            lo, hi = dt.date(year, c.month, c.days[0]), dt.date(year, c.month, c.days[-1])
        elif c.grain == "month":
            assert c.month is not None
            lo, hi = dt.date(year, c.month, 1), _month_end(year, c.month)
        elif c.grain == "season":
            first = _SEASON_FIRST_MONTH[c.index]
            y1, m1 = _add_months(year, first, 2)
            lo, hi = dt.date(year, first, 1), _month_end(y1, m1)
        elif c.grain == "quarter":
            lo, hi = dt.date(year, 3 * c.index - 2, 1), _month_end(year, 3 * c.index)
        elif c.grain == "year":
            lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
        elif c.grain == "decade":
            lo, hi = dt.date(year, 1, 1), dt.date(year + 9, 12, 31)
        else:  # century
            lo, hi = dt.date(year, 1, 1), dt.date(year + 99, 12, 31)
    except ValueError:
        return None
    if c.part:
        lo, hi = _apply_part(c.part, lo, hi)
    return lo, hi


def _cal_value(c: _Cal, year: int | None) -> str:
    y = f"{year:04d}" if year is not None else "XXXX"
    if c.grain == "day":
        first = f"{y}-{c.month:02d}-{c.days[0]:02d}"
        if c.op != "one":
            return f"{first}/{y}-{c.month:02d}-{c.days[-1]:02d}"
        return first + _tod_suffix(c.tod)
    if c.grain == "month":
        return f"{y}-{c.month:02d}"
    if c.grain == "season":
        return f"{y}-{_SEASON_CODES[c.index]}"
    if c.grain == "quarter":
        return f"{y}-Q{c.index}"
    if c.grain == "decade":
        return y[:3]
    if c.grain == "century":
        return y[:2]
    return y


def _cal_result(c: _Cal, year: int | None, basis: str) -> _Res | None:
    precision = _GRAIN_PRECISION[c.grain]
    if c.part and c.grain != "day":
        precision = _finer(precision)
    kind = "range" if c.op != "one" else "date"
    if year is None:
        return _Res(kind, _cal_value(c, None), precision, None, None, "unknown")
    bounds = _cal_bounds(c, year)
    if bounds is None:
        return None
    days: tuple[dt.date, ...] = ()
    if c.op == "and":
        assert c.month is not None
        days = tuple(dt.date(year, c.month, d) for d in c.days)
    return _Res(kind, _cal_value(c, year), precision, bounds[0], bounds[1], basis, days)


def _choose(options: list[tuple[int, dt.date, dt.date]], anchor: dt.date,
            tense: str | None) -> tuple[int, dt.date, dt.date] | None:
    """Pick the occurrence that the tense allows (see the module docstring)."""
    if tense == "past":
        past = [o for o in options if o[1] <= anchor]
        return max(past, key=lambda o: o[1]) if past else None
    if tense == "future":
        future = [o for o in options if o[2] >= anchor]
        return min(future, key=lambda o: o[1]) if future else None

    def distance(o: tuple[int, dt.date, dt.date]) -> tuple[int, int]:
        if o[1] <= anchor <= o[2]:
            return 0, 0
        return min(abs((o[1] - anchor).days), abs((o[2] - anchor).days)), int(o[1] > anchor)

    return min(options, key=distance) if options else None


# --- the scan -----------------------------------------------------------------------------------

_PREP_BEFORE = _re(
    r"(?:\b(?:in|on|since|until|till|by|during|of|from|to|through|throughout|before|after|"
    r"between|last|next|this|that|early|mid|late|around|as\s{1,3}of|starting|beginning|each|"
    r"every|for)\s{1,3}|\bmid-)$")
_COUNT_NOUN_AFTER = _re(
    r"\s{0,2}(?:%|per\s?cent|troops|soldiers|people|persons|personnel|men|women|children|km|"
    r"kilomet(?:re|er)s?|met(?:re|er)s?|m\b|kg|tonnes|tons|euros?|dollars?|eur\b|usd\b|votes|"
    r"members|cases|units|hectares|pieces|copies|times|pages|words|employees|workers|refugees|"
    r"migrants|police|officers|residents|households|families|students|deaths|casualties|"
    r"victims|rounds|shells|vehicles|houses|homes|beds|hours|pounds|feet|miles|jobs|seats|"
    r"delegates|signatures|applications|tanks|drones|missiles|barrels|acres|calories|points)\b")
_NOT_YEAR_BEFORE = _re(
    r"(?:\b(?:resolution|res\.|no\.|nr\.?|number|article|art\.|flight|route|room|code|page|"
    r"pp?\.|tel\.?|phone|fax|(?:more|less|fewer)\s{1,3}than|some|approximately|nearly|almost|"
    r"roughly|least|total\s{1,3}of|box|unit|platoon|bus|model|windows|version)\s{1,3}"
    r"|[$€£¥#+№]\s{0,2})$")
_AGE_AFTER = re.compile(r"[-\s]old\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:ages?|aged)\s{1,3}$", re.IGNORECASE)


_WIDTH = 36
"""How far back the tests for words before a candidate look ("the second half of ", "as of ")."""


def _ending(pattern: re.Pattern[str], text: str, at: int) -> re.Match[str] | None:
    """``pattern`` (written to end with ``$``) matched right before offset ``at``."""
    return pattern.search(text, max(0, at - _WIDTH), at)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _number(word: str) -> int | float | None:
    w = re.sub(r"\s+", " ", word.lower()).replace(",", "")
    if w in ("a", "an", "one"):
        return 1
    if w in _NUMBER_WORDS:
        return _NUMBER_WORDS[w]
    if w in ("a couple of", "couple of"):
        return 2
    m = re.fullmatch(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](\w+))?", w)
    if m:
        return _TENS[m.group(1)] + (_NUMBER_WORDS.get(m.group(2) or "", 0))
    try:
        value = float(w)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


def _unit_code(word: str) -> str:
    w = word.lower().rstrip("s")
    w = {"yr": "year", "centurie": "century"}.get(w, w)
    return _UNITS[w]


_DAY_TOKEN = re.compile(r"(?P<n>\d+)|(?P<range>[-–—]|to|through|until|till)", re.IGNORECASE)


def _day_list(text: str) -> tuple[tuple[int, ...], str] | None:
    """"10 and 11" → ((10, 11), "and"); "10-12" → ((10, 12), "range"); "10, 11-13" → all four."""
    numbers: list[int] = []
    ranged: list[bool] = []
    pending = False
    for m in _DAY_TOKEN.finditer(text):
        if m.group("n"):
            if numbers:
                ranged.append(pending)
            numbers.append(int(m.group("n")))
            pending = False
        else:
            pending = True
    if len(numbers) == 1:
        return (numbers[0],), "one"
    if any(b <= a for a, b in zip(numbers, numbers[1:], strict=False)):
        return None
    if all(ranged):
        return ((numbers[0], numbers[-1]) if len(numbers) == 2 else None), "range"
    days: list[int] = []
    for i, n in enumerate(numbers):
        if i and ranged[i - 1]:
            days.extend(range(days[-1] + 1, n + 1))
        else:
            days.append(n)
    return tuple(days), "and"


def _yref(m: re.Match[str]) -> tuple[str, int] | None:
    ref = m.groupdict().get("yref")
    if not ref:
        return None
    words = ref.lower().split()
    if words[0] in ("last", "this", "next"):
        return "rel", {"last": -1, "this": 0, "next": 1}[words[0]]
    key = words[-2]
    return "ctx", {"same": 0, "that": 0, "following": 1, "next": 1, "previous": -1,
                   "preceding": -1, "prior": -1}[key]


def _month_of(word: str) -> int:
    w = word.lower().rstrip(".")
    return _MONTHS.get(w) or _MONTH_ABBR[w]


# "Monday, 10 and 11 March 2025", "the 10th of March", "10 March the following year".
_DMY = _scan_re(rf"(?:(?P<wd>{_WD}),?{_S})?(?:the{_S})?(?<![\w.,:/-])(?P<days>{_DAYS})"
                rf"(?:{_S}of)?{_S}(?P<mon>{_MONTH_ANY})(?:,?{_S}(?P<year>{_YEAR})|{_YEAR_REF})?")
# "Monday, March 10, 2025", "March 10-11", "Feb. 28".
_MDY = _scan_re(rf"(?:(?P<wd>{_WD}),?{_S})?(?P<mon>{_MONTH_ANY}){_S}(?:the{_S})?(?P<days>{_DAYS})"
                rf"(?:(?:,{_S}|{_S})(?P<year>{_YEAR})|,?{_YEAR_REF})?")


def _scan_day_month(text: str, ix: _Index) -> Iterator[_Cand]:
    for pattern in (_DMY, _MDY):
        for m in ix.finditer(pattern, _MONTH_WORDS, 80, 60):
            wd = m.group("wd")
            if not _capitalised(m.group("mon")) or (wd and not _capitalised(wd)):
                continue
            parsed = _day_list(m.group("days"))
            if parsed is None:
                continue
            days, op = parsed
            month = _month_of(m.group("mon"))
            if days[-1] > (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
                continue
            weekday = _WEEKDAYS[m.group("wd").lower()] if m.group("wd") else None
            year = int(m.group("year")) if m.group("year") else None
            spec = _Cal("day", year, month, days, op, yref=_yref(m),
                        weekday=weekday if op == "one" else None)
            yield _Cand(m.start(), m.end(), spec, 1)


_NUMERIC_DMY = re.compile(r"(?<![\d.,/-])(?P<d>[0-3]?\d)(?P<sep>[.-])\s?(?P<m>[01]?\d)(?P=sep)\s?"
                          r"(?P<y>1\d{3}|20\d{2})(?![\d-]|[.,/]\d)(?P<tail>\.\s{1,2}(?:godine|године))?")
_ISO = re.compile(r"(?<![\d.,/-])(?P<y>1\d{3}|20\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])")
_SLASH = re.compile(r"(?<![\d.,/-])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>1\d{3}|20\d{2})(?![\d/])")


def _date_or_none(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _scan_numeric(text: str, ix: _Index) -> Iterator[_Cand]:
    for pattern in (_NUMERIC_DMY, _ISO):
        for m in ix.finditer(pattern, _YEAR_TOKENS, 20, 20):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if _date_or_none(y, mo, d):
                yield _Cand(m.start(), m.end(), _Cal("day", y, mo, (d,)), 1)
    for m in ix.finditer(_SLASH, _YEAR_TOKENS, 20, 10):
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        day_first, month_first = _date_or_none(y, b, a), _date_or_none(y, a, b)
        if day_first and month_first and day_first != month_first:
            spec: object = _Ambiguous(min(day_first, month_first), max(day_first, month_first))
        elif day_first or month_first:
            found = day_first or month_first
            assert found is not None
            spec = _Cal("day", found.year, found.month, (found.day,))
        else:
            continue
        yield _Cand(m.start(), m.end(), spec, 1)


_FOREIGN = _scan_re(
    rf"(?<![\w.,])(?P<d>3[01]|[12]\d|0?[1-9])(?P<dot>\.)?{_S}"
    rf"(?P<mon>{_alternation(_FOREIGN_MONTHS)})\.?{_S}(?P<y>1\d{{3}}|20\d{{2}})(?!\d|[.,]\d)"
    rf"(?P<tail>\.(?P<word>\s{{1,2}}(?:godine|године|god\.|год\.|g\.|г\.))?)?")


def _scan_foreign(text: str, ix: _Index) -> Iterator[_Cand]:
    for m in ix.finditer(_FOREIGN, _FOREIGN_WORDS, 15, 50):
        word = m.group("mon").lower()
        month, y, d = _FOREIGN_MONTHS[word], int(m.group("y")), int(m.group("d"))
        if not _date_or_none(y, month, d):
            continue
        # South Slavic dates write ordinals with a dot ("10. marta 2025."): the dot after the year
        # is part of the date there, and so is "godine"; elsewhere a dot ends the sentence.
        ordinal = m.group("dot") and word not in _ALBANIAN_MONTHS
        end = m.end("tail") if m.group("tail") and (ordinal or m.group("word")) else m.end("y")
        yield _Cand(m.start(), end, _Cal("day", y, month, (d,)), 2)


_MONTH_YEAR = _scan_re(rf"(?P<mon>{_MONTH_ANY})(?:(?:{_S}of)?,?{_S}(?P<year>{_YEAR})|{_YEAR_REF})")
_BARE_MONTH = _scan_re(rf"\b(?P<mon>{_MONTH_FULL})\b(?P<poss>['’]s\b)?")
_MONTH_PAIR_AFTER = _re(rf"\s{{0,2}}(?:[-–—/]|to|and|or|through|until)\s{{0,2}}(?:{_MONTH_FULL})\b")
_MONTH_PAIR_BEFORE = _re(rf"\b(?:{_MONTH_FULL})(?:\s{{1,3}}\d{{4}})?,?\s{{0,2}}(?:[-–—/]|to|and|or|"
                         rf"through|until)\s{{0,2}}$")


def _scan_months(text: str, ix: _Index) -> Iterator[_Cand]:
    for m in ix.finditer(_MONTH_YEAR, _MONTH_WORDS, 5, 50):
        if not _capitalised(m.group("mon")):
            continue
        year = int(m.group("year")) if m.group("year") else None
        yield _Cand(m.start(), m.end(), _Cal("month", year, _month_of(m.group("mon")),
                                              yref=_yref(m)), 3)
    for m in ix.finditer(_BARE_MONTH, _MONTH_WORDS, 5, 20):
        word = m.group("mon")
        if not _capitalised(word):
            continue
        if word.lower() in _AMBIGUOUS_MONTHS and not (
                _ending(_PREP_BEFORE, text, m.start()) or m.group("poss")
                or _MONTH_PAIR_AFTER.match(text, m.end())
                or _ending(_MONTH_PAIR_BEFORE, text, m.start())):
            continue
        yield _Cand(m.start(), m.end("mon"), _Cal("month", None, _MONTHS[word.lower()]), 6)


_YEAR_ALONE = re.compile(r"(?<![\d$€£¥#+.,/:])(?P<y>1\d{3}|20\d{2})(?!\d|[.,]\d|%)")
_YEAR_RANGE = re.compile(r"(?<![\d$€£¥#+.,/:])(?P<y1>1\d{3}|20\d{2})\s?(?:[-–—]|/)\s?"
                         r"(?P<y2>1\d{3}|20\d{2}|\d{2})(?!\d|[.,]\d|%|[-/]\d)")
_OLD_YEAR_PREP = _re(r"\b(?:in|since|from|until|till|by|of|before|after|during|around|circa|c\.|"
                     r"year)\s{1,3}$")


def _year_ok(text: str, start: int, end: int, year: int) -> bool:
    """A four-digit number is a year unless its surroundings say it counts something."""
    if start and text[start - 1] == "-" and (start < 2 or not text[start - 2].isalpha()):
        return False
    if start and text[start - 1].isalpha():
        return False
    if end < len(text) and (text[end].isalpha() and text[end] not in "s’'"):
        return False
    if _ending(_NOT_YEAR_BEFORE, text, start) or _COUNT_NOUN_AFTER.match(text, end):
        return False
    if start > 1 and text[start - 1].isspace() and text[start - 2].isdigit():
        return False  # one number in a row of numbers ("+389 70 2050")
    return year >= 1900 or bool(_ending(_OLD_YEAR_PREP, text, start))


def _scan_years(text: str, ix: _Index) -> Iterator[_Cand]:
    for m in ix.finditer(_YEAR_ALONE, _YEAR_TOKENS, 5, 10):
        year = int(m.group("y"))
        if _year_ok(text, m.start(), m.end(), year):
            yield _Cand(m.start(), m.end(), _Cal("year", year), 7)
    for m in ix.finditer(_YEAR_RANGE, _YEAR_TOKENS, 5, 20):
        y1, raw = int(m.group("y1")), m.group("y2")
        y2 = int(raw) if len(raw) == 4 else y1 // 100 * 100 + int(raw)
        if y2 <= y1 or y2 - y1 > 100 or not _year_ok(text, m.start(), m.end(), y1):
            continue
        yield _Cand(m.start(), m.end(), _Span("range", _Cal("year", y1), _Cal("year", y2)), 2)


_DECADE = _scan_re(r"(?:\bthe\s{1,3})?(?<![\d$€£])(?P<dec>1\d{2}0|20\d0)['’]?s\b"
                   r"|(?:\bthe\s{1,3})?['’‘](?P<short>[3-9]0)s\b"
                   r"|\bthe\s{1,3}(?P<word>thirties|forties|fifties|sixties|seventies|eighties|nineties)\b")
_DECADE_WORDS = {"thirties": 1930, "forties": 1940, "fifties": 1950, "sixties": 1960,
                 "seventies": 1970, "eighties": 1980, "nineties": 1990}
_CENTURY = _scan_re(rf"(?:(?P<n>\b[12]?\d)(?:st|nd|rd|th)|\b(?P<w>"
                    rf"{_alternation(_ORDINAL_WORDS)}))[\s-]century\b")


def _scan_decades(text: str, ix: _Index) -> Iterator[_Cand]:
    for m in ix.finditer(_DECADE, _DECADE_TOKENS, 25, 15):
        if m.group("dec"):
            start = int(m.group("dec"))
        elif m.group("short"):
            start = 1900 + int(m.group("short"))
        else:
            start = _DECADE_WORDS[m.group("word").lower()]
        yield _Cand(m.start(), m.end(), _Cal("decade", start), 3)
    for m in ix.finditer(_CENTURY, _CENTURY_WORDS, 40, 10):
        n = int(m.group("n")) if m.group("n") else _ORDINAL_WORDS.get(
            re.sub(r"\s+", " ", m.group("w").lower()).replace(" ", "-"), 0)
        if 1 <= n <= 22:
            yield _Cand(m.start(), m.end(), _Cal("century", (n - 1) * 100), 3)


_SEASON = _scan_re(rf"(?:\bthe{_S})?\b(?P<s>spring|summer|autumn|fall|winter)\b"
                   rf"(?:(?:{_S}of)?,?{_S}(?P<year>{_YEAR})|{_YEAR_REF})?")
_QUARTER = _scan_re(rf"\bQ(?P<q>[1-4])(?:(?:{_S}|/|-|{_S}of{_S})?(?P<year>{_YEAR}))?\b"
                    rf"|\b(?P<y0>{_YEAR})[\s/-]?Q(?P<q0>[1-4])\b"
                    rf"|(?:\bthe{_S})?\b(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter\b"
                    rf"(?:{_S}(?:of{_S})?(?P<year2>{_YEAR})|{_YEAR_REF})?")
_QUARTER_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
                "4th": 4}


def _scan_seasons_quarters(text: str, ix: _Index) -> Iterator[_Cand]:
    for m in ix.finditer(_SEASON, _SEASON_WORDS, 10, 50):
        word = m.group("s").lower()
        year = int(m.group("year")) if m.group("year") else None
        yref = _yref(m)
        # Alone, a season needs a preposition and a small letter ("in the spring", not "Arab
        # Spring"); "fall" needs a year ("the fall of Srebrenica").
        if year is None and yref is None and (
                word == "fall" or _capitalised(m.group("s"))
                or not _ending(_PREP_BEFORE, text, m.start())):
            continue
        yield _Cand(m.start(), m.end(), _Cal("season", year, index=_SEASONS[word], yref=yref), 4)
    for m in ix.finditer(_QUARTER, _QUARTER_WORDS, 25, 50):
        if m.group("q0"):
            q, year = int(m.group("q0")), int(m.group("y0"))
        elif m.group("q"):
            if m.group(0)[0] != "Q":
                continue
            q, year = int(m.group("q")), int(m.group("year")) if m.group("year") else None
        else:
            q = _QUARTER_ORD[m.group("ord").lower()]
            year = int(m.group("year2")) if m.group("year2") else None
        yield _Cand(m.start(), m.end(), _Cal("quarter", year, index=q, yref=_yref(m)), 3)


_WEEKDAY = _scan_re(rf"(?:\b(?P<rel>last|next|this|coming|past){_S})?\b(?P<wd>{_WD})(?P<pl>s)?\b"
                    rf"(?:{_S}(?P<tod>morning|afternoon|evening|night))?")


def _scan_weekdays(text: str, ix: _Index) -> Iterator[_Cand]:
    for m in ix.finditer(_WEEKDAY, _WEEKDAY_WORDS, 15, 30):
        if not _capitalised(m.group("wd")):
            continue
        wd = _WEEKDAYS[m.group("wd").lower()]
        if m.group("pl"):
            yield _Cand(m.start("wd"), m.end("pl"), _Set(f"XXXX-WXX-{wd + 1}"), 5)
            continue
        rel = (m.group("rel") or "").lower() or None
        rel = {"coming": "next", "past": "last"}.get(rel or "", rel)
        tod = m.group("tod").lower() if m.group("tod") else None
        yield _Cand(m.start(), m.end(), _Weekday(wd, rel, tod), 4)


_REL_UNIT = _scan_re(
    rf"(?:\b(?P<the>the){_S})?\b(?P<rel>this|last|next|past|coming|current){_S}"
    rf"(?:(?:fiscal|financial|budget|calendar){_S}(?=year))?(?P<unit>week|weekend|month|year|"
    rf"decade|century|quarter|spring|summer|autumn|fall|winter|{_MONTH_FULL})\b")
_DEICTIC_DAY = _scan_re(
    rf"\b(?:(?P<dby>the{_S}day{_S}before{_S}yesterday)|(?P<dat>the{_S}day{_S}after{_S}tomorrow)"
    rf"|(?P<w>today|yesterday|tomorrow)(?:{_S}(?P<tod>morning|afternoon|evening|night))?"
    rf"|(?P<tonight>tonight)|this{_S}(?P<this>morning|afternoon|evening)|last{_S}(?P<last>night))\b")
_THE_UNIT = _scan_re(r"\b(?:the\s{1,3}(?P<unit>year|month|week|decade|century)"
                     r"|(?<=of\s)(?P<bare>year|month|week))\b(?![-\s]on[-\s]year)")


def _scan_relative_units(text: str, ix: _Index) -> Iterator[_Cand]:
    for m in ix.finditer(_REL_UNIT, _REL_WORDS, 10, 30):
        rel, unit, the = m.group("rel").lower(), m.group("unit").lower(), bool(m.group("the"))
        named = unit in _MONTHS or unit in _SEASONS
        if unit in _MONTHS and not _capitalised(m.group("unit")):
            continue
        if named:
            offset = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
            kind, index = ("monthname", _MONTHS[unit]) if unit in _MONTHS else \
                ("season", _SEASONS[unit])
            yield _Cand(m.start(), m.end(), _Rel(kind, offset, index), 4)
            continue
        code = _UNITS[unit]
        if rel in ("this", "current"):
            spec: object = _Rel(unit, 0)
        elif unit == "decade" and (the or rel in ("past", "coming")):
            # "over the past decade", "the next decade": ten years up to or from the anchor
            spec = _Window("Y", 10, -1 if rel in ("last", "past") else 1)
        elif rel == "last" or (rel == "past" and unit == "weekend"):
            spec = _Rel(unit, -1)
        elif rel == "past":
            spec = _Window(code, 1, -1)
        elif rel == "next":
            spec = _Ctx(unit, 1, fallback=True) if the else _Rel(unit, 1)
        else:  # coming
            spec = _Window(code, 1, 1) if unit not in ("weekend", "quarter") else _Rel(unit, 1)
        yield _Cand(m.start(), m.end(), spec, 4)
    for m in ix.finditer(_DEICTIC_DAY, _DEICTIC_WORDS, 30, 30):
        if m.group("dby"):
            spec = _Rel("day", -2)
        elif m.group("dat"):
            spec = _Rel("day", 2)
        elif m.group("w"):
            offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[m.group("w").lower()]
            spec = _Rel("day", offset, tod=(m.group("tod") or "").lower() or None)
        elif m.group("tonight"):
            spec = _Rel("day", 0, tod="night")
        elif m.group("this"):
            spec = _Rel("day", 0, tod=m.group("this").lower())
        else:
            spec = _Rel("day", -1, tod="night")
        yield _Cand(m.start(), m.end(), spec, 4)
    # "the year", "end of year": a time expression only after a part ("the end of the year").
    for m in ix.finditer(_THE_UNIT, _UNIT_WORDS, 10, 15):
        if _ending(_PART_BEFORE, text, m.start()):
            unit = (m.group("unit") or m.group("bare")).lower()
            yield _Cand(m.start(), m.end(), _Rel(unit, 0, implicit=True), 9)


_WINDOW = _scan_re(rf"(?:\b(?P<the>the){_S})?\b(?P<dir>past|last|previous|next|coming|following|"
                   rf"upcoming|recent)(?:{_S}(?P<num>{_NUM}|a{_S}few|few|several|a{_S}couple{_S}of|"
                   rf"couple{_S}of|many))?{_S}(?P<unit>{_UNIT_PLURAL})\b")
_AGO = _scan_re(rf"(?:\b(?P<mod>about|around|almost|nearly|some|roughly|approximately|more{_S}than|"
                rf"over|less{_S}than){_S})?\b(?P<num>{_NUM}|an?|a{_S}few|few|several|"
                rf"a{_S}couple{_S}of|many)[\s-](?P<unit>{_UNIT}){_S}(?P<dir>ago|earlier|later|"
                rf"from{_S}now|hence)\b(?!{_S}than\b)")
_VAGUE_OFFSETS = {"a few": (2, 5), "few": (2, 5), "several": (3, 9), "many": (5, None)}


def _scan_windows(text: str, ix: _Index) -> Iterator[_Cand]:
    for m in ix.finditer(_WINDOW, _WINDOW_WORDS, 10, 60):
        direction = -1 if m.group("dir").lower() in ("past", "last", "previous", "recent") else 1
        raw = m.group("num")
        count = None
        if raw is not None:
            norm = re.sub(r"\s+", " ", raw.lower())
            count = None if norm in _VAGUE_QUANTITIES and norm not in ("a couple of",
                                                                      "couple of") else _number(raw)
            if count is not None and (not isinstance(count, int) or count <= 0):
                continue
        elif m.group("dir").lower() not in ("recent", "coming", "upcoming", "past", "next", "last"):
            continue
        unit = _unit_code(m.group("unit"))
        if unit == "DE" and count:
            unit, count = "Y", count * 10
        yield _Cand(m.start(), m.end(), _Window(unit, count, direction), 3)
    for m in ix.finditer(_AGO, _AGO_WORDS, 80, 10):
        raw = re.sub(r"\s+", " ", m.group("num").lower())
        unit = _unit_code(m.group("unit"))
        if raw in _VAGUE_OFFSETS:
            low, high = _VAGUE_OFFSETS[raw]
        else:
            n = _number(raw)
            if not isinstance(n, int) or n <= 0 or n > 1000:
                continue
            low, high = n, n
        direction = m.group("dir").lower()
        if direction in ("earlier", "later"):
            if low != high:
                continue
            if unit in ("H", "MIN", "S"):  # "two hours later": the same day
                spec: object = _Ctx("day", 0)
            else:
                spec = _Ctx(_unit_name(unit), low if direction == "later" else -low)
        else:
            sign = -1 if direction == "ago" else 1
            spec = _Ago(unit, sign * low, None if high is None else sign * high)
        yield _Cand(m.start(), m.end(), spec, 3)


def _unit_name(code: str) -> str:
    return {v: k for k, v in _UNITS.items()}[code]


_REFS = _scan_re(
    r"\b(?P<present>now|currently|nowadays|presently|at\s{1,3}present|right\s{1,3}now|"
    r"these\s{1,3}days)\b|(?<=\bin\s)(?P<past>the\s{1,3}past)\b(?!\s{1,3}(?:\d|few|several))"
    r"|\bthe\s{1,3}(?:(?:near|foreseeable|distant|immediate)\s{1,3})?(?P<future>future)\b")
_CONTEXT = _scan_re(r"\b(?:(?:the\s{1,3})(?P<which>same|following|next|previous|preceding|prior)|"
                    r"(?P<that>that))\s{1,3}(?P<unit>day|week|month|year|decade)\b")


def _scan_refs(text: str, ix: _Index) -> Iterator[_Cand]:
    for m in ix.finditer(_REFS, _REF_WORDS, 30, 15):
        value = "PRESENT_REF" if m.group("present") else "PAST_REF" if m.group("past") \
            else "FUTURE_REF"
        yield _Cand(m.start(), m.end(), _Ref(value), 8)
    for m in ix.finditer(_CONTEXT, _UNIT_WORDS, 30, 15):
        which = (m.group("which") or "same").lower()
        offset = {"same": 0, "following": 1, "next": 1, "previous": -1, "preceding": -1,
                  "prior": -1}[which]
        yield _Cand(m.start(), m.end(), _Ctx(m.group("unit").lower(), offset, which == "next"), 4)


_DURATION = _scan_re(
    rf"(?:\b(?P<mod>about|around|almost|nearly|approximately|roughly|some|more{_S}than|over|"
    rf"less{_S}than|under|at{_S}least|at{_S}most|up{_S}to|a{_S}mere|well{_S}over){_S})?"
    rf"(?:\b(?P<the>the){_S})?(?<![\w.,/$€£-])(?P<num>{_NUM}|an?|half{_S}an?|a{_S}half|"
    rf"a{_S}couple{_S}of|couple{_S}of|a{_S}few|few|several|many)"
    rf"(?:\s?(?:-|–|to)\s?(?P<num2>{_NUM}))?(?P<half>{_S}and{_S}a{_S}half)?(?:{_S}|-)"
    rf"(?P<unit>{_UNIT})\b(?:(?<=s)['’](?=\s))?(?P<half2>{_S}and{_S}a{_S}half)?")
_NOW_DURATION = _scan_re(rf"\bnow\s{{0,3}}[-–—]\s{{0,3}}(?P<num>{_NUM})\s{{0,3}}"
                         rf"(?P<unit>{_UNIT})\b")
# "for years", "can take weeks", "set days before the surgery": a duration of unknown length.
_BARE_UNITS = _scan_re(
    rf"\b(?:for|over|within|in|take|takes|took|taking|lasted|lasting|lasts|spent|spend|spending)"
    rf"\s(?P<unit>{_UNIT_PLURAL}|minutes)\b(?!\s{{1,3}}(?:ago|later|earlier|of|old)\b)"
    rf"|\b(?P<unit2>{_UNIT_PLURAL}|minutes)(?=\s{{1,3}}(?:before|after|later|earlier)\b)")


_DETERMINER_BEFORE = _re(r"(?:\b(?:the|those|these|their|his|her|its|our|of|many|few|several|"
                         r"some|all|final|last|first|early|\w+['’]s)\s{1,3}|[^\s(“\"'])$")


def _duration_value(count: float | None, unit: str) -> str:
    if count is None:
        unit = {"Q": "M"}.get(unit, unit)
        return f"PX{unit}" if unit not in ("H", "MIN", "S") else f"PTX{unit[0]}"
    if unit == "Q":
        count, unit = count * 3, "M"
    elif unit == "DE":
        count, unit = count * 10, "Y"
    elif unit == "CE":
        count, unit = count * 100, "Y"
    if not float(count).is_integer():  # "a year and a half" = 18 months
        if unit == "Y" and float(count * 12).is_integer():
            count, unit = count * 12, "M"
        elif unit == "D" and float(count * 24).is_integer():
            count, unit = count * 24, "H"
    number = str(int(count)) if float(count).is_integer() else str(count)
    if unit in ("H", "MIN", "S"):
        return f"PT{number}{unit[0]}"
    return f"P{number}{unit}"


def _scan_durations(text: str, ix: _Index) -> Iterator[_Cand]:
    for m in ix.finditer(_DURATION, _UNIT_WORDS, 80, 30):
        if _AGE_AFTER.match(text, m.end()) or _ending(_AGE_BEFORE, text, m.start()):
            continue  # an age ("a 45-year-old", "children aged 6 months") is not a time
        raw = re.sub(r"\s+", " ", m.group("num").lower())
        unit = _unit_code(m.group("unit"))
        plural = m.group("unit").lower().endswith("s") or m.group("unit").lower() == "centuries"
        if raw in ("a few", "few", "several", "many"):
            count: float | None = None
            if not plural:
                continue
        elif raw in ("half a", "half an", "a half"):
            count = 0.5
        else:
            n = _number(raw)
            if n is None or n <= 0:
                continue
            count = n
            if raw in ("a", "an") and plural:
                continue
        if m.group("num2"):
            count = None
        elif count is not None and (m.group("half") or m.group("half2")):
            count += 0.5
        start = m.start()
        if m.group("mod") and m.group("mod").lower() in ("some", "over", "under") \
                and raw in ("a", "an"):
            start = m.start("num")  # "over a year" reads as a duration; keep "over" out
        yield _Cand(start, m.end(), _Duration(_duration_value(count, unit)), 5)
    for m in ix.finditer(_NOW_DURATION, _UNIT_WORDS, 40, 15):
        n = _number(m.group("num"))
        if n is not None and n > 0:
            value = _duration_value(n, _unit_code(m.group("unit")))
            yield _Cand(m.start(), m.end(), _Duration(value), 2)
    for m in ix.finditer(_BARE_UNITS, _UNIT_WORDS, 20, 30):
        group = "unit" if m.group("unit") else "unit2"
        if group == "unit2" and _ending(_DETERMINER_BEFORE, text, m.start()):
            continue  # "in the days before the vote" names days, it does not measure them
        unit = _unit_code(m.group(group))
        yield _Cand(m.start(group), m.end(group), _Duration(_duration_value(None, unit)), 6)


_SET = _scan_re(
    rf"\b(?:every|each)(?:{_S}other)?(?:{_S}(?P<num>{_NUM}))?{_S}(?P<unit>day|week|month|year|"
    rf"decade|season|morning|afternoon|evening|night|weekend|days|weeks|months|years|{_WD})\b"
    rf"|\b(?P<annual>annually|yearly)\b"
    rf"|\b(?P<freq>once|twice|{_NUMW}{_S}times){_S}(?:a|per|each|every){_S}"
    rf"(?P<unit2>day|week|month|year)\b")


def _scan_sets(text: str, ix: _Index) -> Iterator[_Cand]:
    for m in ix.finditer(_SET, _SET_WORDS, 10, 50):
        if m.group("annual"):
            value = "P1Y"
        else:
            unit = (m.group("unit") or m.group("unit2")).lower()
            if unit in _TOD_CODES:
                value = f"XXXX-XX-XX{_TOD_CODES[unit]}"
            elif unit in _WEEKDAYS:
                value = f"XXXX-WXX-{_WEEKDAYS[unit] + 1}"
            elif unit == "season":
                value = "P3M"
            elif unit == "weekend":
                value = "XXXX-WXX-WE"
            else:
                n = _number(m.group("num")) if m.groupdict().get("num") else 1
                if "other" in m.group(0).lower():
                    n = 2
                value = _duration_value(n if isinstance(n, int) else 1, _unit_code(unit))
        yield _Cand(m.start(), m.end(), _Set(value), 3)


_SCANNERS: tuple[Callable[[str, _Index], Iterator[_Cand]], ...] = (
    _scan_day_month, _scan_numeric, _scan_foreign, _scan_months, _scan_years, _scan_decades,
    _scan_seasons_quarters, _scan_weekdays, _scan_relative_units, _scan_windows, _scan_refs,
    _scan_durations, _scan_sets)


def _select(cands: list[_Cand], length: int) -> list[_Cand]:
    """Longest candidates first, then by rank; nothing kept overlaps anything kept before."""
    taken = bytearray(length + 1)
    kept: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.rank, c.start)):
        if c.end <= c.start or taken.find(1, c.start, c.end) != -1:
            continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


# --- clock times, modifiers, pairs and signals --------------------------------------------------

_CLOCK = (r"(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?:\s?(?P<ap>[ap])\.?m\b\.?)?"
          r"|(?P<h2>1[0-2]|0?[1-9])(?:[.:](?P<m2>[0-5]\d))?\s?(?P<ap2>[ap])\.?m\b\.?")
_ZONE = r"(?:\s(?:GMT|UTC|CET|CEST|EET|EEST|BST|local\s{1,3}time))?"
_CLOCK_BEFORE = _re(rf"(?<![\d:.])(?:{_CLOCK}){_ZONE},?\s{{1,3}}(?:on\s{{1,3}})?$")
_CLOCK_AFTER = _re(rf",?\s{{1,3}}(?:at\s{{1,3}})?(?:{_CLOCK}){_ZONE}(?![\d:])")


def _clock(m: re.Match[str]) -> str:
    hour = int(m.group("h") or m.group("h2"))
    minute = int(m.group("m") or m.group("m2") or 0)
    ap = (m.group("ap") or m.group("ap2") or "").lower()
    if ap == "p" and hour < 12:
        hour += 12
    elif ap == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def _clocks(text: str, chosen: list[_Cand]) -> list[_Cand]:
    """A clock time written next to a day ("15:00 GMT Saturday", "Sunday night at 8 PM") joins it.

    The interval stays the day; the value gains the time (``2013-03-23T15:00``).
    """
    out: list[_Cand] = []
    for i, c in enumerate(chosen):
        spec = c.spec
        is_day = (isinstance(spec, _Cal) and spec.grain == "day" and spec.op == "one") or \
            isinstance(spec, _Weekday) or (isinstance(spec, _Rel) and spec.unit == "day")
        if not is_day:
            out.append(c)
            continue
        floor = out[-1].end if out else 0
        ceiling = chosen[i + 1].start if i + 1 < len(chosen) else len(text)
        start, end = c.start, c.end
        after = _CLOCK_AFTER.match(text, end, min(ceiling, end + 40))
        before = _ending(_CLOCK_BEFORE, text, start)
        if after:
            spec, end = replace(spec, tod=_clock(after)), after.end()  # type: ignore[type-var]
        elif before and before.start() >= floor:
            spec, start = replace(spec, tod=_clock(before)), before.start()  # type: ignore[type-var]
        out.append(_Cand(start, end, spec, c.rank))
    return out


_PART_BEFORE = _re(
    r"(?:\b(?:the\s{1,3})?(?:(?P<a>early|earlier|late|later|mid|middle)(?:\s{1,3}|-)"
    r"|(?P<b>end|start|beginning|middle|first\s{1,3}half|second\s{1,3}half|latter\s{1,3}half|"
    r"close)\s{1,3}of\s{1,3})"
    r"|\b(?P<c>end|mid)-)$")
_PART_NAMES = {"early": "early", "earlier": "earlier", "late": "late", "later": "later",
               "mid": "mid", "middle": "mid", "end": "end", "close": "end", "start": "start",
               "beginning": "start", "first half": "h1", "second half": "h2", "latter half": "h2"}


def _with_part(spec: object, part: str) -> object | None:
    if isinstance(spec, _Cal):
        if spec.part or spec.op != "one":
            return None
        if spec.grain == "day":
            return replace(spec, part=None) if part in ("early", "late", "mid") else None
        return replace(spec, part={"earlier": "early", "later": "late"}.get(part, part))
    if isinstance(spec, _Rel) and spec.part is None and spec.unit not in ("day",):
        return replace(spec, part=part)
    if isinstance(spec, _Weekday) and part in ("early", "late", "mid"):
        return replace(spec, part=part)
    if isinstance(spec, _Ctx) and spec.unit != "day":
        return spec
    return None


def _parts(text: str, chosen: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    for c in chosen:
        floor = out[-1].end if out else 0
        m = _ending(_PART_BEFORE, text, c.start)
        spec = None
        if m:
            word = re.sub(r"\s+", " ", (m.group("a") or m.group("b") or m.group("c")).lower())
            spec = _with_part(c.spec, _PART_NAMES[word])
            start = m.start()
            if spec is not None and start >= floor:
                out.append(_Cand(start, c.end, spec, c.rank))
                continue
        out.append(c)
    return out


_RANGE_GAP = re.compile(r"\s{0,3}(?:[-–—]|to|until|till|through|and)\s{0,3}", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s{0,3}(?:,|and|or|&|/)\s{0,3}|\s{0,3},\s{0,3}and\s{1,3}", re.IGNORECASE)
_SIGNAL_BEFORE = _re(r"\b(?P<sig>since|until|till|through|up\s{1,3}until|up\s{1,3}to|by|before|"
                     r"after|prior\s{1,3}to|between|from)\s{1,3}$")
_RANGEABLE = (_Cal, _Weekday, _Rel, _Ctx, _Ago)


def _share_year(a: _Cal, b: _Cal) -> tuple[_Cal, _Cal]:
    """"May to July 2023": the year written once serves both ends."""
    if a.grain not in ("day", "month", "season", "quarter") or \
            b.grain not in ("day", "month", "season", "quarter"):
        return a, b
    if a.year is None and a.yref is None and (b.year is not None or b.yref is not None):
        later = (a.month or 0, a.days[:1]) > (b.month or 0, b.days[:1]) and a.grain == b.grain
        year = b.year - 1 if (b.year is not None and later) else b.year
        a = replace(a, year=year, yref=b.yref)
    elif b.year is None and b.yref is None and (a.year is not None or a.yref is not None):
        earlier = (b.month or 0, b.days[:1]) < (a.month or 0, a.days[:1]) and a.grain == b.grain
        year = a.year + 1 if (a.year is not None and earlier) else a.year
        b = replace(b, year=year, yref=a.yref)
    return a, b


def _pairs(text: str, chosen: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    i = 0
    while i < len(chosen):
        a = chosen[i]
        b = chosen[i + 1] if i + 1 < len(chosen) else None
        if b is not None and isinstance(a.spec, _RANGEABLE) and isinstance(b.spec, _RANGEABLE):
            gap = text[a.end:b.start]
            signal = _ending(_SIGNAL_BEFORE, text, a.start)
            word = signal.group("sig").lower() if signal else ""
            joined = re.fullmatch(r"\s{0,3}and\s{1,3}", gap, re.IGNORECASE)
            ranged = _RANGE_GAP.fullmatch(gap) and not joined
            if (word == "between" and joined) or (word == "from" and _RANGE_GAP.fullmatch(gap)) \
                    or (ranged and isinstance(a.spec, _Cal) and isinstance(b.spec, _Cal)):
                sa, sb = a.spec, b.spec
                if isinstance(sa, _Cal) and isinstance(sb, _Cal):
                    sa, sb = _share_year(sa, sb)
                start = signal.start() if word in ("between", "from") and signal else a.start
                if not out or start >= out[-1].end:
                    out.append(_Cand(start, b.end, _Span("range", sa, sb), 1))
                    i += 2
                    continue
            if isinstance(a.spec, _Cal) and isinstance(b.spec, _Cal) and _LIST_GAP.fullmatch(gap):
                sa, _ = _share_year(a.spec, b.spec)  # "in May and June 2023"
                a = _Cand(a.start, a.end, sa, a.rank)
        out.append(a)
        i += 1
    return out


_PRE_POST = _re(r"\b(?P<sig>pre|post)-$")


def _signals(text: str, chosen: list[_Cand]) -> list[_Cand]:
    """"since X", "until X", "by X", "before X", "after X" ("pre-2023", "post-2008" too)."""
    out: list[_Cand] = []
    for c in chosen:
        floor = out[-1].end if out else 0
        spec = c.spec
        m = _ending(_PRE_POST, text, c.start)
        if m and m.start() >= floor and isinstance(spec, _Cal):
            kind = "before" if m.group("sig").lower() == "pre" else "after"
            out.append(_Cand(m.start(), c.end, _Span(kind, spec), c.rank))
            continue
        m = _ending(_SIGNAL_BEFORE, text, c.start)
        if m and m.start() >= floor:
            word = re.sub(r"\s+", " ", m.group("sig").lower())
            kind = {"till": "until", "through": "until", "up until": "until", "up to": "until",
                    "prior to": "before"}.get(word, word)
            if kind == "between" and isinstance(spec, _Cal) and spec.op == "and" \
                    and len(spec.days) == 2:
                out.append(_Cand(m.start(), c.end,
                                 replace(spec, op="range"), c.rank))
                continue
            if kind == "from" and isinstance(spec, _Cal) and spec.op == "range":
                out.append(_Cand(m.start(), c.end, spec, c.rank))
                continue
            if kind in ("since", "until", "by", "before", "after") \
                    and isinstance(spec, _RANGEABLE):
                out.append(_Cand(m.start(), c.end, _Span(kind, spec), c.rank))
                continue
        out.append(c)
    return out


# --- tense --------------------------------------------------------------------------------------

_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|would|going\s+to|scheduled|planned|plans?\s+to|planning|expected|"
    r"expects?|due\s+(?:on|in|by|for|to\s+(?:be|take|start|begin|open|meet|hold|vote|visit|"
    r"arrive))|upcoming|next|set\s+to|to\s+be\s+held|is\s+to|are\s+to|intends?\s+to|aims?\s+to|"
    r"ahead\s+of|forthcoming|coming|later\s+this|from\s+now|deadline)\b|['’]ll\b", re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:said|told|was|were|had|did|took\s+place|ago|last|earlier|previously|yesterday|met|"
    r"held|began|came|went|gave|made|took|saw|sent|won|lost|led|left|fell|rose|spoke|wrote|"
    r"brought|bought|ran|stood|struck|shot|found|got|paid|kept|became|broke|built|fled|flew|"
    r"fought|grew|heard|knew|meant|sold|sought|spent|thought|threw|withdrew|caught|chose|drove|"
    r"froze|hid|laid|rang|rode|sat|slept|stole|swore|taught|tore|woke|wore|felt|dealt|overtook|"
    r"underwent|undertook|oversaw|forbade|began)\b", re.IGNORECASE)
_ED = re.compile(r"\b[a-z]{2,}ed\b")
_NOT_PAST_ED = _wordset(
    "need united red bed hundred indeed speed seed feed based related armed limited "
    "detailed advanced alleged concerned interested supposed unprecedented experienced "
    "sophisticated complicated dedicated talented qualified isolated expected scheduled "
    "planned proposed anticipated intended so-called called named skilled renewed shared "
    "mixed fixed coordinated integrated organised organized biased heated crowded sacred "
    "wicked naked ragged embed breed creed greed weed proceed exceed succeed")
_PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|am|to)\s+$", re.IGNORECASE)


class _Tense:
    """The tense around an expression: the nearest past or future marker in its sentence wins.

    Markers further than ``REACH`` characters away are not looked at, which keeps a sentence
    without end (a page that never uses a full stop) linear.
    """

    REACH = 160

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences: list[Sentence] | None = None
        self._markers: dict[int, tuple[list[int], list[tuple[int, int, str]]]] = {}

    def _sentence(self, offset: int) -> Sentence:
        if self._sentences is None:
            self._sentences = split_sentences(self.text)
        found = sentence_at(self._sentences, offset)
        return found if found is not None else Sentence(max(0, offset - self.REACH),
                                                        min(len(self.text), offset + self.REACH))

    def _markers_of(self, s: Sentence) -> tuple[list[int], list[tuple[int, int, str]]]:
        if s.start not in self._markers:
            text = self.text
            future = [(m.start(), m.end(), "future")
                      for m in _FUTURE.finditer(text, s.start, s.end)]
            covered = {i for a, b, _ in future for i in range(a, b)}
            found = list(future)
            for pattern in (_PAST, _ED):
                for m in pattern.finditer(text, s.start, s.end):
                    if m.start() in covered or (pattern is _ED and m.group(0) in _NOT_PAST_ED):
                        continue
                    # A participle after "be" ("will be held") says nothing about the past.
                    if _PASSIVE_BEFORE.search(text, max(s.start, m.start() - 12), m.start()):
                        continue
                    found.append((m.start(), m.end(), "past"))
            found.sort()
            self._markers[s.start] = ([a for a, _, _ in found], found)
        return self._markers[s.start]

    def __call__(self, start: int, end: int) -> str | None:
        starts, markers = self._markers_of(self._sentence(start))
        best: tuple[int, str] | None = None
        first = bisect.bisect_left(starts, start - self.REACH)
        last = bisect.bisect_right(starts, end + self.REACH)
        for a, b, tense in markers[first:last]:
            if a < end and b > start:
                continue  # a word of the expression itself ("last" in "last week")
            distance = start - b if b <= start else a - end
            if best is None or distance < best[0]:
                best = (distance, tense)
        return best[1] if best else None


# --- resolution ---------------------------------------------------------------------------------


@dataclass
class _State:
    anchor: dt.date | None
    tense: _Tense
    context: tuple[dt.date, dt.date, int] | None = None
    """The previous dated expression's bounds and where it ended."""


def _unknown(kind: str, value: str | None = None, precision: str | None = None) -> _Res:
    return _Res(kind, value, precision, None, None, "unknown")


def _resolve_cal(c: _Cal, st: _State, start: int, end: int) -> _Res | None:
    if c.year is not None:
        return _cal_result(c, c.year, "explicit")
    if c.yref is not None:
        source, offset = c.yref
        if source == "rel":
            return _cal_result(c, st.anchor.year + offset, "relative") if st.anchor else \
                _cal_result(c, None, "unknown")
        if st.context and st.context[0].year == st.context[1].year:
            return _cal_result(c, st.context[0].year + offset, "context")
        return _cal_result(c, None, "unknown")
    if st.anchor is None:
        return _cal_result(c, None, "unknown")
    anchor = st.anchor
    options = [(y, *b) for y in (anchor.year - 1, anchor.year, anchor.year + 1)
               if (b := _cal_bounds(c, y)) is not None]
    if c.weekday is not None:
        fitting = [o for o in options if o[1].weekday() == c.weekday]
        if len(fitting) == 1:
            return _cal_result(c, fitting[0][0], "anchored")
    chosen = _choose(options, anchor, st.tense(start, end))
    if chosen is None:
        chosen = _choose(options, anchor, None)
    return _cal_result(c, chosen[0], "anchored") if chosen else _cal_result(c, None, "unknown")


def _tod_value(day: dt.date, tod: str | None) -> str:
    return day.isoformat() + _tod_suffix(tod)


def _resolve_weekday(w: _Weekday, st: _State, start: int, end: int) -> _Res:
    if st.anchor is None:
        return _unknown("date", f"XXXX-WXX-{w.weekday + 1}", "day")
    anchor = st.anchor
    back = (anchor.weekday() - w.weekday) % 7
    ahead = (w.weekday - anchor.weekday()) % 7
    if w.rel == "last":
        day = anchor - dt.timedelta(days=back or 7)
    elif w.rel == "next":
        day = anchor + dt.timedelta(days=ahead or 7)
    elif w.rel == "this":
        day = anchor + dt.timedelta(days=w.weekday - anchor.weekday())
    elif st.tense(start, end) == "past":
        day = anchor - dt.timedelta(days=back)
    else:
        day = anchor + dt.timedelta(days=ahead)
    return _Res("date", _tod_value(day, w.tod), "day", day, day, "anchored")


def _unit_interval(unit: str, anchor: dt.date, offset: int, index: int = 0
                   ) -> tuple[str, str, dt.date, dt.date] | None:
    """(value, precision, earliest, latest) of the calendar ``unit``, ``offset`` units away."""
    if unit == "day":
        day = anchor + dt.timedelta(days=offset)
        return day.isoformat(), "day", day, day
    if unit in ("week", "weekend"):
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=offset)
        if unit == "weekend":
            return _iso_week(monday) + "-WE", "day", monday + dt.timedelta(days=5), \
                monday + dt.timedelta(days=6)
        return _iso_week(monday), "week", monday, monday + dt.timedelta(days=6)
    if unit == "month":
        y, m = _add_months(anchor.year, anchor.month, offset)
        return f"{y:04d}-{m:02d}", "month", dt.date(y, m, 1), _month_end(y, m)
    if unit == "quarter":
        q0 = (anchor.month - 1) // 3
        y, m = _add_months(anchor.year, 3 * q0 + 1, 3 * offset)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}", "quarter", dt.date(y, m, 1), \
            _month_end(*_add_months(y, m, 2))
    if unit == "year":
        y = anchor.year + offset
        return f"{y:04d}", "year", dt.date(y, 1, 1), dt.date(y, 12, 31)
    if unit == "decade":
        y = anchor.year // 10 * 10 + 10 * offset
        return f"{y:04d}"[:3], "decade", dt.date(y, 1, 1), dt.date(y + 9, 12, 31)
    if unit == "century":
        y = anchor.year // 100 * 100 + 100 * offset
        return f"{y:04d}"[:2], "century", dt.date(y, 1, 1), dt.date(y + 99, 12, 31)
    if unit in ("monthname", "season"):
        cal = _Cal("month", month=index) if unit == "monthname" else _Cal("season", index=index)
        options = [(y, *b) for y in range(anchor.year - 2, anchor.year + 3)
                   if (b := _cal_bounds(cal, y)) is not None]
        # "last May": the latest May over before the anchor; "next May": the first one to
        # begin after it; "this May", "this winter": the one nearest to the anchor. (max and
        # min raise ValueError at the ends of the calendar; the caller drops the expression.)
        if offset < 0:
            found = max((o for o in options if o[2] < anchor), key=lambda o: o[1])
        elif offset > 0:
            found = min((o for o in options if o[1] > anchor), key=lambda o: o[1])
        else:
            nearest = _choose(options, anchor, None)
            if nearest is None:
                raise ValueError("no such month or season near the anchor")
            found = nearest
        return _cal_value(cal, found[0]), _GRAIN_PRECISION[cal.grain], found[1], found[2]
    return None


def _resolve_rel(r: _Rel, st: _State, start: int, end: int) -> _Res:
    if st.anchor is None:
        value = "PRESENT_REF" if r.unit == "day" and r.offset == 0 and not r.tod else None
        return _unknown("relative", value, "day" if r.unit == "day" else None)
    anchor = st.anchor
    found = _unit_interval(r.unit, anchor, r.offset, r.index)
    assert found is not None
    value, precision, lo, hi = found
    if r.unit == "day" and r.tod:
        value = _tod_value(lo, r.tod)
    if r.part in ("earlier", "later") and r.offset == 0 and lo <= anchor <= hi:
        lo, hi = (lo, anchor) if r.part == "earlier" else (anchor, hi)
        precision = "day"
    elif r.part:
        part = {"earlier": "early", "later": "late"}.get(r.part, r.part)
        lo, hi = _apply_part(part, lo, hi)
        if r.implicit:  # "the end of the year": last year's end if the sentence looks back on it
            tense = st.tense(start, end)
            shift = -1 if tense == "past" and lo > anchor else 1 if tense == "future" and \
                hi < anchor else 0
            if shift:
                return _resolve_rel(replace(r, offset=shift, implicit=False), st, start, end)
        precision = _finer(precision) or precision
    return _Res("relative", value, precision, lo, hi, "relative")


def _resolve_ago(a: _Ago, st: _State) -> _Res:
    if st.anchor is None:
        return _unknown("relative")
    unit = {"H": "D", "MIN": "D", "S": "D"}.get(a.unit, a.unit)
    if a.high == a.low:
        name = {"D": "day", "W": "week", "M": "month", "Y": "year", "Q": "quarter",
                "DE": "year", "CE": "year", "WE": "week"}[unit]
        offset = 0 if unit != a.unit else a.low * (10 if unit == "DE" else 100 if unit == "CE"
                                                   else 1)
        found = _unit_interval(name, st.anchor, offset)
        assert found is not None
        value, precision, lo, hi = found
        return _Res("relative", value, precision, lo, hi, "relative")
    near = _shift(st.anchor, unit, a.low)
    far = _shift(st.anchor, unit, a.high) if a.high is not None else None
    lo, hi = (far, near) if a.low < 0 else (near, far)
    return _Res("relative", "PAST_REF" if a.low < 0 else "FUTURE_REF", None, lo, hi, "relative")


def _resolve_window(w: _Window, st: _State) -> _Res:
    value = _duration_value(w.count, w.unit)
    if st.anchor is None:
        return _unknown("relative", value)
    count = w.count if w.count is not None else _VAGUE_UNITS.get(w.unit, 1)
    unit = w.unit if w.unit not in ("H", "MIN", "S") else "D"
    other = _shift(st.anchor, unit, w.direction * (count if w.unit not in ("H", "MIN", "S")
                                                   else 1))
    lo, hi = (other, st.anchor) if w.direction < 0 else (st.anchor, other)
    return _Res("relative", value, None, lo, hi, "relative")


def _same_paragraph(text: str, a: int, b: int) -> bool:
    return text.find("\n", a, b) == -1


def _resolve_ctx(c: _Ctx, st: _State, text: str, start: int, end: int) -> _Res:
    ctx = st.context
    if c.fallback and (ctx is None or not _same_paragraph(text, ctx[2], start)):
        return _resolve_rel(_Rel(c.unit, c.offset), st, start, end)
    if ctx is None:
        return _unknown("date")
    lo, hi, _ = ctx
    if c.unit == "year" and lo.year == hi.year:
        y = lo.year + c.offset
        return _Res("date", f"{y:04d}", "year", dt.date(y, 1, 1), dt.date(y, 12, 31), "context")
    if c.unit == "month" and (lo.year, lo.month) == (hi.year, hi.month):
        y, m = _add_months(lo.year, lo.month, c.offset)
        return _Res("date", f"{y:04d}-{m:02d}", "month", dt.date(y, m, 1), _month_end(y, m),
                    "context")
    if c.unit == "week" and (hi - lo).days < 7 and lo.isocalendar()[:2] == hi.isocalendar()[:2]:
        monday = lo - dt.timedelta(days=lo.weekday()) + dt.timedelta(weeks=c.offset)
        return _Res("date", _iso_week(monday), "week", monday, monday + dt.timedelta(days=6),
                    "context")
    if c.unit == "day" and lo == hi:
        day = lo + dt.timedelta(days=c.offset)
        return _Res("date", day.isoformat(), "day", day, day, "context")
    if c.unit == "decade" and lo.year // 10 == hi.year // 10:
        y = lo.year // 10 * 10 + 10 * c.offset
        return _Res("date", f"{y:04d}"[:3], "decade", dt.date(y, 1, 1), dt.date(y + 9, 12, 31),
                    "context")
    return _unknown("date")


def _resolve_one(spec: object, st: _State, text: str, start: int, end: int) -> _Res | None:
    if isinstance(spec, _Cal):
        return _resolve_cal(spec, st, start, end)
    if isinstance(spec, _Weekday):
        return _resolve_weekday(spec, st, start, end)
    if isinstance(spec, _Rel):
        return _resolve_rel(spec, st, start, end)
    if isinstance(spec, _Ago):
        return _resolve_ago(spec, st)
    if isinstance(spec, _Window):
        return _resolve_window(spec, st)
    if isinstance(spec, _Ctx):
        return _resolve_ctx(spec, st, text, start, end)
    if isinstance(spec, _Ref):
        if spec.value == "PRESENT_REF":
            a = st.anchor
            return _Res("relative", "PRESENT_REF", "day" if a else None, a, a,
                        "relative" if a else "unknown")
        if spec.value == "PAST_REF":
            return _Res("relative", "PAST_REF", None, None, st.anchor,
                        "relative" if st.anchor else "unknown")
        return _Res("relative", "FUTURE_REF", None, st.anchor, None,
                    "relative" if st.anchor else "unknown")
    if isinstance(spec, _Duration):
        return _Res("duration", spec.value, None, None, None, "explicit")
    if isinstance(spec, _Set):
        return _Res("set", spec.value, None, None, None, "explicit")
    if isinstance(spec, _Ambiguous):
        return _Res("date", None, None, spec.first, spec.second, "explicit")
    if isinstance(spec, _Span):
        return _resolve_span(spec, st, text, start, end)
    return None


def _weaker(a: str, b: str) -> str:
    order = ("explicit", "relative", "anchored", "context", "unknown")
    return max(a, b, key=order.index)


def _resolve_span(s: _Span, st: _State, text: str, start: int, end: int) -> _Res | None:
    a = _resolve_one(s.a, st, text, start, end)
    if a is None:
        return None
    anchor = st.anchor
    if s.kind == "range":
        b = _resolve_one(s.b, st, text, start, end)
        if b is None:
            return None
        precision = a.precision if a.precision == b.precision else None
        value = f"{a.value or '..'}/{b.value or '..'}"
        if a.earliest and b.latest and b.latest < a.earliest:
            # Both ends completed from the anchor, and they came out the wrong way round.
            return _Res("range", value, precision, None, None, "unknown")
        basis = "unknown" if a.basis == b.basis == "unknown" else _weaker(a.basis, b.basis)
        return _Res("range", value, precision, a.earliest, b.latest, basis)
    if s.kind == "by":
        return _Res("date", a.value, "day" if a.latest else a.precision, a.latest, a.latest,
                    a.basis)
    if s.kind == "since":
        hi = anchor if anchor and a.earliest and anchor >= a.earliest else None
        basis = _weaker(a.basis, "anchored") if hi else a.basis
        return _Res("range", f"{a.value or '..'}/{hi.isoformat() if hi else '..'}", a.precision,
                    a.earliest, hi, basis)
    if s.kind == "until":
        lo = anchor if anchor and a.latest and anchor <= a.latest else None
        basis = _weaker(a.basis, "anchored") if lo else a.basis
        return _Res("range", f"{lo.isoformat() if lo else '..'}/{a.value or '..'}", a.precision,
                    lo, a.latest, basis)
    if s.kind == "before":
        hi = a.earliest - dt.timedelta(days=1) if a.earliest else None
        return _Res("range", f"../{a.value or '..'}", a.precision, None, hi, a.basis)
    lo = a.latest + dt.timedelta(days=1) if a.latest else None  # after
    return _Res("range", f"{a.value or '..'}/..", a.precision, lo, None, a.basis)


def _context_of(spec: object, res: _Res) -> tuple[dt.date, dt.date] | None:
    """What a later "the same year" may refer to: a dated expression, not a window or span."""
    if isinstance(spec, _Span):
        if spec.kind == "range" and res.earliest and res.latest:
            return res.latest, res.latest
        return None
    if isinstance(spec, _Window | _Duration | _Set | _Ref | _Ambiguous) or res.basis == "unknown":
        return None
    if res.earliest and res.latest:
        return res.earliest, res.latest
    return None


def extract_times(text: str, anchor: dt.date | None) -> list[TimeExpr]:
    """The time expressions of ``text``, sorted by start, non-overlapping.

    ``anchor`` is the article's publication date (None when the article is undated); expressions
    that need it to be placed ("last week", "February 12") keep None bounds and basis ``unknown``
    without it. Offsets are exact: ``text[t.start:t.end] == t.text``.
    """
    if not text:
        return []
    index = _Index(text)
    cands = [c for scan in _SCANNERS for c in scan(text, index)]
    chosen = _select(cands, len(text))
    chosen = _signals(text, _pairs(text, _parts(text, _clocks(text, chosen))))
    state = _State(anchor, _Tense(text))
    out: list[TimeExpr] = []
    for c in chosen:
        try:
            res = _resolve_one(c.spec, state, text, c.start, c.end)
        except (ValueError, OverflowError):  # beyond the calendar ("2000 centuries ago")
            continue
        if res is None:
            continue
        context = _context_of(c.spec, res)
        if context is not None:
            state.context = (*context, c.end)
        out.append(TimeExpr(c.start, c.end, text[c.start:c.end], res.kind, res.value,
                            res.precision, res.earliest, res.latest, res.basis, res.days))
    return out
