"""Alembic environment: always run from :func:`watchfloor.store.db.upgrade` with a live connection."""

from __future__ import annotations

from alembic import context

from watchfloor.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - guarded by the caller
    raise RuntimeError("watchfloor migrations run through `watchfloor db upgrade`, not alembic's CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
