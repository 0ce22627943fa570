"""Job rows for the worker side: claim, heartbeat, record segments, finish, release, recover.

Every write after the claim checks ``claim_token`` (and that the job is still running), in the same
statement or transaction as the write itself: a worker that lost its job (cancelled, or taken over
after a stale heartbeat) finds out by its write changing nothing, and stops.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from uuid import uuid4

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from vocalis.jobs.models import Claim, Job, JobDetail, JobKinds, JobProgress, JobStatus, Segment
from vocalis.jobs.repository import to_job
from vocalis.jobs.workers import holder_is_dead
from vocalis.speech.timestamps import WordTimestamp
from vocalis.store.db import Database
from vocalis.store.history import NewSynthesis
from vocalis.store.job_tables import JobRow, JobSegmentRow
from vocalis.store.tables import SynthesisRow, utcnow

QUEUED, RUNNING = JobStatus.QUEUED.value, JobStatus.RUNNING.value


def _words_json(words: tuple[WordTimestamp, ...]) -> str:
    return json.dumps([asdict(w) for w in words], separators=(",", ":"))


def _to_segment(row: JobSegmentRow) -> Segment:
    words = tuple(WordTimestamp(**w) for w in json.loads(row.words)) if row.words else ()
    return Segment(
        first_chunk=row.first_chunk,
        end_chunk=row.end_chunk,
        char_end=row.char_end,
        samples=row.samples,
        sample_rate=row.sample_rate,
        part_key=row.part_key,
        part_bytes=row.part_bytes,
        crc32=row.crc32,
        compute_seconds=row.compute_seconds,
        words=words,
    )


def held(claim: Claim) -> ColumnElement[bool]:
    """The job row while this claim still owns it: every worker write is conditioned on it."""
    return and_(JobRow.id == claim.job_id, JobRow.claim_token == claim.token, JobRow.status == RUNNING)


# A write of the caller's own, made in the same transaction as a job's success; False undoes both.
AlongsideWrite = Callable[[Session], bool]


class JobClaims:
    def __init__(self, db: Database, kinds: JobKinds) -> None:
        self._db = db
        self._kinds = kinds

    def _held(self, claim: Claim) -> ColumnElement[bool]:
        return held(claim)

    def _claim_values(self, token: str, worker: str) -> dict[str, object]:
        now = utcnow()
        return {
            "status": RUNNING,
            "claim_token": token,
            "claimed_by": worker,
            "heartbeat_at": now,
            "attempts": JobRow.attempts + 1,
            "started_at": func.coalesce(JobRow.started_at, now),
        }

    def claim_next(self, worker: str) -> Claim | None:
        """Take the oldest queued job that is due, atomically: one statement, so two workers never
        both get it (SKIP LOCKED on PostgreSQL lets them take different ones without waiting)."""
        now = utcnow()
        due = or_(JobRow.run_after.is_(None), JobRow.run_after <= now)
        oldest = (
            select(JobRow.id)
            .where(JobRow.status == QUEUED, due)
            .order_by(JobRow.created_at, JobRow.id)
            .limit(1)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        token = uuid4().hex
        statement = (
            update(JobRow)
            .where(JobRow.id == oldest, JobRow.status == QUEUED)
            .values(**self._claim_values(token, worker))
            .returning(JobRow.id)
        )
        with self._db.session() as session:
            job_id = session.scalars(statement).one_or_none()
        return Claim(job_id, token, worker) if job_id else None

    def claim(self, job_id: str, worker: str, *, stale_before: datetime) -> Claim | Job:
        """Take this job if it is queued, or running with a stale heartbeat (its worker died).

        Returns the Job instead when it cannot be taken: finished, not due yet, or alive elsewhere.
        """
        token = uuid4().hex
        takeable = or_(
            and_(JobRow.status == QUEUED, or_(JobRow.run_after.is_(None), JobRow.run_after <= utcnow())),
            and_(JobRow.status == RUNNING, JobRow.heartbeat_at < stale_before),
        )
        statement = (
            update(JobRow)
            .where(JobRow.id == job_id, takeable)
            .values(**self._claim_values(token, worker))
            .returning(JobRow.id)
        )
        with self._db.session() as session:
            if session.scalars(statement).one_or_none():
                return Claim(job_id, token, worker)
            row = session.get(JobRow, job_id)
            if row is None:
                raise LookupError(job_id)
            return to_job(row, self._kinds)

    def load(self, claim: Claim) -> Job | None:
        with self._db.session() as session:
            row = session.scalars(select(JobRow).where(self._held(claim))).one_or_none()
            return to_job(row, self._kinds) if row is not None else None

    def heartbeat(self, claim: Claim) -> bool:
        statement = update(JobRow).where(self._held(claim)).values(heartbeat_at=utcnow())
        with self._db.session() as session:
            return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]

    def set_plan(self, claim: Claim, *, chunks_total: int, model: str) -> list[str] | None:
        """Record the plan; if the text was chunked differently before (new version), drop the old
        segments and return their part keys. None: the claim is lost."""
        with self._db.session() as session:
            row = session.scalars(select(JobRow).where(self._held(claim)).with_for_update()).one_or_none()
            if row is None:
                return None
            stale: list[str] = []
            if row.chunks_total not in (None, chunks_total):
                stale = self._drop(session, claim.job_id, 0)
            row.chunks_total, row.model = chunks_total, model
            return stale

    def segments(self, job_id: str) -> list[Segment]:
        query = (
            select(JobSegmentRow).where(JobSegmentRow.job_id == job_id).order_by(JobSegmentRow.first_chunk)
        )
        with self._db.session() as session:
            return [_to_segment(row) for row in session.scalars(query)]

    def drop_segments(self, claim: Claim, from_chunk: int) -> list[str] | None:
        """Forget segments from ``from_chunk`` on (their parts were found damaged); their part keys."""
        with self._db.session() as session:
            row = session.scalars(select(JobRow).where(self._held(claim)).with_for_update()).one_or_none()
            if row is None:
                return None
            return self._drop(session, claim.job_id, from_chunk)

    def _drop(self, session: Session, job_id: str, from_chunk: int) -> list[str]:
        rows = list(
            session.scalars(
                select(JobSegmentRow).where(
                    JobSegmentRow.job_id == job_id, JobSegmentRow.first_chunk >= from_chunk
                )
            )
        )
        for row in rows:
            session.delete(row)
        kept = session.scalars(
            select(JobSegmentRow).where(
                JobSegmentRow.job_id == job_id, JobSegmentRow.first_chunk < from_chunk
            )
        ).all()
        job = session.get(JobRow, job_id)
        assert job is not None
        job.chunks_done = max((s.end_chunk for s in kept), default=0)
        job.chars_done = max((s.char_end for s in kept), default=0)
        job.audio_seconds = round(sum(s.samples / s.sample_rate for s in kept), 3)
        job.compute_seconds = round(sum(s.compute_seconds for s in kept), 3)
        return [row.part_key for row in rows]

    def record_segment(self, claim: Claim, segment: Segment, *, job_audio: float, job_compute: float) -> bool:
        """Record a saved segment and the job's progress together; False if the claim is lost."""
        try:
            with self._db.session() as session:
                # The progress update comes first: it takes the row's write lock and checks the claim.
                progressed = session.execute(
                    update(JobRow)
                    .where(self._held(claim))
                    .values(
                        chunks_done=segment.end_chunk,
                        chars_done=segment.char_end,
                        audio_seconds=round(job_audio, 3),
                        compute_seconds=round(job_compute, 3),
                        heartbeat_at=utcnow(),
                    )
                ).rowcount  # type: ignore[attr-defined]
                if not progressed:
                    return False
                session.add(
                    JobSegmentRow(
                        job_id=claim.job_id,
                        first_chunk=segment.first_chunk,
                        end_chunk=segment.end_chunk,
                        char_end=segment.char_end,
                        samples=segment.samples,
                        sample_rate=segment.sample_rate,
                        part_key=segment.part_key,
                        part_bytes=segment.part_bytes,
                        crc32=segment.crc32,
                        compute_seconds=round(segment.compute_seconds, 3),
                        words=_words_json(segment.words) if segment.words else None,
                        worker=claim.worker,
                        created_at=utcnow(),
                    )
                )
        except IntegrityError:
            return False  # someone else recorded this segment: we are not the owner any more
        return True

    def complete(self, claim: Claim, result: NewSynthesis) -> str | None:
        """Write the history row and mark the job succeeded, both or neither; the synthesis id."""
        synthesis_id = uuid4().hex
        now = utcnow()
        with self._db.session() as session:
            done = session.execute(
                update(JobRow)
                .where(self._held(claim))
                .values(
                    status=JobStatus.SUCCEEDED.value,
                    finished_at=now,
                    heartbeat_at=now,
                    claim_token=None,
                    audio_seconds=result.audio_seconds,
                    error_code=None,
                    error_message=None,
                )
            ).rowcount  # type: ignore[attr-defined]
            if not done:
                return None
            session.add(
                SynthesisRow(id=synthesis_id, characters=len(result.text), created_at=now, **asdict(result))
            )
            session.flush()
            session.execute(update(JobRow).where(JobRow.id == claim.job_id).values(synthesis_id=synthesis_id))
        return synthesis_id

    def report(self, claim: Claim, progress: JobProgress) -> bool:
        """Record a running job's progress (steps and detail); False if the claim is lost."""
        values: dict[str, object] = {
            "chunks_done": progress.done,
            "chunks_total": progress.total,
            "heartbeat_at": utcnow(),
        }
        if progress.detail is not None:
            values["detail"] = progress.detail.to_json()
        statement = update(JobRow).where(self._held(claim)).values(**values)
        with self._db.session() as session:
            return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]

    def succeed(self, claim: Claim, *, detail: JobDetail | None, alongside: AlongsideWrite) -> bool:
        """Mark the job succeeded and make the caller's own write, in one transaction: both or neither.

        False (nothing written) when the claim is lost or ``alongside`` says its write found nothing.
        """
        now = utcnow()
        values: dict[str, object] = {
            "status": JobStatus.SUCCEEDED.value,
            "finished_at": now,
            "heartbeat_at": now,
            "claim_token": None,
            "error_code": None,
            "error_message": None,
        }
        if detail is not None:
            values["detail"] = detail.to_json()
        with self._db.session() as session:
            done = session.execute(update(JobRow).where(self._held(claim)).values(**values)).rowcount  # type: ignore[attr-defined]
            if done and alongside(session):
                return True
            session.rollback()
            return False

    def fail(self, claim: Claim, code: str, message: str) -> bool:
        statement = (
            update(JobRow)
            .where(self._held(claim))
            .values(
                status=JobStatus.FAILED.value,
                finished_at=utcnow(),
                claim_token=None,
                error_code=code,
                error_message=message,
            )
        )
        with self._db.session() as session:
            return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]

    def release(
        self, claim: Claim, *, retry_at: datetime | None = None, error: tuple[str, str] | None = None
    ) -> bool:
        """Put the job back in the queue (shutting down, or a retry after ``retry_at``); segments stay."""
        values: dict[str, object] = {
            "status": QUEUED,
            "claim_token": None,
            "claimed_by": None,
            "run_after": retry_at,
        }
        if retry_at is not None:
            values["retries"] = JobRow.retries + 1
        if error is not None:
            values["error_code"], values["error_message"] = error
        statement = update(JobRow).where(self._held(claim)).values(**values)
        with self._db.session() as session:
            return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]

    def requeue_abandoned(
        self, *, stale_before: datetime, is_dead: Callable[[str | None], bool] = holder_is_dead
    ) -> list[str]:
        """Put back running jobs whose worker stopped heartbeating, or is known dead (same host)."""
        with self._db.session() as session:
            running = session.execute(
                select(JobRow.id, JobRow.claim_token, JobRow.claimed_by, JobRow.heartbeat_at).where(
                    JobRow.status == RUNNING
                )
            ).all()
        requeued: list[str] = []
        for job_id, token, worker, heartbeat in running:
            if not (heartbeat is None or heartbeat < stale_before or is_dead(worker)):
                continue
            statement = (
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.claim_token == token, JobRow.status == RUNNING)
                .values(status=QUEUED, claim_token=None, claimed_by=None, dispatched_at=None)
            )
            with self._db.session() as session:
                if session.execute(statement).rowcount:  # type: ignore[attr-defined]
                    requeued.append(job_id)
        return requeued

    def take_undispatched(self, *, before: datetime, limit: int = 100) -> list[str]:
        """Queued jobs never sent to Celery, or sent before ``before`` and still untouched: marked as
        sent now (so one worker re-sends each), to be sent again. Duplicates are harmless: claims decide."""
        stale = or_(JobRow.dispatched_at.is_(None), JobRow.dispatched_at < before)
        query = (
            select(JobRow.id).where(JobRow.status == QUEUED, stale).order_by(JobRow.created_at).limit(limit)
        )
        taken: list[str] = []
        with self._db.session() as session:
            candidates = list(session.scalars(query))
        for job_id in candidates:
            statement = (
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.status == QUEUED, stale)
                .values(dispatched_at=utcnow())
            )
            with self._db.session() as session:
                if session.execute(statement).rowcount:  # type: ignore[attr-defined]
                    taken.append(job_id)
        return taken

    def mark_dispatched(self, job_id: str) -> None:
        with self._db.session() as session:
            session.execute(update(JobRow).where(JobRow.id == job_id).values(dispatched_at=utcnow()))

    def queue_depth(self) -> tuple[int, int]:
        """(queued, running) across everyone."""
        from sqlalchemy import func

        query = (
            select(JobRow.status, func.count())
            .where(JobRow.status.in_([QUEUED, RUNNING]))
            .group_by(JobRow.status)
        )
        with self._db.session() as session:
            counts = {status: int(n) for status, n in session.execute(query)}
        return counts.get(QUEUED, 0), counts.get(RUNNING, 0)

    def delete_segments_of(self, job_id: str) -> None:
        with self._db.session() as session:
            session.execute(delete(JobSegmentRow).where(JobSegmentRow.job_id == job_id))
