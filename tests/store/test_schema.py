"""The hand-written migrations build exactly the schema the models describe, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from vocalis.store.db import Database
from vocalis.store.schema import metadata


def test_migrations_match_the_models(migrated: Database) -> None:
    with migrated.connection() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata()) == []


def test_an_unmigrated_database_differs_from_the_models(database: Database) -> None:
    # Guards the test above: an empty comparison must not come from comparing nothing.
    with database.connection() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diffs = compare_metadata(context, metadata())
    assert [diff[0] for diff in diffs if isinstance(diff, tuple)][:1] == ["add_table"]
