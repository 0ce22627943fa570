"""Coaching sessions at the API edge: what a client sends to create or change one, and what it gets."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from vocalis.api.schemas.base import StrictBody
from vocalis.coaching.sessions import (
    DEFAULT_DURATION_S,
    MAX_DURATION_S,
    CoachingSession,
    Focus,
    SessionConfig,
)

SessionTypeName = Literal["practice", "presentation", "training"]
FocusName = Literal["pace", "fillers", "pauses", "volume", "pitch", "clarity", "content"]


class SessionConfigIn(StrictBody):
    max_duration: float = Field(
        default=DEFAULT_DURATION_S,
        ge=10,
        le=MAX_DURATION_S,
        description="Seconds of audio before the session stops itself.",
    )
    feedback_frequency: float = Field(
        default=15.0, ge=5, le=600, description="At most one live cue per this many seconds."
    )
    real_time_feedback: bool = Field(default=True, description="Cues while speaking (off: the report only).")
    ai_coaching: bool = Field(
        default=False,
        description="A configured chat model (VOCALIS_CHAT__BASE_URL) adds a personal summary to the report, "
        "written from the measured numbers only; without one the built-in feedback stands.",
    )
    target_wpm: list[int] | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="Pace band [low, high] in words per minute; default: the type's reference.",
        examples=[[130, 160]],
    )
    focus: list[FocusName] = Field(
        default=[f.value for f in Focus], min_length=1, description="Areas cues and feedback cover."
    )

    def to_config(self) -> SessionConfig:
        return SessionConfig(
            max_duration=self.max_duration,
            feedback_frequency=self.feedback_frequency,
            real_time_feedback=self.real_time_feedback,
            ai_coaching=self.ai_coaching,
            target_wpm=(self.target_wpm[0], self.target_wpm[1]) if self.target_wpm else None,
            focus=tuple(Focus(f) for f in dict.fromkeys(self.focus)),
        )


class SessionIn(StrictBody):
    title: str = Field(min_length=1, max_length=200, examples=["Quarterly review rehearsal"])
    session_type: SessionTypeName = "practice"
    language: Literal["en", "fr"] = Field(default="en", description="Cues and the report are written in it.")
    config: SessionConfigIn = Field(default_factory=SessionConfigIn)


class SessionUpdate(StrictBody):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    config: SessionConfigIn | None = None


class SessionOut(BaseModel):
    id: str
    title: str
    session_type: SessionTypeName
    language: str
    status: Literal["created", "active", "paused", "completed", "interrupted"]
    config: dict[str, Any]
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    audio_seconds: float = Field(description="Seconds of audio received so far.")
    has_recording: bool
    job_id: str | None = Field(description="The analysis job of a long uploaded recording, if any.")

    @classmethod
    def of(cls, s: CoachingSession) -> SessionOut:
        return cls(
            id=s.id,
            title=s.title,
            session_type=s.session_type.value,
            language=s.language,
            status=s.status.value,
            config=s.config.to_json(),
            created_at=s.created_at,
            started_at=s.started_at,
            ended_at=s.ended_at,
            audio_seconds=round(s.audio_seconds, 2),
            has_recording=s.has_recording,
            job_id=s.job_id,
        )


class SessionPage(BaseModel):
    sessions: list[SessionOut]
    total: int
    limit: int
    offset: int


class FeedbackRequest(StrictBody):
    focus: list[FocusName] | None = Field(default=None, description="Areas to cover; default: the session's.")


class GoalsIn(StrictBody):
    wpm_low: float | None = Field(default=None, examples=[130])
    wpm_high: float | None = Field(default=None, examples=[160])
    max_fillers_per_minute: float | None = Field(default=None, examples=[3])
    min_pitch_variation_semitones: float | None = None
    max_long_pauses_per_minute: float | None = None


class ChunkMetrics(BaseModel):
    """What one chunk sent over HTTP changed: the session's live metrics and any cue."""

    session_id: str
    received_seconds: float
    metrics: dict[str, Any]
    transcript: list[dict[str, Any]] = Field(description="Final words recognised since the last chunk.")
    caption: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Provisional words of the speech still going on (no final words yet).",
    )
    feedback: dict[str, Any] | None = Field(description="A cue, or at stop {report}.")
