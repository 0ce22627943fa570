"""Retention and clean-up: by age and count, files and rows together, orphans swept."""

from __future__ import annotations

import os
import threading
from datetime import timedelta

from tests.jobs.conftest import new_job
from vocalis.accounts.limits import Quotas
from vocalis.config import RetentionSettings
from vocalis.jobs.maintenance import Maintenance
from vocalis.jobs.runtime import JobsRuntime
from vocalis.jobs.service import JobService, NoWorker
from vocalis.store.history import NewSynthesis, SynthesisRecord
from vocalis.store.tables import SynthesisRow, utcnow


def _synthesis(rt: JobsRuntime, owner: str, age_hours: float) -> SynthesisRecord:
    key = rt.blobs.new_key("wav")
    rt.blobs.write_bytes(key, b"RIFF....")
    record = rt.history.record(
        NewSynthesis(owner, "tts", "Hi.", "heart", "hibari", "wav", 24000, 1.0, 0.5, 0.01, key, 8)
    )
    with rt.database.session() as session:
        row = session.get(SynthesisRow, record.id)
        assert row is not None
        row.created_at = utcnow() - timedelta(hours=age_hours)
    return record


def _maintenance(rt: JobsRuntime, grace: float = 3600.0) -> Maintenance:
    return Maintenance(rt, JobService(rt, NoWorker(), Quotas(rt.database)), orphan_grace_s=grace)


def test_retention_by_age_and_count_removes_rows_and_files(runtime: JobsRuntime) -> None:
    old = _synthesis(runtime, "a", 50)
    kept = [_synthesis(runtime, "a", h) for h in (3, 2, 1)]
    others = [_synthesis(runtime, "b", h) for h in (5, 4)]
    report = _maintenance(runtime).run(RetentionSettings(max_hours=48))
    assert report.syntheses_deleted == 1 and not runtime.blobs.exists(old.audio_key)
    report = _maintenance(runtime).run(RetentionSettings(max_items=2))
    assert report.syntheses_deleted == 1  # a's oldest of three; b has two
    assert [r.id for r in runtime.history.list(owner_id="a")] == [kept[2].id, kept[1].id]
    assert len(runtime.history.list(owner_id="b")) == 2
    assert not runtime.blobs.exists(kept[0].audio_key)
    assert all(runtime.blobs.exists(r.audio_key) for r in [*kept[1:], *others])


def test_finished_jobs_expire_with_their_results_and_running_ones_never(runtime: JobsRuntime) -> None:
    finished = runtime.repository.create(new_job("Done soon.")).job
    claim = runtime.claims.claim_next("w")
    assert claim is not None and runtime.runner.run(claim, threading.Event()).status == "succeeded"
    running = runtime.repository.create(new_job("Still going.")).job
    assert runtime.claims.claim_next("w") is not None
    result = runtime.repository.get(finished.id, owner_id="owner").synthesis_id
    report = _maintenance(runtime).run(RetentionSettings(max_items=0))
    assert report.jobs_deleted == 1 and report.syntheses_deleted == 0  # the result went with its job
    assert runtime.repository.list(owner_id="owner")[0][0].id == running.id
    assert runtime.history.list(owner_id="owner") == [] and result is not None


def test_orphans_are_swept_after_a_grace_period(sqlite_runtime: JobsRuntime) -> None:
    rt = sqlite_runtime
    kept = _synthesis(rt, "a", 0)
    stray = rt.blobs.new_key("mp3")
    rt.blobs.write_bytes(stray, b"no row")
    vanished = _synthesis(rt, "a", 0.5)
    rt.blobs.delete(vanished.audio_key)
    rt.parts.write(rt.parts.key("deadbeef", 0, "token"), b"\x00\x00")  # a job that no longer exists
    first = _maintenance(rt).run(RetentionSettings())
    # Recent files and rows are left alone: a write may still be going on. Parts of gone jobs go at once.
    assert (first.orphan_files_deleted, first.missing_audio_rows_deleted, first.part_dirs_deleted) == (
        0,
        0,
        1,
    )
    old = utcnow().timestamp() - 7200
    os.utime(rt.blobs.path(stray), (old, old))
    report = _maintenance(rt, grace=3600).run(RetentionSettings())
    assert (report.orphan_files_deleted, report.missing_audio_rows_deleted, report.part_dirs_deleted) == (
        1,
        0,
        0,
    )
    report = _maintenance(rt, grace=0).run(RetentionSettings())
    assert report.missing_audio_rows_deleted == 1
    assert [r.id for r in rt.history.list(owner_id="a")] == [kept.id] and rt.blobs.exists(kept.audio_key)
    assert rt.parts.job_ids() == []
