"""Store functions for relating articles (mixed into Store): signatures and LSH bands,
relations, dating, stories, event groups and disagreements."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..types import ArticleFacts, ClaimFact, DateEstimate, Disagreement, Relation, Staleness
from .models import (
    ArticleRow,
    BandRow,
    ClaimRow,
    DatingRow,
    DisagreementRow,
    EntityRow,
    EventActorRow,
    EventLinkRow,
    EventRow,
    MentionRow,
    QuoteRow,
    RelationRow,
    SignatureRow,
    StoryArticleRow,
    StoryEntityRow,
    StoryRow,
    TimeRow,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import sessionmaker

    from ..relate.stories import StoryState


class RelateQueries:
    _sessions: sessionmaker[Session]

    # -- reading an article's facts --------------------------------------------------------------

    def article_facts(self, article_id: int) -> ArticleFacts:
        with self._sessions() as session:
            a = session.get(ArticleRow, article_id)
            assert a is not None
            mentions = session.execute(
                select(MentionRow.entity_id, EntityRow.type, func.count())
                .join(EntityRow, EntityRow.id == MentionRow.entity_id)
                .where(MentionRow.article_id == article_id)
                .group_by(MentionRow.entity_id, EntityRow.type)
                .order_by(MentionRow.entity_id)).all()
            titles = session.execute(
                select(MentionRow.entity_id, MentionRow.role, MentionRow.role_start,
                       MentionRow.role_end)
                .where(MentionRow.article_id == article_id, MentionRow.role.is_not(None))
                .order_by(MentionRow.start)).all()
            quotes = session.scalars(select(QuoteRow.text).where(QuoteRow.article_id == article_id)
                                     .order_by(QuoteRow.start)).all()
            claims = session.execute(
                select(ClaimRow.subject_entity_id, ClaimRow.measure, ClaimRow.value,
                       ClaimRow.qualifier).where(ClaimRow.article_id == article_id)
                .order_by(ClaimRow.start)).all()
            events = session.execute(
                select(EventRow.type, EventRow.earliest, EventRow.latest, EventRow.place_entity_id)
                .where(EventRow.article_id == article_id).order_by(EventRow.start)).all()
            times = session.execute(
                select(TimeRow.earliest, TimeRow.latest, TimeRow.basis, TimeRow.text)
                .where(TimeRow.article_id == article_id).order_by(TimeRow.start)).all()
            ingested = a.ingested_at if a.ingested_at.tzinfo else a.ingested_at.replace(
                tzinfo=dt.UTC)
            return ArticleFacts(
                article_id=a.id, text=a.text, published=a.published, ingested_at=ingested,
                outlet=a.outlet, title=a.title,
                entities=tuple((e, t, n) for e, t, n in mentions),
                quotes=tuple(quotes), claims=tuple(tuple(c) for c in claims),  # type: ignore[misc]
                events=tuple(tuple(e) for e in events),  # type: ignore[misc]
                times=tuple(tuple(t) for t in times),  # type: ignore[misc]
                titles=tuple((e, r, s, n) for e, r, s, n in titles),
            )

    # -- copies and rewrites ---------------------------------------------------------------------

    def save_signature(self, article_id: int, signature: list[int], bands: list[str]) -> None:
        with self._sessions() as session:
            session.execute(delete(BandRow).where(BandRow.article_id == article_id))
            session.execute(delete(SignatureRow).where(SignatureRow.article_id == article_id))
            session.add(SignatureRow(article_id=article_id, signature=signature))
            session.add_all(BandRow(key=k, article_id=article_id) for k in sorted(set(bands)))
            session.commit()

    def signatures(self, ids: Sequence[int]) -> dict[int, list[int]]:
        with self._sessions() as session:
            return dict(session.execute(select(SignatureRow.article_id, SignatureRow.signature)
                                        .where(SignatureRow.article_id.in_(list(ids)))).all())

    def band_candidates(self, article_id: int, bands: list[str], limit: int = 50) -> list[int]:
        """Articles sharing a band with these keys: the sublinear candidate lookup."""
        with self._sessions() as session:
            return list(session.scalars(
                select(BandRow.article_id).where(BandRow.key.in_(bands),
                                                 BandRow.article_id != article_id)
                .group_by(BandRow.article_id).order_by(func.count().desc(), BandRow.article_id)
                .limit(limit)))

    def entity_candidates(self, article_id: int, entity_ids: Sequence[str], *,
                          min_shared: int = 3, limit: int = 50,
                          per_entity: int = 200) -> list[int]:
        """Recent articles sharing several of these (specific) entities: rewrite candidates.

        Each entity contributes only its ``per_entity`` newest articles (an index range scan), so
        the lookup costs the same in a store of ten thousand or a million articles.
        """
        counts: Counter[int] = Counter()
        with self._sessions() as session:
            for entity_id in list(entity_ids)[:40]:
                counts.update(session.scalars(
                    select(MentionRow.article_id)
                    .where(MentionRow.entity_id == entity_id, MentionRow.article_id != article_id)
                    .distinct().order_by(MentionRow.article_id.desc()).limit(per_entity)))
        found = [(n, a) for a, n in counts.items() if n >= min_shared]
        return [a for _, a in sorted(found, key=lambda x: (-x[0], -x[1]))[:limit]]

    def entity_document_counts(self, entity_ids: Sequence[str]) -> dict[str, int]:
        if not entity_ids:
            return {}
        with self._sessions() as session:
            return dict(session.execute(
                select(MentionRow.entity_id, func.count(func.distinct(MentionRow.article_id)))
                .where(MentionRow.entity_id.in_(list(entity_ids)))
                .group_by(MentionRow.entity_id)).all())

    def entity_kinds(self, entity_ids: Sequence[str]) -> dict[str, tuple[str, str | None]]:
        with self._sessions() as session:
            return {i: (t, k) for i, t, k in session.execute(
                select(EntityRow.id, EntityRow.type, EntityRow.kind)
                .where(EntityRow.id.in_(list(entity_ids))))}

    def save_relations(self, article_id: int, relations: Sequence[Relation], relator: str) -> None:
        with self._sessions() as session:
            session.execute(delete(RelationRow).where(
                (RelationRow.earlier_id == article_id) | (RelationRow.later_id == article_id)))
            for r in relations:
                session.add(RelationRow(
                    earlier_id=r.earlier, later_id=r.later, kind=r.kind, score=r.score,
                    text_similarity=r.text_similarity, shared=list(r.shared),
                    order_basis=r.order_basis, relator=relator))
            session.commit()

    def relations_of(self, article_ids: Sequence[int]) -> list[RelationRow]:
        ids = list(article_ids)
        with self._sessions() as session:
            return list(session.scalars(
                select(RelationRow).where(RelationRow.earlier_id.in_(ids)
                                          | RelationRow.later_id.in_(ids))
                .order_by(RelationRow.id)))

    # -- dating ------------------------------------------------------------------------------------

    def save_dating(self, article_id: int, estimate: DateEstimate, staleness: Staleness) -> None:
        with self._sessions() as session:
            row = session.get(DatingRow, article_id) or DatingRow(article_id=article_id)
            row.earliest, row.latest = estimate.earliest, estimate.latest
            row.reasons = list(estimate.reasons)
            row.stale, row.stale_reasons = staleness.stale, list(staleness.reasons)
            session.merge(row)
            session.commit()

    def dating(self, article_ids: Sequence[int]) -> dict[int, DatingRow]:
        with self._sessions() as session:
            return {r.article_id: r for r in session.scalars(
                select(DatingRow).where(DatingRow.article_id.in_(list(article_ids))))}

    def stale_articles(self, limit: int = 100) -> list[int]:
        with self._sessions() as session:
            return list(session.scalars(select(DatingRow.article_id).where(DatingRow.stale)
                                        .order_by(DatingRow.article_id).limit(limit)))

    # -- event groups ------------------------------------------------------------------------------

    def events_of(self, article_id: int) -> list[EventRow]:
        with self._sessions() as session:
            return list(session.scalars(select(EventRow).where(EventRow.article_id == article_id)
                                        .order_by(EventRow.start)))

    def event_candidates(self, event: EventRow, limit: int = 50) -> list[tuple[EventRow, int]]:
        """Events of other articles of the same type whose dates overlap, with their group."""
        if event.earliest is None or event.latest is None:
            return []
        with self._sessions() as session:
            rows = session.execute(
                select(EventRow, EventLinkRow.group_id)
                .join(EventLinkRow, EventLinkRow.event_id == EventRow.id)
                .where(EventRow.type == event.type, EventRow.article_id != event.article_id,
                       # Reports of one event start within a year of each other: a bounded
                       # range of the (type, earliest) index, however many events are stored.
                       EventRow.earliest >= event.earliest - dt.timedelta(days=366),
                       EventRow.earliest <= event.latest, EventRow.latest >= event.earliest,
                       EventRow.modality == event.modality)
                .order_by(EventRow.id).limit(limit)).all()
            return [(r, g) for r, g in rows]

    def event_actor_ids(self, event_ids: Sequence[int]) -> dict[int, set[str]]:
        out: dict[int, set[str]] = {}
        with self._sessions() as session:
            for event_id, entity_id in session.execute(
                    select(EventActorRow.event_id, EventActorRow.entity_id)
                    .where(EventActorRow.event_id.in_(list(event_ids)))):
                out.setdefault(event_id, set()).add(entity_id)
        return out

    def save_event_links(self, links: dict[int, int]) -> None:
        with self._sessions() as session:
            for event_id, group_id in links.items():
                session.merge(EventLinkRow(event_id=event_id, group_id=group_id))
            session.commit()

    def event_group_ids(self, event_ids: Sequence[int]) -> dict[int, int]:
        with self._sessions() as session:
            return dict(session.execute(select(EventLinkRow.event_id, EventLinkRow.group_id)
                                        .where(EventLinkRow.event_id.in_(list(event_ids)))).all())

    def event_groups(self, event_ids: Sequence[int]) -> dict[int, list[int]]:
        """Group id → member event ids, for the groups of these events."""
        with self._sessions() as session:
            groups = select(EventLinkRow.group_id).where(EventLinkRow.event_id.in_(list(event_ids)))
            out: dict[int, list[int]] = {}
            for event_id, group_id in session.execute(
                    select(EventLinkRow.event_id, EventLinkRow.group_id)
                    .where(EventLinkRow.group_id.in_(groups)).order_by(EventLinkRow.event_id)):
                out.setdefault(group_id, []).append(event_id)
            return out

    # -- stories -----------------------------------------------------------------------------------

    def story_candidates(self, entity_ids: Sequence[str], limit: int = 30,
                         per_entity: int = 50) -> list[StoryState]:
        """The newest stories holding these entities (``per_entity`` each, an index range scan),
        most shared first."""
        counts: Counter[int] = Counter()
        with self._sessions() as session:
            for entity_id in list(entity_ids)[:40]:
                counts.update(session.scalars(
                    select(StoryEntityRow.story_id).where(StoryEntityRow.entity_id == entity_id)
                    .order_by(StoryEntityRow.story_id.desc()).limit(per_entity)))
            ids = [i for i, _ in sorted(counts.items(), key=lambda x: (-x[1], -x[0]))[:limit]]
            return [self._story_state(session, i) for i in ids]

    def story_state(self, story_id: int) -> StoryState:
        with self._sessions() as session:
            return self._story_state(session, story_id)

    @staticmethod
    def _story_state(session: Session, story_id: int) -> StoryState:
        from ..relate.stories import StoryState

        row = session.get(StoryRow, story_id)
        assert row is not None
        entities = dict(session.execute(select(StoryEntityRow.entity_id, StoryEntityRow.weight)
                                        .where(StoryEntityRow.story_id == story_id)).all())
        articles = list(session.scalars(select(StoryArticleRow.article_id)
                                        .where(StoryArticleRow.story_id == story_id)
                                        .order_by(StoryArticleRow.article_id)))
        events = [(e[0], e[1], tuple(e[2]), _d(e[3]), _d(e[4]))
                  for e in row.lead.get("events", [])]
        return StoryState(row.id, row.title, row.first_seen, row.last_seen, entities, events,
                          articles)

    def stories_of(self, article_ids: Sequence[int]) -> dict[int, int]:
        with self._sessions() as session:
            return dict(session.execute(
                select(StoryArticleRow.article_id, StoryArticleRow.story_id)
                .where(StoryArticleRow.article_id.in_(list(article_ids)))).all())

    def save_story(self, state: StoryState, article_id: int, score: float, reason: str) -> int:
        with self._sessions() as session:
            lead = {"events": [[k, p, list(a), _iso(s), _iso(e)]
                               for k, p, a, s, e in state.events[-200:]]}
            if state.id:
                row = session.get(StoryRow, state.id)
                assert row is not None
                row.first_seen, row.last_seen, row.lead = state.first_seen, state.last_seen, lead
            else:
                row = StoryRow(title=state.title, first_seen=state.first_seen,
                               last_seen=state.last_seen, lead=lead)
                session.add(row)
                session.flush()
            session.execute(delete(StoryArticleRow).where(StoryArticleRow.article_id == article_id))
            session.add(StoryArticleRow(article_id=article_id, story_id=row.id, score=score,
                                        reason=reason))
            for entity_id, weight in state.entities.items():
                session.merge(StoryEntityRow(story_id=row.id, entity_id=entity_id,
                                             weight=weight))
            session.commit()
            return row.id

    def list_stories(self, limit: int = 50, offset: int = 0) -> list[tuple[Any, int, int]]:
        """Stories with their article and outlet counts, latest first."""
        with self._sessions() as session:
            counts = (select(StoryArticleRow.story_id.label("sid"),
                             func.count().label("articles"),
                             func.count(func.distinct(ArticleRow.outlet)).label("outlets"))
                      .join(ArticleRow, ArticleRow.id == StoryArticleRow.article_id)
                      .group_by(StoryArticleRow.story_id).subquery())
            rows = session.execute(
                select(StoryRow, counts.c.articles, counts.c.outlets)
                .join(counts, counts.c.sid == StoryRow.id)
                .order_by(StoryRow.last_seen.is_(None), StoryRow.last_seen.desc(),
                          counts.c.articles.desc(), StoryRow.id).limit(limit).offset(offset)).all()
            return [(s, a, o) for s, a, o in rows]

    def story_articles(self, story_id: int) -> list[tuple[int, float, str]]:
        with self._sessions() as session:
            return [tuple(r) for r in session.execute(  # type: ignore[misc]
                select(StoryArticleRow.article_id, StoryArticleRow.score, StoryArticleRow.reason)
                .where(StoryArticleRow.story_id == story_id)
                .order_by(StoryArticleRow.article_id)).all()]

    def get_story(self, story_id: int) -> StoryRow | None:
        with self._sessions() as session:
            return session.get(StoryRow, story_id)

    # -- disagreements -----------------------------------------------------------------------------

    def claim_facts(self, subjects: Sequence[str], newest: int = 2000) -> list[ClaimFact]:
        """The newest ``newest`` claims about each subject, dated by their article.

        Bounded so that recomputing a subject's disagreements costs the same in any store size;
        figures older than that window drop out of the comparison.
        """
        rows = []
        with self._sessions() as session:
            for subject in subjects:
                rows += session.execute(
                    select(ClaimRow, ArticleRow.published, ArticleRow.outlet, DatingRow.latest)
                    .join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
                    .outerjoin(DatingRow, DatingRow.article_id == ClaimRow.article_id)
                    .where(ClaimRow.subject_entity_id == subject)
                    .order_by(ClaimRow.id.desc()).limit(newest)).all()
            rows.sort(key=lambda r: r[0].id)
            return [ClaimFact(c.id, c.article_id, c.subject_entity_id, c.measure, c.value,
                              c.value_max, c.qualifier, c.change,
                              c.as_of or published, outlet)
                    for c, published, outlet, _latest in rows]

    def replace_disagreements(self, subjects: Sequence[str],
                              found: Sequence[Disagreement]) -> None:
        with self._sessions() as session:
            session.execute(delete(DisagreementRow).where(
                DisagreementRow.subject.in_(list(subjects))))
            for d in found:
                session.add(DisagreementRow(subject=d.subject, measure=d.measure,
                                            status=d.status, claims=list(d.claims),
                                            explanation=d.explanation))
            session.commit()

    def list_disagreements(self, *, subjects: Sequence[str] | None = None,
                           status: str | None = None, limit: int = 200) -> list[DisagreementRow]:
        stmt = select(DisagreementRow)
        if subjects is not None:
            stmt = stmt.where(DisagreementRow.subject.in_(list(subjects)))
        if status:
            stmt = stmt.where(DisagreementRow.status == status)
        with self._sessions() as session:
            return list(session.scalars(stmt.order_by(DisagreementRow.subject,
                                                      DisagreementRow.measure,
                                                      DisagreementRow.id).limit(limit)))

    def claims_by_id(self, ids: Sequence[int]) -> dict[int, Any]:
        with self._sessions() as session:
            return {c.id: (c, p, o) for c, p, o in session.execute(
                select(ClaimRow, ArticleRow.published, ArticleRow.outlet)
                .join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
                .where(ClaimRow.id.in_(list(ids))))}

    def iter_table(self, kind: str) -> list[Any]:
        model = {"relations": RelationRow, "dating": DatingRow, "stories": StoryRow,
                 "story_articles": StoryArticleRow, "event_links": EventLinkRow,
                 "disagreements": DisagreementRow}[kind]
        order = {"dating": DatingRow.article_id, "story_articles": StoryArticleRow.article_id,
                 "event_links": EventLinkRow.event_id}.get(kind, getattr(model, "id", None))
        with self._sessions() as session:
            return list(session.scalars(select(model).order_by(order)))


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _d(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
