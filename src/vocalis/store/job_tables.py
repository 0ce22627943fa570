"""Tables for durable jobs: one row per job, one per saved segment of its audio."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from vocalis.store.tables import Base, UtcDateTime, utcnow


class JobRow(Base):
    """A long synthesis: what to say, how far it got, and who is working on it (the claim)."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner_id: Mapped[str | None] = mapped_column(String)
    api_key_id: Mapped[str | None] = mapped_column(String)
    # The same key from the same owner returns the same job (retried submissions create nothing new).
    idempotency_key: Mapped[str | None] = mapped_column(String)
    request_hash: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String)  # the interface that asked: "jobs", "brief", "voices"
    # "speech" renders ``text``; "clone" builds the cloned voice whose id is in ``voice``.
    kind: Mapped[str] = mapped_column(String, default="speech", server_default="speech")
    status: Mapped[str] = mapped_column(String)  # queued, running, succeeded, failed, cancelled
    text: Mapped[str] = mapped_column(Text)
    voice: Mapped[str] = mapped_column(String)
    speed: Mapped[float] = mapped_column(Float)
    format: Mapped[str] = mapped_column(String)
    sample_rate: Mapped[int | None] = mapped_column(Integer)  # requested; None: the engine's own
    bitrate: Mapped[int | None] = mapped_column(Integer)
    timestamps: Mapped[bool] = mapped_column(Boolean)
    language: Mapped[str | None] = mapped_column(String(35), nullable=True)  # reading rules (0007)
    characters: Mapped[int] = mapped_column(Integer)
    model: Mapped[str | None] = mapped_column(String)  # known once a worker has planned the text
    chunks_total: Mapped[int | None] = mapped_column(Integer)
    chunks_done: Mapped[int] = mapped_column(Integer, default=0)
    chars_done: Mapped[int] = mapped_column(Integer, default=0)
    audio_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    compute_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    retries: Mapped[int] = mapped_column(Integer, default=0)
    # Whoever holds the token owns the job; every write a worker makes checks it still does.
    claim_token: Mapped[str | None] = mapped_column(String(32))
    claimed_by: Mapped[str | None] = mapped_column(String)  # "host:pid:id" of the worker
    heartbeat_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    run_after: Mapped[datetime | None] = mapped_column(UtcDateTime)  # retry back-off
    dispatched_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # last message sent to Celery
    error_code: Mapped[str | None] = mapped_column(String)
    error_message: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)  # JSON progress beyond chunks (a clone's stage, best)
    synthesis_id: Mapped[str | None] = mapped_column(ForeignKey("syntheses.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (
        UniqueConstraint("owner_id", "idempotency_key"),
        # Workers look for the oldest queued job; retention for old finished ones.
        Index("ix_jobs_status_created_at", "status", "created_at"),
        Index("ix_jobs_owner_id_created_at", "owner_id", "created_at"),
    )


class JobSegmentRow(Base):
    """Consecutive text chunks rendered and saved together: raw PCM in a part file, words as JSON.

    The primary key makes a segment impossible to record twice, whatever two workers believe.
    """

    __tablename__ = "job_segments"

    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    first_chunk: Mapped[int] = mapped_column(Integer, primary_key=True)
    end_chunk: Mapped[int] = mapped_column(Integer)  # exclusive
    char_end: Mapped[int] = mapped_column(Integer)  # offset in the text just past the last chunk
    samples: Mapped[int] = mapped_column(BigInteger)
    sample_rate: Mapped[int] = mapped_column(Integer)
    part_key: Mapped[str] = mapped_column(String)
    part_bytes: Mapped[int] = mapped_column(BigInteger)
    crc32: Mapped[int] = mapped_column(BigInteger)
    compute_seconds: Mapped[float] = mapped_column(Float)
    words: Mapped[str | None] = mapped_column(Text)  # JSON, times from the segment's start
    worker: Mapped[str] = mapped_column(String)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
