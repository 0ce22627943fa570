"""The one object graph: settings -> engines -> stores -> services, shared by the API, the CLI and workers.

Each process builds one ``Vocalis`` at its edge (the app's lifespan, a CLI command, `vocalis worker`)
and takes what it needs from it. Every part is built on first use, exactly once, and never replaced:
`vocalis say` with a stock voice touches no database, while the server asks for everything at start-up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

from vocalis.accounts.allowance import Allowances
from vocalis.accounts.data import HistoryData, JobsData, OwnedData
from vocalis.accounts.service import Accounts, build_accounts
from vocalis.analysis.admission import UploadSlots
from vocalis.analysis.transcriber import Transcriber
from vocalis.cloning.owned import VoicesData
from vocalis.cloning.repository import ClonedVoiceRepository
from vocalis.cloning.service import VoiceCloner
from vocalis.cloning.voices_service import ClonedVoiceService
from vocalis.cloning.work import CLONE_KIND, CloneJobHandler, CloneSpec
from vocalis.coaching.owned import CoachingData
from vocalis.coaching.repository import CoachingRepository
from vocalis.coaching.service import CoachingService
from vocalis.coaching.work import (
    COACHING_KIND,
    CoachingAnalysisSpec,
    CoachingJobHandler,
    recover_interrupted,
)
from vocalis.config import Settings
from vocalis.engines.protocols import VoiceInfo
from vocalis.engines.registry import EngineRegistry, build_engines
from vocalis.interview.catalog import ScenarioCatalog
from vocalis.interview.owned import InterviewData
from vocalis.interview.recruiting import Recruiting
from vocalis.interview.repository import InterviewRepository
from vocalis.interview.scenarios import load_library
from vocalis.interview.service import InterviewService
from vocalis.jobs.background import Background
from vocalis.jobs.celery_queue import CeleryDispatcher
from vocalis.jobs.claims import JobClaims
from vocalis.jobs.downloads import ModelDownloads
from vocalis.jobs.events import ProgressHub
from vocalis.jobs.handlers import JobHandlers
from vocalis.jobs.maintenance import Maintenance
from vocalis.jobs.models import SPEECH_KIND, JobKinds, SpecDecoder, SpeechSpec
from vocalis.jobs.parts import PartStore
from vocalis.jobs.repository import JobRepository
from vocalis.jobs.runner import JobRunner
from vocalis.jobs.runtime import JobsRuntime
from vocalis.jobs.service import Dispatcher, JobService, NoWorker
from vocalis.jobs.speech_job import SpeechJobHandler
from vocalis.jobs.worker import EmbeddedWorker
from vocalis.speech.admission import SynthesisSlots
from vocalis.speech.orders import SynthesisOrders
from vocalis.speech.service import SpeechService
from vocalis.store.blobs import BlobStore
from vocalis.store.db import Database
from vocalis.store.history import SynthesisHistory
from vocalis.store.history_export import HistoryExport
from vocalis.store.readiness import Probe, Readiness
from vocalis.voices.library import VoiceLibrary

PREFERRED_DEFAULT_VOICES = ("af_heart", "af", "heart")
CLONE_PREFIX = "clone_"

T = TypeVar("T")


class part(Generic[T]):
    """A part of the graph: built on first access, once, even when threads race for it."""

    def __init__(self, build: Callable[[Any], T]) -> None:
        self._build = build
        self.__doc__ = build.__doc__
        self._name = build.__name__

    @overload
    def __get__(self, graph: None, owner: type) -> part[T]: ...
    @overload
    def __get__(self, graph: Vocalis, owner: type) -> T: ...
    def __get__(self, graph: Vocalis | None, owner: type) -> part[T] | T:
        if graph is None:
            return self
        built = graph._parts
        if self._name not in built:
            with graph._lock:
                if self._name not in built:
                    built[self._name] = self._build(graph)
        value: T = built[self._name]
        return value


class Vocalis:
    def __init__(self, settings: Settings, *, engines: EngineRegistry | None = None) -> None:
        self.settings = settings
        self._given_engines = engines
        self._parts: dict[str, Any] = {}
        self._lock = threading.RLock()  # re-entrant: parts are built from parts

    # -- engines and voices (no database) -------------------------------------------------------

    @part
    def engines(self) -> EngineRegistry:
        """The default engines unless the caller gave its own (tests, benchmarks)."""
        return self._given_engines or build_engines(self.settings)

    @part
    def voices(self) -> VoiceLibrary:
        return VoiceLibrary(self.engines, private=_ClonesOnDemand(lambda: self.cloned_voice_repository))

    @part
    def speech(self) -> SpeechService:
        return SpeechService(self.engines, self.voices)

    @property
    def default_voice(self) -> str:
        """af_heart when the voice packs are there; the bundled hibari voice otherwise."""
        known = {v.id for v in self.voices.list()}
        return next((v for v in PREFERRED_DEFAULT_VOICES if v in known), "heart")

    # -- storage -------------------------------------------------------------------------------

    @part
    def database(self) -> Database:
        database = Database(self.settings.database_url)
        if self.settings.database.auto_migrate:
            database.upgrade()
        return database

    @part
    def blobs(self) -> BlobStore:
        return BlobStore(self.settings.audio_dir)

    @part
    def history(self) -> SynthesisHistory:
        return SynthesisHistory(self.database, self.blobs)

    @part
    def accounts(self) -> Accounts:
        return build_accounts(self.settings, self.database)

    # -- cloned voices ------------------------------------------------------------------------

    @part
    def cloned_voice_repository(self) -> ClonedVoiceRepository:
        return ClonedVoiceRepository(self.database, self.blobs, self.engines.style_tts(), self.job_repository)

    @part
    def cloned_voices(self) -> ClonedVoiceService:
        """Clone intake, viewing, sharing by e-mail and deletion (with its job)."""
        return ClonedVoiceService(
            self.cloned_voice_repository, self.accounts.directory, self.jobs, self.clone_jobs.cloner
        )

    def cloner(self, **overrides: Any) -> VoiceCloner:
        """A voice cloner over this graph's Kokoro engine (overrides: encoders, VAD, excluded voices)."""
        return VoiceCloner.from_engines(
            self.engines, cache_file=self.settings.cloning_profile_cache, **overrides
        )

    @part
    def clone_jobs(self) -> CloneJobHandler:
        return CloneJobHandler(self.cloned_voice_repository, self.cloner, self.settings.cloning)

    # -- jobs ---------------------------------------------------------------------------------

    @part
    def job_repository(self) -> JobRepository:
        kinds = JobKinds(
            [
                SpecDecoder(SPEECH_KIND, SpeechSpec.from_columns),
                SpecDecoder(CLONE_KIND, CloneSpec.from_columns),
                SpecDecoder(COACHING_KIND, CoachingAnalysisSpec.from_columns),
            ]
        )
        return JobRepository(self.database, kinds)

    @part
    def jobs_runtime(self) -> JobsRuntime:
        """Job rows, claims, part files, wake-ups, and one handler per kind (speech, clone, coaching)."""
        repository = self.job_repository
        claims = JobClaims(self.database, repository.kinds)
        parts = PartStore(self.blobs)
        hub = ProgressHub()
        jobs = self.settings.jobs
        speech_jobs = SpeechJobHandler(self.speech, self.engines, claims, parts, self.blobs, hub, jobs)
        handlers = JobHandlers([speech_jobs, self.clone_jobs, CoachingJobHandler(self.coaching)])
        return JobsRuntime(
            settings=self.settings,
            database=self.database,
            blobs=self.blobs,
            history=self.history,
            repository=repository,
            claims=claims,
            parts=parts,
            hub=hub,
            handlers=handlers,
            runner=JobRunner(handlers, claims, repository, parts, hub, jobs),
        )

    @part
    def embedded_worker(self) -> EmbeddedWorker | None:
        """Job threads in this process, unless a queue URL sends the jobs to `vocalis worker`s."""
        if self.settings.queue.url or not self.settings.jobs.workers:
            return None
        return EmbeddedWorker(self.jobs_runtime, self.settings.jobs.workers)

    @part
    def celery_dispatcher(self) -> CeleryDispatcher | None:
        if not self.settings.queue.url:
            return None
        return CeleryDispatcher(self.settings, self.jobs_runtime.claims)

    @property
    def dispatcher(self) -> Dispatcher:
        """How a submitted job reaches a worker: Celery, the embedded worker, or nobody yet."""
        return self.celery_dispatcher or self.embedded_worker or NoWorker()

    @part
    def jobs(self) -> JobService:
        return JobService(self.jobs_runtime, self.dispatcher, self.accounts.quotas)

    @part
    def background(self) -> Background:
        """What the server runs beside requests: the embedded worker and the clean-up schedule."""
        celery = self.celery_dispatcher
        return Background(
            self.embedded_worker,
            Maintenance(self.jobs_runtime, self.jobs),
            self.settings.retention,
            closers=[celery.close] if celery is not None else [],
        )

    # -- the API's extras ---------------------------------------------------------------------

    @part
    def slots(self) -> SynthesisSlots:
        speech = self.settings.speech
        return SynthesisSlots(
            max_concurrent=speech.max_concurrent,
            max_queued=speech.max_queued,
            retry_after_s=speech.retry_after_s,
            fast_max_concurrent=speech.fast_max_concurrent,
            fast_max_queued=speech.fast_max_queued,
        )

    @part
    def upload_slots(self) -> UploadSlots:
        """How many uploads are decoded and analysed, transcribed or checked as voice samples at once."""
        analysis = self.settings.analysis
        return UploadSlots(
            max_concurrent=analysis.max_concurrent,
            max_queued=analysis.max_queued,
            retry_after_s=analysis.retry_after_s,
        )

    @part
    def readiness(self) -> Readiness:
        """What ``/health`` checks: the database, and Redis when one is configured."""
        probes = [Probe("database", self.database.ping)]
        if self.settings.queue.url:
            probes.append(Probe("redis", self.accounts.rate_limits.reachable))
        return Readiness(probes)

    @part
    def synthesis_orders(self) -> SynthesisOrders:
        """Requests for speech checked (quotas, voice, format) and turned into recorded runs."""
        return SynthesisOrders(
            self.speech, self.engines, self.accounts.quotas, self.blobs, self.history, self.settings.limits
        )

    @part
    def transcriber(self) -> Transcriber:
        """One transcription path (VAD + Whisper) for the API and the CLI."""
        return Transcriber.from_engines(self.engines)

    @part
    def allowances(self) -> Allowances:
        """What each user has used of the daily character quota, and their voices."""
        clones = self.cloned_voice_repository
        return Allowances(
            self.accounts.quotas,
            self.settings.limits.characters_per_day,
            lambda owner_id: len(clones.owned(owner_id)),
        )

    @part
    def coaching(self) -> CoachingService:
        """Live coaching sessions, their reports and the progress across them."""
        spool = self.settings.data_dir / "coaching-live"  # live audio on disk as it arrives
        return CoachingService(
            CoachingRepository(self.database, self.blobs),
            self.engines,
            spool,
            recognition_workers=self.settings.engines.whisper_workers,
        )

    @part
    def interviews(self) -> InterviewService:
        """Interview practice: the scenario library, interviews judged answer by answer, their reports,
        recruiters' scenarios and assignments."""
        repository = InterviewRepository(self.database, self.blobs)
        extra = self.settings.interview.scenarios_dir
        catalog = ScenarioCatalog(self.database, {**load_library(), **(load_library(extra) if extra else {})})
        recruiting = Recruiting(self.database, catalog, repository, self.accounts.directory)
        return InterviewService(
            repository, catalog, self.voices, self.engines.sentence_encoder, engines=self.engines,
            speech=self.speech, recogniser=self.transcriber.engine, recruiting=recruiting,
        )  # fmt: skip

    @part
    def history_export(self) -> HistoryExport:
        return HistoryExport(self.history, self.blobs)

    @part
    def downloads(self) -> ModelDownloads:
        return ModelDownloads(self.settings)

    @part
    def owned(self) -> tuple[OwnedData, ...]:
        """Everything a user owns: for the data export and account deletion."""
        voices = VoicesData(self.cloned_voice_repository)
        coaching = CoachingData(self.coaching.repository)
        interviews = InterviewData(self.interviews.repository, self.interviews.catalog)
        return (JobsData(self.jobs), HistoryData(self.history, self.blobs), voices, coaching, interviews)

    def open_for_serving(self) -> None:
        """Build what a server needs before its first request (migrations, accounts, jobs, workers)."""
        for name in (
            *("engines", "speech", "database", "accounts", "jobs", "background", "slots", "owned"),
            *("cloned_voices", "transcriber", "history_export", "downloads", "synthesis_orders"),
            *("allowances", "readiness", "coaching", "interviews"),
        ):
            getattr(self, name)
        # Live sessions a stopped server left behind are interrupted, what they received kept. (Live
        # coaching state is per process: replicas behind a balancer need sticky WebSocket routing.)
        recover_interrupted(self.coaching, self.jobs)
        self.interviews.interrupt_live()

    def close(self) -> None:
        """Release what was opened (the database pool); parts never built are not built now."""
        database = self._parts.get("database")
        if database is not None:
            database.dispose()
        readiness = self._parts.get("readiness")
        if readiness is not None:
            readiness.close()
        coaching = self._parts.get("coaching")
        if coaching is not None:
            coaching.close()  # live sessions' audio stays on disk for the next start
        interviews = self._parts.get("interviews")
        if interviews is not None:
            interviews.close()


class _ClonesOnDemand:
    """Cloned voices for the voice library, opening the database only for an id that can be a clone."""

    def __init__(self, clones: Callable[[], ClonedVoiceRepository]) -> None:
        self._clones = clones

    def find(self, voice_id: str, viewer: str | None) -> VoiceInfo | None:
        if not voice_id.startswith(CLONE_PREFIX):
            return None
        return self._clones().find(voice_id, viewer)


def build_graph(settings: Settings, *, engines: EngineRegistry | None = None) -> Vocalis:
    return Vocalis(settings, engines=engines)
