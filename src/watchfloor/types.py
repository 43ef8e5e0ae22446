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


@dataclass(frozen=True)
class TimeExpr:
    """A time expression normalised to an interval of days.

    ``earliest``/``latest`` bound the interval (inclusive); both None when the expression cannot be
    placed ("February 12" in an undated article whose year cannot be known). ``value`` is a
    TIMEX3-style value (``2025-03-10``, ``2025-03``, ``2023``, ``199``, ``PRESENT_REF``, ``P3M``).
    """

    start: int
    end: int
    text: str
    kind: str
    """``date``, ``range`` (two or more days: "10 and 11 March 2025"), ``duration``, ``set``,
    ``relative`` ("in recent months", "last week")."""
    value: str | None
    precision: str | None
    """``day``, ``month``, ``quarter``, ``year``, ``decade``, ``century`` or None."""
    earliest: dt.date | None
    latest: dt.date | None
    basis: str
    """How it was placed: ``explicit`` (all parts written), ``anchored`` (completed from the
    article's date), ``relative`` (counted from the article's date), ``context`` (from an earlier
    expression: "in September of the same year"), ``unknown``."""
    days: tuple[dt.date, ...] = ()
    """For conjunctions ("10 and 11 March 2025"): the individual days."""


@dataclass(frozen=True)
class Quote:
    """Words a speaker is reported to have said, as written between quotation marks."""

    start: int
    end: int
    """The quoted words (without the marks); for a quote split around its attribution, the
    first part; ``parts`` lists every part."""
    text: str
    parts: tuple[tuple[int, int], ...]
    kind: str
    """``direct`` (a whole sentence or more) or ``partial`` (a phrase inside a sentence)."""
    speaker: str | None
    """The speaker as the text gives it: a name ("Rutte") or a description ("a NATO official");
    None when the text does not say."""
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_kb_id: str | None = None
    speaker_key: str | None = None
    """For a named speaker not in the knowledge base: the name it is grouped under."""
    speaker_kind: str = "unknown"
    """``named``, ``described`` ("a NATO official"), ``pronoun`` ("he", resolved to the
    previous speaker), ``source`` ("according to a NATO press release"), ``unknown``."""
    verb: str | None = None
    verb_start: int | None = None
    verb_end: int | None = None


@dataclass(frozen=True)
class Claim:
    """A figure the text states about something: subject, measure, value, qualifier, as-of."""

    start: int
    end: int
    """The span stating the figure (the number and its measure)."""
    text: str
    subject: str | None
    subject_kb_id: str | None
    subject_key: str | None
    measure: str
    """A normalised measure name: ``troops``, ``personnel``, ``contributing nations``,
    ``injured``, ``killed``, ``arrested``, ``prison sentence``, ``ban``, ``votes`` ..."""
    value: float
    value_max: float | None
    """For ranges ("between 20 and 30"); None otherwise."""
    unit: str | None
    """``people``, ``countries``, ``years``, ``months``, ``EUR``, ``USD``, ``percent`` ..."""
    qualifier: str
    """``exact``, ``approximately``, ``more than``, ``at least``, ``less than``, ``up to``."""
    change: bool = False
    """True for a change ("increased ... by 1,000 troops") rather than a level."""
    as_of: dt.date | None = None
    subject_start: int | None = None
    subject_end: int | None = None


@dataclass(frozen=True)
class Event:
    """Something that happened (or was planned, expected, denied), typed with PLOVER."""

    start: int
    end: int
    """The evidence span: the clause or sentence reporting the event."""
    text: str
    type: str
    """PLOVER event type: CONSULT, AGREE, COOPERATE, AID, REQUEST, ACCUSE, REJECT, THREATEN,
    PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT, ..."""
    mode: str | None
    """PLOVER mode where it applies, as PLOVER spells it (``visit``, ``firearms``,
    ``explosives``, ``convict``, ``troops`` ...), or one of watchfloor's documented extensions
    (``arms-purchase``, ``election``, ``legislation``); see ``watchfloor.extract.events``."""
    modality: str
    """``happened``, ``planned``, ``expected``, ``denied``, ``hypothetical``."""
    trigger: str
    trigger_start: int
    trigger_end: int
    actors: tuple[tuple[str, str], ...] = ()
    """(role, entity id) pairs: ``source`` (who acted), ``target`` (on whom)."""
    place: str | None = None
    """Entity id of where it happened."""
    time: TimeExpr | None = None
    context: str | None = None
    """PLOVER context, e.g. ``military``, ``political``, ``legal``."""


# -- relating articles (across sources) --------------------------------------------------------


@dataclass(frozen=True)
class ArticleFacts:
    """What the relate stage knows of one analysed article (read from the store)."""

    article_id: int
    text: str
    published: dt.date | None
    ingested_at: dt.datetime
    outlet: str | None
    title: str | None
    entities: tuple[tuple[str, str, int], ...] = ()
    """(entity id, type, mention count)."""
    quotes: tuple[str, ...] = ()
    """Quoted texts."""
    claims: tuple[tuple[str | None, str, float, str], ...] = ()
    """(subject entity id, measure, value, qualifier)."""
    events: tuple[tuple[str, dt.date | None, dt.date | None, str | None], ...] = ()
    """(PLOVER type, earliest, latest, place entity id)."""
    times: tuple[tuple[dt.date | None, dt.date | None, str, str], ...] = ()
    """(earliest, latest, basis, text) of its time expressions."""
    titles: tuple[tuple[str, str, int, int], ...] = ()
    """(entity id, title written beside the name, start, end): "NATO Secretary General" ..."""


@dataclass(frozen=True)
class Relation:
    """Two articles that carry the same text or the same facts."""

    kind: str
    """``copy`` (same text), ``near-copy`` (light edits), ``rewrite`` (same facts, new words)."""
    earlier: int
    """Article id of the one that came first (by date, then by id when dates do not tell)."""
    later: int
    score: float
    text_similarity: float
    shared: tuple[str, ...] = ()
    """The shared facts that support it: "quote: ...", "figure: KFOR troops 4,700", "entity: ..."."""
    order_basis: str = "published"
    """How ``earlier`` was decided: ``published``, ``estimated``, ``ingested``."""


@dataclass(frozen=True)
class DateEstimate:
    """When an article was probably written, from its content, with the reasons."""

    earliest: dt.date | None
    latest: dt.date | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Staleness:
    stale: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ClaimFact:
    """A stored claim as the disagreement finder sees it."""

    claim_id: int
    article_id: int
    subject: str
    """Entity id."""
    measure: str
    value: float
    value_max: float | None
    qualifier: str
    change: bool
    as_of: dt.date | None
    """The date the figure holds for: the article's date, or its estimated latest date."""
    outlet: str | None = None


@dataclass(frozen=True)
class Disagreement:
    """Figures about the same subject and measure that differ, laid side by side."""

    subject: str
    measure: str
    status: str
    """``conflict`` (cannot both be true at the same time), ``compatible`` (different figures
    whose qualifiers allow both, e.g. "more than 4,600" and "about 4,700"), ``change`` (values
    from clearly different dates: change over time, not conflict)."""
    claims: tuple[int, ...]
    """Claim ids, in as-of order."""
    explanation: str
