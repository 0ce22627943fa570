"""Claims: one worker per job, on SQLite and PostgreSQL, and recovery of abandoned jobs."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import timedelta

from tests.jobs.conftest import new_job
from vocalis.jobs.models import Claim, JobStatus, Segment
from vocalis.jobs.runtime import JobsRuntime
from vocalis.jobs.workers import holder_is_dead, new_worker_id, stale_cutoff
from vocalis.store.tables import utcnow


def _segment(first: int, end: int) -> Segment:
    return Segment(first, end, end * 10, 100, 24000, f"jobs/x/{first}.pcm", 200, 0, 0.01, ())


def test_concurrent_workers_never_claim_one_job_twice(runtime: JobsRuntime) -> None:
    ids = {runtime.repository.create(new_job(f"Job {n}.")).job.id for n in range(12)}
    claimed: list[str] = []
    lock = threading.Lock()

    def work(worker: str) -> None:
        while (claim := runtime.claims.claim_next(worker)) is not None:
            with lock:
                claimed.append(claim.job_id)

    threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed) == sorted(ids)
    assert runtime.repository.counts(owner_id="owner")["running"] == 12


def test_every_write_checks_the_claim(runtime: JobsRuntime) -> None:
    job = runtime.repository.create(new_job()).job
    claim = runtime.claims.claim_next("a")
    assert claim is not None and claim.job_id == job.id
    assert runtime.claims.record_segment(claim, _segment(0, 2), job_audio=1.0, job_compute=0.1)
    # The same segment cannot be recorded twice, whoever tries.
    assert not runtime.claims.record_segment(claim, _segment(0, 2), job_audio=1.0, job_compute=0.1)
    # A fresh heartbeat keeps the job from being taken over...
    assert not isinstance(runtime.claims.claim(job.id, "b", stale_before=stale_cutoff(60)), Claim)
    # ...a stale one does not, and the old holder's writes then change nothing.
    taken = runtime.claims.claim(job.id, "b", stale_before=utcnow() + timedelta(seconds=1))
    assert isinstance(taken, Claim)
    assert not runtime.claims.heartbeat(claim)
    assert not runtime.claims.record_segment(claim, _segment(2, 3), job_audio=1.0, job_compute=0.1)
    assert runtime.claims.record_segment(taken, _segment(2, 3), job_audio=1.5, job_compute=0.2)
    after = runtime.repository.get(job.id, owner_id="owner")
    assert (after.chunks_done, after.attempts, after.audio_seconds) == (3, 2, 1.5)
    assert [s.first_chunk for s in runtime.claims.segments(job.id)] == [0, 2]
    # Cancelling ends the claim too.
    assert runtime.repository.cancel(job.id, owner_id="owner")
    assert not runtime.claims.heartbeat(taken)
    assert runtime.repository.get(job.id, owner_id="owner").status is JobStatus.CANCELLED


def test_abandoned_jobs_are_put_back(runtime: JobsRuntime) -> None:
    job = runtime.repository.create(new_job()).job
    assert runtime.claims.claim_next("somewhere-else:1:x") is not None
    assert runtime.claims.requeue_abandoned(stale_before=stale_cutoff(60)) == []
    assert runtime.claims.requeue_abandoned(stale_before=utcnow() + timedelta(seconds=1)) == [job.id]
    assert runtime.repository.get(job.id, owner_id="owner").status is JobStatus.QUEUED
    # A claim made on this host by a process that has exited is put back at once, heartbeat or not.
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    host = new_worker_id().split(":")[0]
    assert runtime.claims.claim_next(f"{host}:{dead.stdout.strip()}:x") is not None
    assert runtime.claims.requeue_abandoned(stale_before=stale_cutoff(60)) == [job.id]
    assert not holder_is_dead(new_worker_id())  # this very process


def test_retry_back_off_delays_the_next_claim(runtime: JobsRuntime) -> None:
    job = runtime.repository.create(new_job()).job
    claim = runtime.claims.claim_next("a")
    assert claim is not None
    assert runtime.claims.release(
        claim, retry_at=utcnow() + timedelta(hours=1), error=("storage_unavailable", "x")
    )
    assert runtime.claims.claim_next("a") is None
    later = runtime.repository.get(job.id, owner_id="owner")
    assert (later.status, later.retries, later.error_code) == (JobStatus.QUEUED, 1, "storage_unavailable")
