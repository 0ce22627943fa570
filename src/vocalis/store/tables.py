"""The database tables, as SQLAlchemy 2 typed declarative models (private to the store package)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    DateTime,
    Dialect,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Deterministic constraint and index names, so later migrations can refer to (and drop) them by name
# on every backend instead of relying on whatever name the database invented.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend.

    SQLite has no timezone type: it stores the wall-clock digits and hands back naive datetimes. We
    always store UTC and re-attach UTC on the way out, so callers never see a naive datetime.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass a timezone-aware datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SynthesisRow(Base):
    """One rendered synthesis: what was said, how, and where its audio lives."""

    __tablename__ = "syntheses"

    # Strings are unbounded on purpose: PostgreSQL enforces VARCHAR(n) but SQLite ignores it, and
    # the same input must not succeed on one backend and fail on the other.
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner_id: Mapped[str | None] = mapped_column(String)
    source: Mapped[str] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text)
    voice: Mapped[str] = mapped_column(String)
    model: Mapped[str] = mapped_column(String)
    format: Mapped[str] = mapped_column(String)
    sample_rate: Mapped[int] = mapped_column(Integer)
    speed: Mapped[float] = mapped_column(Float)
    characters: Mapped[int] = mapped_column(Integer)
    audio_seconds: Mapped[float] = mapped_column(Float)
    compute_seconds: Mapped[float] = mapped_column(Float)
    audio_key: Mapped[str] = mapped_column(String)
    audio_bytes: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    api_key_id: Mapped[str | None] = mapped_column(String)  # the API key that asked, for usage per key

    __table_args__ = (
        # History pages are "this owner's syntheses, newest first": one composite index serves that
        # and any lookup by owner alone (leading column), so owner_id needs no index of its own.
        Index("ix_syntheses_owner_id_created_at", "owner_id", "created_at"),
        # Listing across owners (admin views, usage over a period, retention sweeps).
        Index("ix_syntheses_created_at", "created_at"),
    )
