"""Everything the store knows about a selection (a story, an entity, a place, a period), gathered
into statements that each rest on cited sentences. Briefs and the dashboard's story view are
written from a :class:`Dossier`; neither composes facts on its own.

A statement is never free text about the world: it is built from stored facts (events, quotes,
figures, mentions) and carries the sentences those facts were extracted from, plus what it names
(entities, numbers, dates) so that :mod:`watchfloor.report.verify` can check every one of them
against the cited sentences before anything is written.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import NotFoundError, WatchfloorError
from ..extract.sentences import Sentence, sentence_at, split_sentences
from .format import entity_ids, figure, shorten, when

if TYPE_CHECKING:
    from ..store import Store
    from ..store.briefing import ArticleFactRows
    from ..store.models import ArticleRow, ClaimRow, EventRow

MAX_ARTICLES = 500
"""A brief reads at most this many articles of its selection (the newest); it says so when
more matched."""


FIGURES_SHOWN = 10
"""A disagreement shows its earliest and latest figures: a long-running count can gather
thousands, and building every one would make a brief's cost grow with the whole store."""


class SelectionError(WatchfloorError):
    """A selection that cannot make a brief: nothing chosen, nothing found, a bad period."""


# -- what is selected --------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """Which articles a brief or view covers: every given criterion must hold."""

    story_id: int | None = None
    entity: str | None = None
    place: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def describe(self) -> str:
        parts = []
        if self.story_id is not None:
            parts.append(f"story {self.story_id}")
        if self.entity:
            parts.append(f"entity “{self.entity}”")
        if self.place:
            parts.append(f"place “{self.place}”")
        if self.since or self.until:
            parts.append(f"{self.since or '…'} to {self.until or '…'}")
        return ", ".join(parts) or "everything"


# -- statements and their evidence -------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """The exact sentence a statement rests on: ``article.text[start:end] == sentence``."""

    article_id: int
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class Ref:
    """An entity a statement names."""

    id: str
    name: str
    type: str = "other"


@dataclass(frozen=True)
class Statement:
    """One sentence of a brief and what must be true of its citations.

    The check (``verify``) requires every citation's sentence verbatim in its stored article, and
    each entity, number, date and quoted passage present in at least one cited sentence.
    """

    text: str
    citations: tuple[Citation, ...]
    entities: tuple[Ref, ...] = ()
    numbers: tuple[float, ...] = ()
    dates: tuple[tuple[dt.date, dt.date], ...] = ()
    quoted: tuple[str, ...] = ()
    """Passages the statement quotes, each to be found word for word in a cited sentence."""
    extractor: str = ""
    """The extractor (name/version) of the facts the statement is built from."""


# -- the parts of a dossier --------------------------------------------------------------------


@dataclass(frozen=True)
class Relation:
    kind: str
    """``copy``, ``near-copy`` or ``rewrite``."""
    other_id: int
    earlier: bool
    """True when the other article is the earlier one (this one repeats it)."""
    score: float


@dataclass(frozen=True)
class Source:
    """An article the dossier read, with what is known about its date and originality."""

    article_id: int
    title: str | None
    outlet: str | None
    author: str | None
    url: str | None
    published: dt.date | None
    published_basis: str
    language: str
    estimated: tuple[dt.date | None, dt.date | None] | None
    dating_reasons: tuple[str, ...]
    stale: bool
    stale_reasons: tuple[str, ...]
    relations: tuple[Relation, ...]
    story_id: int | None
    source: str

    @property
    def date_label(self) -> str:
        if self.published:
            return self.published.isoformat()
        if self.estimated and (self.estimated[0] or self.estimated[1]):
            return f"undated (estimated {self.estimated[0] or '…'} – {self.estimated[1] or '…'})"
        return "undated"


@dataclass(frozen=True)
class Development:
    """One real-world event, merged over every article that reports it."""

    statement: Statement
    type: str
    mode: str | None
    modality: str
    earliest: dt.date | None
    latest: dt.date | None
    precision: str | None
    label: str
    """The date as a reader writes it ("10–11 March 2025"), or "undated"."""
    sources: tuple[Ref, ...]
    targets: tuple[Ref, ...]
    place: Ref | None
    article_ids: tuple[int, ...]
    independent: int
    """Articles reporting it that are not copies or rewrites of one another."""
    event_ids: tuple[int, ...]
    score: float


@dataclass(frozen=True)
class Actor:
    ref: Ref
    titles: tuple[str, ...]
    mentions: int
    articles: int
    did: tuple[tuple[str, int], ...]
    """Event types where the actor is a source, with counts, most frequent first."""
    quotes: int
    statement: Statement


@dataclass(frozen=True)
class Link:
    """Two actors joined by events: who met, agreed with or attacked whom."""

    source: Ref
    target: Ref
    types: tuple[tuple[str, int], ...]
    statement: Statement


@dataclass(frozen=True)
class Place:
    ref: Ref
    lat: float | None
    lon: float | None
    mentions: int
    articles: int


@dataclass(frozen=True)
class QuoteItem:
    speaker: Ref | None
    speaker_text: str | None
    """How the text names the speaker ("the official"), when it does."""
    text: str
    kind: str
    article_id: int
    statement: Statement


@dataclass(frozen=True)
class FigureItem:
    subject: Ref | None
    subject_text: str | None
    measure: str
    value: str
    """The figure as written for a reader: "more than 4,600 personnel"."""
    as_of: dt.date | None
    article_id: int
    outlet: str | None
    claim_id: int
    statement: Statement


@dataclass(frozen=True)
class DisagreementItem:
    status: str
    subject: Ref
    measure: str
    explanation: str
    figures: tuple[FigureItem, ...]
    """The earliest and the latest figures (at most :data:`FIGURES_SHOWN`), side by side."""
    count: int = 0
    """How many figures the disagreement holds in all."""


@dataclass(frozen=True)
class ContextStory:
    story_id: int
    title: str
    first_seen: dt.date | None
    last_seen: dt.date | None
    articles: int
    shared: tuple[Ref, ...]
    statement: Statement


@dataclass
class Dossier:
    selection: Selection
    title: str
    matched: int
    """Articles matching the selection; at most :data:`MAX_ARTICLES` of them are read."""
    sources: list[Source]
    developments: list[Development]
    """Every development, most important first (independent sources, recency, type)."""
    timeline: list[Development]
    undated: list[Development]
    actors: list[Actor]
    links: list[Link]
    places: list[Place]
    quotes: list[QuoteItem]
    figures: list[FigureItem]
    disagreements: list[DisagreementItem]
    context: list[ContextStory]
    scheduled: list[Development]
    """Planned or expected developments, and dated ones after the newest source."""
    trend: dict[str, dict[dt.date, int]]
    """Event type → first day of month → number of developments that month."""
    period: tuple[dt.date | None, dt.date | None]
    """First and last date the sources and dated developments cover."""
    latest_source: dt.date | None
    focus: list[Ref] = field(default_factory=list)
    """The entity or place the selection names, when it names one."""

    def summary(self, limit: int = 8) -> list[Development]:
        return [d for d in self.developments if d.modality == "happened"][:limit]


# -- how events are written -------------------------------------------------------------------

_PHRASES: dict[str, tuple[str, str]] = {
    # type → (with a target, without one). "{s}" is the sources, "{t}" the targets.
    "AGREE": ("{s} agreed with {t}", "{s} reached an agreement"),
    "CONSULT": ("{s} met {t}", "{s} held talks"),
    "CONSULT/visit": ("{s} visited {t}", "{s} made a visit"),
    "CONSULT/phone": ("{s} spoke by telephone with {t}", "{s} held a telephone call"),
    "SUPPORT": ("{s} expressed support for {t}", "{s} expressed support or signed an agreement"),
    "CONCEDE": ("{s} made a concession to {t}", "{s} made a concession"),
    "COOPERATE": ("{s} cooperated with {t}", "{s} cooperated"),
    "COOPERATE/arms-purchase": ("{s} bought arms from {t}", "{s} bought arms"),
    "AID": ("{s} gave aid to {t}", "{s} gave aid"),
    "RETREAT": ("{s} withdrew from {t}", "{s} withdrew or stood down"),
    "RETREAT/resign": ("{s} resigned from {t}", "{s} resigned"),
    "REQUEST": ("{s} called on {t}", "{s} made a demand or appeal"),
    "ACCUSE": ("{s} accused {t}", "{s} made an accusation"),
    "ACCUSE/investigate": ("{s} investigated {t}", "{s} opened an investigation"),
    "REJECT": ("{s} rejected {t}", "{s} rejected a proposal or demand"),
    "THREATEN": ("{s} threatened {t}", "{s} issued a threat"),
    "PROTEST": ("{s} protested against {t}", "{s} protested"),
    "SANCTION": ("{s} sanctioned {t}", "{s} imposed a sanction"),
    "SANCTION/convict": ("{s} convicted {t}", "{s} handed down a conviction"),
    "MOBILIZE": ("{s} mobilised forces against {t}", "{s} deployed or reinforced forces"),
    "COERCE": ("{s} used coercion against {t}", "{s} used coercion"),
    "COERCE/arrest": ("{s} arrested {t}", "{s} made arrests"),
    "COERCE/ban": ("{s} banned {t}", "{s} imposed a ban"),
    "ASSAULT": ("{s} attacked {t}", "{s} carried out an attack"),
    "OTHER/election": ("{s} held elections with {t}", "{s} held elections"),
    "OTHER/legislation": ("{s} adopted legislation concerning {t}", "{s} adopted legislation"),
    "OTHER": ("{s} acted towards {t}", "{s} acted"),
}
_NOBODY = {"AGREE": "An agreement was reached", "CONSULT": "Talks were held",
           "CONSULT/visit": "A visit took place", "ASSAULT": "An attack took place",
           "PROTEST": "A protest took place", "OTHER/election": "Elections were held",
           "OTHER/legislation": "Legislation was adopted",
           "SANCTION/convict": "A conviction was handed down",
           "MOBILIZE": "Forces were deployed or reinforced"}
_MODALITY_LEAD = {"planned": "Planned: ", "expected": "Expected: ", "denied": "Did not happen: ",
                  "hypothetical": "Possible: "}
_TYPE_WEIGHT = {"ASSAULT": 1.0, "COERCE": 0.9, "MOBILIZE": 0.9, "SANCTION": 0.85,
                "THREATEN": 0.8, "PROTEST": 0.75, "OTHER": 0.7, "AGREE": 0.7, "RETREAT": 0.7,
                "CONSULT": 0.6, "SUPPORT": 0.55, "COOPERATE": 0.6, "AID": 0.6,
                "REJECT": 0.6, "ACCUSE": 0.55, "REQUEST": 0.5, "CONCEDE": 0.6}


def _names(refs: Sequence[Ref]) -> str:
    names = [r.name for r in refs]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def describe_event(type_: str, mode: str | None, modality: str, sources: Sequence[Ref],
                   targets: Sequence[Ref], place: Ref | None, label: str | None) -> str:
    """A plain sentence for an event, naming only what was extracted (no invented detail)."""
    key = f"{type_}/{mode}" if f"{type_}/{mode}" in _PHRASES else type_
    with_target, alone = _PHRASES.get(key, _PHRASES["OTHER"])
    if sources:
        text = (with_target if targets else alone).format(s=_names(sources), t=_names(targets))
    elif targets:
        text = f"{_NOBODY.get(key, 'An event of type ' + type_)} involving {_names(targets)}"
    else:
        text = _NOBODY.get(key, f"An event of type {type_} was reported")
    if place and place not in targets:
        text += f" in {place.name}"
    if label and label != "undated":
        text += f" ({label})"
    return _MODALITY_LEAD.get(modality, "") + text + "."


# -- gathering --------------------------------------------------------------------------------


class _Texts:
    """Article texts and their sentences, split once, for citing facts by sentence."""

    def __init__(self, articles: dict[int, ArticleRow]) -> None:
        self.articles = articles
        self._sentences: dict[int, list[Sentence]] = {}

    def cite(self, article_id: int, start: int, end: int | None = None) -> Citation:
        """The sentence containing ``start`` (widened to every sentence up to ``end``)."""
        text = self.articles[article_id].text
        sentences = self._sentences.get(article_id)
        if sentences is None:
            sentences = self._sentences[article_id] = split_sentences(text)
        first = sentence_at(sentences, start)
        last = sentence_at(sentences, max(start, (end or start) - 1)) or first
        lo = first.start if first else start
        hi = max(last.end if last else (end or start), end or start)
        return Citation(article_id, lo, hi, text[lo:hi])

    def span(self, article_id: int, start: int, end: int) -> Citation:
        return Citation(article_id, start, end, self.articles[article_id].text[start:end])


def _independent(article_ids: Iterable[int], relations: dict[int, list[Relation]]) -> int:
    """Articles left when every copy or rewrite is counted with what it repeats."""
    ids = sorted(set(article_ids))
    parent = {a: a for a in ids}

    def root(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a in ids:
        for r in relations.get(a, ()):
            if r.other_id in parent:
                parent[root(a)] = root(r.other_id)
    return len({root(a) for a in ids})


def _span_days(e: EventRow) -> int:
    return (e.latest - e.earliest).days if e.earliest and e.latest else 10**6


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def collect(store: Store, selection: Selection, *, max_articles: int = MAX_ARTICLES) -> Dossier:
    """Read the selection's articles and facts and build every statement about them.

    Raises :class:`SelectionError` when nothing is selected or the selection matches no
    article, and :class:`~watchfloor.errors.NotFoundError` for an unknown story, entity or place.
    """
    if (selection.story_id is None and not selection.entity and not selection.place
            and selection.since is None and selection.until is None):
        raise SelectionError("choose what the brief covers: --story, --entity, --place and/or "
                             "--since/--until")
    if selection.since and selection.until and selection.since > selection.until:
        raise SelectionError(f"the period starts after it ends ({selection.since} > "
                             f"{selection.until})")
    story = None
    if selection.story_id is not None:
        story = store.get_story(selection.story_id)
        if story is None:
            raise NotFoundError(f"no story with id {selection.story_id}")
    criteria: list[list[str]] = []
    for name, what in ((selection.entity, "entity"), (selection.place, "place")):
        if name:
            ids = entity_ids(store, name)
            if not ids:
                raise NotFoundError(f"no {what} named {name!r} in the store")
            criteria.append(ids)
    article_ids, matched = store.select_article_ids(
        story_id=selection.story_id, entity_ids=criteria, since=selection.since,
        until=selection.until, limit=max_articles)
    if not article_ids:
        raise SelectionError(f"no article matches {selection.describe()}")
    return _Builder(store, selection, story, article_ids, matched, criteria).build()


class _Builder:
    def __init__(self, store: Store, selection: Selection, story: Any,
                 article_ids: list[int], matched: int, criteria: list[list[str]]) -> None:
        self.store = store
        self.selection = selection
        self.story = story
        self.ids = sorted(article_ids)
        self.matched = matched
        self.criteria = criteria
        self.focus = {i for ids in criteria for i in ids}
        self.articles = store.articles_by_id(self.ids)
        self.rows: ArticleFactRows = store.fact_rows(self.ids)
        self.texts = _Texts(self.articles)
        self.entities = self.rows.entities
        # Which entities each sentence mentions, for keeping facts about the focus.
        self.sentence_entities: dict[tuple[int, int], set[str]] = defaultdict(set)
        self.mentions_of: dict[tuple[int, str], list[Any]] = defaultdict(list)
        for m in self.rows.mentions:
            self.sentence_entities[(m.article_id, m.sentence_start)].add(m.entity_id)
            self.mentions_of[(m.article_id, m.entity_id)].append(m)

    # -- helpers --

    def statement(self, text: str, article_id: int, spans: Sequence[tuple[int, int]],
                  entities: Sequence[Ref], **fields: Any) -> Statement:
        """A statement citing the sentences of ``spans`` in one article, plus, for an entity
        those sentences only refer to ("he", "the alliance"), the sentence before them that
        names it: where the reader can see who is meant."""
        citations = [self.texts.cite(article_id, a, b) for a, b in spans]
        first = min(c.start for c in citations)
        for ref in entities:
            if any(self.mentions_in(article_id, c.start, c.end, ref.id) for c in citations):
                continue
            before = [m for m in self.mentions_of.get((article_id, ref.id), ()) if m.start < first]
            if before:
                m = before[-1]
                citations.insert(0, self.texts.cite(article_id, m.start, m.end))
        return Statement(text, tuple(dict.fromkeys(citations)), tuple(entities), **fields)

    def mentions_in(self, article_id: int, start: int, end: int, entity_id: str) -> bool:
        return any(start <= m.start and m.end <= end
                   for m in self.mentions_of.get((article_id, entity_id), ()))

    def ref(self, entity_id: str) -> Ref:
        e = self.entities.get(entity_id)
        return Ref(entity_id, e.name if e else entity_id, e.type if e else "other")

    def about_focus(self, article_id: int, start: int, end: int, *ids: str | None) -> bool:
        """Facts of an entity or place selection must involve it: as an actor, speaker,
        subject or place, or named in the same sentence."""
        if not self.focus:
            return True
        if self.focus & {i for i in ids if i}:
            return True
        c = self.texts.cite(article_id, start, end)
        return bool(self.focus & self.sentence_entities.get((article_id, c.start), set()))

    def in_period(self, earliest: dt.date | None, latest: dt.date | None) -> bool:
        lo, hi = self.selection.since, self.selection.until
        if lo is None and hi is None:
            return True
        if earliest is None or latest is None:
            return False
        return (lo is None or latest >= lo) and (hi is None or earliest <= hi)

    # -- parts --

    def sources(self) -> list[Source]:
        dating = self.store.dating(self.ids)
        stories = self.store.stories_of(self.ids)
        self.relations: dict[int, list[Relation]] = defaultdict(list)
        for r in self.store.relations_of(self.ids):
            self.relations[r.later_id].append(Relation(r.kind, r.earlier_id, True, r.score))
            self.relations[r.earlier_id].append(Relation(r.kind, r.later_id, False, r.score))
        out = []
        for a in self.ids:
            row = self.articles[a]
            d = dating.get(a)
            out.append(Source(
                a, row.title, row.outlet, row.author, row.canonical_url, row.published,
                row.published_basis, row.language,
                (d.earliest, d.latest) if d else None, tuple(d.reasons) if d else (),
                bool(d and d.stale), tuple(d.stale_reasons) if d else (),
                tuple(self.relations.get(a, ())), stories.get(a), row.source))
        return out

    def developments(self) -> list[Development]:
        groups: dict[int, list[EventRow]] = defaultdict(list)
        for e in self.rows.events:
            groups[self.rows.event_groups.get(e.id, -e.id)].append(e)
        newest = max((a.published for a in self.articles.values() if a.published),
                     default=None)
        kept = []
        for members in groups.values():
            members = [e for e in members if self.about_focus(
                e.article_id, e.start, e.end, e.place_entity_id,
                *(a["entity_id"] for a in e.actors))]
            if members:
                kept.append(members)
        out = []
        for members in self.merge_reports(kept):
            # The report naming the most, then the most precise: its sentence carries the date.
            best = min(members, key=lambda e: (-len(self.footprint(e)), _span_days(e),
                                               e.article_id, e.start))
            if not self.in_period(best.earliest, best.latest):
                continue
            sources = tuple(self.ref(a["entity_id"]) for a in best.actors
                            if a["role"] == "source")
            targets = tuple(self.ref(a["entity_id"]) for a in best.actors
                            if a["role"] == "target")
            place = self.ref(best.place_entity_id) if best.place_entity_id else None
            label = (when(best.earliest, best.latest, best.precision)
                     if best.earliest else "undated")
            text = describe_event(best.type, best.mode, best.modality, sources, targets, place,
                                  label)
            # The most precise report first: its sentence carries the date.
            ordered = [best] + [e for e in members if e is not best]
            named = tuple(dict.fromkeys(sources + targets + ((place,) if place else ())))
            citations = tuple(dict.fromkeys(
                c for e in ordered
                for c in self.statement("", e.article_id, [(e.start, e.end)],
                                        named if e is best else ()).citations))
            article_ids = tuple(sorted({e.article_id for e in members}))
            independent = _independent(article_ids, self.relations)
            recency = 0.0
            if best.earliest and newest:
                # From the first day: "2025" must not count as 31 December 2025.
                recency = 1.0 / (1.0 + max(0, (newest - best.earliest).days) / 30.0)
            # Independent reports count most, but a development long before the newest source
            # is background the articles recall, not news: recency scales everything.
            score = ((1.0 + math.log2(independent)) * (0.25 + recency)
                     + 0.3 * _TYPE_WEIGHT.get(best.type, 0.5) + (0.1 if best.earliest else 0.0))
            out.append(Development(
                Statement(text, citations, named, (),
                          ((best.earliest, best.latest),) if best.earliest and best.latest
                          else (), (), best.extractor),
                best.type, best.mode, best.modality, best.earliest, best.latest, best.precision,
                label, sources, targets, place, article_ids, independent,
                tuple(e.id for e in members), round(score, 4)))
        out.sort(key=lambda d: (-d.score, d.earliest or dt.date.max, d.event_ids[0]))
        return out

    def footprint(self, e: EventRow) -> set[str]:
        """What an event is done to and where: target ids, its place, and their countries."""
        ids = {a["entity_id"] for a in e.actors if a["role"] == "target"}
        if e.place_entity_id:
            ids.add(e.place_entity_id)
        countries = {f"country:{self.entities[i].country}" for i in ids
                     if i in self.entities and self.entities[i].type == "place"
                     and self.entities[i].country}
        return ids | countries

    def merge_reports(self, groups: list[list[EventRow]]) -> list[list[EventRow]]:
        """Join event groups that report one development at different levels of detail: same
        type, mode and modality, the same named sources, dates nested within a month ("March
        2025" holds "10–11 March 2025"), and overlapping targets or places (a city and its
        country count as overlapping). Relating keeps such reports apart when their places
        are named differently ("Sarajevo and Pristina" / "Bosnia and Herzegovina and Kosovo")."""
        def key(members: list[EventRow]) -> tuple[Any, ...] | None:
            e = min(members, key=_span_days)
            sources = frozenset(a["entity_id"] for a in e.actors if a["role"] == "source")
            if not sources or not e.earliest or not e.latest or _span_days(e) > 31:
                return None
            return (e.type, e.mode, e.modality, sources)

        merged: list[list[EventRow]] = []
        by_key: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        for members in sorted(groups, key=lambda m: min(_span_days(e) for e in m)):
            k = key(members)
            target = None
            if k is not None:
                e = min(members, key=_span_days)
                reach = set().union(*(self.footprint(x) for x in members))
                for i in by_key[k]:
                    other = min(merged[i], key=_span_days)
                    nested = (other.earliest <= e.earliest and e.latest <= other.latest) or (
                        e.earliest <= other.earliest and other.latest <= e.latest)
                    if nested and reach & set().union(*(self.footprint(x) for x in merged[i])):
                        target = i
                        break
            if target is None:
                merged.append(list(members))
                if k is not None:
                    by_key[k].append(len(merged) - 1)
            else:
                merged[target].extend(members)
        return merged

    def actors(self, developments: list[Development]) -> list[Actor]:
        counts: Counter[str] = Counter()
        articles: dict[str, set[int]] = defaultdict(set)
        titles: dict[str, Counter[str]] = defaultdict(Counter)
        first: dict[str, Any] = {}
        for m in self.rows.mentions:
            e = self.entities.get(m.entity_id)
            if e is None or e.type not in ("person", "organization"):
                continue
            counts[m.entity_id] += 1
            articles[m.entity_id].add(m.article_id)
            if m.role:
                titles[m.entity_id][m.role] += 1
                # The sentence giving a title says best who the actor is.
                if m.entity_id not in first or first[m.entity_id].role is None:
                    first[m.entity_id] = m
            first.setdefault(m.entity_id, m)
        did: dict[str, Counter[str]] = defaultdict(Counter)
        for d in developments:
            for r in d.sources:
                did[r.id][d.type] += 1
        said = Counter(q.speaker_entity_id for q in self.rows.quotes if q.speaker_entity_id)
        ranked = sorted(counts, key=lambda i: (-len(articles[i]), -counts[i], i))
        if self.focus:
            ranked = sorted(ranked, key=lambda i: i not in self.focus)
        out = []
        for entity_id in ranked[:25]:
            ref = self.ref(entity_id)
            m = first[entity_id]
            title_list = tuple(t for t, _ in titles[entity_id].most_common(3))
            text = ref.name
            if m.role:
                text += f", named as {m.role},"
            text += (f" appears {counts[entity_id]} times in {len(articles[entity_id])} "
                     f"article{'s' if len(articles[entity_id]) != 1 else ''}.")
            out.append(Actor(ref, title_list, counts[entity_id], len(articles[entity_id]),
                             tuple(did[entity_id].most_common()), said[entity_id],
                             Statement(text, (self.texts.cite(m.article_id, m.start, m.end),),
                                       (ref,), extractor=m.extractor)))
        return out

    def links(self, developments: list[Development]) -> list[Link]:
        pairs: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        cites: dict[tuple[str, str], list[Citation]] = defaultdict(list)
        for d in developments:
            actors = list(d.sources)
            targets = [t for t in d.targets if t.type in ("person", "organization", "place")]
            if d.type == "CONSULT" and len(actors) > 1 and not targets:
                targets = actors[1:]
                actors = actors[:1]
            for s in actors:
                for t in targets:
                    if s.id == t.id:
                        continue
                    pairs[(s.id, t.id)][d.type] += 1
                    # The best report's sentences: its event and where it names the actors.
                    first = d.statement.citations[0].article_id
                    cites[(s.id, t.id)] += [c for c in d.statement.citations
                                            if c.article_id == first]
        out = []
        for (s, t), types in sorted(pairs.items(), key=lambda x: (-x[1].total(), x[0])):
            a, b = self.ref(s), self.ref(t)
            kinds = ", ".join(f"{k} ×{n}" if n > 1 else k for k, n in types.most_common())
            out.append(Link(a, b, tuple(types.most_common()),
                            Statement(f"{a.name} → {b.name}: {kinds}.",
                                      tuple(dict.fromkeys(cites[(s, t)]))[:4], (a, b))))
        return out[:40]

    def places(self) -> list[Place]:
        counts: Counter[str] = Counter()
        articles: dict[str, set[int]] = defaultdict(set)
        for m in self.rows.mentions:
            e = self.entities.get(m.entity_id)
            if e is not None and e.type == "place":
                counts[m.entity_id] += 1
                articles[m.entity_id].add(m.article_id)
        out = []
        for entity_id, n in counts.most_common(60):
            e = self.entities[entity_id]
            out.append(Place(self.ref(entity_id), e.lat, e.lon, n, len(articles[entity_id])))
        return out

    def quotes(self) -> list[QuoteItem]:
        out = []
        for q in self.rows.quotes:
            if not self.about_focus(q.article_id, q.start, q.end, q.speaker_entity_id):
                continue
            speaker = self.ref(q.speaker_entity_id) if q.speaker_entity_id else None
            who = speaker.name if speaker else (q.speaker or "An unnamed speaker")
            if speaker is None and q.speaker and q.speaker_kind in ("described", "pronoun"):
                who = f"An unnamed speaker ({q.speaker})"
            words = shorten(q.text, 400)
            body = self.articles[q.article_id].text
            parts = tuple(body[a:b] for a, b in q.parts) if words == q.text else ()
            out.append(QuoteItem(speaker, q.speaker, q.text, q.kind, q.article_id, self.statement(
                f"{who}: “{words}”", q.article_id,
                [(a, b) for a, b in q.parts] or [(q.start, q.end)],
                (speaker,) if speaker else (), quoted=parts, extractor=q.extractor)))
        # Named speakers first, then by article order.
        out.sort(key=lambda q: (q.speaker is None, q.article_id))
        return out

    def figure_item(self, c: ClaimRow, outlet: str | None) -> FigureItem:
        subject = self.ref(c.subject_entity_id) if c.subject_entity_id else None
        value = figure(c)
        about = subject.name if subject else (c.subject or "Unattributed")
        as_of = f" (as of {c.as_of})" if c.as_of else ""
        numbers = (c.value,) + ((c.value_max,) if c.value_max is not None else ())
        return FigureItem(subject, c.subject, c.measure, value, c.as_of, c.article_id, outlet,
                          c.id, self.statement(
                              f"{about} — {c.measure}: {value}{as_of}.", c.article_id,
                              [(c.start, c.end)], (subject,) if subject else (),
                              numbers=numbers, extractor=c.extractor))

    def figures(self) -> list[FigureItem]:
        out = []
        for c in self.rows.claims:
            if not self.about_focus(c.article_id, c.start, c.end, c.subject_entity_id):
                continue
            out.append(self.figure_item(c, self.articles[c.article_id].outlet))
        out.sort(key=lambda f: (f.subject is None, f.subject.name if f.subject else "",
                                f.measure, f.as_of or dt.date.max, f.article_id))
        return out

    def disagreements(self, figures: list[FigureItem]) -> list[DisagreementItem]:
        subjects = sorted({f.subject.id for f in figures if f.subject})
        if not subjects:
            return []
        read = {f.claim_id for f in figures}
        half = FIGURES_SHOWN // 2
        rows = [d for d in self.store.list_disagreements(subjects=subjects)
                if read & set(d.claims)]
        shown = {d.id: (list(d.claims) if len(d.claims) <= FIGURES_SHOWN
                        else list(d.claims[:half]) + list(d.claims[-(FIGURES_SHOWN - half):]))
                 for d in rows}
        claims = self.store.claims_by_id([c for ids in shown.values() for c in ids])
        # Figures from articles outside the selection are cited from their own article.
        outside = sorted({c.article_id for c, _, _ in claims.values()
                          if c.article_id not in self.articles})
        if outside:
            self.articles.update(self.store.articles_by_id(outside))
        out = []
        for d in rows:
            items = tuple(self.figure_item(claims[c][0], claims[c][2]) for c in shown[d.id]
                          if c in claims)
            # The stored explanation opens with the subject's id; the brief names it already.
            explanation = d.explanation.removeprefix(f"{d.subject} ")
            out.append(DisagreementItem(d.status, self.ref(d.subject), d.measure,
                                        explanation, items, len(d.claims)))
        out.sort(key=lambda d: ({"conflict": 0, "compatible": 1, "change": 2}.get(d.status, 3),
                                d.subject.name, d.measure))
        return out

    def context(self, actors: list[Actor], places: list[Place],
                period_start: dt.date | None) -> list[ContextStory]:
        ids = [a.ref.id for a in actors[:8]] + [p.ref.id for p in places[:4]]
        if not ids:
            return []
        own = set(self.store.stories_of(self.ids).values())
        out = []
        for story, shared, size in self.store.stories_with_entities(
                ids, exclude=sorted(own), before=period_start, limit=8):
            m = self.store.first_mention_in_story(story.id, shared)
            if m is None:
                continue
            if m.article_id not in self.articles:
                self.articles.update(self.store.articles_by_id([m.article_id]))
            refs = tuple(self.ref(i) for i in shared)
            span = when(story.first_seen, story.last_seen, None) if story.first_seen else "undated"
            text = (f"Earlier story {story.id}, “{shorten(story.title, 90)}” ({span}, "
                    f"{size} article{'s' if size != 1 else ''}), also involves "
                    f"{_names(refs)}.")
            first_ref = self.ref(m.entity_id)
            out.append(ContextStory(story.id, story.title, story.first_seen, story.last_seen,
                                    size, refs, Statement(
                                        text, (self.texts.cite(m.article_id, m.start, m.end),),
                                        (first_ref,), extractor=m.extractor)))
        return out

    def build(self) -> Dossier:
        sources = self.sources()
        developments = self.developments()
        dated = sorted((d for d in developments if d.earliest),
                       key=lambda d: (d.earliest, d.latest, d.event_ids[0]))
        undated = [d for d in developments if not d.earliest]
        latest_source = max((s.published for s in sources if s.published), default=None)
        scheduled = [d for d in developments
                     if d.modality in ("planned", "expected")
                     or (latest_source and d.earliest and d.earliest > latest_source)]
        scheduled.sort(key=lambda d: (d.earliest or dt.date.max, d.event_ids[0]))
        trend: dict[str, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
        for d in dated:
            if d.modality == "happened" and d.precision not in ("year", "decade"):
                trend[d.type][_month(d.earliest)] += 1  # type: ignore[arg-type]
        # Developments dated only to a year or more would stretch the period to its ends.
        precise = [d for d in dated if d.latest and (d.latest - d.earliest).days <= 31]
        days = ([s.published for s in sources if s.published]
                + [d.earliest for d in precise] + [d.latest for d in precise])
        period = (min(days), max(days)) if days else (None, None)
        actors = self.actors(developments)
        places = self.places()
        figures = self.figures()
        disagreements = self.disagreements(figures)
        context = self.context(actors, places, period[0])
        return Dossier(
            self.selection, self.title(), self.matched, sources, developments, dated, undated,
            actors, self.links(developments), places, self.quotes(), figures, disagreements,
            context, scheduled, {k: dict(v) for k, v in sorted(trend.items())}, period,
            latest_source, [self.ref(i) for i in sorted(self.focus) if i in self.entities])

    def title(self) -> str:
        if self.story is not None:
            return self.story.title
        parts = []
        for ids in self.criteria:
            parts.append(" / ".join(self.ref(i).name for i in ids[:3]))
        if self.selection.since or self.selection.until:
            parts.append(f"{self.selection.since or '…'} to {self.selection.until or '…'}")
        return " — ".join(dict.fromkeys(parts))
