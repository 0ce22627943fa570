"""The job machinery one process shares (server, `vocalis worker`): built once by the object graph."""

from __future__ import annotations

from dataclasses import dataclass

from vocalis.config import Settings
from vocalis.jobs.claims import JobClaims
from vocalis.jobs.events import ProgressHub
from vocalis.jobs.handlers import JobHandlers
from vocalis.jobs.parts import PartStore
from vocalis.jobs.repository import JobRepository
from vocalis.jobs.runner import JobRunner
from vocalis.store.blobs import BlobStore
from vocalis.store.db import Database
from vocalis.store.history import SynthesisHistory


@dataclass(frozen=True)
class JobsRuntime:
    settings: Settings
    database: Database
    blobs: BlobStore
    history: SynthesisHistory
    repository: JobRepository
    claims: JobClaims
    parts: PartStore
    hub: ProgressHub
    handlers: JobHandlers
    runner: JobRunner
