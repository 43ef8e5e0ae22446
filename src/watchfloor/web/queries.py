"""Read-only queries the dashboard needs and the store does not offer (yet).

Every function here reads through the store's own session factory and models; none writes. They
exist because a page must not load whole tables: each is bounded by a ``LIMIT``, an index range
(``mentions.entity_id``, ``events.type``/``earliest``, ``stories.last_seen`` ...) or a set of ids
the page already holds. Several of the store's own listing functions aggregate over a whole table
(``list_entities`` counts every mention to order entities); the dashboard uses narrower versions
of them here. See the report in ``docs/api.md`` for which of these belong in the store.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Date,
    bindparam,
    case,
    distinct,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from ..store.models import (
    ArticleRow,
    ClaimRow,
    DatingRow,
    DisagreementRow,
    EntityRow,
    EventActorRow,
    EventLinkRow,
    EventRow,
    MentionRow,
    QuoteRow,
    StoryArticleRow,
    StoryEntityRow,
    StoryRow,
)
from ..store.query import parse_query, to_fts5, to_tsquery
from ..store.store import snippet

if TYPE_CHECKING:
    from ..store import Store

SNIPPET_CHARS = 180
"""How much of an untitled article's text stands in for its title."""


@dataclass(frozen=True)
class ArticleBrief:
    """What a list needs to show an article: never its whole text."""

    id: int
    title: str | None
    outlet: str | None
    published: dt.date | None
    published_basis: str
    language: str
    lead: str
    """The first characters of the text, for articles without a title."""


@dataclass(frozen=True)
class StoryItem:
    id: int
    title: str
    first_seen: dt.date | None
    last_seen: dt.date | None
    articles: int
    outlets: int


@dataclass(frozen=True)
class EntityName:
    id: str
    name: str
    type: str
    kind: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class SearchResult:
    article: ArticleBrief
    snippet: str
    highlight: tuple[int, int] | None
    score: float | None


@dataclass(frozen=True)
class SearchPage:
    results: list[SearchResult]
    total: int


def _sessions(store: Store) -> Session:
    return store._sessions()


def _month(store: Store, column: Any) -> Any:
    """``YYYY-MM`` of a date column, in the store's SQL dialect."""
    # Literal arguments, not bound parameters: PostgreSQL accepts ``GROUP BY to_char(x, $2)``
    # for ``SELECT to_char(x, $1)`` only when it can tell the two are the same expression.
    if store.dialect == "postgresql":
        return func.to_char(column, literal_column("'YYYY-MM'"))
    return func.substr(column, literal_column("1"), literal_column("7"))


def _brief(row: Any) -> ArticleBrief:
    return ArticleBrief(row.id, row.title, row.outlet, row.published, row.published_basis,
                        row.language, row.lead or "")


def _brief_columns() -> tuple[Any, ...]:
    return (ArticleRow.id, ArticleRow.title, ArticleRow.outlet, ArticleRow.published,
            ArticleRow.published_basis, ArticleRow.language,
            func.substr(ArticleRow.text, 1, SNIPPET_CHARS).label("lead"))


# -- small lookups --------------------------------------------------------------------------------

def article_briefs(store: Store, ids: Sequence[int]) -> dict[int, ArticleBrief]:
    """Titles, dates and outlets of these articles (their texts cut to a lead)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    with _sessions(store) as session:
        rows = session.execute(select(*_brief_columns()).where(ArticleRow.id.in_(wanted))).all()
    return {r.id: _brief(r) for r in rows}


def article_texts(store: Store, ids: Sequence[int]) -> dict[int, str]:
    """Whole texts of a few articles (callers pass the handful a page cites)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    with _sessions(store) as session:
        return dict(session.execute(select(ArticleRow.id, ArticleRow.text)
                                    .where(ArticleRow.id.in_(wanted))).all())


def entity_names(store: Store, ids: Sequence[str]) -> dict[str, EntityName]:
    """Names and types of these entities (no mention counting, unlike ``list_entities``)."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    with _sessions(store) as session:
        rows = session.execute(select(EntityRow.id, EntityRow.name, EntityRow.type,
                                      EntityRow.kind, EntityRow.lat, EntityRow.lon)
                               .where(EntityRow.id.in_(wanted))).all()
    return {r.id: EntityName(r.id, r.name, r.type, r.kind, r.lat, r.lon) for r in rows}


def totals(store: Store) -> dict[str, int]:
    """How much the store holds (counts of whole tables: each is one index scan)."""
    with _sessions(store) as session:
        def count(model: Any) -> int:
            return session.scalar(select(func.count()).select_from(model)) or 0

        return {"articles": count(ArticleRow), "entities": count(EntityRow),
                "stories": count(StoryRow), "events": count(EventRow),
                "quotes": count(QuoteRow), "claims": count(ClaimRow),
                "disagreements": count(DisagreementRow),
                "stale": session.scalar(select(func.count()).select_from(DatingRow)
                                        .where(DatingRow.stale)) or 0}


class _Cached:
    """A value recomputed at most every ``ttl`` seconds (filter choices change slowly)."""

    def __init__(self, ttl: float = 60.0) -> None:
        self.ttl = ttl
        self.values: dict[str, tuple[float, Any]] = {}

    def get(self, key: str, make: Any) -> Any:
        now = time.monotonic()
        hit = self.values.get(key)
        if hit is None or now - hit[0] > self.ttl:
            hit = (now, make())
            self.values[key] = hit
        return hit[1]


_cache = _Cached()


def outlets(store: Store) -> list[str]:
    """Distinct outlets, for the search form's suggestions (cached: a scan of ``articles``)."""
    def make() -> list[str]:
        with _sessions(store) as session:
            return sorted(session.scalars(select(ArticleRow.outlet).where(
                ArticleRow.outlet.is_not(None)).distinct().limit(500)), key=str.casefold)

    return list(_cache.get(f"{store.url}/outlets", make))


def languages(store: Store) -> list[str]:
    def make() -> list[str]:
        with _sessions(store) as session:
            return sorted(session.scalars(select(ArticleRow.language).distinct()))

    return list(_cache.get(f"{store.url}/languages", make))


# -- stories ----------------------------------------------------------------------------------------

def _story_items(session: Session, stories: Sequence[StoryRow]) -> list[StoryItem]:
    ids = [s.id for s in stories]
    counts = {sid: (n, o) for sid, n, o in session.execute(
        select(StoryArticleRow.story_id, func.count(),
               func.count(distinct(ArticleRow.outlet)))
        .join(ArticleRow, ArticleRow.id == StoryArticleRow.article_id)
        .where(StoryArticleRow.story_id.in_(ids)).group_by(StoryArticleRow.story_id))}
    return [StoryItem(s.id, s.title, s.first_seen, s.last_seen, *counts.get(s.id, (0, 0)))
            for s in stories]


def stories_page(store: Store, *, limit: int, offset: int) -> tuple[list[StoryItem], int]:
    """Stories latest first (undated last), with article and outlet counts for this page only."""
    with _sessions(store) as session:
        total = session.scalar(select(func.count()).select_from(StoryRow)) or 0
        rows = list(session.scalars(
            select(StoryRow).order_by(StoryRow.last_seen.is_(None), StoryRow.last_seen.desc(),
                                      StoryRow.id.desc()).limit(limit).offset(offset)))
        return _story_items(session, rows), total


def most_covered_stories(store: Store, *, limit: int = 8) -> list[StoryItem]:
    """Stories with the most articles (one aggregate over the story membership index)."""
    with _sessions(store) as session:
        top = session.execute(
            select(StoryArticleRow.story_id, func.count().label("n"))
            .group_by(StoryArticleRow.story_id)
            .order_by(func.count().desc(), StoryArticleRow.story_id.desc()).limit(limit)).all()
        rows = {s.id: s for s in session.scalars(
            select(StoryRow).where(StoryRow.id.in_([t[0] for t in top])))}
        return _story_items(session, [rows[t[0]] for t in top if t[0] in rows])


def story_of_articles(store: Store, ids: Sequence[int]) -> dict[int, tuple[int, str]]:
    """Article id → (story id, story title)."""
    with _sessions(store) as session:
        return {a: (s, t) for a, s, t in session.execute(
            select(StoryArticleRow.article_id, StoryRow.id, StoryRow.title)
            .join(StoryRow, StoryRow.id == StoryArticleRow.story_id)
            .where(StoryArticleRow.article_id.in_(list(ids))))}


def entity_stories(store: Store, entity_id: str, *, limit: int = 10) -> list[StoryItem]:
    """The latest stories whose leads name this entity."""
    with _sessions(store) as session:
        rows = list(session.scalars(
            select(StoryRow).join(StoryEntityRow, StoryEntityRow.story_id == StoryRow.id)
            .where(StoryEntityRow.entity_id == entity_id)
            .order_by(StoryRow.last_seen.is_(None), StoryRow.last_seen.desc(),
                      StoryRow.id.desc()).limit(limit)))
        return _story_items(session, rows)


# -- overview ---------------------------------------------------------------------------------------

def events_by_month(store: Store, *, months: int = 24,
                    types: Sequence[str] | None = None) -> tuple[dict[str, dict[dt.date, int]],
                                                                 dt.date | None]:
    """Dated event reports per type and month, for the ``months`` up to the newest dated one.

    Returns the series (type → first day of month → count) and the newest date. Reports, not
    real-world events: three articles reporting one meeting count three times.
    """
    with _sessions(store) as session:
        newest = session.scalar(select(func.max(EventRow.earliest)))
        if newest is None:
            return {}, None
        first = _months_back(newest, months - 1)
        month = _month(store, EventRow.earliest)
        stmt = (select(EventRow.type, month.label("m"), func.count())
                .where(EventRow.earliest >= first, EventRow.earliest <= newest)
                .group_by(EventRow.type, month))
        if types:
            stmt = stmt.where(EventRow.type.in_(list(types)))
        series: dict[str, dict[dt.date, int]] = {}
        for kind, m, n in session.execute(stmt):
            if not m:
                continue
            day = dt.date(int(m[:4]), int(m[5:7]), 1)
            series.setdefault(kind, {})[day] = n
        return series, newest


def _months_back(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def recent_disagreements(store: Store, *, limit: int = 8, status: str | None = None,
                         subjects: Sequence[str] | None = None,
                         offset: int = 0) -> tuple[list[DisagreementRow], int]:
    """Disagreements, conflicts first, newest first within a status."""
    order = {"conflict": 0, "compatible": 1, "change": 2}
    stmt = select(DisagreementRow)
    count = select(func.count()).select_from(DisagreementRow)
    if status:
        stmt = stmt.where(DisagreementRow.status == status)
        count = count.where(DisagreementRow.status == status)
    if subjects is not None:
        stmt = stmt.where(DisagreementRow.subject.in_(list(subjects)))
        count = count.where(DisagreementRow.subject.in_(list(subjects)))
    rank = case(*[(DisagreementRow.status == k, v) for k, v in order.items()], else_=3)
    with _sessions(store) as session:
        rows = list(session.scalars(stmt.order_by(rank, DisagreementRow.id.desc())
                                    .limit(limit).offset(offset)))
        return rows, session.scalar(count) or 0


def recent_stale(store: Store, *, limit: int = 8) -> list[tuple[ArticleBrief, list[str]]]:
    """The newest articles flagged stale, with the reasons."""
    with _sessions(store) as session:
        rows = session.execute(
            select(*_brief_columns(), DatingRow.stale_reasons)
            .join(DatingRow, DatingRow.article_id == ArticleRow.id)
            .where(DatingRow.stale).order_by(ArticleRow.id.desc()).limit(limit)).all()
    return [(_brief(r), list(r.stale_reasons or [])) for r in rows]


def latest_articles(store: Store, *, limit: int = 8) -> list[ArticleBrief]:
    with _sessions(store) as session:
        rows = session.execute(select(*_brief_columns()).order_by(ArticleRow.id.desc())
                               .limit(limit)).all()
    return [_brief(r) for r in rows]


# -- entities ---------------------------------------------------------------------------------------

def entities_page(store: Store, *, type: str | None, limit: int,
                  offset: int) -> tuple[list[tuple[EntityName, int, int]], int]:
    """Entities most covered first, with article and mention counts.

    Ordering by coverage needs every entity's count: one aggregate over the ``mentions`` index.
    """
    counts = (select(MentionRow.entity_id.label("eid"), func.count().label("mentions"),
                     func.count(distinct(MentionRow.article_id)).label("articles"))
              .group_by(MentionRow.entity_id).subquery())
    stmt = (select(EntityRow.id, EntityRow.name, EntityRow.type, EntityRow.kind, EntityRow.lat,
                   EntityRow.lon, counts.c.articles, counts.c.mentions)
            .join(counts, counts.c.eid == EntityRow.id))
    total = select(func.count()).select_from(EntityRow)
    if type:
        stmt = stmt.where(EntityRow.type == type)
        total = total.where(EntityRow.type == type)
    stmt = stmt.order_by(counts.c.articles.desc(), counts.c.mentions.desc(), EntityRow.id)
    with _sessions(store) as session:
        rows = session.execute(stmt.limit(limit).offset(offset)).all()
        return ([(EntityName(r.id, r.name, r.type, r.kind, r.lat, r.lon), r.articles, r.mentions)
                 for r in rows], session.scalar(total) or 0)


def entity_row(store: Store, entity_id: str) -> EntityRow | None:
    with _sessions(store) as session:
        return session.get(EntityRow, entity_id)


def entity_coverage(store: Store, entity_id: str) -> tuple[int, int]:
    """(mentions, articles) of one entity: an index range scan."""
    with _sessions(store) as session:
        row = session.execute(select(func.count(), func.count(distinct(MentionRow.article_id)))
                              .where(MentionRow.entity_id == entity_id)).one()
    return int(row[0]), int(row[1])


def entity_spellings(store: Store, entity_id: str, *, limit: int = 40) -> list[tuple[str, int]]:
    """How the texts write this entity, most frequent first."""
    with _sessions(store) as session:
        return [(t, n) for t, n in session.execute(
            select(MentionRow.text, func.count()).where(MentionRow.entity_id == entity_id)
            .group_by(MentionRow.text).order_by(func.count().desc(), MentionRow.text)
            .limit(limit))]


def entity_titles(store: Store, entity_id: str, *, limit: int = 20) -> list[str]:
    with _sessions(store) as session:
        return list(session.scalars(
            select(MentionRow.role).where(MentionRow.entity_id == entity_id,
                                          MentionRow.role.is_not(None))
            .distinct().order_by(MentionRow.role).limit(limit)))


def entity_mentions_by_month(store: Store, entity_id: str) -> tuple[dict[dt.date, int], int]:
    """Articles naming the entity per month of publication, and how many are undated."""
    month = _month(store, ArticleRow.published)
    with _sessions(store) as session:
        rows = session.execute(
            select(month.label("m"), func.count(distinct(MentionRow.article_id)))
            .join(ArticleRow, ArticleRow.id == MentionRow.article_id)
            .where(MentionRow.entity_id == entity_id).group_by(month)).all()
    series: dict[dt.date, int] = {}
    undated = 0
    for m, n in rows:
        if not m:
            undated += n
        else:
            series[dt.date(int(m[:4]), int(m[5:7]), 1)] = n
    return series, undated


@dataclass(frozen=True)
class MentionInContext:
    id: int
    article_id: int
    text: str
    method: str
    role: str | None
    sentence: str
    offset: int
    """Where the mention starts in ``sentence``."""
    extractor: str
    article: ArticleBrief


def entity_mentions_page(store: Store, entity_id: str, *, limit: int,
                         offset: int) -> list[MentionInContext]:
    """Mentions, newest article first, with their sentence cut out in SQL (not whole texts)."""
    length = MentionRow.sentence_end - MentionRow.sentence_start
    sentence = func.substr(ArticleRow.text, MentionRow.sentence_start + 1,
                           func.min(length, 600) if store.dialect == "sqlite"
                           else func.least(length, 600))
    stmt = (select(MentionRow, sentence.label("sentence"), *_brief_columns())
            .join(ArticleRow, ArticleRow.id == MentionRow.article_id)
            .where(MentionRow.entity_id == entity_id)
            .order_by(MentionRow.article_id.desc(), MentionRow.start).limit(limit).offset(offset))
    with _sessions(store) as session:
        out = []
        for row in session.execute(stmt):
            m = row[0]
            out.append(MentionInContext(m.id, m.article_id, m.text, m.method, m.role,
                                        row.sentence or "", m.start - m.sentence_start,
                                        m.extractor, _brief(row)))
        return out


def co_mentioned(store: Store, entity_id: str, *, limit: int = 15,
                 window: int = 500) -> list[tuple[EntityName, int]]:
    """Entities named in the same articles, counted over the entity's newest ``window``
    articles (so the cost does not grow with the store)."""
    with _sessions(store) as session:
        recent = (select(MentionRow.article_id).where(MentionRow.entity_id == entity_id)
                  .distinct().order_by(MentionRow.article_id.desc()).limit(window)).subquery()
        rows = session.execute(
            select(MentionRow.entity_id, func.count(distinct(MentionRow.article_id)).label("n"))
            .where(MentionRow.article_id.in_(select(recent.c.article_id)),
                   MentionRow.entity_id != entity_id)
            .group_by(MentionRow.entity_id)
            .order_by(func.count(distinct(MentionRow.article_id)).desc(), MentionRow.entity_id)
            .limit(limit)).all()
    names = entity_names(store, [r[0] for r in rows])
    return [(names[e], n) for e, n in rows if e in names]


def entity_events(store: Store, entity_id: str, *, place: bool,
                  limit: int = 40) -> list[tuple[EventRow, ArticleBrief]]:
    """Events the entity took part in (or, for a place, that happened there), newest first."""
    if place:
        where: Any = EventRow.place_entity_id == entity_id
    else:
        where = EventRow.id.in_(select(EventActorRow.event_id)
                                .where(EventActorRow.entity_id == entity_id))
    stmt = (select(EventRow, *_brief_columns())
            .join(ArticleRow, ArticleRow.id == EventRow.article_id).where(where)
            .order_by(EventRow.earliest.is_(None), EventRow.earliest.desc(),
                      EventRow.article_id.desc(), EventRow.start).limit(limit))
    with _sessions(store) as session:
        return [(row[0], _brief(row)) for row in session.execute(stmt)]


def quotes_by(store: Store, entity_id: str, *,
              limit: int = 30) -> list[tuple[QuoteRow, ArticleBrief]]:
    stmt = (select(QuoteRow, *_brief_columns())
            .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
            .where(QuoteRow.speaker_entity_id == entity_id)
            .order_by(QuoteRow.article_id.desc(), QuoteRow.start).limit(limit))
    with _sessions(store) as session:
        return [(row[0], _brief(row)) for row in session.execute(stmt)]


def quotes_about(store: Store, entity_id: str, *, limit: int = 30,
                 window: int = 500) -> list[tuple[QuoteRow, ArticleBrief]]:
    """Quotes by others whose words name the entity (a mention inside the quoted span)."""
    # Ids first (no DISTINCT over the JSON ``parts`` column, which PostgreSQL cannot compare),
    # from the entity's newest mentions: an index range however often it is named.
    ids = (select(QuoteRow.id)
           .join(MentionRow, (MentionRow.article_id == QuoteRow.article_id)
                 & (MentionRow.start >= QuoteRow.start) & (MentionRow.end <= QuoteRow.end))
           .where(MentionRow.entity_id == entity_id,
                  MentionRow.article_id.in_(
                      select(MentionRow.article_id).where(MentionRow.entity_id == entity_id)
                      .distinct().order_by(MentionRow.article_id.desc()).limit(window)),
                  or_(QuoteRow.speaker_entity_id.is_(None),
                      QuoteRow.speaker_entity_id != entity_id)))
    stmt = (select(QuoteRow, *_brief_columns())
            .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
            .where(QuoteRow.id.in_(ids))
            .order_by(QuoteRow.article_id.desc(), QuoteRow.start).limit(limit))
    with _sessions(store) as session:
        return [(row[0], _brief(row)) for row in session.execute(stmt)]


def claims_about(store: Store, entity_id: str, *,
                 limit: int = 30) -> list[tuple[ClaimRow, ArticleBrief]]:
    stmt = (select(ClaimRow, *_brief_columns())
            .join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
            .where(ClaimRow.subject_entity_id == entity_id)
            .order_by(ClaimRow.id.desc()).limit(limit))
    with _sessions(store) as session:
        return [(row[0], _brief(row)) for row in session.execute(stmt)]


def event_partners(store: Store, entity_id: str, *, window: int = 300,
                   limit: int = 15) -> list[tuple[str, str, str, int]]:
    """Who the entity acted with or on, from its newest ``window`` events:
    (other entity id, event type, direction ``out``/``in``/``with``, count)."""
    with _sessions(store) as session:
        mine = session.execute(
            select(EventActorRow.event_id, EventActorRow.role)
            .where(EventActorRow.entity_id == entity_id)
            .order_by(EventActorRow.event_id.desc()).limit(window)).all()
        roles = {e: r for e, r in mine}
        if not roles:
            return []
        others = session.execute(
            select(EventActorRow.event_id, EventActorRow.role, EventActorRow.entity_id,
                   EventRow.type)
            .join(EventRow, EventRow.id == EventActorRow.event_id)
            .where(EventActorRow.event_id.in_(list(roles)),
                   EventActorRow.entity_id != entity_id)).all()
    counts: Counter[tuple[str, str, str]] = Counter()
    for event_id, role, other, kind in others:
        mine_role = roles[event_id]
        direction = ("out" if mine_role == "source" and role == "target" else
                     "in" if mine_role == "target" and role == "source" else "with")
        counts[(other, kind, direction)] += 1
    return [(o, k, d, n) for (o, k, d), n in counts.most_common(limit)]


# -- articles ---------------------------------------------------------------------------------------

def event_siblings(store: Store, event_ids: Sequence[int]) -> dict[int, list[int]]:
    """Event id → other articles reporting the same real-world event (its event group)."""
    if not event_ids:
        return {}
    with _sessions(store) as session:
        groups = dict(session.execute(
            select(EventLinkRow.event_id, EventLinkRow.group_id)
            .where(EventLinkRow.event_id.in_(list(event_ids)))).all())
        if not groups:
            return {}
        members = session.execute(
            select(EventLinkRow.group_id, EventRow.article_id)
            .join(EventRow, EventRow.id == EventLinkRow.event_id)
            .where(EventLinkRow.group_id.in_(sorted(set(groups.values()))))
            .limit(2000)).all()
        articles_of = session.execute(select(EventRow.id, EventRow.article_id)
                                      .where(EventRow.id.in_(list(event_ids)))).all()
    by_group: dict[int, set[int]] = {}
    for group_id, article_id in members:
        by_group.setdefault(group_id, set()).add(article_id)
    own = dict(articles_of)
    return {e: sorted(by_group.get(g, set()) - {own.get(e)}) for e, g in groups.items()
            if by_group.get(g, set()) - {own.get(e)}}


# -- search -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SearchFilters:
    q: str = ""
    outlet: str | None = None
    language: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    entities: tuple[str, ...] | None = None
    """Entity ids (any of them); None for no entity filter."""
    event_type: str | None = None


def search(store: Store, filters: SearchFilters, *, limit: int, offset: int) -> SearchPage:
    """Full text (the store's query language) with filters; without words, the filtered articles
    newest first. A date range keeps articles published in it, and undated articles whose
    estimated interval overlaps it."""
    query = parse_query(filters.q)
    where: list[str] = []
    params: dict[str, Any] = {}
    binds = []
    if filters.outlet:
        where.append("lower(a.outlet) = lower(:outlet)")
        params["outlet"] = filters.outlet
    if filters.language:
        where.append("a.language = :language")
        params["language"] = filters.language
    if filters.since:
        where.append("(a.published >= :since OR (a.published IS NULL AND d.latest >= :since))")
        params["since"] = filters.since
        binds.append(bindparam("since", type_=Date))
    if filters.until:
        where.append("(a.published <= :until OR (a.published IS NULL AND d.earliest <= :until))")
        params["until"] = filters.until
        binds.append(bindparam("until", type_=Date))
    if filters.entities is not None:
        where.append("a.id IN (SELECT article_id FROM mentions WHERE entity_id IN :entities)")
        params["entities"] = list(filters.entities) or ["\x00"]
        binds.append(bindparam("entities", expanding=True))
    if filters.event_type:
        where.append("a.id IN (SELECT article_id FROM events WHERE type = :event_type)")
        params["event_type"] = filters.event_type
    dating = "LEFT JOIN article_dating d ON d.article_id = a.id" if (
        filters.since or filters.until) else ""
    postgres = store.dialect == "postgresql"
    if not query.empty:
        if postgres:
            source = ("FROM article_search s JOIN articles a ON a.id = s.article_id "
                      f"{dating} CROSS JOIN to_tsquery('simple', :q) AS tq")
            where.insert(0, "s.document @@ tq")
            score, order = "-ts_rank(s.document, tq)", "score, a.id"
            params["q"] = to_tsquery(query)
        else:
            source = f"FROM article_fts f JOIN articles a ON a.id = f.rowid {dating}"
            where.insert(0, "article_fts MATCH :q")
            score, order = "bm25(article_fts, 5.0, 1.0)", "score, a.id"
            params["q"] = to_fts5(query)
    else:
        source = f"FROM articles a {dating}"
        score = "NULL"
        order = "a.published IS NULL, a.published DESC, a.id DESC"
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    select_sql = text(f"SELECT a.id AS id, {score} AS score {source} {clause} "
                      f"ORDER BY {order} LIMIT :limit OFFSET :offset").bindparams(*binds)
    count_sql = text(f"SELECT count(*) {source} {clause}").bindparams(*binds)
    with _sessions(store) as session:
        total = session.execute(count_sql, params).scalar() or 0
        found = session.execute(select_sql, {**params, "limit": limit, "offset": offset}).all()
        ids = [r.id for r in found]
        texts = dict(session.execute(select(ArticleRow.id, ArticleRow.text)
                                     .where(ArticleRow.id.in_(ids))).all()) if ids else {}
    briefs = article_briefs(store, ids)
    results = []
    for row in found:
        body = texts.get(row.id, "")
        if query.empty:
            snip, mark = " ".join(body[:2 * SNIPPET_CHARS].split()), None
        else:
            snip, mark = snippet(body, query)
        score = None if row.score is None else round(-float(row.score), 4)
        results.append(SearchResult(briefs[row.id], snip, mark, score))
    return SearchPage(results, int(total))
