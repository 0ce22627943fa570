"""Tables for interview practice: one row per interview (its scenario as it was, where it is, the judged
answers and the report) and its turns (who said what, in order, with times in the recording)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vocalis.store.tables import Base, UtcDateTime, utcnow


class InterviewRow(Base):
    """A practice interview. ``scenario`` is a JSON copy of the scenario when it started, so editing
    or retiring a scenario later never changes an interview already run; ``answers`` holds each
    question's evaluation, ``report`` the whole report once it ended."""

    __tablename__ = "interviews"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner_id: Mapped[str | None] = mapped_column(String)
    scenario_id: Mapped[str] = mapped_column(String(60))
    language: Mapped[str] = mapped_column(String(8))
    voice: Mapped[str | None] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(10))  # voice, text
    status: Mapped[str] = mapped_column(String(20))  # created, active, paused, completed, interrupted
    scenario: Mapped[str] = mapped_column(Text)
    progress: Mapped[str] = mapped_column(Text)  # JSON Progress
    answers: Mapped[str] = mapped_column(Text, default="{}")  # JSON {question_id: evaluation}
    report: Mapped[str | None] = mapped_column(Text)
    overall: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    recording_key: Mapped[str | None] = mapped_column(String)  # both voices, one Ogg Opus timeline

    __table_args__ = (
        Index("ix_interviews_owner_id_created_at", "owner_id", "created_at"),
        Index("ix_interviews_owner_id_scenario_id", "owner_id", "scenario_id"),
    )


class InterviewTurnRow(Base):
    __tablename__ = "interview_turns"

    interview_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker: Mapped[str] = mapped_column(String(12))  # interviewer, candidate
    kind: Mapped[str] = mapped_column(String(20))  # opening, question, follow_up, answer, closing...
    question_id: Mapped[str | None] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text)
    start_s: Mapped[float | None] = mapped_column(Float)  # in the recording, when there is one
    end_s: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
