"""The embedded worker: threads in the server process that claim queued jobs from the database."""

from __future__ import annotations

import logging
import threading
import time

from vocalis.errors import VocalisError
from vocalis.jobs.runtime import JobsRuntime
from vocalis.jobs.workers import new_worker_id, stale_cutoff

log = logging.getLogger(__name__)


class EmbeddedWorker:
    """``threads`` jobs at a time. A submitted job wakes an idle thread at once; otherwise threads
    look every ``poll_s``, and now and then put back jobs whose worker died (stale heartbeat)."""

    def __init__(self, runtime: JobsRuntime, threads: int) -> None:
        self._rt = runtime
        self._threads_wanted = threads
        self.worker_id = new_worker_id()
        self._runner = runtime.runner
        self._stop = threading.Event()
        self._wake = threading.Condition()
        self._pending_wakes = 0
        self._threads: list[threading.Thread] = []
        self._last_recovery = 0.0

    def start(self) -> None:
        self.recover()
        for n in range(self._threads_wanted):
            thread = threading.Thread(target=self._loop, name=f"vocalis-job-worker-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def recover(self) -> list[str]:
        """Put back jobs left running by a worker that is gone; returns their ids."""
        self._last_recovery = time.monotonic()
        try:
            requeued = self._rt.claims.requeue_abandoned(
                stale_before=stale_cutoff(self._rt.settings.jobs.stale_after_s)
            )
        except VocalisError:
            log.warning("could not look for abandoned jobs", exc_info=True)
            return []
        if requeued:
            log.info("re-queued %d abandoned job(s): %s", len(requeued), ", ".join(requeued))
            self.wake()
        return requeued

    def dispatch(self, job_id: str) -> None:
        """A job was submitted: wake a thread (the job id is in the database, not in the message)."""
        self.wake()

    def wake(self) -> None:
        with self._wake:
            self._pending_wakes += 1
            self._wake.notify()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop at the next chunk boundary; the jobs in progress go back to the queue, work kept."""
        self._stop.set()
        with self._wake:
            self._wake.notify_all()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        self._threads.clear()

    def _loop(self) -> None:
        settings = self._rt.settings.jobs
        while not self._stop.is_set():
            if time.monotonic() - self._last_recovery > settings.heartbeat_s:
                self.recover()
            try:
                claim = self._rt.claims.claim_next(self.worker_id)
            except VocalisError:
                log.warning("could not look for queued jobs", exc_info=True)
                claim = None
            if claim is None:
                with self._wake:
                    if self._pending_wakes == 0:
                        self._wake.wait(settings.poll_s)
                    self._pending_wakes = max(0, self._pending_wakes - 1)
                continue
            outcome = self._runner.run(claim, self._stop)
            log.info("job %s: %s", claim.job_id, outcome.status)
            if outcome.status == "retry":
                self.wake()
