"""Tables for accounts: users, sign-in sessions, API keys, the audit log and failed sign-ins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vocalis.store.tables import Base, UtcDateTime, utcnow


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    email: Mapped[str] = mapped_column(String, unique=True)  # stored lower-cased
    display_name: Mapped[str] = mapped_column(String)
    password_hash: Mapped[str | None] = mapped_column(String)  # None: the local-mode user, no password
    role: Mapped[str] = mapped_column(String)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # Per-user overrides of the default limits; None means the configured default.
    requests_per_minute: Mapped[int | None] = mapped_column(Integer)
    characters_per_day: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class AuthSessionRow(Base):
    """One sign-in: a short-lived access token and a longer refresh token, both stored as digests."""

    __tablename__ = "auth_sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    access_digest: Mapped[str] = mapped_column(String(64), unique=True)
    access_expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    refresh_digest: Mapped[str] = mapped_column(String(64), unique=True)
    refresh_expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_agent: Mapped[str | None] = mapped_column(String)


class ApiKeyRow(Base):
    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String)
    lookup: Mapped[str] = mapped_column(String(16), unique=True)  # "vk_1a2b3c4d": shown in lists
    digest: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[str] = mapped_column(String)  # space-separated
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    requests_per_minute: Mapped[int | None] = mapped_column(Integer)
    characters_per_day: Mapped[int | None] = mapped_column(BigInteger)


class AuditEventRow(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    actor_id: Mapped[str | None] = mapped_column(String)  # who did it (None: anonymous, e.g. a failed login)
    action: Mapped[str] = mapped_column(String)
    target: Mapped[str | None] = mapped_column(String)
    ip: Mapped[str | None] = mapped_column(String)
    details: Mapped[str] = mapped_column(Text, default="{}")

    __table_args__ = (Index("ix_audit_events_at", "at"), Index("ix_audit_events_actor_id", "actor_id"))


class LoginFailureRow(Base):
    """One failed sign-in counted against a throttle key (an address, an e-mail, or both), when no
    Redis is configured. Keys hold digests, never the e-mail typed; rows older than the window go."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    key: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)
