"""The values an analysis produces: frozen dataclasses, JSON-ready through ``SpeechAnalysis.to_dict``.

Times are seconds from the start of the audio. A metric that cannot be measured (no speech, too
little voiced audio) is None rather than a made-up number; no float is NaN or infinite.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from vocalis.engines.protocols import SpeechSpan, Transcript

Language = Literal["en", "fr"]
FeedbackType = Literal["strength", "improvement", "notice"]
Severity = Literal["info", "low", "medium", "high"]


@dataclass(frozen=True)
class TimeRange:
    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class PaceWindow:
    start: float
    end: float
    words: int
    words_per_minute: float


@dataclass(frozen=True)
class PaceMetrics:
    word_count: int  # words said, hesitation sounds (um, euh) not counted
    talk_seconds: float  # first speech to last speech
    speaking_seconds: float  # talk time minus pauses
    words_per_minute: float  # over the talk time
    articulation_rate: float  # words per minute of speaking time
    window_seconds: float
    windows: tuple[PaceWindow, ...]
    variation: float | None  # coefficient of variation of the windows' rates; None under two windows


@dataclass(frozen=True)
class Pause:
    start: float
    end: float
    duration: float
    long: bool


@dataclass(frozen=True)
class PauseMetrics:
    count: int
    total_seconds: float
    longest_seconds: float
    long_count: int
    pause_ratio: float  # pause time over talk time
    per_minute: float
    pauses: tuple[Pause, ...]
    min_pause_seconds: float
    long_pause_seconds: float


@dataclass(frozen=True)
class Filler:
    text: str  # canonical form, e.g. "um", "you know", "du coup"
    heard: str  # as transcribed
    start: float
    end: float


@dataclass(frozen=True)
class FillerCount:
    text: str
    count: int


@dataclass(frozen=True)
class FillerMetrics:
    count: int
    per_minute: float
    by_word: tuple[FillerCount, ...]  # most frequent first
    occurrences: tuple[Filler, ...]


@dataclass(frozen=True)
class QuietStretch:
    start: float
    end: float
    loudness_lufs: float


@dataclass(frozen=True)
class VolumeMetrics:
    integrated_lufs: float  # BS.1770-4 over the whole file
    speech_lufs: float | None  # gated loudness of the 400 ms blocks while speaking
    variation_lu: float | None  # standard deviation of short-term loudness while speaking
    peak_dbfs: float
    clipped_fraction: float  # samples inside runs flattened at full scale
    clipping: bool
    too_quiet: bool
    quiet_stretches: tuple[QuietStretch, ...]


@dataclass(frozen=True)
class PitchMetrics:
    median_hz: float
    low_hz: float  # 5th percentile
    high_hz: float  # 95th percentile
    range_semitones: float  # from low_hz to high_hz
    variation_semitones: float  # standard deviation around the median
    voiced_seconds: float
    monotone: bool


@dataclass(frozen=True)
class MumbledStretch:
    start: float
    end: float
    text: str
    confidence: float


@dataclass(frozen=True)
class ClarityMetrics:
    snr_db: float | None  # speech power over background power; None when it cannot be told apart
    speech_dbfs: float
    noise_dbfs: float | None
    mean_confidence: float  # mean word probability from the recogniser, fillers excluded
    low_confidence_words: int
    mumbled: tuple[MumbledStretch, ...]


@dataclass(frozen=True)
class DimensionScore:
    dimension: str
    score: int  # 0-100
    value: float | None  # the measured value the score is mostly about
    target: str  # the range that scores best, in words


@dataclass(frozen=True)
class Scores:
    overall: int
    dimensions: tuple[DimensionScore, ...]

    def of(self, dimension: str) -> DimensionScore | None:
        return next((d for d in self.dimensions if d.dimension == dimension), None)


@dataclass(frozen=True)
class Feedback:
    type: FeedbackType
    category: str
    severity: Severity
    message: str
    score: int | None
    suggestions: tuple[str, ...]


@dataclass(frozen=True)
class SpeechAnalysis:
    language: Language
    duration: float
    speech_detected: bool
    transcript: Transcript
    speech_segments: tuple[SpeechSpan, ...]
    pace: PaceMetrics | None
    pauses: PauseMetrics | None
    fillers: FillerMetrics | None
    volume: VolumeMetrics
    pitch: PitchMetrics | None
    clarity: ClarityMetrics | None
    scores: Scores | None
    feedback: tuple[Feedback, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types only (tuples become lists); the transcript's words are listed flat too."""
        data: dict[str, Any] = _plain(dataclasses.asdict(self))
        data["transcript"]["words"] = [_plain(dataclasses.asdict(w)) for w in self.transcript.words]
        return data


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    return value
