"""Everything the API builds at start-up and hands to routes through dependencies."""

from __future__ import annotations

from dataclasses import dataclass

from vocalis.accounts.data import HistoryData, JobsData, OwnedData
from vocalis.accounts.service import Accounts, build_accounts
from vocalis.cloning.owned import VoicesData
from vocalis.config import Settings
from vocalis.engines.registry import EngineRegistry
from vocalis.jobs.background import Background
from vocalis.jobs.celery_queue import CeleryDispatcher
from vocalis.jobs.downloads import ModelDownloads
from vocalis.jobs.maintenance import Maintenance
from vocalis.jobs.runtime import JobsRuntime, build_runtime
from vocalis.jobs.service import Dispatcher, JobService, NoWorker
from vocalis.jobs.worker import EmbeddedWorker
from vocalis.services import Services, build_services
from vocalis.speech.admission import SynthesisSlots
from vocalis.store.blobs import BlobStore
from vocalis.store.db import Database
from vocalis.store.history import SynthesisHistory


@dataclass(frozen=True)
class ApiState:
    services: Services
    database: Database
    blobs: BlobStore
    history: SynthesisHistory
    slots: SynthesisSlots
    accounts: Accounts
    owned: tuple[OwnedData, ...]
    jobs: JobService
    job_runtime: JobsRuntime
    background: Background  # started and stopped by the app's lifespan
    downloads: ModelDownloads

    @property
    def settings(self) -> Settings:
        return self.services.settings


def build_state(settings: Settings, *, engines: EngineRegistry | None = None) -> ApiState:
    services = build_services(settings, engines=engines)
    database = Database(settings.database_url)
    if settings.database.auto_migrate:
        database.upgrade()
    blobs = BlobStore(settings.audio_dir)
    history = SynthesisHistory(database, blobs)
    accounts = build_accounts(settings, database)
    runtime = build_runtime(services, database, blobs, history)
    # With a queue URL, `vocalis worker` processes run the jobs and this server only sends them.
    worker: EmbeddedWorker | None = None
    dispatcher: Dispatcher = NoWorker()
    closers = []
    if settings.queue.url:
        celery = CeleryDispatcher(settings, runtime.claims)
        dispatcher = celery
        closers.append(celery.close)
    elif settings.jobs.workers:
        worker = dispatcher = EmbeddedWorker(runtime, settings.jobs.workers)
    jobs = JobService(runtime, dispatcher, accounts.quotas)
    background = Background(worker, Maintenance(runtime, jobs), settings.retention, closers=closers)
    return ApiState(
        services=services,
        database=database,
        blobs=blobs,
        history=history,
        accounts=accounts,
        owned=(JobsData(jobs), HistoryData(history, blobs), VoicesData(runtime.voices)),
        jobs=jobs,
        job_runtime=runtime,
        background=background,
        downloads=ModelDownloads(settings),
        slots=SynthesisSlots(
            max_concurrent=settings.speech.max_concurrent,
            max_queued=settings.speech.max_queued,
            retry_after_s=settings.speech.retry_after_s,
        ),
    )
