"""Live coaching: sessions, goals and milestones.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coaching_sessions",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("owner_id", sa.String(), nullable=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("session_type", sa.String(20), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("config", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("audio_seconds", sa.Float(), nullable=False),
        sa.Column("recording_key", sa.String(), nullable=True),
        sa.Column("upload_key", sa.String(), nullable=True),
        sa.Column("report", sa.Text(), nullable=True),
        sa.Column("timelines", sa.Text(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("job_id", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_coaching_sessions"),
    )
    op.create_index(
        "ix_coaching_sessions_owner_id_created_at", "coaching_sessions", ["owner_id", "created_at"]
    )
    op.create_table(
        "coaching_goals",
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("goals", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_coaching_goals"),
    )
    op.create_table(
        "coaching_milestones",
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("session_id", sa.String(32), nullable=True),
        sa.Column("achieved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "code", name="pk_coaching_milestones"),
    )


def downgrade() -> None:
    op.drop_table("coaching_milestones")
    op.drop_table("coaching_goals")
    op.drop_index("ix_coaching_sessions_owner_id_created_at", table_name="coaching_sessions")
    op.drop_table("coaching_sessions")
