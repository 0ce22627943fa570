"""Milestones: achievements a user earns once ever, live during a session and in its report.

Each has a stable ``code`` (stored, never renamed) and an English and French title and description.
:func:`award` judges one session against the user's record up to it and returns what it newly earns;
the caller stores the codes and passes them back as ``already_awarded``, which is what makes each
milestone once-only. Per-session milestones (a ten-minute talk) look at that session, running ones
(streaks, three in a row) at the run that ends with it, cumulative ones (five sessions) at the record.
Everything is a pure function of its arguments: the same record always earns the same milestones.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, tzinfo

from vocalis.coaching.progress import Goals, SessionSummary, in_time_order, session_days, streak_ending
from vocalis.coaching.references import references
from vocalis.coaching.sessions import LANGUAGES

STEADY_PACE_MIN_SECONDS = 120.0
FILLER_FREE_MIN_SECONDS = 120.0
LONG_TALK_SECONDS = 600.0
HIGH_SCORE = 80.0
FILLER_RUN = 3


@dataclass(frozen=True)
class Milestone:
    code: str
    title_en: str
    title_fr: str
    description_en: str
    description_fr: str

    def title(self, language: str) -> str:
        return self.title_fr if language == "fr" else self.title_en

    def description(self, language: str) -> str:
        return self.description_fr if language == "fr" else self.description_en


@dataclass(frozen=True)
class MilestoneStatus:
    milestone: Milestone
    earned: bool


@dataclass(frozen=True)
class _Record:
    """The user's sessions up to and including the one being judged (last), oldest first."""

    sessions: tuple[SessionSummary, ...]
    goals: Goals
    tz: tzinfo

    @property
    def new(self) -> SessionSummary:
        return self.sessions[-1]


_Rule = Callable[[_Record], bool]


def _sessions(count: int) -> _Rule:
    return lambda record: len(record.sessions) >= count


def _streak(days: int) -> _Rule:
    def rule(record: _Record) -> bool:
        on = session_days(record.sessions, record.tz)
        return streak_ending(on, record.new.day(record.tz)) >= days

    return rule


def _under_filler_goal(session: SessionSummary, goals: Goals) -> bool:
    """At most the user's filler goal, or without one the reference for the session's type and language."""
    rate = session.fillers_per_minute
    if rate is None:
        return False  # nothing measured (no speech) is no evidence, and it breaks a run
    limit = goals.max_fillers_per_minute
    if limit is None:
        reference = references(session.session_type, session.language).get("fillers_per_minute")
        limit = reference.high if reference is not None else None
    return limit is not None and rate <= limit


def _filler_run(record: _Record) -> bool:
    run = record.sessions[-FILLER_RUN:]
    return len(run) == FILLER_RUN and all(_under_filler_goal(s, record.goals) for s in run)


def _steady_pace(record: _Record) -> bool:
    fraction = record.new.pace_in_range_fraction
    # Every pace window in band: a fraction of 1, allowing for the float arithmetic that produced it.
    in_band = fraction is not None and fraction >= 1 - 1e-9
    return in_band and record.new.duration_seconds >= STEADY_PACE_MIN_SECONDS


def _filler_free(record: _Record) -> bool:
    rate = record.new.fillers_per_minute
    return record.new.duration_seconds >= FILLER_FREE_MIN_SECONDS and rate is not None and rate <= 0.0


def _long_talk(record: _Record) -> bool:
    return record.new.duration_seconds >= LONG_TALK_SECONDS


def _high_score(record: _Record) -> bool:
    score = record.new.overall_score
    return score is not None and score >= HIGH_SCORE


def _both_languages(record: _Record) -> bool:
    return {s.language for s in record.sessions} >= set(LANGUAGES)


_RULES: tuple[tuple[Milestone, _Rule], ...] = (
    (
        Milestone(
            "first_session",
            "First session",
            "Première séance",
            "You completed your first coaching session.",
            "Votre première séance de coaching est terminée.",
        ),
        _sessions(1),
    ),
    (
        Milestone(
            "five_sessions",
            "Five sessions",
            "Cinq séances",
            "You completed five coaching sessions.",
            "Cinq séances de coaching terminées.",
        ),
        _sessions(5),
    ),
    (
        Milestone(
            "ten_sessions",
            "Ten sessions",
            "Dix séances",
            "You completed ten coaching sessions.",
            "Dix séances de coaching terminées.",
        ),
        _sessions(10),
    ),
    (
        Milestone(
            "streak_3_days",
            "Three days in a row",
            "Trois jours d'affilée",
            "At least one session on three days in a row.",
            "Au moins une séance trois jours d'affilée.",
        ),
        _streak(3),
    ),
    (
        Milestone(
            "streak_7_days",
            "A week in a row",
            "Une semaine d'affilée",
            "At least one session on seven days in a row.",
            "Au moins une séance sept jours d'affilée.",
        ),
        _streak(7),
    ),
    (
        Milestone(
            "pace_in_range_throughout",
            "Steady pace",
            "Débit maîtrisé",
            "A talk of two minutes or more with your pace in range the whole way through.",
            "Une prise de parole d'au moins deux minutes, au bon débit du début à la fin.",
        ),
        _steady_pace,
    ),
    (
        Milestone(
            "filler_goal_three_in_a_row",
            "Filler goal, three in a row",
            "Objectif mots parasites, trois fois de suite",
            "Three sessions in a row within your filler goal.",
            "Trois séances de suite dans votre objectif de mots parasites.",
        ),
        _filler_run,
    ),
    (
        Milestone(
            "filler_free_talk",
            "Filler-free talk",
            "Zéro mot parasite",
            "A talk of two minutes or more without a single filler.",
            "Une prise de parole d'au moins deux minutes sans un seul mot parasite.",
        ),
        _filler_free,
    ),
    (
        Milestone(
            "ten_minute_talk",
            "Ten-minute talk",
            "Dix minutes de parole",
            "A talk of ten minutes or more.",
            "Une prise de parole de dix minutes ou plus.",
        ),
        _long_talk,
    ),
    (
        Milestone(
            "score_80",
            "Score of 80",
            "Score de 80",
            "An overall score of 80 or more.",
            "Un score global de 80 ou plus.",
        ),
        _high_score,
    ),
    (
        Milestone(
            "both_languages",
            "Bilingual",
            "Bilingue",
            "Sessions in both English and French.",
            "Des séances en français et en anglais.",
        ),
        _both_languages,
    ),
)


def milestones() -> tuple[Milestone, ...]:
    """Every milestone, in the order a dashboard lists them (and :func:`award` returns them)."""
    return tuple(milestone for milestone, _ in _RULES)


def milestone(code: str) -> Milestone | None:
    """The milestone with this stored code, or None for a code this version no longer knows."""
    return next((m for m in milestones() if m.code == code), None)


def award(
    history: Iterable[SessionSummary],
    new_session: SessionSummary,
    goals: Goals | None,
    already_awarded: Collection[str],
    *,
    tz: tzinfo = UTC,
) -> tuple[Milestone, ...]:
    """The milestones ``new_session`` newly earns, given the user's earlier sessions.

    ``history`` may hold ``new_session`` itself (already stored) and later sessions (a recomputation):
    only those that ended before it count. ``tz`` is the user's time zone, for streak days.
    """
    key = (new_session.ended_at, new_session.session_id)
    earlier = in_time_order(
        s for s in history if s.session_id != new_session.session_id and (s.ended_at, s.session_id) < key
    )
    record = _Record((*earlier, new_session), goals or Goals(), tz)
    return tuple(m for m, rule in _RULES if m.code not in already_awarded and rule(record))


def milestone_board(already_awarded: Collection[str]) -> tuple[MilestoneStatus, ...]:
    """Every milestone with whether the user has earned it, for a dashboard."""
    return tuple(MilestoneStatus(m, m.code in already_awarded) for m in milestones())
