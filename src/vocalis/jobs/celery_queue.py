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


def celery_app(settings: Settings, *, sender: bool = False) -> Any:
    """The Celery app of workers, or with ``sender`` of an API process that only sends messages: its
    Redis calls are bounded by the queue's socket timeouts, so a Redis that stops answering cannot
    hold a request (a worker's blocking reads of the queue must not time out that fast)."""
    from celery import Celery

    if not settings.queue.url:
        raise ValueError("Celery needs VOCALIS_QUEUE__URL")
    transport: dict[str, Any] = {"visibility_timeout": settings.jobs.visibility_timeout_s}
    if sender:
        transport |= {
            "socket_timeout": settings.queue.socket_timeout_s,
            "socket_connect_timeout": settings.queue.connect_timeout_s,
        }
    app = Celery("vocalis", broker=settings.queue.url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        # A worker process that dies mid-task must not ack: the message is delivered again.
        task_reject_on_worker_lost=True,
        # Reserve one job at a time: a reserved message waits on a busy worker while another is idle.
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_default_queue=settings.jobs.celery_queue,
        broker_transport_options=transport,
        broker_connection_timeout=settings.queue.connect_timeout_s if sender else 4.0,
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        task_serializer="json",
        accept_content=["json"],
    )
    return app


class CeleryDispatcher:
    """Sends a job's message; if Redis is down the job stays queued and a worker re-sends it later.

    The job row is the truth, so a send is tried briefly (one retry) rather than holding the request
    that submitted the job: at most about two socket timeouts when Redis does not answer."""

    def __init__(self, settings: Settings, claims: JobClaims, app: Any | None = None) -> None:
        self._app = app if app is not None else celery_app(settings, sender=True)
        self._queue = settings.jobs.celery_queue
        self._claims = claims

    def dispatch(self, job_id: str) -> None:
        try:
            self._app.send_task(
                TASK_NAME,
                args=[job_id],
                queue=self._queue,
                retry=True,
                retry_policy={"max_retries": 1, "interval_start": 0.1, "interval_step": 0.2},
            )
        except Exception:
            log.warning("could not send job %s to the queue; a worker will re-send it", job_id, exc_info=True)
            return
        self._claims.mark_dispatched(job_id)

    def close(self) -> None:
        self._app.close()
