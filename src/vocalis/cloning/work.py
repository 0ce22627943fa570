"""Clone jobs: the worker side of cloning (embedded worker or Celery, same code).

A clone is all or nothing: a restarted job starts the search again from the stored sample (about a
minute or two), and only the worker still holding the claim can mark the voice ready, so it is
finished exactly once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from vocalis.audio.decode import decode
from vocalis.cloning.repository import ClonedVoiceRepository
from vocalis.cloning.search import Progress, SearchSettings
from vocalis.cloning.service import VoiceCloner
from vocalis.config import CloningSettings
from vocalis.errors import CloneCancelled
from vocalis.jobs.handlers import JobWork, Outcome
from vocalis.jobs.models import Job, JobDetail, JobProgress, JobSpec, NewJob, SpecColumns
from vocalis.jobs.service import JobService

PROGRESS_EVERY_S = 0.5
CLONE_KIND = "clone"


@dataclass(frozen=True)
class CloneSpec:
    """Build the cloned voice ``voice_id`` from the sample stored with it."""

    voice_id: str

    kind: ClassVar[str] = CLONE_KIND

    @property
    def characters(self) -> int:
        return 0

    def columns(self) -> SpecColumns:
        return SpecColumns(text="", voice=self.voice_id, timestamps=False)

    @classmethod
    def from_columns(cls, columns: SpecColumns) -> CloneSpec:
        return cls(voice_id=columns.voice)


def submit_clone_job(
    jobs: JobService,
    voices: ClonedVoiceRepository,
    voice_id: str,
    *,
    owner_id: str | None,
    api_key_id: str | None,
) -> Job:
    """The job that builds the cloned voice ``voice_id`` (its row and sample are already stored)."""
    new = NewJob(CloneSpec(voice_id), owner_id=owner_id, api_key_id=api_key_id, source="voices")
    return jobs.submit(new, on_created=lambda job: voices.attach_job(voice_id, job.id)).job


class CloneJobHandler:
    """Runs clone jobs (``CloneSpec``); the cloner (encoders, VAD) is built on first use."""

    kind = CLONE_KIND

    def __init__(
        self, voices: ClonedVoiceRepository, make_cloner: Callable[[], VoiceCloner], settings: CloningSettings
    ) -> None:
        self._voices = voices
        self._make_cloner = make_cloner
        self._settings = settings
        self._cloner: VoiceCloner | None = None
        self._lock = threading.Lock()

    def cloner(self) -> VoiceCloner:
        """Built on first use: the encoders and VAD take a few seconds to load."""
        with self._lock:
            if self._cloner is None:
                self._cloner = self._make_cloner()
            return self._cloner

    def search_settings(self) -> SearchSettings:
        return SearchSettings.for_budget(self._settings.evaluations, judged_stock=self._settings.judged_stock)

    def validate(self, spec: JobSpec, *, viewer: str | None) -> None:
        self._voices.get(_clone_spec(spec).voice_id, viewer=viewer)  # NotFound unless the viewer's

    def run(self, job: Job, work: JobWork) -> Outcome:
        """Clone the voice; errors propagate (the job runner records them)."""
        voice_id = _clone_spec(job.spec).voice_id
        entry = self._voices.get(voice_id, viewer=None)
        sample = decode(self._voices.sample(voice_id))  # the stored WAV may exceed the upload limit
        cancel = threading.Event()
        last_write = 0.0

        def progress(p: Progress) -> None:
            nonlocal last_write
            if work.stop.is_set() or work.lost.is_set():
                cancel.set()
                return
            now = time.monotonic()
            if now - last_write < PROGRESS_EVERY_S and p.done < p.total:
                return
            last_write = now
            detail = JobDetail(stage=p.stage, best=p.best, eta_s=p.eta_s)
            if not work.report(JobProgress(p.done, p.total, detail)):
                cancel.set()

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
            if work.stop.is_set() and not work.lost.is_set():
                return work.release()
            return Outcome("lost")
        done = JobDetail(stage="done", best=clone.record.similarity.clone, eta_s=0.0)
        finished = self._voices.finish(
            voice_id, clone.record, clone.table, complete_job=lambda mark: work.succeed(mark, detail=done)
        )
        return Outcome("succeeded") if finished else Outcome("lost")


def _clone_spec(spec: JobSpec) -> CloneSpec:
    if not isinstance(spec, CloneSpec):
        raise TypeError(f"a clone job needs a CloneSpec, not {type(spec).__name__}")
    return spec
