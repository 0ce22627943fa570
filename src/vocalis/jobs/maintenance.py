"""Retention and clean-up: old history and finished jobs go, files and rows together.

Rows are deleted first, then their files, so a crash between the two leaves a file without a row,
never a row pointing at nothing; the orphan sweep then removes such files (and files of writers that
died mid-write) once they are older than a grace period that covers any write still in progress.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from vocalis.config import RetentionSettings
from vocalis.jobs.parts import JOBS_DIR
from vocalis.jobs.runtime import JobsRuntime
from vocalis.jobs.service import JobService
from vocalis.store.tables import utcnow

log = logging.getLogger(__name__)
ORPHAN_GRACE_S = 3600.0
BATCH = 500


@dataclass(frozen=True)
class CleanupReport:
    syntheses_deleted: int  # history items past retention (with their audio)
    jobs_deleted: int  # finished jobs past retention (with their results and parts)
    orphan_files_deleted: int  # audio files no row points at, and leftovers of interrupted writes
    missing_audio_rows_deleted: int  # history rows whose audio file had disappeared
    part_dirs_deleted: int  # part files of jobs that are no longer running


class Maintenance:
    def __init__(
        self, runtime: JobsRuntime, jobs: JobService, *, orphan_grace_s: float = ORPHAN_GRACE_S
    ) -> None:
        self._rt = runtime
        self._jobs = jobs
        self._grace = orphan_grace_s

    def run(self, retention: RetentionSettings) -> CleanupReport:
        before = utcnow() - timedelta(hours=retention.max_hours) if retention.max_hours is not None else None
        keep = retention.max_items
        jobs = syntheses = 0
        if before is not None or keep is not None:
            while ids := self._rt.repository.expired(before=before, keep_per_owner=keep, limit=BATCH):
                removed = self._rt.repository.remove(ids, owner_id=None, everyone=True)
                self._jobs.discard(removed)
                jobs += len(removed)
                if not removed:
                    break
            while records := self._rt.history.expired(before=before, keep_per_owner=keep, limit=BATCH):
                purged = self._rt.history.purge(records)
                syntheses += len(purged)
                if not purged:
                    break
        report = CleanupReport(
            syntheses_deleted=syntheses,
            jobs_deleted=jobs,
            part_dirs_deleted=self._sweep_parts(),
            missing_audio_rows_deleted=self._sweep_rows(),
            orphan_files_deleted=self._sweep_files(),
        )
        if any(vars(report).values()):
            log.info("clean-up: %s", report)
        return report

    def _sweep_parts(self) -> int:
        job_ids = self._rt.parts.job_ids()
        active = self._rt.repository.active(job_ids) if job_ids else set()
        idle = [job_id for job_id in job_ids if job_id not in active]
        for job_id in idle:
            self._rt.parts.delete_job(job_id)
        return len(idle)

    def _sweep_rows(self) -> int:
        if not self._rt.blobs.root.is_dir():
            return 0  # storage not mounted: deleting every row would be the wrong conclusion
        cutoff = utcnow() - timedelta(seconds=self._grace)
        records = self._rt.history.without_audio(before=cutoff)
        return len(self._rt.history.purge(records))

    def _sweep_files(self) -> int:
        known = self._rt.history.audio_keys()
        cutoff = time.time() - self._grace
        deleted = 0
        for path, key in self._files():
            try:
                if key not in known and path.stat().st_mtime < cutoff:
                    path.unlink()
                    deleted += 1
            except OSError:
                continue
        return deleted

    def _files(self) -> Iterator[tuple[Path, str]]:
        root = self._rt.blobs.root
        if not root.is_dir():
            return
        for path in root.rglob("*"):
            relative = path.relative_to(root)
            if relative.parts[0] == JOBS_DIR or not path.is_file():
                continue
            yield path, relative.as_posix()
