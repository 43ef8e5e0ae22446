"""Persistence: SQLAlchemy models, Alembic migrations and the query functions."""

from .store import LogEntry, SearchHit, Store, content_hash, sha256

__all__ = ["LogEntry", "SearchHit", "Store", "content_hash", "sha256"]
