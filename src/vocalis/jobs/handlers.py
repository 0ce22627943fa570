"""What a kind of job plugs in: a handler per kind, and the claim-guarded work it is handed.

The runner knows nothing of what a job does. For each kind (speech, clone, ...) one ``JobHandler``
is registered where the object graph is built; the runner claims a job, hands its handler a
``JobWork`` (the claim, stop and lost signals, progress and success writes that check the claim) and
records the outcome. Only ``jobs/`` writes job rows.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

from vocalis.errors import UnknownJobKind
from vocalis.jobs.claims import AlongsideWrite, JobClaims
from vocalis.jobs.events import ProgressHub
from vocalis.jobs.models import Claim, Job, JobDetail, JobProgress, JobSpec


@dataclass(frozen=True)
class Outcome:
    # released: put back in the queue (shutting down); retry: put back to run again after retry_in
    # seconds; lost: someone else owns the job now (or it was cancelled or deleted).
    status: Literal["succeeded", "failed", "released", "retry", "lost"]
    retry_in: float | None = None


@dataclass(frozen=True)
class JobWork:
    """One claimed job as its handler sees it: every write is conditioned on still holding the claim."""

    claim: Claim
    stop: threading.Event  # the worker is shutting down: release the job at the next safe point
    lost: threading.Event  # the claim is gone (cancelled, deleted, taken over): stop writing
    claims: JobClaims
    hub: ProgressHub

    def report(self, progress: JobProgress) -> bool:
        """Record progress and wake the job's listeners; False if the claim is lost (``lost`` is set)."""
        held = self.claims.report(self.claim, progress)
        if not held:
            self.lost.set()
        self.hub.notify(self.claim.job_id)
        return held

    def succeed(self, alongside: AlongsideWrite, *, detail: JobDetail | None = None) -> bool:
        """The job succeeded, together with the handler's own write (one transaction)."""
        return self.claims.succeed(self.claim, detail=detail, alongside=alongside)

    def release(self) -> Outcome:
        """Back to the queue (shutting down), work kept."""
        return Outcome("released") if self.claims.release(self.claim) else Outcome("lost")


@runtime_checkable
class JobHandler(Protocol):
    """Runs the jobs of one kind."""

    @property
    def kind(self) -> str: ...

    def validate(self, spec: JobSpec, *, viewer: str | None) -> None:
        """Everything a worker would reject, found at submission (raise a VocalisError)."""
        ...

    def run(self, job: Job, work: JobWork) -> Outcome:
        """Do the job; errors propagate (the runner records them, retrying the retryable ones)."""
        ...


class JobHandlers:
    """The handlers of every kind this process runs, fixed when the object graph is built."""

    def __init__(self, handlers: Iterable[JobHandler]) -> None:
        self._handlers: dict[str, JobHandler] = {}
        for handler in handlers:
            if not isinstance(handler, JobHandler):
                raise TypeError(f"{handler!r} does not implement JobHandler")
            self._handlers[handler.kind] = handler

    def for_kind(self, kind: str) -> JobHandler:
        handler = self._handlers.get(kind)
        if handler is None:
            raise UnknownJobKind(f"no handler for jobs of kind {kind!r} in this process", kind=kind)
        return handler
