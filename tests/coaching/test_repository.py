"""Coaching sessions, goals and milestones on SQLite and PostgreSQL: owned, filtered, interrupted at
restart, exported and deleted with their recordings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from vocalis.coaching.repository import CoachingRepository, SessionFilter, SessionResults
from vocalis.coaching.sessions import NewSession, SessionConfig, SessionStatus, SessionType
from vocalis.errors import NotFound
from vocalis.store.blobs import BlobStore
from vocalis.store.db import Database


@pytest.fixture
def repository(migrated: Database, tmp_path: Path) -> CoachingRepository:
    return CoachingRepository(migrated, BlobStore(tmp_path / "blobs"))


def test_sessions_are_owned_filtered_and_paged(repository: CoachingRepository) -> None:
    made = [
        repository.create(
            "u1", NewSession(f"talk {i}", SessionType.PRESENTATION if i % 2 else SessionType.PRACTICE, "en")
        )
        for i in range(5)
    ]
    repository.create("u2", NewSession("theirs", SessionType.PRACTICE, "fr"))
    page, total = repository.page("u1", SessionFilter(), limit=2, offset=0)
    assert total == 5 and len(page) == 2 and page[0].created_at >= page[1].created_at
    presentations, total = repository.page(
        "u1", SessionFilter(session_type=SessionType.PRESENTATION), limit=50, offset=0
    )
    assert total == 2 and {s.id for s in presentations} == {made[1].id, made[3].id}
    assert repository.page("u1", SessionFilter(language="fr"), limit=50, offset=0)[1] == 0
    later = datetime.now(UTC) + timedelta(hours=1)
    assert repository.page("u1", SessionFilter(since=later), limit=50, offset=0)[1] == 0
    with pytest.raises(NotFound):
        repository.get(made[0].id, "u2")
    changed = repository.update(
        made[0].id, "u1", title="renamed", config=SessionConfig(target_wpm=(120, 150))
    )
    assert changed.title == "renamed" and changed.config.target_wpm == (120, 150)


def test_live_sessions_are_interrupted_at_restart_and_results_are_kept(
    repository: CoachingRepository,
) -> None:
    live = repository.create("u1", NewSession("live", SessionType.TRAINING, "en"))
    repository.set_status(live.id, SessionStatus.ACTIVE, audio_seconds=12.5)
    done = repository.create("u1", NewSession("done", SessionType.TRAINING, "en"))
    repository.save_results(done.id, SessionResults({"score": 80}, {"pace": []}, {"words_per_minute": 140.0}),
                            audio_seconds=30.0, recording=b"OggS fake")  # fmt: skip
    repository.set_status(done.id, SessionStatus.COMPLETED)
    assert repository.interrupt_live() == [live.id]
    interrupted = repository.get(live.id, "u1")
    assert interrupted.status is SessionStatus.INTERRUPTED and interrupted.audio_seconds == 12.5
    assert interrupted.ended_at is not None
    assert repository.get(done.id, "u1").status is SessionStatus.COMPLETED
    assert repository.results(done.id, "u1").report == {"score": 80}
    assert [s["words_per_minute"] for _, s in repository.summaries("u1")] == [140.0]


def test_goals_milestones_once_and_everything_deleted_with_the_account(
    repository: CoachingRepository,
) -> None:
    repository.set_goals("u1", {"wpm_low": 130})
    repository.set_goals("u1", {"wpm_low": 120})
    assert repository.goals("u1") == {"wpm_low": 120} and repository.goals("u2") is None
    assert repository.award("u1", ["first_session"], None) == ["first_session"]
    assert repository.award("u1", ["first_session", "five_sessions"], None) == ["five_sessions"]
    session = repository.create("u1", NewSession("talk", SessionType.PRACTICE, "en"))
    repository.save_results(
        session.id, SessionResults(None, None, None), audio_seconds=1.0, recording=b"OggS"
    )
    path = repository.recording_path(session.id, "u1")
    assert path is not None and Path(path).is_file()
    assert repository.delete_all("u1") == 1
    assert not Path(path).exists()
    assert repository.goals("u1") is None and repository.milestones("u1") == []
