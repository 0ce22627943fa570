"""Interview practice: interviews and their turns.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "interviews",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("owner_id", sa.String(), nullable=True),
        sa.Column("scenario_id", sa.String(60), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("voice", sa.String(200), nullable=True),
        sa.Column("mode", sa.String(10), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("scenario", sa.Text(), nullable=False),
        sa.Column("progress", sa.Text(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("report", sa.Text(), nullable=True),
        sa.Column("overall", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recording_key", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_interviews"),
    )
    op.create_index("ix_interviews_owner_id_created_at", "interviews", ["owner_id", "created_at"])
    op.create_index("ix_interviews_owner_id_scenario_id", "interviews", ["owner_id", "scenario_id"])
    op.create_table(
        "interview_turns",
        sa.Column("interview_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.String(12), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("question_id", sa.String(60), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start_s", sa.Float(), nullable=True),
        sa.Column("end_s", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("interview_id", "seq", name="pk_interview_turns"),
    )


def downgrade() -> None:
    op.drop_table("interview_turns")
    op.drop_index("ix_interviews_owner_id_scenario_id", table_name="interviews")
    op.drop_index("ix_interviews_owner_id_created_at", table_name="interviews")
    op.drop_table("interviews")
