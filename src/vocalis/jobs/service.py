"""The job operations the API offers: submit, read, list, cancel, delete, fetch results."""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from vocalis.accounts.limits import Quotas
from vocalis.audio.formats import check_bitrate, encoding_rate
from vocalis.errors import InvalidInput, JobNotReady, NotFound, TooLarge
from vocalis.jobs.models import Job, JobKind, JobSpec, JobStatus, NewJob
from vocalis.jobs.repository import RemovedJob, Submitted
from vocalis.jobs.runtime import JobsRuntime
from vocalis.speech.request import SpeechRequest
from vocalis.speech.timestamps import WordTimestamp
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
        """Everything a worker would reject, found now: length, voice, speed, text, format options."""
        limit = self._rt.settings.jobs.max_text_chars
        if len(spec.text) > limit:
            raise TooLarge(
                f"text is {len(spec.text)} characters; a job takes at most {limit}",
                limit=limit,
                length=len(spec.text),
            )
        plan = self._rt.services.speech.plan(SpeechRequest(spec.text, spec.voice, spec.speed, viewer=viewer))
        encoding_rate(spec.format, plan.sample_rate, spec.sample_rate)
        check_bitrate(spec.format, spec.bitrate)
        if spec.timestamps:
            self._rt.services.engines.speech_to_text()  # ModelUnavailable now rather than at the end

    def submit(self, new: NewJob, *, characters_per_day: int | None = None) -> Submitted:
        self.validate(new.spec, viewer=new.owner_id)
        if new.owner_id is not None and characters_per_day is not None:
            # Jobs not yet finished count too: otherwise many queued jobs could overrun the day's quota.
            pending = self._rt.repository.pending_characters(new.owner_id)
            self._quotas.check_characters(new.owner_id, len(new.spec.text) + pending, characters_per_day)
        submitted = self._rt.repository.create(new)
        if submitted.created:
            self._dispatcher.dispatch(submitted.job.id)
        return submitted

    def submit_clone(self, voice_id: str, *, owner_id: str | None, api_key_id: str | None) -> Job:
        """A job that builds the cloned voice ``voice_id`` (its row and sample are already stored)."""
        new = NewJob(
            spec=JobSpec(text="", voice=voice_id, timestamps=False),
            owner_id=owner_id,
            api_key_id=api_key_id,
            source="voices",
            kind=JobKind.CLONE,
        )
        job = self._rt.repository.create(new).job
        self._rt.voices.attach_job(voice_id, job.id)
        self._dispatcher.dispatch(job.id)
        return job

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
        if not job.spec.timestamps:
            raise InvalidInput("this job was submitted without timestamps", job_id=job_id)
        if job.status is not JobStatus.SUCCEEDED:
            raise JobNotReady(f"job {job_id} is {job.status.value}", job_id=job_id, status=job.status.value)
        words: builtins.list[WordTimestamp] = []
        offset = 0.0
        for segment in self._rt.claims.segments(job_id):
            words.extend(
                dataclasses.replace(w, start=round(w.start + offset, 3), end=round(w.end + offset, 3))
                for w in segment.words
            )
            offset += segment.seconds
        return job, words
