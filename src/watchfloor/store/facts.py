"""Store functions for time expressions, quotes, claims and events (mixed into Store)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, delete, or_, select
from sqlalchemy.orm import Session

from .models import (
    ArticleRow,
    ClaimRow,
    EventActorRow,
    EventLinkRow,
    EventRow,
    ExtractionRow,
    QuoteRow,
    TimeRow,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import sessionmaker

    from ..types import Claim, Event, Quote, TimeExpr


@dataclass(frozen=True)
class Facts:
    """Everything one article yields besides its mentions, with entity ids resolved."""

    times: Sequence[TimeExpr] = ()
    quotes: Sequence[tuple[Quote, str | None]] = ()
    """Each quote with the entity id of its speaker (None when the text does not name one)."""
    claims: Sequence[tuple[Claim, str | None]] = ()
    events: Sequence[Event] = ()
    extractors: dict[str, str] = field(default_factory=dict)
    """``times``/``quotes``/``claims``/``events`` → ``name/version`` recorded on each row."""


@dataclass(frozen=True)
class Row:
    """A stored fact with the article it comes from (title and date for display)."""

    record: Any
    article_title: str | None
    published: dt.date | None
    outlet: str | None


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


class FactQueries:
    _sessions: sessionmaker[Session]

    @staticmethod
    def _delete_facts(session: Session, article_id: int) -> None:
        events = select(EventRow.id).where(EventRow.article_id == article_id)
        session.execute(delete(EventActorRow).where(EventActorRow.event_id.in_(events)))
        session.execute(delete(EventLinkRow).where(EventLinkRow.event_id.in_(events)))
        # What relating concluded about this article rests on the facts being replaced.
        session.execute(delete(ExtractionRow).where(ExtractionRow.article_id == article_id,
                                                    ExtractionRow.extractor == "relate"))
        for model in (EventRow, ClaimRow, QuoteRow, TimeRow):
            session.execute(delete(model).where(model.article_id == article_id))

    @staticmethod
    def _add_facts(session: Session, article_id: int, facts: Facts) -> None:
        names = facts.extractors
        for t in facts.times:
            session.add(TimeRow(
                article_id=article_id, start=t.start, end=t.end, text=t.text, kind=t.kind,
                value=t.value, precision=t.precision, earliest=t.earliest, latest=t.latest,
                basis=t.basis, days=[d.isoformat() for d in t.days],
                extractor=names.get("times", "times/?")))
        for q, speaker_id in facts.quotes:
            session.add(QuoteRow(
                article_id=article_id, start=q.start, end=q.end, text=q.text,
                parts=[list(p) for p in q.parts], kind=q.kind, speaker=q.speaker,
                speaker_start=q.speaker_start, speaker_end=q.speaker_end,
                speaker_entity_id=speaker_id, speaker_kind=q.speaker_kind, verb=q.verb,
                verb_start=q.verb_start, verb_end=q.verb_end,
                extractor=names.get("quotes", "quotes/?")))
        for c, subject_id in facts.claims:
            session.add(ClaimRow(
                article_id=article_id, start=c.start, end=c.end, text=c.text, subject=c.subject,
                subject_entity_id=subject_id, subject_start=c.subject_start,
                subject_end=c.subject_end, measure=c.measure, value=c.value,
                value_max=c.value_max, unit=c.unit, qualifier=c.qualifier, change=c.change,
                as_of=c.as_of, extractor=names.get("claims", "claims/?")))
        for e in facts.events:
            t = e.time
            row = EventRow(
                article_id=article_id, start=e.start, end=e.end, text=e.text, type=e.type,
                mode=e.mode, context=e.context, modality=e.modality, trigger=e.trigger,
                trigger_start=e.trigger_start, trigger_end=e.trigger_end,
                actors=[{"role": r, "entity_id": i} for r, i in e.actors],
                place_entity_id=e.place, time_text=t.text if t else None,
                time_start=t.start if t else None, time_end=t.end if t else None,
                time_value=t.value if t else None, precision=t.precision if t else None,
                earliest=t.earliest if t else None, latest=t.latest if t else None,
                extractor=names.get("events", "events/?"))
            session.add(row)
            session.flush()
            for role, entity_id in sorted(set(e.actors)):
                session.add(EventActorRow(event_id=row.id, role=role, entity_id=entity_id))

    # -- reading ---------------------------------------------------------------------------------

    def _rows(self, stmt: Select[Any], limit: int) -> list[Row]:
        with self._sessions() as session:
            return [Row(r, title, published, outlet)
                    for r, title, published, outlet in session.execute(stmt.limit(limit))]

    @staticmethod
    def _with_article(model: Any) -> Select[Any]:
        return select(model, ArticleRow.title, ArticleRow.published, ArticleRow.outlet).join(
            ArticleRow, ArticleRow.id == model.article_id)

    def list_quotes(self, *, speakers: Sequence[str] | None = None,
                    article_id: int | None = None, limit: int = 100) -> list[Row]:
        stmt = self._with_article(QuoteRow)
        if speakers is not None:
            stmt = stmt.where(QuoteRow.speaker_entity_id.in_(list(speakers)))
        if article_id is not None:
            stmt = stmt.where(QuoteRow.article_id == article_id)
        return self._rows(stmt.order_by(QuoteRow.article_id, QuoteRow.start), limit)

    def list_claims(self, *, subjects: Sequence[str] | None = None, measure: str | None = None,
                    article_id: int | None = None, limit: int = 100) -> list[Row]:
        stmt = self._with_article(ClaimRow)
        if subjects is not None:
            stmt = stmt.where(ClaimRow.subject_entity_id.in_(list(subjects)))
        if measure:
            stmt = stmt.where(ClaimRow.measure == measure)
        if article_id is not None:
            stmt = stmt.where(ClaimRow.article_id == article_id)
        return self._rows(stmt.order_by(ClaimRow.subject_entity_id, ClaimRow.measure,
                                        ClaimRow.article_id, ClaimRow.start), limit)

    def list_events(self, *, types: Sequence[str] | None = None,
                    actors: Sequence[str] | None = None, places: Sequence[str] | None = None,
                    since: dt.date | None = None, until: dt.date | None = None,
                    dated: bool | None = None, article_id: int | None = None,
                    limit: int = 200) -> list[Row]:
        """Events, dated ones in time order. ``since``/``until`` keep events whose interval
        overlaps the period (an undated event never matches a period)."""
        stmt = self._with_article(EventRow)
        if types:
            stmt = stmt.where(EventRow.type.in_([t.upper() for t in types]))
        if actors is not None:
            stmt = stmt.where(EventRow.id.in_(select(EventActorRow.event_id).where(
                EventActorRow.entity_id.in_(list(actors)))))
        if places is not None:
            stmt = stmt.where(EventRow.place_entity_id.in_(list(places)))
        if since:
            stmt = stmt.where(EventRow.latest >= since)
        if until:
            stmt = stmt.where(EventRow.earliest <= until)
        if dated is True:
            stmt = stmt.where(EventRow.earliest.is_not(None))
        elif dated is False:
            stmt = stmt.where(or_(EventRow.earliest.is_(None)))
        if article_id is not None:
            stmt = stmt.where(EventRow.article_id == article_id)
        stmt = stmt.order_by(EventRow.earliest.is_(None), EventRow.earliest, EventRow.latest,
                             EventRow.article_id, EventRow.start)
        return self._rows(stmt, limit)

    def list_times(self, article_id: int) -> list[TimeRow]:
        with self._sessions() as session:
            return list(session.scalars(select(TimeRow).where(TimeRow.article_id == article_id)
                                        .order_by(TimeRow.start)))

    def iter_facts(self, kind: str, batch: int = 2000) -> Iterator[Any]:
        """Every stored ``times``, ``quotes``, ``claims`` or ``events`` row in id order."""
        model = {"times": TimeRow, "quotes": QuoteRow, "claims": ClaimRow,
                 "events": EventRow}[kind]
        return self.iter_by_id(model, batch)

    def iter_by_id(self, model: Any, batch: int = 2000) -> Iterator[Any]:
        """Every row of a table with an integer ``id``, in id order, read in batches so that
        memory stays flat on large stores."""
        last = 0
        while True:
            with self._sessions() as session:
                rows = list(session.scalars(select(model).where(model.id > last)
                                            .order_by(model.id).limit(batch)))
            if not rows:
                return
            yield from rows
            last = rows[-1].id
