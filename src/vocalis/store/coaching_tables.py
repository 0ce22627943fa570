"""Tables for live coaching: one row per session (its settings, state, recording and results), each
user's goals, and the milestones each user was awarded (once each)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vocalis.store.tables import Base, UtcDateTime, utcnow


class CoachingSessionRow(Base):
    """A rehearsal: created, then live (or an uploaded recording), then completed with its report.

    Results are JSON documents written when the session ends (or as the live stream goes, for the
    metrics kept up to the last second received): ``report`` is the full analysis and feedback,
    ``timelines`` the pace, volume, pitch, fillers, pauses and words over time, ``summary`` the few
    numbers progress is computed from."""

    __tablename__ = "coaching_sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner_id: Mapped[str | None] = mapped_column(String)
    title: Mapped[str] = mapped_column(String(200))
    session_type: Mapped[str] = mapped_column(String(20))  # practice, presentation, training
    language: Mapped[str] = mapped_column(String(8))
    config: Mapped[str] = mapped_column(Text)  # JSON SessionConfig
    status: Mapped[str] = mapped_column(String(20))  # created, active, paused, completed, interrupted
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    audio_seconds: Mapped[float] = mapped_column(Float, default=0.0)  # received so far
    recording_key: Mapped[str | None] = mapped_column(String)  # Ogg Opus blob
    upload_key: Mapped[str | None] = mapped_column(String)  # an uploaded talk waiting for its job
    report: Mapped[str | None] = mapped_column(Text)
    timelines: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    job_id: Mapped[str | None] = mapped_column(String(32))  # a long recording's analysis job

    __table_args__ = (Index("ix_coaching_sessions_owner_id_created_at", "owner_id", "created_at"),)


class CoachingGoalsRow(Base):
    __tablename__ = "coaching_goals"

    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    goals: Mapped[str] = mapped_column(Text)  # JSON Goals
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class CoachingMilestoneRow(Base):
    __tablename__ = "coaching_milestones"

    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    session_id: Mapped[str | None] = mapped_column(String(32))
    achieved_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
