"""Plain shared types that move between the stages.

They are frozen dataclasses with no database or web dependency, so every stage can import them
without importing each other. The store converts them to and from its rows; the export writes them
as JSON.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# How a publication date was found, strongest first.
DATE_BASES = ("metadata", "byline", "url", "none")


@dataclass(frozen=True)
class RawDocument:
    """One input as read: bytes (or a JSON record) and where and when they came from."""

    source: str
    """A file path, a URL, or ``path#record-N`` for one record of a JSON/JSONL dump."""
    kind: str
    """``text``, ``markdown``, ``html`` or ``record``."""
    data: bytes = b""
    record: dict[str, Any] | None = None
    fetched_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


@dataclass(frozen=True)
class Removed:
    """A piece of the input that is not part of the article, kept for audit."""

    kind: str
    """What it was taken for: ``title``, ``byline``, ``navigation``, ``footer``, ``teaser``,
    ``see-also``, ``comment-prompt``, ``repeated-lead``, ``page`` (HTML outside the main text)."""
    text: str


@dataclass(frozen=True)
class Cleaned:
    """What a cleaner makes of one input: the article's text and what it could read around it.

    ``text`` is paragraphs separated by one blank line. Fields the cleaner could not find are None;
    nothing is guessed.
    """

    text: str
    cleaner: str
    """``name/version`` of the cleaner, recorded with the article."""
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    published_basis: str = "none"
    canonical_url: str | None = None
    removed: tuple[Removed, ...] = ()


@dataclass(frozen=True)
class LanguageGuess:
    code: str
    """ISO 639-1 code (``en``, ``sr``, ``sq`` ...) or ``und`` when it cannot be told."""
    confidence: float
    script: str | None = None
    """``Latn`` or ``Cyrl`` where that matters (Serbian is written in both)."""


@dataclass(frozen=True)
class Article:
    """A stored article. ``text`` never changes once stored: every offset points into it."""

    id: int
    source: str
    text: str
    content_hash: str
    title: str | None
    author: str | None
    outlet: str | None
    published: dt.date | None
    published_basis: str
    language: str
    language_confidence: float
    canonical_url: str | None
    removed: tuple[Removed, ...]
    cleaner: str
    ingested_at: dt.datetime
    sources: tuple[str, ...] = ()
    """Every input that produced this same text (the first is ``source``)."""


@dataclass(frozen=True)
class Evidence:
    """Where a derived fact comes from: a span of one article's ``text``."""

    article_id: int
    start: int
    end: int


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one input in a batch."""

    source: str
    status: str
    """``stored``, ``unchanged``, ``duplicate`` or ``failed``."""
    article_id: int | None = None
    message: str | None = None
    error_code: str | None = None


@dataclass(frozen=True)
class Mention:
    """A name in an article's text, and what it was resolved to within that article."""

    start: int
    end: int
    text: str
    type: str
    """``person``, ``organization`` or ``place``."""
    method: str
    """How it was found and linked: ``kb`` (a knowledge-base name or alias), ``kb-surname`` (a
    surname of a person named in full), ``kb-typo`` (a near-spelling of such a surname), ``ner``
    (the statistical model), ``ner-surname`` (a surname of a person the model found in full),
    ``acronym`` (an acronym introduced in the text), ``ambiguous`` (a surname that two people
    named in the article share: a person, left unlinked)."""
    kb_id: str | None = None
    key: str | None = None
    """For mentions not in the knowledge base: the name they were grouped under in this article
    (the full name for a surname, the expansion for an acronym)."""
    role: str | None = None
    """A title the text gives the person here ("NATO spokesperson")."""
    role_start: int | None = None
    role_end: int | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    label: str | None = None
    """The statistical model's label, when it found the mention."""
