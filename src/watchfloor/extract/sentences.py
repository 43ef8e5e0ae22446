"""Sentence boundaries: the unit every fact is cited by.

A rule-based splitter, deterministic and fast (no model): a sentence ends at ``.``, ``!`` or ``?``
(with any closing quotes or brackets) followed by white space and an upper-case letter, a digit or
an opening quote, unless the full stop belongs to a known abbreviation (``Gen.``, ``U.N.``, ``Mr.``)
or an initial (``J. Smith``). A paragraph break always ends a sentence. Offsets are into the
article's text, so a sentence is ``text[start:end]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "cmdr", "gov", "sen", "rep", "rev", "st", "jr", "sr", "no", "nos", "vol", "pp", "fig", "approx", "est", "inc", "ltd", "co", "corp", "dept", "univ", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "vs", "etc", "al", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "h.e", "amb", "pres"]
)
_CANDIDATE = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-ZА-ЯЂЉЊЋЏŠĐČĆŽÇË0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


def _is_abbreviation(text: str, dot: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not match:
        return False
    word = match.group(1).rstrip(".").lower()
    if word in ABBREVIATIONS:
        return True
    # A single capital letter ("J. Smith") or dotted initials ("U.S.").
    return len(word) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def _split_paragraph(text: str, start: int, end: int) -> Iterator[Sentence]:
    cursor = start
    for match in _CANDIDATE.finditer(text, start, end):
        stop = match.start()
        if text[stop] == "." and match.group(0).startswith(".") and len(match.group(0)) == 1 \
                and _is_abbreviation(text, stop):
            continue
        sentence_end = match.end()
        if text[cursor:sentence_end].strip():
            yield _trimmed(text, cursor, sentence_end)
        cursor = sentence_end
    if text[cursor:end].strip():
        yield _trimmed(text, cursor, end)


def _trimmed(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order; together they cover every non-blank character."""
    sentences: list[Sentence] = []
    cursor = 0
    for brk in _PARAGRAPH.finditer(text):
        sentences.extend(_split_paragraph(text, cursor, brk.start()))
        cursor = brk.end()
    sentences.extend(_split_paragraph(text, cursor, len(text)))
    return sentences


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence containing ``offset`` (binary search)."""
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        sentence = sentences[mid]
        if offset < sentence.start:
            hi = mid - 1
        elif offset >= sentence.end:
            lo = mid + 1
        else:
            return sentence
    return None
