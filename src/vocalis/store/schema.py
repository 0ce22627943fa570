"""The complete schema: importing this registers every table module on the shared metadata."""

from __future__ import annotations

from sqlalchemy import MetaData

from vocalis.store import account_tables, coaching_tables, interview_tables, job_tables, voice_tables
from vocalis.store.tables import Base

TABLE_MODULES = (account_tables, coaching_tables, interview_tables, job_tables, voice_tables)


def metadata() -> MetaData:
    return Base.metadata
