"""Reference ranges per session type and language, each saying where its numbers come from.

Few of these numbers have a primary study behind them: speaking coaches agree roughly, and where that
is all there is the source says "commonly cited coaching guidance". For presentations the filler,
pause, loudness and pitch ranges are the targets the analysis scores against
(``vocalis.analysis.scoring.Targets``); practice and training allow a little more room. The pace band
is the one a live session holds the speaker to when it sets no ``target_wpm`` of its own.

Each metric also knows which direction is better (:class:`MetricSpec`), which the progress trends and
milestones use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from vocalis.coaching.sessions import LANGUAGES, SessionType
from vocalis.errors import InvalidInput

Metric = Literal[
    "words_per_minute",
    "fillers_per_minute",
    "pause_ratio",
    "long_pauses_per_minute",
    "speech_lufs",
    "pitch_variation_semitones",
    "overall_score",
    "duration_seconds",
    "pace_in_range_fraction",
]
# "in_range": better the closer to the range (inside is best); "none": no direction is better (duration).
Better = Literal["lower", "higher", "in_range", "none"]

SESSION_TYPES: tuple[SessionType, ...] = tuple(SessionType)


@dataclass(frozen=True)
class MetricSpec:
    metric: Metric
    unit: str
    better: Better
    # A change smaller than this over a run of sessions is noise, not a trend: a "steady" metric.
    noticeable_change: float


METRICS: tuple[MetricSpec, ...] = (
    MetricSpec("words_per_minute", "words/min", "in_range", 5.0),
    MetricSpec("fillers_per_minute", "fillers/min", "lower", 0.5),
    MetricSpec("pause_ratio", "fraction of the talk", "in_range", 0.03),
    MetricSpec("long_pauses_per_minute", "pauses of 2 s or more/min", "lower", 0.25),
    MetricSpec("speech_lufs", "LUFS", "in_range", 2.0),
    MetricSpec("pitch_variation_semitones", "semitones", "higher", 0.3),
    MetricSpec("overall_score", "0-100", "higher", 5.0),
    MetricSpec("duration_seconds", "s", "none", 60.0),
    MetricSpec("pace_in_range_fraction", "fraction of pace windows", "higher", 0.05),
)


def metric_spec(metric: Metric) -> MetricSpec:
    return next(spec for spec in METRICS if spec.metric == metric)


@dataclass(frozen=True)
class ReferenceRange:
    """A range a value is judged against; an open end is None (fillers have no lower bound)."""

    metric: Metric
    low: float | None
    high: float | None
    unit: str
    source: str

    def contains(self, value: float) -> bool:
        return self.distance(value) == 0.0

    def distance(self, value: float) -> float:
        """How far ``value`` lies outside the range, in the metric's unit; 0 inside."""
        if self.low is not None and value < self.low:
            return self.low - value
        if self.high is not None and value > self.high:
            return value - self.high
        return 0.0


@dataclass(frozen=True)
class References:
    session_type: SessionType
    language: str
    ranges: tuple[ReferenceRange, ...]

    def get(self, metric: Metric) -> ReferenceRange | None:
        return next((r for r in self.ranges if r.metric == metric), None)


_NCVS = "the National Center for Voice and Speech puts conversational US English near 150 wpm"
_PACE_SOURCES: dict[tuple[str, bool], tuple[float, float, str]] = {
    ("en", True): (
        130.0,
        160.0,
        f"Commonly cited coaching guidance for presentations (about 130-160 wpm); {_NCVS}, and Lucas, "
        "The Art of Public Speaking, gives 125-150 wpm for US speakers with no single best rate",
    ),
    ("en", False): (
        100.0,
        165.0,
        f"Microsoft PowerPoint Speaker Coach guidance (about 100-165 wpm); {_NCVS}",
    ),
    ("fr", True): (
        120.0,
        150.0,
        "Commonly cited French coaching guidance (120-150, some say 120-160, mots par minute for a "
        "talk without notes); no primary study",
    ),
    ("fr", False): (
        100.0,
        160.0,
        "Commonly cited French coaching guidance (120-160 mots par minute), widened below for "
        "rehearsal as Speaker Coach does in English; no primary study",
    ),
}
_TARGETS = "the target Vocalis scores against"


def _ranges(session_type: SessionType, language: str) -> tuple[ReferenceRange, ...]:
    presentation = session_type == SessionType.PRESENTATION
    pace_low, pace_high, pace_source = _PACE_SOURCES[(language, presentation)]
    fillers = 2.0 if presentation else 3.0
    long_pauses = 0.5 if presentation else 1.0
    return (
        ReferenceRange("words_per_minute", pace_low, pace_high, "words/min", pace_source),
        ReferenceRange(
            "fillers_per_minute",
            None,
            fillers,
            "fillers/min",
            f"Commonly cited coaching guidance (at most {fillers:g} fillers a minute"
            + (f", {_TARGETS})" if presentation else " while practising)")
            + "; no primary standard",
        ),
        ReferenceRange(
            "pause_ratio",
            0.05,
            0.30,
            "fraction of the talk",
            f"Commonly cited coaching guidance and {_TARGETS}: silence between 5% and 30% of the "
            "talk, neither breathless nor halting; no primary standard",
        ),
        ReferenceRange(
            "long_pauses_per_minute",
            None,
            long_pauses,
            "pauses of 2 s or more/min",
            f"Commonly cited coaching guidance: deliberate short pauses help, long ones lose the room "
            f"(at most {long_pauses:g} pause of 2 s or more a minute); no primary standard",
        ),
        ReferenceRange(
            "speech_lufs",
            -30.0,
            -12.0,
            "LUFS",
            f"{_TARGETS.capitalize()}: speech a listener need not turn up or down. Not a broadcast "
            "norm (EBU R 128 normalises whole programmes to -23 LUFS)",
        ),
        ReferenceRange(
            "pitch_variation_semitones",
            2.0,
            None,
            "semitones",
            f"Commonly cited coaching guidance and {_TARGETS}: a spread of 2 semitones or more sounds "
            "lively, under about 1.5 flat. Measured as in Hincks & Edlund (2009, Language Learning & "
            "Technology 13(3)): the standard deviation of pitch in semitones; Hincks (Interspeech "
            "2005) found listeners rate speakers with more pitch variation as livelier",
        ),
    )


def session_type_of(value: object) -> SessionType:
    """The session type ``value`` names (the enum or its string); InvalidInput naming the field if none."""
    if isinstance(value, str) and value in SESSION_TYPES:
        return SessionType(value)
    raise InvalidInput(
        f"session_type must be one of {', '.join(SESSION_TYPES)}", field="session_type", value=repr(value)
    )


def check_language(value: object) -> str:
    if isinstance(value, str) and value in LANGUAGES:
        return value
    raise InvalidInput(f"language must be one of {', '.join(LANGUAGES)}", field="language", value=repr(value))


def references(session_type: SessionType, language: str) -> References:
    session_type, language = session_type_of(session_type), check_language(language)
    return References(session_type, language, _ranges(session_type, language))


def all_references() -> tuple[References, ...]:
    """Every session type in every language, for a page that shows them all."""
    return tuple(references(t, lang) for t in SESSION_TYPES for lang in LANGUAGES)
