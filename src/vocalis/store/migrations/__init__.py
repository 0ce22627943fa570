"""Alembic migrations for the Vocalis database (run through `vocalis.store.migrate`)."""
