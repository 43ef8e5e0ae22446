"""Store functions for entities and mentions (mixed into :class:`watchfloor.store.Store`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, distinct, func, select
from sqlalchemy.orm import Session

from ..errors import NotFoundError
from .fold import fold
from .models import ArticleRow, EntityRow, ExtractionRow, MentionRow

if TYPE_CHECKING:
    from sqlalchemy.orm import sessionmaker

    from ..resolve.entities import EntityRecord
    from ..types import Mention
    from .facts import Facts


@dataclass(frozen=True)
class EntitySummary:
    id: str
    name: str
    type: str
    kind: str | None
    kb_id: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geo_basis: str | None
    mentions: int
    articles: int


@dataclass(frozen=True)
class MentionView:
    id: int
    article_id: int
    entity_id: str
    start: int
    end: int
    text: str
    method: str
    label: str | None
    role: str | None
    role_start: int | None
    role_end: int | None
    sentence_start: int
    sentence_end: int
    extractor: str
    sentence: str = ""
    article_title: str | None = None
    published: dt.date | None = None


def _better_name(old: str, new: str) -> str:
    """Of two spellings of one name, keep the one with diacritics (then the first in order)."""
    score = lambda s: (sum(not c.isascii() for c in s), -len(s), s)  # noqa: E731
    return max(old, new, key=score) if fold(old) == fold(new) else old


class EntityQueries:
    _sessions: sessionmaker[Session]

    def extraction_done(self, article_id: int, extractor: str) -> str | None:
        with self._sessions() as session:
            row = session.get(ExtractionRow, (article_id, extractor))
            return row.version if row else None

    def articles_to_extract(self, extractor: str, version: str, *, limit: int = 500,
                            after: int = 0) -> list[int]:
        """Ids of articles the extractor has not processed at this version, in id order."""
        done = select(ExtractionRow.article_id).where(
            ExtractionRow.extractor == extractor, ExtractionRow.version == version)
        stmt = (select(ArticleRow.id).where(ArticleRow.id > after, ArticleRow.id.not_in(done))
                .order_by(ArticleRow.id).limit(limit))
        with self._sessions() as session:
            return list(session.scalars(stmt))

    def save_mentions(self, article_id: int, extractor: str, version: str,
                      resolved: Sequence[tuple[EntityRecord, Mention]],
                      facts: Facts | None = None, mention_extractor: str | None = None) -> None:
        """Replace one article's analysis (mentions and facts) in one transaction.

        ``extractor``/``version`` name the whole analysis (recorded in ``extractions``);
        ``mention_extractor`` is what each mention row records.
        """
        label = mention_extractor or f"{extractor}/{version}"
        with self._sessions() as session:
            self._delete_facts(session, article_id)  # type: ignore[attr-defined]
            session.execute(delete(MentionRow).where(MentionRow.article_id == article_id))
            for record in {r.id: r for r, _ in resolved}.values():
                row = session.get(EntityRow, record.id)
                if row is None:
                    session.add(EntityRow(
                        id=record.id, type=record.type, name=record.name, kb_id=record.kb_id,
                        kind=record.kind, country=record.country, lat=record.lat,
                        lon=record.lon, geo_basis=record.geo_basis))
                    session.flush()
                elif not record.kb_id:
                    row.name = _better_name(row.name, record.name)
            for record, m in resolved:
                session.add(MentionRow(
                    article_id=article_id, entity_id=record.id, start=m.start, end=m.end,
                    text=m.text, text_key=fold(m.text)[:200], method=m.method, label=m.label,
                    role=m.role, role_start=m.role_start, role_end=m.role_end,
                    sentence_start=m.sentence_start, sentence_end=m.sentence_end,
                    extractor=label))
            if facts is not None:
                session.flush()
                self._add_facts(session, article_id, facts)  # type: ignore[attr-defined]
            row = session.get(ExtractionRow, (article_id, extractor))
            now = dt.datetime.now(dt.UTC)
            if row is None:
                session.add(ExtractionRow(article_id=article_id, extractor=extractor,
                                          version=version, done_at=now))
            else:
                row.version, row.done_at = version, now
            session.commit()

    def save_mentions_done(self, article_id: int, extractor: str, version: str) -> None:
        """Record that ``extractor`` (at ``version``) has processed the article."""
        with self._sessions() as session:
            session.merge(ExtractionRow(article_id=article_id, extractor=extractor,
                                        version=version, done_at=dt.datetime.now(dt.UTC)))
            session.commit()

    def refresh_entities(self, records: Sequence[EntityRecord]) -> None:
        """Bring knowledge-base entities' names, kinds and coordinates up to date."""
        with self._sessions() as session:
            for record in records:
                row = session.get(EntityRow, record.id)
                if row is not None:
                    row.name, row.kind, row.country = record.name, record.kind, record.country
                    row.lat, row.lon, row.geo_basis = record.lat, record.lon, record.geo_basis
            session.commit()

    def list_entities(self, *, type: str | None = None, limit: int = 50, offset: int = 0,
                      ids: Sequence[str] | None = None, by_id: bool = False,
                      ) -> list[EntitySummary]:
        """Entities with their mention and article counts, most covered first (or by id)."""
        counts = (
            select(MentionRow.entity_id.label("eid"),
                   func.count().label("mentions"),
                   func.count(distinct(MentionRow.article_id)).label("articles"))
            .group_by(MentionRow.entity_id).subquery()
        )
        stmt = select(EntityRow, counts.c.mentions, counts.c.articles).join(
            counts, counts.c.eid == EntityRow.id)
        if type:
            stmt = stmt.where(EntityRow.type == type)
        if ids is not None:
            stmt = stmt.where(EntityRow.id.in_(list(ids)))
        order = (EntityRow.id,) if by_id else (counts.c.articles.desc(),
                                                counts.c.mentions.desc(), EntityRow.id)
        stmt = stmt.order_by(*order).limit(limit).offset(offset)
        with self._sessions() as session:
            return [EntitySummary(r.id, r.name, r.type, r.kind, r.kb_id, r.country, r.lat,
                                  r.lon, r.geo_basis, m, a)
                    for r, m, a in session.execute(stmt)]

    def entity_ids_for_name(self, name: str) -> list[str]:
        """Entities with this id, or seen under this spelling (case/diacritics/script folded)."""
        key = fold(" ".join(name.split()))[:200]
        with self._sessions() as session:
            if session.get(EntityRow, name) is not None:
                return [name]
            found = session.scalars(
                select(MentionRow.entity_id).where(MentionRow.text_key == key).distinct()
                .order_by(MentionRow.entity_id))
            return list(found)

    def get_entity(self, entity_id: str) -> EntitySummary:
        found = self.list_entities(ids=[entity_id], limit=1)
        if found:
            return found[0]
        with self._sessions() as session:
            row = session.get(EntityRow, entity_id)
            if row is None:
                raise NotFoundError(f"no entity with id {entity_id!r}")
            return EntitySummary(row.id, row.name, row.type, row.kind, row.kb_id, row.country,
                                 row.lat, row.lon, row.geo_basis, 0, 0)

    def entity_mentions(self, entity_id: str, *, limit: int = 1000) -> list[MentionView]:
        """Mentions with their sentence and article, oldest article first."""
        stmt = (select(MentionRow, ArticleRow.text, ArticleRow.title, ArticleRow.published)
                .join(ArticleRow, ArticleRow.id == MentionRow.article_id)
                .where(MentionRow.entity_id == entity_id)
                .order_by(MentionRow.article_id, MentionRow.start).limit(limit))
        with self._sessions() as session:
            return [_view(m, text[m.sentence_start:m.sentence_end], title, published)
                    for m, text, title, published in session.execute(stmt)]

    def article_mentions(self, article_id: int) -> list[MentionView]:
        stmt = (select(MentionRow).where(MentionRow.article_id == article_id)
                .order_by(MentionRow.start))
        with self._sessions() as session:
            return [_view(m) for m in session.scalars(stmt)]

    def iter_entities(self) -> Iterator[EntitySummary]:
        offset = 0
        while True:
            batch = self.list_entities(limit=500, offset=offset, by_id=True)
            if not batch:
                return
            yield from batch
            offset += len(batch)

    def spellings_and_titles(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Per entity: the distinct spellings seen in texts, and the titles the texts gave it."""
        spellings: dict[str, list[str]] = {}
        titles: dict[str, list[str]] = {}
        with self._sessions() as session:
            for eid, text in session.execute(
                    select(MentionRow.entity_id, MentionRow.text).distinct()
                    .order_by(MentionRow.entity_id, MentionRow.text)):
                spellings.setdefault(eid, []).append(text)
            for eid, role in session.execute(
                    select(MentionRow.entity_id, MentionRow.role).where(MentionRow.role.is_not(None))
                    .distinct().order_by(MentionRow.entity_id, MentionRow.role)):
                titles.setdefault(eid, []).append(role)
        return spellings, titles

    def iter_mentions(self, batch: int = 2000) -> Iterator[MentionView]:
        return (_view(m) for m in self.iter_by_id(MentionRow, batch))  # type: ignore[attr-defined]


def _view(m: MentionRow, sentence: str = "", title: str | None = None,
          published: dt.date | None = None) -> MentionView:
    return MentionView(m.id, m.article_id, m.entity_id, m.start, m.end, m.text, m.method, m.label,
                       m.role, m.role_start, m.role_end, m.sentence_start, m.sentence_end,
                       m.extractor, sentence, title, published)
