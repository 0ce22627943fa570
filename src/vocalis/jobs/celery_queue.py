"""Jobs through Celery on Redis: the API sends "run job X", `vocalis worker` processes run it.

Messages carry only the job id; the database row stays the truth, so a message delivered twice (a
re-send, or Redis restoring an unacknowledged one) ends in a claim that fails and is dropped.
Messages are acknowledged late (after the task), so a worker killed mid-job leaves its message to be
delivered again after the visibility timeout; independently, every worker puts back jobs whose
heartbeat went stale and re-sends them, so recovery does not wait for that timeout.
"""

from __future__ import annotations

import logging
from typing import Any

from vocalis.config import Settings
from vocalis.jobs.claims import JobClaims

log = logging.getLogger(__name__)
TASK_NAME = "vocalis.jobs.run"


def celery_app(settings: Settings) -> Any:
    from celery import Celery

    if not settings.queue.url:
        raise ValueError("Celery needs VOCALIS_QUEUE__URL")
    app = Celery("vocalis", broker=settings.queue.url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        # A worker process that dies mid-task must not ack: the message is delivered again.
        task_reject_on_worker_lost=True,
        # Reserve one job at a time: a reserved message waits on a busy worker while another is idle.
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_default_queue=settings.jobs.celery_queue,
        broker_transport_options={"visibility_timeout": settings.jobs.visibility_timeout_s},
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        task_serializer="json",
        accept_content=["json"],
    )
    return app


class CeleryDispatcher:
    """Sends a job's message; if Redis is down the job stays queued and a worker re-sends it later."""

    def __init__(self, settings: Settings, claims: JobClaims, app: Any | None = None) -> None:
        self._app = app if app is not None else celery_app(settings)
        self._queue = settings.jobs.celery_queue
        self._claims = claims

    def dispatch(self, job_id: str) -> None:
        try:
            self._app.send_task(
                TASK_NAME,
                args=[job_id],
                queue=self._queue,
                retry=True,
                retry_policy={"max_retries": 3, "interval_start": 0.2, "interval_step": 0.5},
            )
        except Exception:
            log.warning("could not send job %s to the queue; a worker will re-send it", job_id, exc_info=True)
            return
        self._claims.mark_dispatched(job_id)

    def close(self) -> None:
        self._app.close()
