"""Indexes that keep candidate lookups flat as the store grows: the newest articles naming an
entity, the newest stories holding one, events of a type by date, the newest figures about a
subject.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_mentions_entity_article", "mentions", ["entity_id", "article_id"])
    op.create_index("ix_story_entities_entity_story", "story_entities", ["entity_id", "story_id"])
    op.create_index("ix_events_type_earliest", "events", ["type", "earliest"])
    op.create_index("ix_claims_subject_id", "claims", ["subject_entity_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_claims_subject_id", "claims")
    op.drop_index("ix_events_type_earliest", "events")
    op.drop_index("ix_story_entities_entity_story", "story_entities")
    op.drop_index("ix_mentions_entity_article", "mentions")
