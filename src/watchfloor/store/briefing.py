"""Store functions for briefs and the story view (mixed into Store): choosing the articles of a
selection and reading all their facts in a few bulk queries, whatever the store's size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, func, or_, select

from .models import (
    ArticleRow,
    ClaimRow,
    DatingRow,
    EntityRow,
    EventLinkRow,
    EventRow,
    MentionRow,
    QuoteRow,
    StoryArticleRow,
    StoryEntityRow,
    StoryRow,
    TimeRow,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

_CHUNK = 500


@dataclass
class ArticleFactRows:
    """Everything stored about a set of articles, grouped by kind (ORM rows, read-only)."""

    events: list[EventRow] = field(default_factory=list)
    quotes: list[QuoteRow] = field(default_factory=list)
    claims: list[ClaimRow] = field(default_factory=list)
    times: list[TimeRow] = field(default_factory=list)
    mentions: list[MentionRow] = field(default_factory=list)
    entities: dict[str, EntityRow] = field(default_factory=dict)
    event_groups: dict[int, int] = field(default_factory=dict)
    """Event id → group id (the group's first event)."""


@dataclass
class Spans:
    """Mentions and time expressions of some articles, for checking cited sentences."""

    mentions: list[MentionRow] = field(default_factory=list)
    mentions_by_article: dict[int, list[MentionRow]] = field(default_factory=dict)
    times_by_article: dict[int, list[TimeRow]] = field(default_factory=dict)


def _chunks(ids: Sequence[Any]) -> list[list[Any]]:
    ids = list(ids)
    return [ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


class BriefQueries:
    _sessions: sessionmaker[Session]

    def select_article_ids(self, *, story_id: int | None = None,
                           entity_ids: Sequence[Sequence[str]] = (),
                           since: dt.date | None = None, until: dt.date | None = None,
                           limit: int = 500) -> tuple[list[int], int]:
        """Articles matching every given criterion, newest first, and how many match in all.

        ``entity_ids`` is a list of alternatives per criterion (an entity, a place): an article
        must mention one id of each. A period keeps articles published in it, undated articles
        whose estimated interval lies inside it, and articles reporting a dated event in it.
        """
        stmt: Select[Any] = select(ArticleRow.id)
        if story_id is not None:
            stmt = stmt.where(ArticleRow.id.in_(
                select(StoryArticleRow.article_id).where(StoryArticleRow.story_id == story_id)))
        for ids in entity_ids:
            stmt = stmt.where(ArticleRow.id.in_(
                select(MentionRow.article_id).where(MentionRow.entity_id.in_(list(ids)))))
        if since is not None or until is not None:
            lo, hi = since or dt.date.min, until or dt.date.max
            estimated = select(DatingRow.article_id).where(
                DatingRow.earliest >= lo, DatingRow.latest <= hi)
            reported = select(EventRow.article_id).where(
                EventRow.earliest <= hi, EventRow.latest >= lo)
            stmt = stmt.where(or_(
                and_(ArticleRow.published >= lo, ArticleRow.published <= hi),
                and_(ArticleRow.published.is_(None), ArticleRow.id.in_(estimated)),
                ArticleRow.id.in_(reported)))
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
            newest = (stmt.outerjoin(DatingRow, DatingRow.article_id == ArticleRow.id)
                      .order_by(func.coalesce(ArticleRow.published, DatingRow.latest)
                                .is_(None),
                                func.coalesce(ArticleRow.published, DatingRow.latest).desc(),
                                ArticleRow.id.desc())
                      .limit(limit))
            return list(session.scalars(newest)), total

    def articles_by_id(self, ids: Sequence[int]) -> dict[int, ArticleRow]:
        """Article rows (text included) for these ids, in bulk."""
        out: dict[int, ArticleRow] = {}
        with self._sessions() as session:
            for chunk in _chunks(ids):
                out.update((r.id, r) for r in session.scalars(
                    select(ArticleRow).where(ArticleRow.id.in_(chunk))))
        return out

    def fact_rows(self, article_ids: Sequence[int]) -> ArticleFactRows:
        """Events, quotes, claims, time expressions and mentions of these articles, with the
        entities they name and the event groups, in document order."""
        out = ArticleFactRows()
        with self._sessions() as session:
            for chunk in _chunks(article_ids):
                for model, target in ((EventRow, out.events), (QuoteRow, out.quotes),
                                      (ClaimRow, out.claims), (TimeRow, out.times),
                                      (MentionRow, out.mentions)):
                    target.extend(session.scalars(
                        select(model).where(model.article_id.in_(chunk))
                        .order_by(model.article_id, model.start)))
            wanted = {m.entity_id for m in out.mentions}
            wanted |= {a["entity_id"] for e in out.events for a in e.actors}
            wanted |= {e.place_entity_id for e in out.events if e.place_entity_id}
            wanted |= {q.speaker_entity_id for q in out.quotes if q.speaker_entity_id}
            wanted |= {c.subject_entity_id for c in out.claims if c.subject_entity_id}
            for chunk in _chunks(sorted(wanted)):
                out.entities.update((r.id, r) for r in session.scalars(
                    select(EntityRow).where(EntityRow.id.in_(chunk))))
            for chunk in _chunks([e.id for e in out.events]):
                out.event_groups.update(session.execute(
                    select(EventLinkRow.event_id, EventLinkRow.group_id)
                    .where(EventLinkRow.event_id.in_(chunk))).all())
        return out

    def spans_of(self, article_ids: Sequence[int]) -> Spans:
        out = Spans()
        with self._sessions() as session:
            for chunk in _chunks(article_ids):
                for m in session.scalars(select(MentionRow).where(
                        MentionRow.article_id.in_(chunk))):
                    out.mentions.append(m)
                    out.mentions_by_article.setdefault(m.article_id, []).append(m)
                for t in session.scalars(select(TimeRow).where(TimeRow.article_id.in_(chunk))):
                    out.times_by_article.setdefault(t.article_id, []).append(t)
        return out

    def stories_with_entities(self, entity_ids: Sequence[str], *, exclude: Sequence[int] = (),
                              before: dt.date | None = None, per_entity: int = 20,
                              limit: int = 10) -> list[tuple[StoryRow, list[str], int]]:
        """Other stories holding these entities (the newest ``per_entity`` of each, an index
        range scan), most shared first: each with the shared entity ids and its article count."""
        shared: dict[int, list[str]] = {}
        skip = set(exclude)
        with self._sessions() as session:
            for entity_id in list(entity_ids)[:30]:
                stmt = (select(StoryEntityRow.story_id)
                        .where(StoryEntityRow.entity_id == entity_id))
                if before is not None:
                    stmt = stmt.join(StoryRow, StoryRow.id == StoryEntityRow.story_id).where(
                        StoryRow.first_seen < before)
                for story_id in session.scalars(
                        stmt.order_by(StoryEntityRow.story_id.desc()).limit(per_entity)):
                    if story_id not in skip:
                        shared.setdefault(story_id, []).append(entity_id)
            ranked = sorted(shared, key=lambda s: (-len(shared[s]), -s))[:limit]
            if not ranked:
                return []
            rows = {r.id: r for r in session.scalars(
                select(StoryRow).where(StoryRow.id.in_(ranked)))}
            sizes = dict(session.execute(
                select(StoryArticleRow.story_id, func.count())
                .where(StoryArticleRow.story_id.in_(ranked))
                .group_by(StoryArticleRow.story_id)).all())
            return [(rows[s], shared[s], sizes.get(s, 0)) for s in ranked if s in rows]

    def first_mention_in_story(self, story_id: int, entity_ids: Sequence[str]
                               ) -> MentionRow | None:
        """The earliest mention of one of these entities in a story's articles."""
        with self._sessions() as session:
            # The story's articles first (few), then their mentions through the article index:
            # joining from the mentions lets the planner scan a common entity's every mention.
            articles = list(session.scalars(
                select(StoryArticleRow.article_id).where(StoryArticleRow.story_id == story_id)
                .order_by(StoryArticleRow.article_id).limit(200)))
            if not articles:
                return None
            return session.scalars(
                select(MentionRow)
                .where(MentionRow.article_id.in_(articles),
                       MentionRow.entity_id.in_(list(entity_ids)))
                .order_by(MentionRow.article_id, MentionRow.start).limit(1)).first()
