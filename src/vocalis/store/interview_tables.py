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
    assignment_id: Mapped[str | None] = mapped_column(String(32))  # started for a recruiter's assignment

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


class ScenarioRow(Base):
    """A scenario written by a recruiter or trainer: its document (validated like the built-in files),
    who may see it and whether candidates can start it yet."""

    __tablename__ = "interview_scenarios"

    id: Mapped[str] = mapped_column(String(60), primary_key=True)
    owner_id: Mapped[str] = mapped_column(String)
    language: Mapped[str] = mapped_column(String(8))
    document: Mapped[str] = mapped_column(Text)  # JSON Scenario
    visibility: Mapped[str] = mapped_column(String(10))  # private, shared, public
    status: Mapped[str] = mapped_column(String(10))  # draft, published, retired
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (Index("ix_interview_scenarios_owner_id", "owner_id"),)


class ScenarioShareRow(Base):
    __tablename__ = "interview_scenario_shares"

    scenario_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)


class AssignmentRow(Base):
    """A scenario a recruiter asked a candidate to practise; interviews started for it are theirs to see."""

    __tablename__ = "interview_assignments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    recruiter_id: Mapped[str] = mapped_column(String)
    candidate_id: Mapped[str] = mapped_column(String)
    scenario_id: Mapped[str] = mapped_column(String(60))
    language: Mapped[str] = mapped_column(String(8))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (
        Index("ix_interview_assignments_recruiter_id", "recruiter_id"),
        Index("ix_interview_assignments_candidate_id", "candidate_id"),
    )


class InterviewShareRow(Base):
    """A candidate showing one of their interviews to someone (a recruiter or a trainer)."""

    __tablename__ = "interview_shares"

    interview_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
