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
    title: str = Field(
        min_length=1, max_length=200, description="What the talk is.", examples=["Quarterly review rehearsal"]
    )
    session_type: SessionTypeName = Field(
        default="practice", description="practice, presentation or training: picks the reference ranges."
    )
    language: Literal["en", "fr"] = Field(default="en", description="Cues and the report are written in it.")
    config: SessionConfigIn = Field(default_factory=SessionConfigIn, description="How the session coaches.")


class SessionUpdate(StrictBody):
    title: str | None = Field(default=None, min_length=1, max_length=200, description="A new title.")
    config: SessionConfigIn | None = Field(default=None, description="New settings (replace the old ones).")


class SessionOut(BaseModel):
    id: str = Field(description="Session id.")
    title: str = Field(description="What the talk is.")
    session_type: SessionTypeName = Field(description="practice, presentation or training.")
    language: str = Field(description="en or fr: the language of cues and the report.")
    status: Literal["created", "active", "paused", "completed", "interrupted"] = Field(
        description="created (nothing received), active, paused (by the speaker or a dropped connection), "
        "completed (with its report), interrupted (the server stopped; kept up to the last chunk)."
    )
    config: dict[str, Any] = Field(description="Its settings, as sent (defaults filled in).")
    created_at: datetime = Field(description="When it was created.")
    started_at: datetime | None = Field(description="When the first audio arrived.")
    ended_at: datetime | None = Field(description="When it was completed or interrupted.")
    audio_seconds: float = Field(description="Seconds of audio received so far.")
    has_recording: bool = Field(description="Its Ogg Opus recording can be fetched at /recording.")
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
    sessions: list[SessionOut] = Field(description="This page, newest first.")
    total: int = Field(description="Sessions matching the filters.")
    limit: int = Field(description="Page size.")
    offset: int = Field(description="Sessions skipped.")


class FeedbackRequest(StrictBody):
    focus: list[FocusName] | None = Field(default=None, description="Areas to cover; default: the session's.")


class GoalsIn(StrictBody):
    wpm_low: float | None = Field(
        default=None, description="Slowest pace aimed for (words/min).", examples=[130]
    )
    wpm_high: float | None = Field(
        default=None, description="Fastest pace aimed for (words/min).", examples=[160]
    )
    max_fillers_per_minute: float | None = Field(
        default=None, description="Fillers a minute at most.", examples=[3]
    )
    min_pitch_variation_semitones: float | None = Field(
        default=None, description="Pitch variation at least (semitones): livelier intonation."
    )
    max_long_pauses_per_minute: float | None = Field(
        default=None, description="Long pauses a minute at most."
    )


class ChunkMetrics(BaseModel):
    """What one chunk sent over HTTP changed: the session's live metrics and any cue."""

    session_id: str = Field(description="The session.")
    received_seconds: float = Field(description="Seconds of audio the session has taken so far.")
    metrics: dict[str, Any] = Field(description="The live metrics, as in the WebSocket's metrics_update.")
    transcript: list[dict[str, Any]] = Field(description="Final words recognised since the last chunk.")
    caption: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Provisional words of the speech still going on (no final words yet).",
    )
    feedback: dict[str, Any] | None = Field(description="A cue, or at stop {report}.")
