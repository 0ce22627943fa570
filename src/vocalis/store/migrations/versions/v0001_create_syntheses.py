"""Create the syntheses table: the history of rendered speech.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "syntheses",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("owner_id", sa.String(), nullable=True),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("voice", sa.String(), nullable=False),
        sa.Column("model", sa.String(), nullable=False),
        sa.Column("format", sa.String(), nullable=False),
        sa.Column("sample_rate", sa.Integer(), nullable=False),
        sa.Column("speed", sa.Float(), nullable=False),
        sa.Column("characters", sa.Integer(), nullable=False),
        sa.Column("audio_seconds", sa.Float(), nullable=False),
        sa.Column("compute_seconds", sa.Float(), nullable=False),
        sa.Column("audio_key", sa.String(), nullable=False),
        sa.Column("audio_bytes", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_syntheses"),
    )
    op.create_index("ix_syntheses_owner_id_created_at", "syntheses", ["owner_id", "created_at"])
    op.create_index("ix_syntheses_created_at", "syntheses", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_syntheses_created_at", table_name="syntheses")
    op.drop_index("ix_syntheses_owner_id_created_at", table_name="syntheses")
    op.drop_table("syntheses")
