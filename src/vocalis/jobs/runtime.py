"""What job workers and the job API share, built once per process."""

from __future__ import annotations

from dataclasses import dataclass

from vocalis.cloning.registry import ClonedVoices
from vocalis.cloning.work import CloneWork
from vocalis.config import Settings
from vocalis.engines.kokoro import ENGINE_NAME, KokoroEngine
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
    voices: ClonedVoices
    clone_work: CloneWork

    @property
    def settings(self) -> Settings:
        return self.services.settings


def build_runtime(
    services: Services, database: Database, blobs: BlobStore, history: SynthesisHistory
) -> JobsRuntime:
    kokoro = services.engines.tts.get(ENGINE_NAME)
    voices = ClonedVoices(database, blobs, kokoro if isinstance(kokoro, KokoroEngine) else None)
    # Synthesis resolves a cloned voice id through the database, checking who may use it.
    services.voices.attach(voices)
    hub = ProgressHub()
    return JobsRuntime(
        services=services,
        database=database,
        blobs=blobs,
        history=history,
        repository=JobRepository(database),
        claims=JobClaims(database),
        parts=PartStore(blobs),
        hub=hub,
        voices=voices,
        clone_work=CloneWork(services, database, voices, hub),
    )
