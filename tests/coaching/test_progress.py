"""Progress across sessions: trends that know which way is better, goals, filters, streaks, references."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from vocalis.coaching.progress import (
    MIN_TREND_POINTS,
    Goals,
    SessionSummary,
    progress,
    slope,
)
from vocalis.coaching.references import METRICS, SESSION_TYPES, all_references, references
from vocalis.coaching.sessions import SessionType
from vocalis.errors import InvalidInput, OutOfRange

START = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)  # a Monday evening
PARIS_SUMMER = timezone(timedelta(hours=2))


def session(number: int, *, day: float | None = None, **values: Any) -> SessionSummary:
    """Session ``s<number>`` ending ``day`` days after START (default: one day per number)."""
    values.setdefault("session_type", "presentation")
    values.setdefault("language", "en")
    values.setdefault("duration_seconds", 300.0)
    ended_at = START + timedelta(days=number if day is None else day)
    return SessionSummary(session_id=f"s{number}", ended_at=ended_at, **values)


def series(metric: str, values: list[float], **common: Any) -> list[SessionSummary]:
    return [session(i, **{metric: v}, **common) for i, v in enumerate(values)]


# Each metric's better direction: presentation in English has 130-160 wpm, at most 2 fillers a minute,
# pauses 5-30% of the talk, -30 to -12 LUFS, pitch spread of 2 semitones or more.
TRENDS = [
    ("fillers_per_minute", [5.0, 4.0, 3.0, 2.0], "improving"),
    ("fillers_per_minute", [1.0, 2.0, 3.0, 4.0], "worsening"),
    ("fillers_per_minute", [3.0, 3.1, 2.9, 3.0], "steady"),
    ("long_pauses_per_minute", [2.0, 1.5, 1.0, 0.5], "improving"),
    ("long_pauses_per_minute", [0.0, 0.5, 1.0], "worsening"),
    ("pitch_variation_semitones", [1.0, 1.5, 2.0, 2.5], "improving"),
    ("pitch_variation_semitones", [3.0, 2.0, 1.0], "worsening"),
    ("overall_score", [55.0, 62.0, 70.0], "improving"),
    ("overall_score", [80.0, 70.0, 60.0], "worsening"),
    ("pace_in_range_fraction", [0.5, 0.7, 0.9], "improving"),
    ("pace_in_range_fraction", [0.9, 0.6, 0.4], "worsening"),
    # Pace is better the closer it gets to the band: slowing down from too fast improves...
    ("words_per_minute", [200.0, 185.0, 170.0, 160.0], "improving"),
    # ...and so does speeding up from too slow, although the slope has the other sign,
    ("words_per_minute", [100.0, 115.0, 130.0], "improving"),
    # moving around inside the band changes nothing,
    ("words_per_minute", [135.0, 158.0, 131.0, 150.0], "steady"),
    # and drifting out of it worsens, whichever side.
    ("words_per_minute", [150.0, 170.0, 190.0], "worsening"),
    ("words_per_minute", [140.0, 125.0, 110.0], "worsening"),
    ("pause_ratio", [0.50, 0.40, 0.30], "improving"),
    ("pause_ratio", [0.10, 0.02, 0.0], "worsening"),
    ("speech_lufs", [-40.0, -35.0, -30.0], "improving"),
    ("speech_lufs", [-20.0, -8.0, -4.0], "worsening"),
    ("duration_seconds", [120.0, 300.0, 600.0], "not_applicable"),
]


@pytest.mark.parametrize(("metric", "values", "word"), TRENDS)
def test_trend_knows_which_way_is_better(metric: str, values: list[float], word: str) -> None:
    report = progress(series(metric, values), Goals(), now=START + timedelta(days=len(values)))
    assert report.metric(metric).trend.direction == word


def test_every_metric_has_a_trend_test() -> None:
    assert {spec.metric for spec in METRICS} == {metric for metric, _, _ in TRENDS}


def test_pace_trend_follows_the_users_goal_band_over_the_reference() -> None:
    # 150 wpm is inside the reference band (130-160) but above a goal of 100-120.
    sessions = series("words_per_minute", [150.0, 140.0, 130.0])
    assert progress(sessions, Goals()).metric("words_per_minute").trend.direction == "steady"
    goal = Goals(wpm_low=100, wpm_high=120)
    assert progress(sessions, goal).metric("words_per_minute").trend.direction == "improving"


def test_slope_is_least_squares_per_session() -> None:
    assert slope([10.0, 12.0, 14.0]) == pytest.approx(2.0)
    assert slope([1.0, 3.0, 2.0]) == pytest.approx(0.5)  # fitted line 1.5 + 0.5 i
    trend = progress(series("overall_score", [60.0, 64.0, 62.0, 70.0]), Goals()).metric("overall_score").trend
    # x = 0..3 around 1.5, y around 64: (-1.5*-4 + -0.5*0 + 0.5*-2 + 1.5*6) / 5 = 14 / 5
    assert trend.slope_per_session == pytest.approx(2.8)
    assert trend.change == pytest.approx(8.4)


@pytest.mark.parametrize("count", range(MIN_TREND_POINTS))
def test_too_few_sessions_is_not_enough_data(count: int) -> None:
    report = progress(series("fillers_per_minute", [4.0, 1.0][:count]), Goals())
    for metric in report.metrics:
        assert metric.trend.direction == "not_enough_data"
        assert metric.trend.slope_per_session is None


def test_one_session_gives_first_last_and_best_but_no_trend() -> None:
    report = progress([session(0, fillers_per_minute=2.5)], Goals(max_fillers_per_minute=3))
    fillers = report.metric("fillers_per_minute")
    assert fillers.first == fillers.last == fillers.best
    assert fillers.last is not None and fillers.last.value == 2.5
    assert fillers.trend.direction == "not_enough_data"
    assert fillers.goal is not None and fillers.goal.met_last is True
    assert (fillers.goal.met_recent, fillers.goal.recent) == (1, 1)


def test_points_are_in_time_order_and_skip_unmeasured_sessions() -> None:
    sessions = [
        session(2, fillers_per_minute=2.5),
        session(0, fillers_per_minute=4.0),
        session(1),  # no speech: nothing measured
        session(3, fillers_per_minute=1.5),
    ]
    fillers = progress(sessions, Goals()).metric("fillers_per_minute")
    assert [(p.session_id, p.value) for p in fillers.points] == [("s0", 4.0), ("s2", 2.5), ("s3", 1.5)]
    assert [p.ended_at for p in fillers.points] == sorted(p.ended_at for p in fillers.points)
    assert fillers.first is not None and fillers.first.session_id == "s0"


def test_best_value_follows_the_metrics_direction() -> None:
    sessions = [
        session(0, fillers_per_minute=4.0, pitch_variation_semitones=2.5, words_per_minute=175.0),
        session(1, fillers_per_minute=1.5, pitch_variation_semitones=3.1, words_per_minute=150.0),
        session(2, fillers_per_minute=2.5, pitch_variation_semitones=1.8, words_per_minute=140.0),
        session(3, fillers_per_minute=3.0, pitch_variation_semitones=2.0, words_per_minute=190.0),
    ]
    report = progress(sessions, Goals())
    best = {m.metric: m.best.session_id if m.best else None for m in report.metrics}
    assert best["fillers_per_minute"] == "s1"  # fewest
    assert best["pitch_variation_semitones"] == "s1"  # widest
    assert best["words_per_minute"] == "s2"  # inside the band like s1: the latest of equals
    assert best["duration_seconds"] is None  # no direction is better


def test_goal_status_counts_the_last_five_sessions() -> None:
    sessions = series("fillers_per_minute", [4.0, 2.0, 3.5, 2.9, 1.0, 3.0])
    goal = progress(sessions, Goals(max_fillers_per_minute=3)).metric("fillers_per_minute").goal
    assert goal is not None
    assert (goal.low, goal.high) == (None, 3)
    assert goal.met_last is True  # 3.0 is at most 3
    assert (goal.met_recent, goal.recent) == (4, 5)  # 2.0, 3.5, 2.9, 1.0, 3.0


def test_pace_goal_is_a_band_and_other_metrics_without_goals_have_none() -> None:
    sessions = series("words_per_minute", [120.0, 135.0, 170.0])
    report = progress(sessions, Goals(wpm_low=130, wpm_high=160))
    pace = report.metric("words_per_minute").goal
    assert pace is not None and (pace.low, pace.high) == (130, 160)
    assert (pace.met_last, pace.met_recent, pace.recent) == (False, 1, 3)
    assert report.metric("fillers_per_minute").goal is None
    assert report.metric("pause_ratio").goal is None  # no goal can be set for it


def test_filters_by_type_and_language() -> None:
    sessions = [
        session(0, session_type="presentation", language="en", words_per_minute=150.0),
        session(1, session_type="practice", language="en", words_per_minute=110.0),
        session(2, session_type="presentation", language="fr", words_per_minute=125.0),
        session(3, session_type="training", language="fr", words_per_minute=100.0),
        session(4, session_type=SessionType.PRESENTATION, language="fr", words_per_minute=135.0),
    ]

    def ids(**filters: Any) -> list[str]:
        return [
            p.session_id for p in progress(sessions, Goals(), **filters).metric("words_per_minute").points
        ]

    assert ids() == ["s0", "s1", "s2", "s3", "s4"]
    assert ids(session_type="presentation") == ["s0", "s2", "s4"]
    assert ids(language="fr") == ["s2", "s3", "s4"]
    assert ids(session_type=SessionType.PRESENTATION, language="fr") == ["s2", "s4"]
    assert ids(session_type="training", language="en") == []
    report = progress(sessions, Goals(), language="fr")
    assert report.language == "fr" and report.session_type is None
    assert report.counts.sessions == 3


def test_reference_is_given_when_the_sessions_share_a_type_and_language() -> None:
    mixed = [session(0, language="en"), session(1, language="fr")]
    assert progress(mixed, Goals()).metric("words_per_minute").reference is None
    french = progress(mixed, Goals(), language="fr").metric("words_per_minute").reference
    assert french == references(SessionType.PRESENTATION, "fr").get("words_per_minute")
    # No session yet, but both filters name the kind: its ranges still show.
    empty = progress([], Goals(), session_type="practice", language="en").metric("fillers_per_minute")
    assert empty.reference is not None and empty.reference.high == 3.0
    assert empty.points == () and empty.first is None and empty.best is None


@pytest.mark.parametrize(
    ("filters", "field"), [({"session_type": "webinar"}, "session_type"), ({"language": "de"}, "language")]
)
def test_unknown_filters_are_invalid_input_naming_the_field(filters: dict[str, str], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        progress([], Goals(), **filters)
    assert caught.value.details["field"] == field
    assert caught.value.status == 400


def test_counts_sessions_and_minutes() -> None:
    sessions = [
        session(0, duration_seconds=300.0),
        session(1, duration_seconds=450.0),
        session(2, duration_seconds=150.0, session_type="practice"),
    ]
    counts = progress(sessions, Goals(), now=START + timedelta(days=2)).counts
    assert (counts.sessions, counts.total_minutes, counts.active_days) == (3, 15.0, 3)
    assert counts.last_session_at == START + timedelta(days=2)
    only_practice = progress(sessions, Goals(), session_type="practice").counts
    assert (only_practice.sessions, only_practice.total_minutes) == (1, 2.5)


def test_streak_counts_each_day_once_and_a_gap_breaks_it() -> None:
    sessions = [
        session(0, day=0),
        session(1, day=1),
        session(2, day=1.1),  # the same evening again: still one day
        session(3, day=2),
        session(4, day=4),  # day 3 missed
        session(5, day=5),
    ]
    counts = progress(sessions, Goals(), now=START + timedelta(days=5, hours=1)).counts
    assert counts.current_streak_days == 2
    assert counts.longest_streak_days == 3
    assert counts.active_days == 5
    # The next day is still open: yesterday's streak holds until it ends.
    assert progress(sessions, Goals(), now=START + timedelta(days=6)).counts.current_streak_days == 2
    # A whole day without a session ends it.
    assert progress(sessions, Goals(), now=START + timedelta(days=7)).counts.current_streak_days == 0
    assert progress([], Goals(), now=START).counts.current_streak_days == 0


def test_streak_days_are_the_users_calendar_days() -> None:
    # 22:30 UTC on Monday and 21:00 UTC on Tuesday: two days in London, one day (Tuesday) in Paris.
    monday_late = datetime(2025, 6, 2, 22, 30, tzinfo=UTC)
    tuesday_night = datetime(2025, 6, 3, 21, 0, tzinfo=UTC)
    sessions = [
        SessionSummary("a", "practice", "en", monday_late, 200.0),
        SessionSummary("b", "practice", "en", tuesday_night.astimezone(PARIS_SUMMER), 200.0),
    ]
    now = datetime(2025, 6, 3, 21, 30, tzinfo=UTC)
    assert progress(sessions, Goals(), now=now).counts.current_streak_days == 2
    in_paris = progress(sessions, Goals(), now=now, tz=PARIS_SUMMER).counts
    assert (in_paris.current_streak_days, in_paris.active_days) == (1, 1)


def test_naive_times_are_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        SessionSummary("a", "practice", "en", datetime(2025, 6, 2, 12, 0), 200.0)
    assert caught.value.details["field"] == "ended_at"
    with pytest.raises(ValueError, match="timezone"):
        progress([], Goals(), now=datetime(2025, 6, 2, 12, 0))


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"session_type": "webinar"}, "session_type"),
        ({"language": "de"}, "language"),
        ({"duration_seconds": -1.0}, "duration_seconds"),
        ({"words_per_minute": math.nan}, "words_per_minute"),
        ({"fillers_per_minute": math.inf}, "fillers_per_minute"),
    ],
)
def test_session_summary_refuses_nonsense(values: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        session(0, **values)
    assert caught.value.details["field"] == field


def test_session_type_strings_become_the_enum() -> None:
    assert session(0, session_type="training").session_type is SessionType.TRAINING


def test_goals_accept_sensible_values() -> None:
    goals = Goals(
        wpm_low=130,
        wpm_high=160,
        max_fillers_per_minute=3,
        min_pitch_variation_semitones=2,
        max_long_pauses_per_minute=0.5,
    )
    assert goals.met("words_per_minute", 145.0) is True
    assert goals.met("words_per_minute", 161.0) is False
    assert goals.met("fillers_per_minute", 3.0) is True
    assert goals.met("pitch_variation_semitones", 1.9) is False
    assert goals.met("speech_lufs", -20.0) is None  # no goal for it
    assert Goals().target("words_per_minute") is None
    assert Goals(wpm_low=120).target("words_per_minute") == (120, None)
    assert Goals(max_fillers_per_minute=0).met("fillers_per_minute", 0.0) is True


@pytest.mark.parametrize(
    ("values", "field", "error"),
    [
        ({"wpm_low": -5}, "wpm_low", OutOfRange),
        ({"wpm_high": 1000}, "wpm_high", OutOfRange),
        ({"wpm_low": 10}, "wpm_low", OutOfRange),
        ({"max_fillers_per_minute": -1}, "max_fillers_per_minute", OutOfRange),
        ({"max_fillers_per_minute": 500}, "max_fillers_per_minute", OutOfRange),
        ({"min_pitch_variation_semitones": -0.5}, "min_pitch_variation_semitones", OutOfRange),
        ({"min_pitch_variation_semitones": 40}, "min_pitch_variation_semitones", OutOfRange),
        ({"max_long_pauses_per_minute": -0.1}, "max_long_pauses_per_minute", OutOfRange),
        ({"wpm_low": 170, "wpm_high": 130}, "wpm_low", InvalidInput),
        ({"wpm_low": 150, "wpm_high": 150}, "wpm_low", InvalidInput),
        ({"wpm_high": math.nan}, "wpm_high", InvalidInput),
        ({"max_fillers_per_minute": True}, "max_fillers_per_minute", InvalidInput),
        ({"wpm_low": "fast"}, "wpm_low", InvalidInput),
    ],
)
def test_goals_refuse_nonsense_naming_the_field(
    values: dict[str, Any], field: str, error: type[InvalidInput]
) -> None:
    with pytest.raises(error) as caught:
        Goals(**values)
    assert isinstance(caught.value, InvalidInput)
    assert caught.value.status == 400
    assert caught.value.details["field"] == field
    assert field in caught.value.message


def test_references_cover_every_type_and_language_with_a_source() -> None:
    sets = all_references()
    assert {(r.session_type, r.language) for r in sets} == {
        (t, lang) for t in SESSION_TYPES for lang in ("en", "fr")
    }
    for reference_set in sets:
        assert {r.metric for r in reference_set.ranges} == {
            "words_per_minute",
            "fillers_per_minute",
            "pause_ratio",
            "long_pauses_per_minute",
            "speech_lufs",
            "pitch_variation_semitones",
        }
        for reference in reference_set.ranges:
            assert len(reference.source) > 30
            assert reference.low is not None or reference.high is not None
            if reference.low is not None and reference.high is not None:
                assert reference.low < reference.high


def test_reference_ranges_for_presentations() -> None:
    english = references(SessionType.PRESENTATION, "en")
    french = references(SessionType.PRESENTATION, "fr")
    practice = references(SessionType.PRACTICE, "en")
    pace_en, pace_fr = english.get("words_per_minute"), french.get("words_per_minute")
    assert pace_en is not None and (pace_en.low, pace_en.high) == (130, 160)
    assert "National Center for Voice and Speech" in pace_en.source
    assert pace_fr is not None and pace_fr.high is not None and pace_fr.high < 160  # French somewhat lower
    fillers, practice_fillers = english.get("fillers_per_minute"), practice.get("fillers_per_minute")
    assert fillers is not None and practice_fillers is not None
    assert fillers.high is not None and practice_fillers.high is not None
    assert fillers.high < practice_fillers.high <= 3
    assert "commonly cited coaching guidance" in fillers.source.lower()
    pitch = english.get("pitch_variation_semitones")
    assert pitch is not None and pitch.low == 2.0 and pitch.high is None
    assert english.get("overall_score") is None
    assert (pace_en.distance(120.0), pace_en.distance(145.0), pace_en.distance(171.0)) == (10.0, 0.0, 11.0)
    assert pace_en.contains(160.0) and not pace_en.contains(160.5)
