"""Relating articles: signatures and LSH bands, relations, dating, stories, event groups,
disagreements.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ARTICLE = "articles.id"


def upgrade() -> None:
    op.create_table(
        "article_signatures",
        sa.Column("article_id", sa.Integer, sa.ForeignKey(ARTICLE), primary_key=True),
        sa.Column("signature", sa.JSON, nullable=False),
    )
    op.create_table(
        "article_bands",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey(ARTICLE), primary_key=True),
    )
    op.create_index("ix_article_bands_article_id", "article_bands", ["article_id"])
    op.create_table(
        "relations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("earlier_id", sa.Integer, sa.ForeignKey(ARTICLE), nullable=False),
        sa.Column("later_id", sa.Integer, sa.ForeignKey(ARTICLE), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("text_similarity", sa.Float, nullable=False),
        sa.Column("shared", sa.JSON, nullable=False),
        sa.Column("order_basis", sa.String(16), nullable=False),
        sa.Column("relator", sa.String(64), nullable=False),
    )
    op.create_index("ix_relations_earlier_id", "relations", ["earlier_id"])
    op.create_index("ix_relations_later_id", "relations", ["later_id"])
    op.create_table(
        "article_dating",
        sa.Column("article_id", sa.Integer, sa.ForeignKey(ARTICLE), primary_key=True),
        sa.Column("earliest", sa.Date),
        sa.Column("latest", sa.Date),
        sa.Column("reasons", sa.JSON, nullable=False),
        sa.Column("stale", sa.Boolean, nullable=False),
        sa.Column("stale_reasons", sa.JSON, nullable=False),
    )
    op.create_index("ix_article_dating_stale", "article_dating", ["stale"])
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("first_seen", sa.Date),
        sa.Column("last_seen", sa.Date),
        sa.Column("lead", sa.JSON, nullable=False),
    )
    op.create_index("ix_stories_last_seen", "stories", ["last_seen"])
    op.create_table(
        "story_articles",
        sa.Column("article_id", sa.Integer, sa.ForeignKey(ARTICLE), primary_key=True),
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id"), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_index("ix_story_articles_story_id", "story_articles", ["story_id"])
    op.create_table(
        "story_entities",
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id"), primary_key=True),
        sa.Column("entity_id", sa.String(128), primary_key=True),
        sa.Column("weight", sa.Float, nullable=False),
    )
    op.create_index("ix_story_entities_entity_id", "story_entities", ["entity_id"])
    op.create_table(
        "event_links",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("group_id", sa.Integer, nullable=False),
    )
    op.create_index("ix_event_links_group_id", "event_links", ["group_id"])
    op.create_table(
        "disagreements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("subject", sa.String(128), nullable=False),
        sa.Column("measure", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("claims", sa.JSON, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
    )
    op.create_index("ix_disagreements_subject", "disagreements", ["subject"])


def downgrade() -> None:
    for table in ("disagreements", "event_links", "story_entities", "story_articles", "stories",
                  "article_dating", "relations", "article_bands", "article_signatures"):
        op.drop_table(table)
