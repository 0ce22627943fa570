"""Alembic, driven from code: the migrations ship inside the package, no alembic.ini at run time."""

from __future__ import annotations

import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# alembic.context and alembic.op are process-wide proxies that each command swaps in and out, so two
# commands running in threads of one process corrupt each other: run them one at a time.
_COMMAND_LOCK = threading.Lock()


def alembic_config(connection: Connection | None = None) -> Config:
    """A config pointing at the packaged migrations; env.py runs them on `connection` if given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the packaged migrations have no head revision"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, target: str = "head") -> None:
    with _COMMAND_LOCK:
        command.upgrade(alembic_config(connection), target)


def downgrade(connection: Connection, target: str) -> None:
    with _COMMAND_LOCK:
        command.downgrade(alembic_config(connection), target)
