"""Milestones: each earned once, by the session that earns it, the same way every time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from vocalis.coaching.milestones import award, milestone, milestone_board, milestones
from vocalis.coaching.progress import Goals, SessionSummary

START = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)
NEW_YORK_WINTER = timezone(timedelta(hours=-5))


def session(number: int, *, day: float | None = None, **values: Any) -> SessionSummary:
    values.setdefault("session_type", "practice")
    values.setdefault("language", "en")
    values.setdefault("duration_seconds", 60.0)
    ended_at = START + timedelta(days=number if day is None else day)
    return SessionSummary(session_id=f"s{number}", ended_at=ended_at, **values)


def replay(sessions: Sequence[SessionSummary], goals: Goals | None = None, **options: Any) -> dict[str, str]:
    """Award session by session as a user's sessions end; which session earned each milestone."""
    earned: dict[str, str] = {}
    for i, new in enumerate(sessions):
        for won in award(sessions[:i], new, goals, set(earned), **options):
            assert won.code not in earned, f"{won.code} awarded twice"
            earned[won.code] = new.session_id
    return earned


def earned_by(history: Sequence[SessionSummary], new: SessionSummary, goals: Goals | None = None) -> set[str]:
    return {m.code for m in award(history, new, goals, set())}


def test_definitions_have_stable_unique_codes_and_both_languages() -> None:
    defined = milestones()
    codes = [m.code for m in defined]
    assert 8 <= len(defined) <= 12
    assert len(set(codes)) == len(codes)
    for required in (
        "first_session",
        "five_sessions",
        "streak_3_days",
        "streak_7_days",
        "pace_in_range_throughout",
        "filler_goal_three_in_a_row",
        "ten_minute_talk",
    ):
        assert required in codes
    for m in defined:
        assert m.title("en") and m.title("fr") and m.title("en") != m.title("fr")
        assert m.description("en") != m.description("fr")
    assert milestone("first_session") is not None
    assert milestone("retired_code") is None


def test_first_session_is_awarded_once() -> None:
    first = session(0)
    assert [m.code for m in award([], first, None, set())] == ["first_session"]
    assert award([], first, None, {"first_session"}) == ()
    assert "first_session" not in {m.code for m in award([first], session(1), None, {"first_session"})}


def test_a_users_record_earns_each_milestone_exactly_once() -> None:
    goals = Goals(max_fillers_per_minute=2)
    sessions = [
        session(0, fillers_per_minute=1.0, language="fr"),
        session(1, fillers_per_minute=1.5),
        session(2, fillers_per_minute=1.8),  # third day in a row, third time under the goal
        session(3, fillers_per_minute=1.0, duration_seconds=660.0),
        session(4, fillers_per_minute=0.0, duration_seconds=150.0, overall_score=85.0),
        session(5, fillers_per_minute=0.0, duration_seconds=700.0, overall_score=90.0),
        session(6, fillers_per_minute=0.5, duration_seconds=180.0, pace_in_range_fraction=1.0),
        session(7, fillers_per_minute=0.5, duration_seconds=180.0, pace_in_range_fraction=1.0),
        session(8),
        session(9),
    ]
    assert replay(sessions, goals) == {
        "first_session": "s0",
        "both_languages": "s1",
        "streak_3_days": "s2",
        "filler_goal_three_in_a_row": "s2",
        "ten_minute_talk": "s3",
        "five_sessions": "s4",
        "filler_free_talk": "s4",
        "score_80": "s4",
        "streak_7_days": "s6",
        "pace_in_range_throughout": "s6",
        "ten_sessions": "s9",
    }


def test_filler_goal_needs_three_consecutive_sessions() -> None:
    goals = Goals(max_fillers_per_minute=2)
    rates = [1.0, 1.5, 4.0, 1.0, 1.2, 1.9]  # the third breaks the run
    sessions = [session(i, fillers_per_minute=r) for i, r in enumerate(rates)]
    assert replay(sessions, goals)["filler_goal_three_in_a_row"] == "s5"
    assert "filler_goal_three_in_a_row" not in replay(sessions[:5], goals)


def test_a_session_without_a_filler_measure_breaks_the_run() -> None:
    goals = Goals(max_fillers_per_minute=2)
    sessions = [session(0, fillers_per_minute=1.0), session(1), session(2, fillers_per_minute=1.0)]
    assert "filler_goal_three_in_a_row" not in replay([*sessions, session(3, fillers_per_minute=1.0)], goals)


def test_without_a_filler_goal_the_reference_counts() -> None:
    # Presentations in English: at most 2 fillers a minute; practice allows 3.
    presentations = [session(i, session_type="presentation", fillers_per_minute=2.5) for i in range(3)]
    practice = [session(i, session_type="practice", fillers_per_minute=2.5) for i in range(3)]
    assert "filler_goal_three_in_a_row" not in replay(presentations)
    assert replay(practice)["filler_goal_three_in_a_row"] == "s2"
    # A goal of the user's own replaces the reference.
    assert replay(presentations, Goals(max_fillers_per_minute=3))["filler_goal_three_in_a_row"] == "s2"


@pytest.mark.parametrize(
    ("duration", "fraction", "earned"),
    [(150.0, 1.0, True), (120.0, 1.0, True), (100.0, 1.0, False), (150.0, 0.95, False), (150.0, None, False)],
)
def test_pace_in_range_throughout_needs_two_minutes_all_in_band(
    duration: float, fraction: float | None, earned: bool
) -> None:
    new = session(0, duration_seconds=duration, pace_in_range_fraction=fraction)
    assert ("pace_in_range_throughout" in earned_by([], new)) is earned


@pytest.mark.parametrize(("duration", "earned"), [(599.0, False), (600.0, True), (1800.0, True)])
def test_ten_minute_talk(duration: float, earned: bool) -> None:
    assert ("ten_minute_talk" in earned_by([], session(0, duration_seconds=duration))) is earned


def test_streak_counts_days_not_sessions_and_a_gap_breaks_it() -> None:
    same_days = [session(0, day=0), session(1, day=0.1), session(2, day=1), session(3, day=1.1)]
    assert "streak_3_days" not in replay(same_days)
    with_gap = [session(0, day=0), session(1, day=1), session(2, day=3), session(3, day=4)]
    assert "streak_3_days" not in replay(with_gap)
    assert replay([*with_gap, session(4, day=5)])["streak_3_days"] == "s4"


def test_streak_days_are_the_users_calendar_days() -> None:
    # 03:00 and 23:00 on the 7th and 04:00 on the 8th in UTC: the 7th, 7th and 8th in UTC, but the 6th,
    # 7th and 7th in New York (UTC-5): two days running either way.
    times = [datetime(2025, 1, 7, 3, 0), datetime(2025, 1, 7, 23, 0), datetime(2025, 1, 8, 4, 0)]
    sessions = [
        SessionSummary(f"s{i}", "practice", "en", t.replace(tzinfo=UTC), 60.0) for i, t in enumerate(times)
    ]
    assert "streak_3_days" not in replay(sessions)
    assert "streak_3_days" not in replay(sessions, tz=NEW_YORK_WINTER)
    # 20:00 UTC on the 8th adds no day in UTC (7th, 8th), but in New York (15:00 on the 8th) it makes
    # the 6th, 7th and 8th: three days running.
    fourth = SessionSummary("s3", "practice", "en", datetime(2025, 1, 8, 20, 0, tzinfo=UTC), 60.0)
    assert "streak_3_days" not in replay([*sessions, fourth])
    assert replay([*sessions, fourth], tz=NEW_YORK_WINTER)["streak_3_days"] == "s3"


def test_award_is_deterministic_whatever_the_history_order() -> None:
    history = [session(i, fillers_per_minute=1.0) for i in range(6)]
    new = session(6, fillers_per_minute=0.0, duration_seconds=620.0, overall_score=81.0)
    first = award(history, new, Goals(max_fillers_per_minute=2), set())
    again = award(list(reversed(history)), new, Goals(max_fillers_per_minute=2), set())
    assert first == again
    # In definition order, as a dashboard lists them.
    order = [m.code for m in milestones()]
    assert [m.code for m in first] == sorted((m.code for m in first), key=order.index)


def test_history_holding_the_new_session_or_later_ones_changes_nothing() -> None:
    history = [session(i) for i in range(4)]
    new = session(4)
    expected = earned_by(history, new)
    assert "five_sessions" in expected
    assert earned_by([*history, new], new) == expected  # already stored
    assert earned_by([*history, new, session(5), session(6)], new) == expected  # a recomputation
    assert "five_sessions" not in earned_by(history[:3], new)


def test_board_lists_every_milestone_with_whether_it_was_earned() -> None:
    board = milestone_board({"first_session", "ten_minute_talk"})
    assert [s.milestone for s in board] == list(milestones())
    assert {s.milestone.code for s in board if s.earned} == {"first_session", "ten_minute_talk"}
    assert not any(s.earned for s in milestone_board(set()))
