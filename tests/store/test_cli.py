"""`vocalis db` as a user runs it, and replicas migrating at once: real processes, real databases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from vocalis.store.db import Database
from vocalis.store.migrate import head_revision

VOCALIS = str(Path(sys.executable).parent / "vocalis")


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [VOCALIS, *args], env={**os.environ, **env}, capture_output=True, text=True, timeout=60, check=False
    )


def test_upgrade_creates_the_sqlite_database_under_the_data_dir(tmp_path: Path) -> None:
    env = {"VOCALIS_DATA_DIR": str(tmp_path / "data")}
    before = run("db", "current", env=env)
    assert before.returncode == 0, before.stderr
    assert "none" in before.stdout and "vocalis db upgrade" in before.stdout

    result = run("db", "upgrade", env=env)
    assert result.returncode == 0, result.stderr
    assert head_revision() in result.stdout
    database_file = tmp_path / "data" / "vocalis.db"
    assert database_file.is_file()
    db = Database(f"sqlite:///{database_file}")
    try:
        assert db.is_up_to_date()
    finally:
        db.dispose()

    again = run("db", "current", env=env)
    assert again.returncode == 0, again.stderr
    assert f"at revision {head_revision()} (up to date)" in again.stdout


# What a replica does at start-up with auto-migrate on, without paying for the whole CLI's imports.
# Each one reports "ready" once imported and waits for "go", so all of them migrate at the same moment.
REPLICA = """
import sys
from vocalis.store.db import Database
db = Database(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
db.upgrade()
"""


def test_replicas_upgrading_at_once_do_not_collide(database_url: str) -> None:
    replicas = [
        subprocess.Popen(
            [sys.executable, "-c", REPLICA, database_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(4)
    ]
    for replica in replicas:
        assert replica.stdout is not None
        assert replica.stdout.readline() == b"ready\n"
    for replica in replicas:
        assert replica.stdin is not None
        replica.stdin.write(b"go\n")
        replica.stdin.flush()
    errors = [replica.communicate(timeout=60)[1] for replica in replicas]
    assert [(replica.returncode, error) for replica, error in zip(replicas, errors, strict=True)] == [
        (0, b"")
    ] * 4
    db = Database(database_url)
    try:
        assert db.is_up_to_date()
    finally:
        db.dispose()


def test_unreachable_database_is_a_one_line_error() -> None:
    result = run("db", "upgrade", env={"VOCALIS_DATABASE__URL": "postgresql+psycopg://u:pw@127.0.0.1:1/x"})
    assert result.returncode == 2
    assert result.stderr.startswith("error: the database at postgresql+psycopg://u:***@127.0.0.1:1/x")
    assert "Traceback" not in result.stderr
