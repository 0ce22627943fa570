"""Progress across coaching sessions: per metric, the values in time order, a trend, a goal, a range.

Pure logic on the :class:`SessionSummary` values the store loads. A trend is the least-squares slope
of a metric per session; whether it is "improving" depends on the metric: fewer fillers is better, a
wider pitch spread is better, a pace is better the closer it lies to its band (the user's goal, else
the session's reference range). A fitted change across the sessions smaller than the metric's
noticeable amount is "steady"; under three sessions with the metric there is "not_enough_data".
Streaks count calendar days in the user's time zone ``tz``.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Literal

from vocalis.coaching.references import (
    METRICS,
    Better,
    Metric,
    MetricSpec,
    ReferenceRange,
    check_language,
    references,
    session_type_of,
)
from vocalis.coaching.sessions import SessionType
from vocalis.errors import InvalidInput, OutOfRange

MIN_TREND_POINTS = 3
RECENT_SESSIONS = 5
# "not_applicable": no direction is better for the metric (a talk's duration).
TrendWord = Literal["improving", "steady", "worsening", "not_enough_data", "not_applicable"]


def _is_number(value: object) -> bool:
    """A finite int or float; not a bool (True is an int to Python, never a measurement)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


@dataclass(frozen=True)
class SessionSummary:
    """What one completed session measured; None where a metric could not be measured."""

    session_id: str
    session_type: SessionType  # the enum or its string ("presentation"), stored as the enum
    language: str  # "en" | "fr"
    ended_at: datetime  # timezone-aware
    duration_seconds: float
    words_per_minute: float | None = None
    fillers_per_minute: float | None = None
    pause_ratio: float | None = None
    long_pauses_per_minute: float | None = None
    speech_lufs: float | None = None
    pitch_variation_semitones: float | None = None
    overall_score: float | None = None
    pace_in_range_fraction: float | None = None  # of the talk's pace windows inside the target band

    def __post_init__(self) -> None:
        object.__setattr__(self, "session_type", session_type_of(self.session_type))
        check_language(self.language)
        if self.ended_at.utcoffset() is None:
            raise InvalidInput("ended_at must carry a time zone", field="ended_at")
        for spec in METRICS:
            value = getattr(self, spec.metric)
            if value is not None and not _is_number(value):
                raise InvalidInput(f"{spec.metric} must be a finite number", field=spec.metric)
        if not _is_number(self.duration_seconds) or self.duration_seconds < 0:
            raise InvalidInput("duration_seconds must be 0 or more", field="duration_seconds")

    def value(self, metric: Metric) -> float | None:
        value = getattr(self, metric)
        return None if value is None else float(value)

    def day(self, tz: tzinfo) -> date:
        """The calendar day the session ended on, in time zone ``tz``."""
        return self.ended_at.astimezone(tz).date()


_GOAL_LIMITS = {  # beyond these a goal is a typo, not an ambition
    "wpm_low": (40.0, 300.0),
    "wpm_high": (40.0, 300.0),
    "max_fillers_per_minute": (0.0, 30.0),
    "min_pitch_variation_semitones": (0.0, 12.0),
    "max_long_pauses_per_minute": (0.0, 10.0),
}
Bounds = tuple[float | None, float | None]


@dataclass(frozen=True)
class Goals:
    """The user's own goals, each optional. Nonsense raises InvalidInput whose details name the field."""

    wpm_low: float | None = None
    wpm_high: float | None = None
    max_fillers_per_minute: float | None = None
    min_pitch_variation_semitones: float | None = None
    max_long_pauses_per_minute: float | None = None

    def __post_init__(self) -> None:
        for field, (lowest, highest) in _GOAL_LIMITS.items():
            value = getattr(self, field)
            if value is None:
                continue
            if not _is_number(value):
                raise InvalidInput(f"{field} must be a finite number", field=field, value=repr(value))
            if not lowest <= value <= highest:
                raise OutOfRange(
                    f"{field} must be between {lowest:g} and {highest:g}",
                    field=field,
                    value=value,
                    minimum=lowest,
                    maximum=highest,
                )
        if self.wpm_low is not None and self.wpm_high is not None and self.wpm_low >= self.wpm_high:
            raise InvalidInput(
                "wpm_low must be below wpm_high", field="wpm_low", value=self.wpm_low, wpm_high=self.wpm_high
            )

    def target(self, metric: Metric) -> Bounds | None:
        """(low, high) the goals set for ``metric`` (an open side is None), or None for no goal."""
        bounds: Bounds = {
            "words_per_minute": (self.wpm_low, self.wpm_high),
            "fillers_per_minute": (None, self.max_fillers_per_minute),
            "pitch_variation_semitones": (self.min_pitch_variation_semitones, None),
            "long_pauses_per_minute": (None, self.max_long_pauses_per_minute),
        }.get(metric, (None, None))
        return None if bounds == (None, None) else bounds

    def met(self, metric: Metric, value: float) -> bool | None:
        """Whether ``value`` meets the goal for ``metric`` (bounds included); None without a goal."""
        target = self.target(metric)
        return None if target is None else _within(target, value)


def _within(bounds: Bounds, value: float) -> bool:
    low, high = bounds
    return (low is None or value >= low) and (high is None or value <= high)


@dataclass(frozen=True)
class MetricPoint:
    session_id: str
    ended_at: datetime
    value: float


@dataclass(frozen=True)
class Trend:
    direction: TrendWord
    slope_per_session: float | None  # least squares over the values, in the metric's unit per session
    change: float | None  # the fitted change from the first session to the last


@dataclass(frozen=True)
class GoalStatus:
    low: float | None
    high: float | None
    met_last: bool | None  # in the last session with the metric; None before any
    met_recent: int  # in how many of the last ``recent`` sessions with the metric
    recent: int


@dataclass(frozen=True)
class MetricProgress:
    metric: Metric
    unit: str
    better: Better
    points: tuple[MetricPoint, ...]  # in time order; sessions that could not measure it are left out
    first: MetricPoint | None
    last: MetricPoint | None
    best: MetricPoint | None  # the latest of equals; None when no direction is better
    trend: Trend
    goal: GoalStatus | None  # None when the user set no goal for the metric
    reference: ReferenceRange | None  # None when the sessions mix types or languages


@dataclass(frozen=True)
class ProgressCounts:
    sessions: int
    total_minutes: float
    active_days: int
    current_streak_days: int  # days in a row with a session, up to today (or yesterday: today is open)
    longest_streak_days: int
    last_session_at: datetime | None


@dataclass(frozen=True)
class ProgressReport:
    """Progress over the sessions matching the filters (None: all); counts and streaks included."""

    session_type: SessionType | None
    language: str | None
    counts: ProgressCounts
    metrics: tuple[MetricProgress, ...]

    def metric(self, metric: Metric) -> MetricProgress:
        return next(m for m in self.metrics if m.metric == metric)


def in_time_order(sessions: Iterable[SessionSummary]) -> tuple[SessionSummary, ...]:
    """Oldest first; sessions that ended at the same instant in id order, so the result is stable."""
    return tuple(sorted(sessions, key=lambda s: (s.ended_at, s.session_id)))


def session_days(sessions: Iterable[SessionSummary], tz: tzinfo) -> frozenset[date]:
    return frozenset(s.day(tz) for s in sessions)


def streak_ending(days: Collection[date], day: date) -> int:
    """How many days in a row, ending on ``day``, have a session."""
    length = 0
    while day - timedelta(days=length) in days:
        length += 1
    return length


def progress(
    sessions: Iterable[SessionSummary],
    goals: Goals | None = None,
    *,
    session_type: SessionType | None = None,
    language: str | None = None,
    now: datetime | None = None,
    tz: tzinfo = UTC,
) -> ProgressReport:
    """Progress per metric over the sessions of ``session_type`` in ``language`` (None: any)."""
    session_type = None if session_type is None else session_type_of(session_type)
    language = None if language is None else check_language(language)
    now = now or datetime.now(UTC)
    if now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    chosen = in_time_order(
        s for s in sessions if session_type in (None, s.session_type) and language in (None, s.language)
    )
    kinds = {(s.session_type, s.language) for s in chosen}
    if not kinds and session_type is not None and language is not None:
        kinds = {(session_type, language)}
    shared = next(iter(kinds)) if len(kinds) == 1 else None
    goals = goals or Goals()
    metrics = tuple(_metric_progress(spec, chosen, goals, shared) for spec in METRICS)
    return ProgressReport(session_type, language, _counts(chosen, now.astimezone(tz).date(), tz), metrics)


def _metric_progress(
    spec: MetricSpec,
    sessions: Sequence[SessionSummary],
    goals: Goals,
    shared: tuple[SessionType, str] | None,
) -> MetricProgress:
    measured = [(s, v) for s in sessions if (v := s.value(spec.metric)) is not None]
    points = tuple(MetricPoint(s.session_id, s.ended_at, v) for s, v in measured)
    badness = [_badness(spec, s, v, goals) for s, v in measured]
    best = None
    if spec.better != "none" and points:
        best = points[min(range(len(points)), key=lambda i: (badness[i], -i))]
    target = goals.target(spec.metric)
    goal = None
    if target is not None:
        met = [_within(target, p.value) for p in points]
        recent = met[-RECENT_SESSIONS:]
        goal = GoalStatus(target[0], target[1], met[-1] if met else None, sum(recent), len(recent))
    return MetricProgress(
        metric=spec.metric,
        unit=spec.unit,
        better=spec.better,
        points=points,
        first=points[0] if points else None,
        last=points[-1] if points else None,
        best=best,
        trend=_trend(spec, [p.value for p in points], badness),
        goal=goal,
        reference=references(*shared).get(spec.metric) if shared else None,
    )


def _badness(spec: MetricSpec, session: SessionSummary, value: float, goals: Goals) -> float:
    """A number that falls as the metric gets better (0 for a metric with no better direction)."""
    if spec.better == "lower":
        return value
    if spec.better == "higher":
        return -value
    if spec.better == "in_range":
        # The user's goal band wins over the reference; a goal with one side leaves the other open.
        target = goals.target(spec.metric)
        if target is not None:
            return ReferenceRange(spec.metric, target[0], target[1], spec.unit, "goal").distance(value)
        reference = references(session.session_type, session.language).get(spec.metric)
        return 0.0 if reference is None else reference.distance(value)
    return 0.0


def slope(values: Sequence[float]) -> float:
    """Least-squares slope of ``values`` against 0, 1, 2, ... (two values or more)."""
    n = len(values)
    mean_x, mean_y = (n - 1) / 2, sum(values) / n
    covariance = sum((i - mean_x) * (y - mean_y) for i, y in enumerate(values))
    return covariance / sum((i - mean_x) ** 2 for i in range(n))


def _trend(spec: MetricSpec, values: Sequence[float], badness: Sequence[float]) -> Trend:
    if len(values) < MIN_TREND_POINTS:
        return Trend("not_enough_data", None, None)
    per_session = slope(values)
    change = per_session * (len(values) - 1)
    if spec.better == "none":
        return Trend("not_applicable", per_session, change)
    worse_by = slope(badness) * (len(values) - 1)
    word: TrendWord = "steady"
    if abs(worse_by) >= spec.noticeable_change:
        word = "worsening" if worse_by > 0 else "improving"
    return Trend(word, per_session, change)


def _counts(sessions: Sequence[SessionSummary], today: date, tz: tzinfo) -> ProgressCounts:
    days = session_days(sessions, tz)
    current = streak_ending(days, today) or streak_ending(days, today - timedelta(days=1))
    longest = max((streak_ending(days, d) for d in days if d + timedelta(days=1) not in days), default=0)
    return ProgressCounts(
        sessions=len(sessions),
        total_minutes=sum(s.duration_seconds for s in sessions) / 60,
        active_days=len(days),
        current_streak_days=current,
        longest_streak_days=longest,
        last_session_at=sessions[-1].ended_at if sessions else None,
    )
