"""Failed sign-ins counted per address and e-mail (the throttle's store without Redis); voices shared
with e-mails that have no account yet.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_failures",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_login_failures"),
    )
    op.create_index("ix_login_failures_key_at", "login_failures", ["key", "at"])
    op.create_table(
        "voice_share_invites",
        sa.Column("voice_id", sa.String(40), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["voice_id"],
            ["cloned_voices.id"],
            name="fk_voice_share_invites_voice_id_cloned_voices",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("voice_id", "email", name="pk_voice_share_invites"),
    )
    op.create_index("ix_voice_share_invites_email", "voice_share_invites", ["email"])


def downgrade() -> None:
    op.drop_index("ix_voice_share_invites_email", table_name="voice_share_invites")
    op.drop_table("voice_share_invites")
    op.drop_index("ix_login_failures_key_at", table_name="login_failures")
    op.drop_table("login_failures")
