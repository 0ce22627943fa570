"""What job workers and the job API share, built once per process."""

from __future__ import annotations

from dataclasses import dataclass

from vocalis.config import Settings
from vocalis.jobs.claims import JobClaims
from vocalis.jobs.events import ProgressHub
from vocalis.jobs.parts import PartStore
from vocalis.jobs.repository import JobRepository
from vocalis.services import Services
from vocalis.store.blobs import BlobStore
from vocalis.store.db import Database
from vocalis.store.history import SynthesisHistory


@dataclass(frozen=True)
class JobsRuntime:
    services: Services
    database: Database
    blobs: BlobStore
    history: SynthesisHistory
    repository: JobRepository
    claims: JobClaims
    parts: PartStore
    hub: ProgressHub

    @property
    def settings(self) -> Settings:
        return self.services.settings


def build_runtime(
    services: Services, database: Database, blobs: BlobStore, history: SynthesisHistory
) -> JobsRuntime:
    return JobsRuntime(
        services=services,
        database=database,
        blobs=blobs,
        history=history,
        repository=JobRepository(database),
        claims=JobClaims(database),
        parts=PartStore(blobs),
        hub=ProgressHub(),
    )
