"""The citation check a brief must pass before it is written.

For every statement: each cited sentence must stand verbatim, at its offsets, in the stored
article; every entity the statement names must be mentioned in one of its cited sentences (a
stored mention of that entity inside the sentence, or its name or a spelling seen in the store);
every number must be written in one of them (digits in any common grouping, or words); every date
must be given by a time expression found inside one of them; and each quoted passage must be in
one of them word for word. The check reads the store afresh: it does not trust the dossier that
built the statements.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import WatchfloorError
from ..store.fold import fold

if TYPE_CHECKING:
    from ..store import Store
    from ..store.briefing import Spans
    from .dossier import Citation, Statement


@dataclass(frozen=True)
class Problem:
    statement: Statement
    reason: str

    def __str__(self) -> str:
        return f"“{self.statement.text}”: {self.reason}"


class BriefCheckError(WatchfloorError):
    """Statements of a brief that their citations do not support; the brief was not written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        shown = "; ".join(str(p) for p in self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(f"the citation check failed for {len(self.problems)} statement"
                         f"{'s' if len(self.problems) != 1 else ''}, so the brief was not "
                         f"written: {shown}{more}")


_UNITS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen"))}
_TENS = {w: 10 * (i + 2) for i, w in enumerate((
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "dozen": 12,
           # Serbian, Croatian and Bosnian (both scripts) and Albanian scale words.
           "hiljada": 1_000, "hiljade": 1_000, "tisuća": 1_000, "tisuće": 1_000, "mijë": 1_000,
           "хиљада": 1_000, "хиљаде": 1_000, "milion": 1_000_000, "miliona": 1_000_000,
           "milijun": 1_000_000, "milijuna": 1_000_000, "милион": 1_000_000,
           "милиона": 1_000_000, "milijarda": 1_000_000_000, "milijarde": 1_000_000_000,
           "milijardi": 1_000_000_000, "miliard": 1_000_000_000, "miliardë": 1_000_000_000,
           "милијарда": 1_000_000_000, "милијарде": 1_000_000_000,
           "милијарди": 1_000_000_000}
_DIGITS = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")
_WORD = re.compile(r"[^\W\d_]+")


def _digit_values(raw: str) -> set[float]:
    """Every reading of a written number: "4,700" and "4.700" are 4700; "1,5" may be 1.5."""
    values = set()
    groups = re.split(r"[.,\u00a0\u202f ]", raw)
    if all(len(g) == 3 for g in groups[1:]):
        values.add(float("".join(groups)))
    for sep in ".,":
        if raw.count(sep) == 1 and not re.search(r"[\u00a0\u202f ]", raw):
            whole, frac = raw.replace("," if sep == "." else ".", "").split(sep)
            values.add(float(f"{whole}.{frac}"))
    if len(groups) == 1:
        values.add(float(raw))
    return values


def numbers_in(sentence: str) -> set[float]:
    """The numbers a sentence writes, in digits or English words, with scale words applied."""
    found: set[float] = set()
    low = sentence.lower()
    for m in _DIGITS.finditer(low):
        values = _digit_values(m.group())
        following = _WORD.match(low, m.end() + (1 if low[m.end():m.end() + 1] == " " else 0))
        scale = _SCALES.get(following.group()) if following else None
        found |= values
        if scale and scale != 12:
            found |= {v * scale for v in values}
    words = _WORD.findall(low.replace("-", " "))
    if {"a", "an", "single"} & set(words):
        found.add(1.0)  # "a police officer was killed" states one
    total, current, seen = 0.0, 0.0, False
    for w in [*words, ""]:
        if w in _UNITS or w in _TENS:
            current += _UNITS.get(w, 0) + _TENS.get(w, 0)
            seen = True
        elif w in _SCALES and (seen or w == "dozen"):
            current = (current or 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, 0.0
            seen = True
        elif w == "and" and seen:
            continue
        else:
            if seen:
                found.add(total + current)
            total, current, seen = 0.0, 0.0, False
    return found


def _has_number(sentence: str, value: float) -> bool:
    return any(abs(v - value) < 1e-6 * max(1.0, abs(value)) for v in numbers_in(sentence))


def verify(store: Store, statements: Iterable[Statement]) -> list[Problem]:
    """Every problem found with these statements' citations (an empty list: all supported)."""
    statements = list(statements)
    article_ids = sorted({c.article_id for s in statements for c in s.citations})
    texts = {i: row.text for i, row in store.articles_by_id(article_ids).items()}
    spans = store.spans_of(article_ids)
    spellings: dict[str, set[str]] = defaultdict(set)
    for m in spans.mentions:
        spellings[m.entity_id].add(fold(m.text))
    problems: list[Problem] = []
    for s in statements:
        problems += [Problem(s, reason) for reason in _check(s, texts, spans, spellings)]
    return problems


def _check(s: Statement, texts: dict[int, str], spans: Spans,
           spellings: dict[str, set[str]]) -> list[str]:
    if not s.citations:
        return ["it cites no sentence"]
    reasons = []
    good: list[Citation] = []
    for c in s.citations:
        text = texts.get(c.article_id)
        if text is None:
            reasons.append(f"it cites article {c.article_id}, which is not in the store")
        elif text[c.start:c.end] != c.sentence or not c.sentence.strip():
            reasons.append(f"the sentence it cites is not in article {c.article_id} as cited "
                           f"(characters {c.start}–{c.end})")
        else:
            good.append(c)
    if not good:
        return reasons
    mentions, times = spans.mentions_by_article, spans.times_by_article
    for ref in s.entities:
        names = {fold(ref.name)} | spellings.get(ref.id, set())
        if not any(any(m.entity_id == ref.id and c.start <= m.start and m.end <= c.end
                       for m in mentions.get(c.article_id, ()))
                   or any(n and n in fold(c.sentence) for n in names) for c in good):
            reasons.append(f"no cited sentence mentions {ref.name}")
    for value in s.numbers:
        if not any(_has_number(c.sentence, value) for c in good):
            reasons.append(f"no cited sentence gives the number {value:,g}")
    for lo, hi in s.dates:
        if not any(_dated(t, lo, hi) for c in good for t in times.get(c.article_id, ())
                   if c.start <= t.start and t.end <= c.end):
            reasons.append(f"no cited sentence dates it to {lo}–{hi}")
    for passage in s.quoted:
        if not any(" ".join(passage.split()) in " ".join(c.sentence.split()) for c in good):
            reasons.append(f"the quoted words “{passage}” are not in a cited sentence")
    return reasons


def _dated(t: object, lo: dt.date, hi: dt.date) -> bool:
    earliest, latest = t.earliest, t.latest  # type: ignore[attr-defined]
    return earliest is not None and latest is not None and earliest <= hi and latest >= lo
