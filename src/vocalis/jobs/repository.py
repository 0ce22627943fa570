"""Job rows for the API side: submit (idempotently), read, list, cancel, delete, count."""

from __future__ import annotations

import builtins
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import uuid4

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from vocalis.audio.formats import AudioFormat
from vocalis.errors import Conflict, NotFound, OutOfRange
from vocalis.jobs.models import (
    ACTIVE,
    SPEECH_KIND,
    Job,
    JobDetail,
    JobKinds,
    JobStatus,
    NewJob,
    SpecColumns,
)
from vocalis.store.db import Database
from vocalis.store.job_tables import JobRow
from vocalis.store.tables import utcnow

MAX_PAGE = 500


def stored_columns(row: JobRow) -> SpecColumns:
    return SpecColumns(
        text=row.text,
        voice=row.voice,
        speed=row.speed,
        format=AudioFormat(row.format),
        sample_rate=row.sample_rate,
        bitrate=row.bitrate,
        timestamps=row.timestamps,
        language=row.language,
    )


def to_job(row: JobRow, kinds: JobKinds) -> Job:
    return Job(
        id=row.id,
        owner_id=row.owner_id,
        api_key_id=row.api_key_id,
        source=row.source,
        status=JobStatus(row.status),
        spec=kinds.decode(row.kind or SPEECH_KIND, stored_columns(row)),
        characters=row.characters,
        model=row.model,
        chunks_total=row.chunks_total,
        chunks_done=row.chunks_done,
        chars_done=row.chars_done,
        audio_seconds=row.audio_seconds,
        compute_seconds=row.compute_seconds,
        attempts=row.attempts,
        retries=row.retries,
        error_code=row.error_code,
        error_message=row.error_message,
        synthesis_id=row.synthesis_id,
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        detail=JobDetail.from_json(row.detail),
    )


def owner_is(owner_id: str | None) -> ColumnElement[bool]:
    # None is the unowned local user: it matches rows without an owner, never every row.
    return JobRow.owner_id.is_(None) if owner_id is None else JobRow.owner_id == owner_id


def request_hash(new: NewJob) -> str:
    """A fingerprint of what was asked, to tell a retried submission from a different one."""
    spec = new.spec.columns()
    fields = [spec.text, spec.voice, spec.speed, spec.format.value, spec.sample_rate, spec.bitrate]
    if spec.language is not None:  # hashes of jobs without one predate the field
        fields.append(spec.language)
    kind = [new.spec.kind] if new.spec.kind != SPEECH_KIND else []  # speech hashes predate kinds
    return hashlib.sha256(json.dumps([*fields, spec.timestamps, new.source, *kind]).encode()).hexdigest()


@dataclass(frozen=True)
class Submitted:
    job: Job
    created: bool  # False: an earlier submission with the same idempotency key


@dataclass(frozen=True)
class RemovedJob:
    """What is left to delete once a job's row is gone: its result and its part files."""

    job_id: str
    owner_id: str | None
    synthesis_id: str | None


class JobRepository:
    def __init__(self, db: Database, kinds: JobKinds) -> None:
        self._db = db
        self.kinds = kinds

    def _job(self, row: JobRow) -> Job:
        return to_job(row, self.kinds)

    def create(self, new: NewJob) -> Submitted:
        digest = request_hash(new)
        if new.idempotency_key is not None:
            earlier = self._by_key(new, digest)
            if earlier is not None:
                return Submitted(earlier, created=False)
        spec = new.spec.columns()
        row = JobRow(
            id=uuid4().hex,
            owner_id=new.owner_id,
            api_key_id=new.api_key_id,
            idempotency_key=new.idempotency_key,
            request_hash=digest,
            source=new.source,
            kind=new.spec.kind,
            status=JobStatus.QUEUED.value,
            text=spec.text,
            voice=spec.voice,
            speed=spec.speed,
            format=spec.format.value,
            sample_rate=spec.sample_rate,
            bitrate=spec.bitrate,
            timestamps=spec.timestamps,
            language=spec.language,
            characters=new.spec.characters,
            chunks_done=0,
            chars_done=0,
            audio_seconds=0.0,
            compute_seconds=0.0,
            attempts=0,
            retries=0,
            created_at=utcnow(),
        )
        try:
            with self._db.session() as session:
                session.add(row)
                session.flush()
                return Submitted(self._job(row), created=True)
        except IntegrityError:
            # Two submissions with one key raced; the other one's insert won.
            earlier = self._by_key(new, digest) if new.idempotency_key is not None else None
            if earlier is None:
                raise
            return Submitted(earlier, created=False)

    def _by_key(self, new: NewJob, digest: str) -> Job | None:
        query = select(JobRow).where(owner_is(new.owner_id), JobRow.idempotency_key == new.idempotency_key)
        with self._db.session() as session:
            row = session.scalars(query).one_or_none()
            if row is None:
                return None
            if row.request_hash != digest:
                raise Conflict(
                    "this Idempotency-Key was used for a different request; use a new key",
                    idempotency_key=new.idempotency_key,
                    job_id=row.id,
                )
            return self._job(row)

    def get(self, job_id: str, *, owner_id: str | None) -> Job:
        with self._db.session() as session:
            row = session.scalars(select(JobRow).where(JobRow.id == job_id, owner_is(owner_id))).one_or_none()
            if row is None:
                # Someone else's job is reported exactly like a missing one.
                raise NotFound(f"no job {job_id!r}", job_id=job_id)
            return self._job(row)

    def list(
        self, *, owner_id: str | None, status: JobStatus | None = None, limit: int = 50, offset: int = 0
    ) -> tuple[builtins.list[Job], int]:
        """A page of the owner's jobs, newest first, and how many there are in all."""
        if not 1 <= limit <= MAX_PAGE:
            raise OutOfRange(f"limit must be between 1 and {MAX_PAGE}", limit=limit)
        if offset < 0:
            raise OutOfRange("offset must not be negative", offset=offset)
        conditions: builtins.list[ColumnElement[bool]] = [owner_is(owner_id)]
        if status is not None:
            conditions.append(JobRow.status == status.value)
        query = (
            select(JobRow)
            .where(*conditions)
            .order_by(JobRow.created_at.desc(), JobRow.id.desc())
            .limit(limit)
            .offset(offset)
        )
        with self._db.session() as session:
            jobs = [self._job(row) for row in session.scalars(query)]
            total = session.scalar(select(func.count()).select_from(JobRow).where(*conditions))
            return jobs, int(total or 0)

    def get_many(self, job_ids: Sequence[str]) -> dict[str, Job]:
        """These jobs by id, whoever owns them (for services that show a job's progress)."""
        if not job_ids:
            return {}
        with self._db.session() as session:
            rows = session.scalars(select(JobRow).where(JobRow.id.in_(set(job_ids))))
            return {row.id: self._job(row) for row in rows}

    def status_of(self, job_id: str) -> JobStatus | None:
        """The job's status whoever owns it (for workers); None if it no longer exists."""
        with self._db.session() as session:
            status = session.scalar(select(JobRow.status).where(JobRow.id == job_id))
            return None if status is None else JobStatus(status)

    def cancel(self, job_id: str, *, owner_id: str | None) -> bool:
        """Cancel a queued or running job; False if it had already finished. The worker notices at its
        next heartbeat or segment and stops (its saved segments are then deleted)."""
        now = utcnow()
        statement = (
            update(JobRow)
            .where(JobRow.id == job_id, owner_is(owner_id), JobRow.status.in_([s.value for s in ACTIVE]))
            .values(
                status=JobStatus.CANCELLED.value,
                finished_at=now,
                error_code="cancelled",
                error_message="cancelled by the user",
                claim_token=None,
            )
        )
        with self._db.session() as session:
            return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]

    def remove(
        self, job_ids: Sequence[str], *, owner_id: str | None, everyone: bool = False
    ) -> builtins.list[RemovedJob]:
        """Delete finished jobs' rows (segments cascade); active ones are left alone."""
        conditions: builtins.list[ColumnElement[bool]] = [
            JobRow.id.in_(set(job_ids)),
            JobRow.status.not_in([s.value for s in ACTIVE]),
        ]
        if not everyone:
            conditions.append(owner_is(owner_id))
        statement = (
            delete(JobRow).where(*conditions).returning(JobRow.id, JobRow.owner_id, JobRow.synthesis_id)
        )
        with self._db.session() as session:
            return [RemovedJob(*row) for row in session.execute(statement)]

    def counts(self, *, owner_id: str | None, everyone: bool = False) -> dict[str, int]:
        """Jobs by status."""
        query = select(JobRow.status, func.count()).group_by(JobRow.status)
        if not everyone:
            query = query.where(owner_is(owner_id))
        with self._db.session() as session:
            found = {status: int(count) for status, count in session.execute(query)}
        return {s.value: found.get(s.value, 0) for s in JobStatus}

    def pending_characters(self, owner_id: str | None) -> int:
        """Characters of the owner's jobs not yet finished: they will count against today's quota."""
        query = select(func.coalesce(func.sum(JobRow.characters), 0)).where(
            owner_is(owner_id), JobRow.status.in_([s.value for s in ACTIVE])
        )
        with self._db.session() as session:
            return int(session.scalar(query) or 0)

    def expired(
        self, *, before: datetime | None, keep_per_owner: int | None, limit: int = MAX_PAGE
    ) -> builtins.list[str]:
        """Finished jobs past retention: finished before ``before``, or beyond each owner's newest N."""
        finished = JobRow.status.not_in([s.value for s in ACTIVE])
        ids: set[str] = set()
        with self._db.session() as session:
            if before is not None:
                query = select(JobRow.id).where(finished, JobRow.created_at < before).limit(limit)
                ids.update(session.scalars(query))
            if keep_per_owner is not None:
                rank = func.row_number().over(
                    partition_by=JobRow.owner_id, order_by=(JobRow.created_at.desc(), JobRow.id.desc())
                )
                ranked = select(JobRow.id, rank.label("rank")).where(finished).subquery()
                query = select(ranked.c.id).where(ranked.c.rank > keep_per_owner).limit(limit)
                ids.update(session.scalars(query))
        return sorted(ids)

    def active(self, job_ids: Sequence[str]) -> set[str]:
        """Which of these jobs are queued or running (their part files are in use)."""
        query = select(JobRow.id).where(
            JobRow.id.in_(set(job_ids)), JobRow.status.in_([s.value for s in ACTIVE])
        )
        with self._db.session() as session:
            return set(session.scalars(query))
