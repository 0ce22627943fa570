"""The database handle: one SQLAlchemy engine + session factory, SQLite or PostgreSQL.

Synchronous on purpose: the API calls it from a thread pool, the CLI and workers call it directly.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, exc, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from vocalis.errors import InvalidInput, StorageUnavailable
from vocalis.store import migrate

# Seconds to wait for a server before calling it unavailable: without a limit a dead host behind a
# firewall makes every request (and health check) hang for the OS TCP timeout, minutes.
CONNECT_TIMEOUT_S = 5
# How long SQLite waits for another writer's lock before giving up with "database is locked".
SQLITE_BUSY_TIMEOUT_S = 15.0
_SQLITE_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


class Database:
    """A connection pool and session factory for one database URL."""

    def __init__(self, url: str) -> None:
        self._url = _parse(url)
        self.display_url = self._url.render_as_string(hide_password=True)
        self.dialect = self._url.get_backend_name()
        try:
            self._engine = self._create_engine()
        except (exc.ArgumentError, exc.NoSuchModuleError) as error:
            raise InvalidInput(f"unsupported database URL {self.display_url}: {error}") from error
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)

    def _create_engine(self) -> Engine:
        if self.dialect != "sqlite":
            connect_args: dict[str, Any] = {}
            if self.dialect == "postgresql" and "connect_timeout" not in self._url.query:
                connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
            # pre_ping: a server restart leaves dead connections in the pool; test before handing out.
            return create_engine(self._url, pool_pre_ping=True, connect_args=connect_args)
        in_memory = self._url.database in (None, "", ":memory:")
        if not in_memory:
            _make_parent_dir(Path(str(self._url.database)))
        engine = create_engine(
            self._url,
            # The API hands the engine to pool threads; SQLAlchemy's pool already keeps one
            # connection to one thread at a time, which is what sqlite3's check guards against.
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S},
            # An in-memory database lives in its connection: every session must share that one.
            poolclass=StaticPool if in_memory else None,
        )
        event.listen(engine, "connect", _configure_sqlite_connection)
        return engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed if the block succeeds, rolled back if it raises."""
        with _storage_errors(self.display_url), self._sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A connection inside one transaction (committed on success): for schema work."""
        with _storage_errors(self.display_url), self._engine.begin() as connection:
            yield connection

    def upgrade(self, target: str = "head") -> str | None:
        """Apply migrations up to `target`; returns the resulting revision. Safe to run repeatedly."""
        with self.connection() as connection:
            self._lock_for_migration(connection)
            migrate.upgrade(connection, target)
            return migrate.current_revision(connection)

    def downgrade(self, target: str) -> str | None:
        """Revert migrations down to `target` ("base" drops everything); returns the new revision."""
        with self.connection() as connection:
            self._lock_for_migration(connection)
            migrate.downgrade(connection, target)
            return migrate.current_revision(connection)

    def _lock_for_migration(self, connection: Connection) -> None:
        """Make concurrent migrators (replicas starting together) wait for each other.

        The lock lasts until the migration's transaction ends, so whoever comes second reads the
        revision the first one committed and has nothing left to do.
        """
        if self.dialect == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        elif self.dialect == "sqlite":
            # Take SQLite's write lock up front. It also makes the DDL transactional: sqlite3 would
            # otherwise run CREATE TABLE outside any transaction, so a failed migration would leave
            # half a schema behind.
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    def current_revision(self) -> str | None:
        """The applied schema revision, or None for a database never migrated."""
        with self.connection() as connection:
            return migrate.current_revision(connection)

    def is_up_to_date(self) -> bool:
        return self.current_revision() == migrate.head_revision()

    def ping(self) -> bool:
        """True if the database answers a query; never raises (for health checks)."""
        try:
            with self._engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except (exc.SQLAlchemyError, OSError):
            return False
        return True

    def dispose(self) -> None:
        """Close pooled connections (at shutdown, or before a forked process uses the handle)."""
        self._engine.dispose()


# An arbitrary constant naming Vocalis's migration lock among other advisory locks on the server.
_MIGRATION_LOCK = 0x766F63616C6973  # "vocalis"


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except exc.ArgumentError as error:
        raise InvalidInput(f"invalid database URL: {error}") from error


def _make_parent_dir(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageUnavailable(
            f"cannot create the database directory {path.parent}: {error.strerror}", path=str(path)
        ) from error


def _configure_sqlite_connection(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        # Foreign keys are off by default in SQLite; later tables rely on them as on PostgreSQL.
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL lets the API read history while a worker writes a row. The mode is stored in the
        # file, so only the first connection to a new database has to switch it.
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            _switch_to_wal(cursor)
    finally:
        cursor.close()


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    # Switching needs an exclusive lock and SQLite does not apply the busy timeout to it: processes
    # opening a new database together (replicas, serve + worker) get "database is locked" at once.
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode not in _SQLITE_BUSY_CODES or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


@contextmanager
def _storage_errors(display_url: str) -> Iterator[None]:
    """Turn "the database is not there (or busy)" into StorageUnavailable; let real bugs through."""
    try:
        yield
    except exc.DBAPIError as error:
        if _is_unavailable(error):
            raise StorageUnavailable(
                f"the database at {display_url} is unavailable: {_reason(error)}", database=display_url
            ) from error
        raise


def _is_unavailable(error: exc.DBAPIError) -> bool:
    # Connection failures surface as OperationalError without a statement (raised while connecting)
    # or as an invalidated connection (dropped mid-query); SQLite reports contention by error code.
    if error.connection_invalidated:
        return True
    if getattr(error.orig, "sqlite_errorcode", None) in _SQLITE_BUSY_CODES:
        return True
    return isinstance(error, exc.OperationalError) and error.statement is None


def _reason(error: exc.DBAPIError) -> str:
    lines = str(error.orig).strip().splitlines()
    return lines[0] if lines else type(error.orig).__name__
