"""A coaching session as the service sees it: its kind, language, settings and state."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from vocalis.errors import InvalidInput

MAX_DURATION_S = 3 * 3600.0  # a session's own limit can be set up to this (a long rehearsal)
DEFAULT_DURATION_S = 1800.0
MIN_FEEDBACK_EVERY_S = 5.0  # cues closer than this distract more than they help


class SessionType(enum.StrEnum):
    PRACTICE = "practice"
    PRESENTATION = "presentation"
    TRAINING = "training"


class SessionStatus(enum.StrEnum):
    CREATED = "created"  # nothing received yet
    ACTIVE = "active"
    PAUSED = "paused"  # by the speaker, or by a dropped connection until it comes back
    COMPLETED = "completed"
    INTERRUPTED = "interrupted"  # the server stopped while it was live: kept up to the last second


class Focus(enum.StrEnum):
    PACE = "pace"
    FILLERS = "fillers"
    PAUSES = "pauses"
    VOLUME = "volume"
    PITCH = "pitch"
    CLARITY = "clarity"
    CONTENT = "content"


ALL_FOCUS = tuple(Focus)
LANGUAGES = ("en", "fr")
LIVE_STATUSES = (SessionStatus.CREATED, SessionStatus.ACTIVE, SessionStatus.PAUSED)


@dataclass(frozen=True)
class SessionConfig:
    max_duration: float = DEFAULT_DURATION_S  # seconds of audio; the session stops itself there
    feedback_frequency: float = 15.0  # at most one live cue per this many seconds
    real_time_feedback: bool = True
    ai_coaching: bool = False  # a configured chat model writes a personal summary into the report
    target_wpm: tuple[int, int] | None = None  # None: the reference range of the type and language
    focus: tuple[Focus, ...] = ALL_FOCUS

    def __post_init__(self) -> None:
        if not 10 <= self.max_duration <= MAX_DURATION_S:
            raise InvalidInput(
                f"max_duration is in seconds, from 10 to {MAX_DURATION_S:g}", field="config.max_duration"
            )
        if not MIN_FEEDBACK_EVERY_S <= self.feedback_frequency <= 600:
            raise InvalidInput(
                f"feedback_frequency is in seconds, from {MIN_FEEDBACK_EVERY_S:g} to 600",
                field="config.feedback_frequency",
            )
        if self.target_wpm is not None:
            low, high = self.target_wpm
            if not 40 <= low < high <= 300:
                raise InvalidInput(
                    "target_wpm is a range [low, high] of words per minute, 40 to 300, low below high",
                    field="config.target_wpm",
                )
        if not self.focus:
            raise InvalidInput("focus names at least one area", field="config.focus")

    def to_json(self) -> dict[str, Any]:
        return {
            "max_duration": self.max_duration,
            "feedback_frequency": self.feedback_frequency,
            "real_time_feedback": self.real_time_feedback,
            "ai_coaching": self.ai_coaching,
            "target_wpm": list(self.target_wpm) if self.target_wpm else None,
            "focus": [f.value for f in self.focus],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SessionConfig:
        wpm = data.get("target_wpm")
        return cls(
            max_duration=float(data.get("max_duration", DEFAULT_DURATION_S)),
            feedback_frequency=float(data.get("feedback_frequency", 15.0)),
            real_time_feedback=bool(data.get("real_time_feedback", True)),
            ai_coaching=bool(data.get("ai_coaching", False)),
            target_wpm=(int(wpm[0]), int(wpm[1])) if wpm else None,
            focus=tuple(Focus(f) for f in data.get("focus", [f.value for f in ALL_FOCUS])),
        )

    def changed(self, **values: Any) -> SessionConfig:
        return replace(self, **values)


@dataclass(frozen=True)
class NewSession:
    title: str
    session_type: SessionType
    language: str
    config: SessionConfig = field(default_factory=SessionConfig)

    def __post_init__(self) -> None:
        if not self.title.strip() or len(self.title) > 200:
            raise InvalidInput("a title of 1 to 200 characters is needed", field="title")
        if self.language not in LANGUAGES:
            raise InvalidInput(
                f"coaching is available in {', '.join(LANGUAGES)}",
                field="language",
                supported=list(LANGUAGES),
            )


@dataclass(frozen=True)
class CoachingSession:
    id: str
    owner_id: str | None
    title: str
    session_type: SessionType
    language: str
    config: SessionConfig
    status: SessionStatus
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    updated_at: datetime
    audio_seconds: float
    has_recording: bool
    job_id: str | None

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES
