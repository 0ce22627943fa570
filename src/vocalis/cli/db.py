"""`vocalis db`: apply schema migrations and show where the database stands."""

from __future__ import annotations

import click

from vocalis.cli.context import load_settings


@click.group()
def db() -> None:
    """Database schema: upgrade it, show its revision.

    The database is VOCALIS_DATABASE__URL, or a SQLite file under VOCALIS_DATA_DIR by default.
    """


@db.command()
def upgrade() -> None:
    """Apply all pending migrations (safe to repeat) and print the resulting revision."""
    # Imported here so `vocalis --help` does not pay for SQLAlchemy and Alembic.
    from vocalis.store.db import Database

    database = Database(load_settings().database_url)
    try:
        revision = database.upgrade()
    finally:
        database.dispose()
    click.echo(f"{database.display_url}: at revision {revision}")


@db.command()
def current() -> None:
    """Print the applied revision and whether migrations are pending."""
    from vocalis.store.db import Database
    from vocalis.store.migrate import head_revision

    database = Database(load_settings().database_url)
    try:
        revision = database.current_revision()
    finally:
        database.dispose()
    head = head_revision()
    state = "up to date" if revision == head else f"behind {head}: run `vocalis db upgrade`"
    click.echo(f"{database.display_url}: at revision {revision or 'none'} ({state})")
