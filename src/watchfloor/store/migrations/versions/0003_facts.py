"""Time expressions, quotes, figures (claims) and events, with their actors.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _common() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "time_exprs",
        *_common(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.String(64)),
        sa.Column("precision", sa.String(16)),
        sa.Column("earliest", sa.Date),
        sa.Column("latest", sa.Date),
        sa.Column("basis", sa.String(16), nullable=False),
        sa.Column("days", sa.JSON, nullable=False),
        sa.Column("extractor", sa.String(64), nullable=False),
    )
    op.create_index("ix_time_exprs_article", "time_exprs", ["article_id", "start"])
    op.create_table(
        "quotes",
        *_common(),
        sa.Column("parts", sa.JSON, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_start", sa.Integer),
        sa.Column("speaker_end", sa.Integer),
        sa.Column("speaker_entity_id", sa.String(128)),
        sa.Column("speaker_kind", sa.String(16), nullable=False),
        sa.Column("verb", sa.String(64)),
        sa.Column("verb_start", sa.Integer),
        sa.Column("verb_end", sa.Integer),
        sa.Column("extractor", sa.String(64), nullable=False),
    )
    op.create_index("ix_quotes_article", "quotes", ["article_id", "start"])
    op.create_index("ix_quotes_speaker_entity_id", "quotes", ["speaker_entity_id"])
    op.create_table(
        "claims",
        *_common(),
        sa.Column("subject", sa.Text),
        sa.Column("subject_entity_id", sa.String(128)),
        sa.Column("subject_start", sa.Integer),
        sa.Column("subject_end", sa.Integer),
        sa.Column("measure", sa.String(64), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("value_max", sa.Float),
        sa.Column("unit", sa.String(32)),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("change", sa.Boolean, nullable=False),
        sa.Column("as_of", sa.Date),
        sa.Column("extractor", sa.String(64), nullable=False),
    )
    op.create_index("ix_claims_article", "claims", ["article_id", "start"])
    op.create_index("ix_claims_subject_entity_id", "claims", ["subject_entity_id"])
    op.create_index("ix_claims_measure", "claims", ["measure"])
    op.create_table(
        "events",
        *_common(),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("context", sa.String(32)),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("trigger", sa.Text, nullable=False),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("trigger_end", sa.Integer, nullable=False),
        sa.Column("actors", sa.JSON, nullable=False),
        sa.Column("place_entity_id", sa.String(128)),
        sa.Column("time_text", sa.Text),
        sa.Column("time_start", sa.Integer),
        sa.Column("time_end", sa.Integer),
        sa.Column("time_value", sa.String(64)),
        sa.Column("precision", sa.String(16)),
        sa.Column("earliest", sa.Date),
        sa.Column("latest", sa.Date),
        sa.Column("extractor", sa.String(64), nullable=False),
    )
    op.create_index("ix_events_article", "events", ["article_id", "start"])
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_place_entity_id", "events", ["place_entity_id"])
    op.create_index("ix_events_earliest", "events", ["earliest"])
    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("role", sa.String(16), primary_key=True),
        sa.Column("entity_id", sa.String(128), primary_key=True),
    )
    op.create_index("ix_event_actors_entity_id", "event_actors", ["entity_id"])


def downgrade() -> None:
    for table in ("event_actors", "events", "claims", "quotes", "time_exprs"):
        op.drop_table(table)
