"""The database handle on SQLite and PostgreSQL: migrations, health, and clear errors when down."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from vocalis.errors import InvalidInput, StorageUnavailable
from vocalis.store.db import Database
from vocalis.store.migrate import head_revision

UNREACHABLE = "postgresql+psycopg://postgres:secret@127.0.0.1:1/x"


def test_upgrade_is_idempotent(database: Database) -> None:
    assert database.current_revision() is None
    assert not database.is_up_to_date()
    assert database.upgrade() == head_revision()
    assert database.upgrade() == head_revision()
    assert database.current_revision() == head_revision()
    assert database.is_up_to_date()
    with database.connection() as connection:
        assert "syntheses" in inspect(connection).get_table_names()


def test_downgrade_to_base_drops_the_tables_and_upgrade_restores_them(migrated: Database) -> None:
    assert migrated.downgrade("base") is None
    with migrated.connection() as connection:
        assert "syntheses" not in inspect(connection).get_table_names()
    assert migrated.upgrade() == head_revision()


def test_session_commits_on_success_and_rolls_back_on_error(migrated: Database) -> None:
    insert = text(
        "INSERT INTO syntheses (id, source, text, voice, model, format, sample_rate, speed, characters,"
        " audio_seconds, compute_seconds, audio_key, audio_bytes, created_at) VALUES"
        " (:id, 'cli', 'hi', 'af_heart', 'kokoro', 'wav', 24000, 1.0, 2, 0.5, 0.1, 'k.wav', 10,"
        " CURRENT_TIMESTAMP)"
    )
    with pytest.raises(RuntimeError), migrated.session() as session:
        session.execute(insert, {"id": "rolled-back"})
        raise RuntimeError("boom")
    with migrated.session() as session:
        session.execute(insert, {"id": "kept"})
    with migrated.session() as session:
        assert session.scalars(text("SELECT id FROM syntheses")).all() == ["kept"]


def test_usable_from_other_threads(migrated: Database) -> None:
    results: list[bool] = []
    workers = [threading.Thread(target=lambda: results.append(migrated.ping())) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert results == [True] * 4


def test_ping(database: Database) -> None:
    assert database.ping()


def test_unreachable_server_pings_false_quickly_and_raises_a_clear_error() -> None:
    db = Database(UNREACHABLE)
    try:
        started = time.monotonic()
        assert db.ping() is False
        assert time.monotonic() - started < 2.0

        def query_in_session() -> None:
            with db.session() as session:
                session.execute(text("SELECT 1"))

        for attempt in (db.upgrade, db.current_revision, query_in_session):
            with pytest.raises(StorageUnavailable) as caught:
                attempt()
            error = caught.value
            assert (error.status, error.code, error.retryable) == (503, "storage_unavailable", True)
            assert "127.0.0.1" in error.message
            assert "secret" not in error.message  # the password never reaches logs or clients
    finally:
        db.dispose()


def test_upgrades_from_several_threads_are_serialised(database_url: str) -> None:
    handles = [Database(database_url) for _ in range(4)]
    errors: list[BaseException] = []

    def run(db: Database) -> None:
        try:
            db.upgrade()
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=run, args=(db,)) for db in handles]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=10)
    assert errors == []
    assert handles[0].is_up_to_date()
    for db in handles:
        db.dispose()


def test_sqlite_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "vocalis.db"
    db = Database(f"sqlite:///{path}")
    try:
        with db.connection() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert path.is_file()
    finally:
        db.dispose()


def test_sqlite_in_memory_keeps_its_tables_across_sessions() -> None:
    db = Database("sqlite://")
    try:
        db.upgrade()
        assert db.is_up_to_date()
    finally:
        db.dispose()


def test_sqlite_directory_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StorageUnavailable, match="database directory"):
        Database(f"sqlite:///{blocker / 'vocalis.db'}")


@pytest.mark.parametrize("url", ["not a url", "nosuchdb://x/y"])
def test_invalid_urls_are_bad_input(url: str) -> None:
    with pytest.raises(InvalidInput):
        Database(url)
