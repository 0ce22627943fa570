"""Working on one claimed job: load it, hand it to its kind's handler, record how it ended.

The runner knows nothing of what a job does (see ``jobs.handlers``): it keeps the claim fresh with a
heartbeat, turns errors into a retry or a failure with the error's code, and removes the part files
of a job that failed or was cancelled.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from vocalis.config import JobSettings
from vocalis.errors import StepFailed, VocalisError
from vocalis.jobs.claims import JobClaims
from vocalis.jobs.events import ProgressHub
from vocalis.jobs.handlers import JobHandlers, JobWork, Outcome
from vocalis.jobs.heartbeat import Heartbeat
from vocalis.jobs.models import Claim, JobStatus
from vocalis.jobs.parts import PartStore
from vocalis.jobs.repository import JobRepository
from vocalis.store.tables import utcnow

log = logging.getLogger(__name__)


class JobRunner:
    def __init__(
        self,
        handlers: JobHandlers,
        claims: JobClaims,
        repository: JobRepository,
        parts: PartStore,
        hub: ProgressHub,
        settings: JobSettings,
    ) -> None:
        self._handlers = handlers
        self._claims = claims
        self._repository = repository
        self._parts = parts
        self._hub = hub
        self._settings = settings

    @property
    def claims(self) -> JobClaims:
        return self._claims

    def run(self, claim: Claim, stop: threading.Event) -> Outcome:
        """Work until the job ends, ``stop`` is set (the job is then released) or the claim is lost."""
        lost = threading.Event()
        try:
            with Heartbeat(lambda: self._claims.heartbeat(claim), self._settings.heartbeat_s, lost):
                outcome = self._run(claim, stop, lost)
        except StepFailed as failure:
            cause = failure.cause
            code = cause.code if isinstance(cause, VocalisError) else "engine_failure"
            retryable = isinstance(cause, VocalisError) and cause.retryable
            outcome = self._give_up(claim, code, str(failure), retryable=retryable)
        except VocalisError as error:
            outcome = self._give_up(claim, error.code, error.message, retryable=error.retryable)
        except Exception as error:
            log.exception("job %s failed", claim.job_id)
            outcome = self._give_up(
                claim, "internal_error", f"{type(error).__name__}: {error}", retryable=False
            )
        if outcome.status in ("failed", "lost"):
            self._discard_if_abandoned(claim.job_id)
        self._hub.notify(claim.job_id)
        return outcome

    def _run(self, claim: Claim, stop: threading.Event, lost: threading.Event) -> Outcome:
        job = self._claims.load(claim)
        if job is None:
            return Outcome("lost")
        handler = self._handlers.for_kind(job.kind)
        work = JobWork(claim=claim, stop=stop, lost=lost, claims=self._claims, hub=self._hub)
        return handler.run(job, work)

    def _give_up(self, claim: Claim, code: str, message: str, *, retryable: bool) -> Outcome:
        """Retry later if the error may pass and retries are left; otherwise the job fails, saying why."""
        job = self._claims.load(claim)
        if job is None:
            return Outcome("lost")
        if retryable and job.retries < self._settings.max_retries:
            delay = self._settings.retry_backoff_s * 2**job.retries
            retry_at = utcnow() + timedelta(seconds=delay)
            if self._claims.release(claim, retry_at=retry_at, error=(code, message)):
                return Outcome("retry", retry_in=delay)
            return Outcome("lost")
        return Outcome("failed") if self._claims.fail(claim, code, message) else Outcome("lost")

    def _discard_if_abandoned(self, job_id: str) -> None:
        """Part files of a job that failed, was cancelled or deleted are of no further use."""
        try:
            status = self._repository.status_of(job_id)
        except VocalisError:
            return
        if status is None or status in (JobStatus.FAILED, JobStatus.CANCELLED):
            self._parts.delete_job(job_id)
