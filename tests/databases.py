"""Database fixtures for every test package: a SQLite file and a real PostgreSQL server.

PostgreSQL tests each get a uniquely named schema (dropped afterwards) selected through the
connection's search_path, so parallel runs and leftovers from killed runs never collide.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.exc import OperationalError

from vocalis.store.db import Database

POSTGRES_URL = os.environ.get(
    "VOCALIS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        pytest.fail(f"PostgreSQL is needed for the store tests: set VOCALIS_TEST_POSTGRES_URL ({exc.orig})")
    yield engine
    engine.dispose()


def _postgres_schema(admin: Engine) -> Iterator[str]:
    schema = f"vocalis_test_{uuid4().hex[:16]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


@pytest.fixture
def postgres_url(postgres_admin: Engine) -> Iterator[str]:
    yield from _postgres_schema(postgres_admin)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        # A subdirectory that does not exist yet: Database must create it.
        yield f"sqlite:///{tmp_path / 'db' / 'vocalis.db'}"
    else:
        yield request.getfixturevalue("postgres_url")


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    yield db
    db.dispose()


@pytest.fixture
def migrated(database: Database) -> Database:
    database.upgrade()
    return database


# Redis databases the tests may flush, one per purpose and per pytest-xdist worker, so that parallel
# workers never empty each other's queues or counters.
REDIS_PURPOSES = ("celery", "rate_limits", "throttle")


def redis_test_url(purpose: str) -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    index = REDIS_PURPOSES.index(purpose) + len(REDIS_PURPOSES) * int(worker or 0)
    if index > 15:
        raise RuntimeError("more pytest-xdist workers than Redis has databases for the tests")
    return f"redis://127.0.0.1:6379/{15 - index}"
