"""The live coaching protocol (``WS /ws/session/{id}``): what the speaker's client sends and receives.

In: ``audio_chunk`` (base64 16-bit mono PCM, the original brief's message) or binary frames of the
same PCM at the rate given by ``start``; ``start``, ``pause``, ``resume``, ``stop``, ``config`` and
``ping``. Out: ``session_started``, ``metrics_update`` a few times a second, ``transcript`` (words
with times as they are recognised), ``realtime_feedback`` (one short cue at a time),
``milestone_achieved``, ``coaching_result`` (the report) and ``error`` with a stable code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from vocalis.realtime.codec import EventCodec
from vocalis.realtime.events import AudioChunkMessage, Event, Pcm16Audio, Start


@dataclass(frozen=True)
class Pause(Event):
    type: ClassVar[str] = "pause"


@dataclass(frozen=True)
class Resume(Event):
    type: ClassVar[str] = "resume"


@dataclass(frozen=True)
class Stop(Event):
    type: ClassVar[str] = "stop"


@dataclass(frozen=True)
class ConfigChange(Event):
    """Change focus areas, cue frequency or live feedback mid-session."""

    type: ClassVar[str] = "config"
    focus: list[str] | None = None
    feedback_frequency: float | None = None
    real_time_feedback: bool | None = None
    target_wpm: list[int] | None = None


@dataclass(frozen=True)
class SessionStarted(Event):
    type: ClassVar[str] = "session_started"
    session_id: str
    status: str
    language: str
    sample_rate: int
    resumed_at: float  # seconds of audio already received (0 for a new session)
    config: dict[str, Any]


@dataclass(frozen=True)
class StatusChanged(Event):
    type: ClassVar[str] = "status"
    status: str
    elapsed_seconds: float


@dataclass(frozen=True)
class MetricsUpdate(Event):
    type: ClassVar[str] = "metrics_update"
    elapsed_seconds: float
    speaking: bool
    words_per_minute: float | None  # over the last minute of transcribed speech
    target_wpm: list[int]
    filler_count: int
    fillers_per_minute: float | None
    last_filler: str | None
    loudness_lufs: float | None  # momentary (last 400 ms)
    pitch_hz: float | None
    pitch_trend: str | None  # rising, falling, steady (over the last 10 s)
    pitch_variation_semitones: float | None
    current_pause_seconds: float
    pause_count: int
    long_pause_count: int
    word_count: int
    transcript_lag_seconds: float  # finished speech not yet transcribed
    processing_ms: list[float]  # what each audio chunk since the last update took the server


@dataclass(frozen=True)
class TranscriptUpdate(Event):
    type: ClassVar[str] = "transcript"
    final: bool
    text: str
    words: list[dict[str, Any]] = field(default_factory=list)  # {text, start, end, probability}


@dataclass(frozen=True)
class RealtimeFeedback(Event):
    type: ClassVar[str] = "realtime_feedback"
    feedback_type: str  # a stable code: pace_fast, filler_burst, long_pause, ...
    category: str  # technique, delivery, content
    severity: str  # info, warning, critical
    message: str
    score: float
    suggestions: list[str]
    at: float  # seconds into the talk


@dataclass(frozen=True)
class MilestoneAchieved(Event):
    type: ClassVar[str] = "milestone_achieved"
    code: str
    title: str
    description: str


@dataclass(frozen=True)
class CoachingResult(Event):
    type: ClassVar[str] = "coaching_result"
    session_id: str
    status: str
    report: dict[str, Any]


INCOMING: tuple[type[Event], ...] = (Start, AudioChunkMessage, Pause, Resume, Stop, ConfigChange)
OUTGOING: tuple[type[Event], ...] = (
    SessionStarted,
    StatusChanged,
    MetricsUpdate,
    TranscriptUpdate,
    RealtimeFeedback,
    MilestoneAchieved,
    CoachingResult,
)


def coaching_codec() -> EventCodec:
    return EventCodec(INCOMING, OUTGOING, binary_in=Pcm16Audio)
