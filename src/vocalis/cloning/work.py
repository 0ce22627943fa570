"""Running a clone job: the worker side of cloning (embedded worker or Celery, same code).

A clone is all or nothing: a restarted job starts the search again from the stored sample (about a
minute or two), and only the worker still holding the claim can mark the voice ready, so it is
finished exactly once.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Literal

from sqlalchemy import update

from vocalis.audio.decode import decode
from vocalis.cloning.registry import ClonedVoices
from vocalis.cloning.search import CloneCancelled, Progress, SearchSettings
from vocalis.cloning.service import VoiceCloner
from vocalis.jobs.claims import held
from vocalis.jobs.events import ProgressHub
from vocalis.jobs.models import Claim, Job
from vocalis.services import Services
from vocalis.store.db import Database
from vocalis.store.job_tables import JobRow
from vocalis.store.tables import utcnow

PROGRESS_EVERY_S = 0.5

CloneOutcome = Literal["succeeded", "released", "lost"]


class CloneWork:
    def __init__(
        self, services: Services, database: Database, voices: ClonedVoices, hub: ProgressHub
    ) -> None:
        self._services = services
        self._db = database
        self.voices = voices
        self._hub = hub
        self._cloner: VoiceCloner | None = None
        self._lock = threading.Lock()

    def cloner(self) -> VoiceCloner:
        """Built on first use: the encoders and VAD take a few seconds to load."""
        with self._lock:
            if self._cloner is None:
                self._cloner = VoiceCloner.from_services(self._services)
            return self._cloner

    def search_settings(self) -> SearchSettings:
        cloning = self._services.settings.cloning
        return SearchSettings.for_budget(cloning.evaluations, judged_stock=cloning.judged_stock)

    def run(self, claim: Claim, job: Job, stop: threading.Event, lost: threading.Event) -> CloneOutcome:
        """Clone the voice ``job.spec.voice``; errors propagate (the job runner records them)."""
        voice_id = job.spec.voice
        entry = self.voices.get(voice_id, viewer=None)
        sample = decode(self.voices.sample(voice_id))  # the stored WAV may exceed the upload limit
        cancel = threading.Event()
        last_write = 0.0

        def progress(p: Progress) -> None:
            nonlocal last_write
            if stop.is_set() or lost.is_set():
                cancel.set()
                return
            now = time.monotonic()
            if now - last_write < PROGRESS_EVERY_S and p.done < p.total:
                return
            last_write = now
            if not self._record_progress(claim, p):
                lost.set()
                cancel.set()
            self._hub.notify(claim.job_id)

        try:
            clone = self.cloner().clone(
                sample,
                voice_id=voice_id,
                name=entry.name,
                consent=entry.consent,
                filename=entry.filename,
                settings=self.search_settings(),
                progress=progress,
                cancel=cancel,
            )
        except CloneCancelled:
            return "released" if stop.is_set() and not lost.is_set() else "lost"
        return "succeeded" if self.voices.finish(claim, voice_id, clone.record, clone.table) else "lost"

    def _record_progress(self, claim: Claim, progress: Progress) -> bool:
        detail = {"stage": progress.stage, "best": progress.best, "eta_s": progress.eta_s}
        statement = (
            update(JobRow)
            .where(held(claim))
            .values(
                chunks_done=progress.done,
                chunks_total=progress.total,
                detail=json.dumps(detail),
                heartbeat_at=utcnow(),
            )
        )
        with self._db.session() as session:
            return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]
