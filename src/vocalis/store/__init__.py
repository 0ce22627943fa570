"""Persistence: SQLAlchemy tables and queries, Alembic migrations, and blob storage for audio.

Everything leaving this package is a frozen dataclass; ORM rows and sessions stay inside.
"""
