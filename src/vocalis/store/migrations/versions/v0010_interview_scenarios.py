"""Recruiters' interview scenarios, their shares, assignments to candidates, shared interviews.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("interviews", sa.Column("assignment_id", sa.String(32), nullable=True))
    op.create_table(
        "interview_scenarios",
        sa.Column("id", sa.String(60), nullable=False),
        sa.Column("owner_id", sa.String(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("visibility", sa.String(10), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_interview_scenarios"),
    )
    op.create_index("ix_interview_scenarios_owner_id", "interview_scenarios", ["owner_id"])
    op.create_table(
        "interview_scenario_shares",
        sa.Column("scenario_id", sa.String(60), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("scenario_id", "user_id", name="pk_interview_scenario_shares"),
    )
    op.create_table(
        "interview_assignments",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("recruiter_id", sa.String(), nullable=False),
        sa.Column("candidate_id", sa.String(), nullable=False),
        sa.Column("scenario_id", sa.String(60), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_interview_assignments"),
    )
    op.create_index("ix_interview_assignments_recruiter_id", "interview_assignments", ["recruiter_id"])
    op.create_index("ix_interview_assignments_candidate_id", "interview_assignments", ["candidate_id"])
    op.create_table(
        "interview_shares",
        sa.Column("interview_id", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("interview_id", "user_id", name="pk_interview_shares"),
    )


def downgrade() -> None:
    op.drop_table("interview_shares")
    op.drop_index("ix_interview_assignments_candidate_id", table_name="interview_assignments")
    op.drop_index("ix_interview_assignments_recruiter_id", table_name="interview_assignments")
    op.drop_table("interview_assignments")
    op.drop_table("interview_scenario_shares")
    op.drop_index("ix_interview_scenarios_owner_id", table_name="interview_scenarios")
    op.drop_table("interview_scenarios")
    with op.batch_alter_table("interviews") as batch:
        batch.drop_column("assignment_id")
