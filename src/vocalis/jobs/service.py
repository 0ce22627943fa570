"""The job operations the API offers: submit, read, list, cancel, delete, fetch results."""

from __future__ import annotations

import asyncio
import builtins
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Literal, Protocol

from vocalis.accounts.limits import Quotas
from vocalis.errors import InvalidInput, JobNotReady, NotFound
from vocalis.jobs.models import Job, JobSpec, JobStatus, NewJob, SpeechSpec
from vocalis.jobs.repository import RemovedJob, Submitted
from vocalis.jobs.runtime import JobsRuntime
from vocalis.speech.timestamps import WordTimestamp, shift_words
from vocalis.store.history import SynthesisRecord


class Dispatcher(Protocol):
    """Gets a submitted job to a worker: wake the embedded one, or send a Celery message."""

    def dispatch(self, job_id: str) -> None: ...


class NoWorker:
    """No embedded worker and no queue: jobs wait in the database for a worker to be configured."""

    def dispatch(self, job_id: str) -> None:
        return None


@dataclass(frozen=True)
class BatchResult:
    deleted: tuple[str, ...]
    not_found: tuple[str, ...]


class JobService:
    def __init__(self, runtime: JobsRuntime, dispatcher: Dispatcher, quotas: Quotas) -> None:
        self._rt = runtime
        self._dispatcher = dispatcher
        self._quotas = quotas

    def validate(self, spec: JobSpec, *, viewer: str | None = None) -> None:
        """Everything a worker would reject, found now, by the kind's handler."""
        self._rt.handlers.for_kind(spec.kind).validate(spec, viewer=viewer)

    def submit(
        self,
        new: NewJob,
        *,
        characters_per_day: int | None = None,
        on_created: Callable[[Job], None] | None = None,
    ) -> Submitted:
        """Validate, check the quota, store and dispatch; ``on_created`` runs before the dispatch."""
        self.validate(new.spec, viewer=new.owner_id)
        if new.owner_id is not None and characters_per_day is not None and new.spec.characters:
            # Jobs not yet finished count too: otherwise many queued jobs could overrun the day's quota.
            pending = self._rt.repository.pending_characters(new.owner_id)
            self._quotas.check_characters(new.owner_id, new.spec.characters + pending, characters_per_day)
        submitted = self._rt.repository.create(new)
        if submitted.created:
            if on_created is not None:
                on_created(submitted.job)
            self._dispatcher.dispatch(submitted.job.id)
        return submitted

    def listen(self, job_id: str) -> AbstractContextManager[asyncio.Event]:
        """Wake-ups whenever this process's workers change the job (see ``ProgressHub``)."""
        return self._rt.hub.listen(job_id)

    def counts(self, *, owner_id: str | None, everyone: bool = False) -> dict[str, int]:
        """Jobs by status (everyone's for an admin)."""
        return self._rt.repository.counts(owner_id=owner_id, everyone=everyone)

    def queue_depth(self) -> tuple[int, int]:
        """(queued, running) across everyone."""
        return self._rt.claims.queue_depth()

    def get(self, job_id: str, *, owner_id: str | None) -> Job:
        return self._rt.repository.get(job_id, owner_id=owner_id)

    def list(
        self, *, owner_id: str | None, status: JobStatus | None = None, limit: int = 50, offset: int = 0
    ) -> tuple[list[Job], int]:
        return self._rt.repository.list(owner_id=owner_id, status=status, limit=limit, offset=offset)

    def cancel_or_delete(self, job_id: str, *, owner_id: str | None) -> Literal["cancelled", "deleted"]:
        """A queued or running job is cancelled; a finished one is deleted with its result."""
        if self._rt.repository.cancel(job_id, owner_id=owner_id):
            self._rt.hub.notify(job_id)
            return "cancelled"
        removed = self._rt.repository.remove([job_id], owner_id=owner_id)
        if not removed:
            self._rt.repository.get(job_id, owner_id=owner_id)  # NotFound if not the caller's
            # It was active a moment ago and finished in between: cancelling it is what was asked.
            return "cancelled"
        self.discard(removed)
        return "deleted"

    def delete_many(self, job_ids: Sequence[str], *, owner_id: str | None) -> BatchResult:
        """Cancel and delete each of these jobs the caller owns, results and files included."""
        for job_id in job_ids:
            if self._rt.repository.cancel(job_id, owner_id=owner_id):
                self._rt.hub.notify(job_id)
        removed = self._rt.repository.remove(job_ids, owner_id=owner_id)
        self.discard(removed)
        gone = {r.job_id for r in removed}
        return BatchResult(
            deleted=tuple(i for i in job_ids if i in gone),
            not_found=tuple(i for i in job_ids if i not in gone),
        )

    def discard(self, removed: Sequence[RemovedJob]) -> None:
        """After the rows are gone: the results (history rows and audio) and the part files."""
        for job in removed:
            if job.synthesis_id is not None:
                self._rt.history.delete_many([job.synthesis_id], owner_id=job.owner_id)
            self._rt.parts.delete_job(job.job_id)

    def result(self, job_id: str, *, owner_id: str | None) -> SynthesisRecord:
        """The finished job's audio record; JobNotReady while it runs, if it failed, or after its
        audio was deleted (history or retention)."""
        job = self.get(job_id, owner_id=owner_id)
        if job.status is not JobStatus.SUCCEEDED or job.synthesis_id is None:
            reason = (
                "its audio was deleted" if job.status is JobStatus.SUCCEEDED else f"it is {job.status.value}"
            )
            raise JobNotReady(f"job {job_id} has no audio: {reason}", job_id=job_id, status=job.status.value)
        try:
            return self._rt.history.get(job.synthesis_id, owner_id=owner_id)
        except NotFound as error:
            raise JobNotReady(f"job {job_id} has no audio: it was deleted", job_id=job_id) from error

    def words(self, job_id: str, *, owner_id: str | None) -> tuple[Job, builtins.list[WordTimestamp]]:
        """Word times over the whole file, from each saved segment's words shifted by its start."""
        job = self.get(job_id, owner_id=owner_id)
        if not isinstance(job.spec, SpeechSpec) or not job.spec.timestamps:
            raise InvalidInput("this job was submitted without timestamps", job_id=job_id)
        if job.status is not JobStatus.SUCCEEDED:
            raise JobNotReady(f"job {job_id} is {job.status.value}", job_id=job_id, status=job.status.value)
        words: builtins.list[WordTimestamp] = []
        offset = 0.0
        for segment in self._rt.claims.segments(job_id):
            words.extend(shift_words(segment.words, offset))
            offset += segment.seconds
        return job, words
