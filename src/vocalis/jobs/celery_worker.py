"""`vocalis worker`: a Celery worker that runs jobs, plus a reaper that recovers abandoned ones."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Any

from vocalis.errors import VocalisError
from vocalis.jobs.celery_queue import TASK_NAME, CeleryDispatcher, celery_app
from vocalis.jobs.handlers import Outcome
from vocalis.jobs.models import Claim
from vocalis.jobs.runtime import JobsRuntime
from vocalis.jobs.workers import new_worker_id, stale_cutoff
from vocalis.store.tables import utcnow

log = logging.getLogger(__name__)


class CeleryJobWorker:
    def __init__(self, runtime: JobsRuntime) -> None:
        self._rt = runtime
        settings = runtime.settings
        self.worker_id = new_worker_id()
        self.app = celery_app(settings)
        self._dispatcher = CeleryDispatcher(settings, runtime.claims, self.app)
        self._runner = runtime.runner
        self._stop = threading.Event()
        self._reaper = threading.Thread(target=self._reap_loop, name="vocalis-job-reaper", daemon=True)

        # A plain function: Celery binds the task object to it as its first argument.
        def run_job_task(task: Any, job_id: str) -> str:
            return self._task(task, job_id)

        self.app.task(name=TASK_NAME, bind=True, acks_late=True, reject_on_worker_lost=True)(run_job_task)

    def _task(self, task: Any, job_id: str) -> str:
        outcome = self.run_job(job_id)
        if outcome is None:
            return "skipped"
        if outcome.status == "retry" and outcome.retry_in is not None:
            # Back-off on retryable errors only (the runner decided); the row counts the retries.
            raise task.retry(countdown=outcome.retry_in, max_retries=None)
        if outcome.status == "released":
            self._dispatcher.dispatch(job_id)  # shutting down: let another worker carry on
        return outcome.status

    def run_job(self, job_id: str) -> Outcome | None:
        """Claim and run the job; None if it is not ours to run (finished, gone, or alive elsewhere)."""
        try:
            claim = self._rt.claims.claim(
                job_id, self.worker_id, stale_before=stale_cutoff(self._rt.settings.jobs.stale_after_s)
            )
        except LookupError:
            return None
        if not isinstance(claim, Claim):
            return None
        outcome = self._runner.run(claim, self._stop)
        log.info("job %s: %s", job_id, outcome.status)
        return outcome

    def reap(self) -> list[str]:
        """Put back abandoned jobs and (re-)send every queued job no worker has taken; the ids sent."""
        jobs = self._rt.settings.jobs
        self._rt.claims.requeue_abandoned(stale_before=stale_cutoff(jobs.stale_after_s))
        before = utcnow() - timedelta(seconds=jobs.redispatch_after_s)
        sent = self._rt.claims.take_undispatched(before=before)
        for job_id in sent:
            self._dispatcher.dispatch(job_id)
        return sent

    def _reap_loop(self) -> None:
        while not self._stop.wait(self._rt.settings.jobs.heartbeat_s):
            try:
                self.reap()
            except VocalisError:
                log.warning("could not look for abandoned jobs", exc_info=True)

    def stop(self) -> None:
        """Running jobs go back to the queue at their next chunk boundary (warm shutdown)."""
        self._stop.set()

    def run(self, *, concurrency: int, loglevel: str = "INFO") -> None:
        """Block, running jobs, until the worker is told to stop (SIGTERM or Ctrl-C)."""
        from celery.signals import worker_shutting_down

        def shutting_down(**_: Any) -> None:
            self.stop()

        worker_shutting_down.connect(shutting_down, weak=False)
        self._reaper.start()
        worker = self.app.Worker(
            pool="threads",
            concurrency=concurrency,
            queues=[self._rt.settings.jobs.celery_queue],
            loglevel=loglevel,
            hostname=f"vocalis@{self.worker_id}",
            without_mingle=True,
            without_gossip=True,
        )
        try:
            worker.start()
        finally:
            self.stop()
            worker_shutting_down.disconnect(shutting_down)
