"""Database tables. Only the store package imports SQLAlchemy; other stages use ``watchfloor.types``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    """One article: the clean text (immutable once stored) and what was read around it."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(Text)
    canonical_url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    published_basis: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(8), index=True)
    language_confidence: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    removed: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    cleaner: Mapped[str] = mapped_column(String(64))
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class DocumentRow(Base):
    """Every input ever offered, with what became of it: the ingest log.

    ``(source_hash, raw_hash)`` identifies an input; offering it again changes nothing.
    """

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("source_hash", "raw_hash", name="uq_documents_input"),
        Index("ix_documents_status", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    source_hash: Mapped[str] = mapped_column(String(64))
    raw_hash: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
    error_code: Mapped[str | None] = mapped_column(String(8))
    message: Mapped[str | None] = mapped_column(Text)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class EntityRow(Base):
    """One real actor or place, across all articles (knowledge-base id or a name key)."""

    __tablename__ = "entities"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    type: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(Text)
    kb_id: Mapped[str | None] = mapped_column(String(128))
    kind: Mapped[str | None] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(2))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_basis: Mapped[str | None] = mapped_column(String(24))


class MentionRow(Base):
    """A span of an article's text naming an entity; ``extractor`` says what found it."""

    __tablename__ = "mentions"
    __table_args__ = (Index("ix_mentions_article", "article_id", "start"),
                      Index("ix_mentions_entity_article", "entity_id", "article_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    text_key: Mapped[str] = mapped_column(String(200), index=True)
    """The folded text, for finding an entity by any spelling seen."""
    method: Mapped[str] = mapped_column(String(16))
    label: Mapped[str | None] = mapped_column(String(16))
    role: Mapped[str | None] = mapped_column(Text)
    role_start: Mapped[int | None] = mapped_column(Integer)
    role_end: Mapped[int | None] = mapped_column(Integer)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)
    extractor: Mapped[str] = mapped_column(String(64))


class ExtractionRow(Base):
    """Which extractor (name and version) has processed which article: re-runs are no-ops."""

    __tablename__ = "extractions"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    extractor: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[str] = mapped_column(String(64))
    done_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class TimeRow(Base):
    """A time expression normalised to an interval of days."""

    __tablename__ = "time_exprs"
    __table_args__ = (Index("ix_time_exprs_article", "article_id", "start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str | None] = mapped_column(String(64))
    precision: Mapped[str | None] = mapped_column(String(16))
    earliest: Mapped[dt.date | None] = mapped_column(Date)
    latest: Mapped[dt.date | None] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(String(16))
    days: Mapped[list[str]] = mapped_column(JSON)
    extractor: Mapped[str] = mapped_column(String(64))


class QuoteRow(Base):
    """Quoted words and who said them, as the text gives it."""

    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_article", "article_id", "start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    parts: Mapped[list[list[int]]] = mapped_column(JSON)
    kind: Mapped[str] = mapped_column(String(16))
    speaker: Mapped[str | None] = mapped_column(Text)
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    speaker_entity_id: Mapped[str | None] = mapped_column(String(128), index=True)
    speaker_kind: Mapped[str] = mapped_column(String(16))
    verb: Mapped[str | None] = mapped_column(String(64))
    verb_start: Mapped[int | None] = mapped_column(Integer)
    verb_end: Mapped[int | None] = mapped_column(Integer)
    extractor: Mapped[str] = mapped_column(String(64))


class ClaimRow(Base):
    """A figure stated about a subject."""

    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_article", "article_id", "start"),
                      Index("ix_claims_subject_id", "subject_entity_id", "id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    subject_entity_id: Mapped[str | None] = mapped_column(String(128), index=True)
    subject_start: Mapped[int | None] = mapped_column(Integer)
    subject_end: Mapped[int | None] = mapped_column(Integer)
    measure: Mapped[str] = mapped_column(String(64), index=True)
    value: Mapped[float] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(32))
    qualifier: Mapped[str] = mapped_column(String(16))
    change: Mapped[bool] = mapped_column(Boolean)
    as_of: Mapped[dt.date | None] = mapped_column(Date)
    extractor: Mapped[str] = mapped_column(String(64))


class EventRow(Base):
    """An event typed with PLOVER, with actors, place, time and modality."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_article", "article_id", "start"),
                      Index("ix_events_type_earliest", "type", "earliest"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16), index=True)
    mode: Mapped[str | None] = mapped_column(String(32))
    context: Mapped[str | None] = mapped_column(String(32))
    modality: Mapped[str] = mapped_column(String(16))
    trigger: Mapped[str] = mapped_column(Text)
    trigger_start: Mapped[int] = mapped_column(Integer)
    trigger_end: Mapped[int] = mapped_column(Integer)
    actors: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    place_entity_id: Mapped[str | None] = mapped_column(String(128), index=True)
    time_text: Mapped[str | None] = mapped_column(Text)
    time_start: Mapped[int | None] = mapped_column(Integer)
    time_end: Mapped[int | None] = mapped_column(Integer)
    time_value: Mapped[str | None] = mapped_column(String(64))
    precision: Mapped[str | None] = mapped_column(String(16))
    earliest: Mapped[dt.date | None] = mapped_column(Date, index=True)
    latest: Mapped[dt.date | None] = mapped_column(Date)
    extractor: Mapped[str] = mapped_column(String(64))


class EventActorRow(Base):
    """Who took part in an event, for filtering events by actor."""

    __tablename__ = "event_actors"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                          primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(128), primary_key=True, index=True)


class SignatureRow(Base):
    """An article's MinHash signature, for estimating text similarity."""

    __tablename__ = "article_signatures"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    signature: Mapped[list[int]] = mapped_column(JSON)


class BandRow(Base):
    """Locality-sensitive hashing bands: articles sharing a key are candidate copies."""

    __tablename__ = "article_bands"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True,
                                            index=True)


class RelationRow(Base):
    __tablename__ = "relations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    earlier_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    later_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    text_similarity: Mapped[float] = mapped_column(Float)
    shared: Mapped[list[str]] = mapped_column(JSON)
    order_basis: Mapped[str] = mapped_column(String(16))
    relator: Mapped[str] = mapped_column(String(64))


class DatingRow(Base):
    """An article's estimated date interval and stale flag, with the reasons."""

    __tablename__ = "article_dating"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    earliest: Mapped[dt.date | None] = mapped_column(Date)
    latest: Mapped[dt.date | None] = mapped_column(Date)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    stale: Mapped[bool] = mapped_column(Boolean, index=True)
    stale_reasons: Mapped[list[str]] = mapped_column(JSON)


class StoryRow(Base):
    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[dt.date | None] = mapped_column(Date)
    last_seen: Mapped[dt.date | None] = mapped_column(Date, index=True)
    lead: Mapped[dict[str, Any]] = mapped_column(JSON)
    """What the story is about: its lead event type, actors, places and dates."""


class StoryArticleRow(Base):
    __tablename__ = "story_articles"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"), index=True)
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)


class StoryEntityRow(Base):
    __tablename__ = "story_entities"
    __table_args__ = (Index("ix_story_entities_entity_story", "entity_id", "story_id"),)

    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(128), primary_key=True, index=True)
    weight: Mapped[float] = mapped_column(Float)


class EventLinkRow(Base):
    """Events of different articles that report the same real-world event share a group."""

    __tablename__ = "event_links"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), primary_key=True)
    group_id: Mapped[int] = mapped_column(Integer, index=True)
    """The id of the group's first event."""


class DisagreementRow(Base):
    __tablename__ = "disagreements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject: Mapped[str] = mapped_column(String(128), index=True)
    measure: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    claims: Mapped[list[int]] = mapped_column(JSON)
    explanation: Mapped[str] = mapped_column(Text)
