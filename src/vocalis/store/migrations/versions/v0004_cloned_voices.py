"""Cloned voices and who they are shared with; job kinds (speech or clone) and progress detail.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("kind", sa.String(), server_default="speech", nullable=False))
        batch.add_column(sa.Column("detail", sa.Text(), nullable=True))
    op.create_table(
        "cloned_voices",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("owner_id", sa.String(), nullable=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("labels", sa.Text(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("job_id", sa.String(32), nullable=True),
        sa.Column("filename", sa.String(), nullable=True),
        sa.Column("sample_key", sa.String(), nullable=True),
        sa.Column("sample_seconds", sa.Float(), nullable=False),
        sa.Column("sample_rate", sa.Integer(), nullable=False),
        sa.Column("consent", sa.Text(), nullable=False),
        sa.Column("table_key", sa.String(), nullable=True),
        sa.Column("record", sa.Text(), nullable=True),
        sa.Column("error_code", sa.String(), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cloned_voices"),
    )
    op.create_index("ix_cloned_voices_owner_id_created_at", "cloned_voices", ["owner_id", "created_at"])
    op.create_table(
        "voice_shares",
        sa.Column("voice_id", sa.String(40), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["voice_id"],
            ["cloned_voices.id"],
            name="fk_voice_shares_voice_id_cloned_voices",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("voice_id", "user_id", name="pk_voice_shares"),
    )
    op.create_index("ix_voice_shares_user_id", "voice_shares", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_voice_shares_user_id", table_name="voice_shares")
    op.drop_table("voice_shares")
    op.drop_index("ix_cloned_voices_owner_id_created_at", table_name="cloned_voices")
    op.drop_table("cloned_voices")
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("detail")
        batch.drop_column("kind")
