"""Sending a job's message when Redis is down or hung: the submission is not held, the job stays queued
(the row is the truth) and a worker re-sends it later."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.jobs.conftest import make_runtime, new_job
from tests.servers import free_port, silent_server
from vocalis.config import QueueSettings
from vocalis.engines.testing import ToneEngine
from vocalis.jobs.celery_queue import CeleryDispatcher
from vocalis.jobs.runtime import JobsRuntime
from vocalis.store.job_tables import JobRow


@pytest.fixture
def runtime(tmp_path: Path) -> JobsRuntime:
    return make_runtime(tmp_path, f"sqlite:///{tmp_path / 'jobs.db'}", ToneEngine())


def dispatch_within(runtime: JobsRuntime, port: int, seconds: float) -> tuple[bool, float]:
    settings = runtime.settings.model_copy(update={"queue": QueueSettings(url=f"redis://127.0.0.1:{port}/0")})
    dispatcher = CeleryDispatcher(settings, runtime.claims)
    job = runtime.repository.create(new_job("One sentence.")).job
    started = time.monotonic()
    # A thread, so that a dispatch that hangs fails the test instead of hanging it.
    sender = threading.Thread(target=dispatcher.dispatch, args=(job.id,), daemon=True)
    sender.start()
    sender.join(timeout=seconds)
    took = time.monotonic() - started
    if not sender.is_alive():
        dispatcher.close()
    return not sender.is_alive(), took


@pytest.mark.parametrize("redis", ["down", "hung"])
def test_a_dispatch_to_an_unavailable_redis_returns_fast_and_leaves_the_job_queued(
    runtime: JobsRuntime, redis: str
) -> None:
    if redis == "down":
        returned, took = dispatch_within(runtime, free_port(), 15)
    else:
        with silent_server() as port:
            returned, took = dispatch_within(runtime, port, 15)
    assert returned and took < 5.0, took
    with runtime.database.session() as session:
        rows = session.execute(select(JobRow.status, JobRow.dispatched_at)).all()
    # Still queued, and not marked as sent: a worker's re-send picks it up when Redis is back.
    assert [tuple(row) for row in rows] == [("queued", None)]
