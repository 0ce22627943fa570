"""Coaching analysis jobs: a long uploaded talk (the 30-minute rehearsal a user really records) is
analysed by a worker (embedded or Celery, same code) instead of a request held open for minutes.

The upload is stored with the session; the job decodes it, analyses it with progress by stage and
finishes the session with its report. A restarted job starts the analysis again from the upload.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from vocalis.coaching.service import CoachingService
from vocalis.coaching.sessions import SessionStatus
from vocalis.errors import NotFound
from vocalis.jobs.handlers import JobWork, Outcome
from vocalis.jobs.models import Job, JobDetail, JobProgress, JobSpec, NewJob, SpecColumns
from vocalis.jobs.service import JobService

COACHING_KIND = "coaching_analysis"
INTERRUPTED = "interrupted"  # the spec's marker in the job row's text column
# Seconds of analysis per second of audio on 2 cores (bench.analysis: 0.06 RTF), for the ETA.
ANALYSIS_RTF = 0.08


@dataclass(frozen=True)
class CoachingAnalysisSpec:
    """Analyse the talk uploaded into coaching session ``session_id``."""

    session_id: str
    interrupted: bool = False  # a live session a stopped server left: it stays interrupted

    kind: ClassVar[str] = COACHING_KIND

    @property
    def characters(self) -> int:
        return 0

    def columns(self) -> SpecColumns:
        return SpecColumns(
            text=INTERRUPTED if self.interrupted else "", voice=self.session_id, timestamps=False
        )

    @classmethod
    def from_columns(cls, columns: SpecColumns) -> CoachingAnalysisSpec:
        return cls(session_id=columns.voice, interrupted=columns.text == INTERRUPTED)


def take_recording(
    coaching: CoachingService,
    jobs: JobService,
    session_id: str,
    owner_id: str | None,
    data: bytes,
    *,
    filename: str | None,
    job_after_s: float,
) -> dict[str, Any] | Job:
    """An uploaded talk into its session: the report at once, or the job analysing a long one."""
    report = coaching.analyse_recording(
        session_id, owner_id, data, filename=filename, job_after_s=job_after_s
    )
    if report is not None:
        return report
    new = NewJob(CoachingAnalysisSpec(session_id), owner_id=owner_id, source="coaching")
    return jobs.submit(new, on_created=lambda job: coaching.repository.set_job(session_id, job.id)).job


def recover_interrupted(coaching: CoachingService, jobs: JobService) -> list[str]:
    """At start: live sessions a stopped server left are interrupted, and the audio they had received
    is analysed by a job into their report and recording. Returns their ids."""
    ids = coaching.recover()
    for session_id in ids:
        session = coaching.repository.get_any(session_id)
        spec = CoachingAnalysisSpec(session_id, interrupted=True)
        job = jobs.submit(NewJob(spec, owner_id=session.owner_id, source="coaching")).job
        coaching.repository.set_job(session_id, job.id)
    return ids


class CoachingJobHandler:
    kind = COACHING_KIND

    def __init__(self, coaching: CoachingService) -> None:
        self._coaching = coaching

    def validate(self, spec: JobSpec, *, viewer: str | None) -> None:
        self._coaching.get(_spec(spec).session_id, viewer)  # NotFound unless the viewer's

    def run(self, job: Job, work: JobWork) -> Outcome:
        session_id = _spec(job.spec).session_id
        data = self._coaching.repository.upload(session_id)
        if data is None:
            raise NotFound(f"the upload of session {session_id} is gone", session=session_id)

        def stage(name: str, done: int, audio_seconds: float | None = None) -> None:
            eta = None if audio_seconds is None else round(audio_seconds * ANALYSIS_RTF, 1)
            work.report(JobProgress(done, 3, JobDetail(stage=name, eta_s=eta)))

        spec = _spec(job.spec)
        status = SessionStatus.INTERRUPTED if spec.interrupted else SessionStatus.COMPLETED
        self._coaching.analyse_stored(session_id, data, progress=stage, status=status)
        if work.lost.is_set():
            return Outcome("lost")
        work.succeed(lambda _session: True, detail=JobDetail(stage="done", eta_s=0.0))
        return Outcome("succeeded")


def _spec(spec: JobSpec) -> CoachingAnalysisSpec:
    if not isinstance(spec, CoachingAnalysisSpec):
        raise TypeError(f"a coaching analysis job needs a CoachingAnalysisSpec, not {type(spec).__name__}")
    return spec
