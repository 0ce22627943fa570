"""Coaching sessions, goals and milestones in the database; each user sees only their own.

Results are JSON documents on the session row (report, timelines, summary); the recording is an Ogg
Opus blob. A session that was live when the server stopped is marked interrupted at the next start,
with everything received until then.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import uuid4

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from vocalis.coaching.sessions import (
    LIVE_STATUSES,
    CoachingSession,
    NewSession,
    SessionConfig,
    SessionStatus,
    SessionType,
)
from vocalis.errors import NotFound
from vocalis.store.blobs import BlobStore
from vocalis.store.coaching_tables import CoachingGoalsRow, CoachingMilestoneRow, CoachingSessionRow
from vocalis.store.db import Database
from vocalis.store.tables import utcnow


@dataclass(frozen=True)
class SessionFilter:
    session_type: SessionType | None = None
    language: str | None = None
    status: SessionStatus | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class SessionResults:
    report: dict[str, Any] | None
    timelines: dict[str, Any] | None
    summary: dict[str, Any] | None


@dataclass(frozen=True)
class AwardedMilestone:
    code: str
    session_id: str | None
    achieved_at: datetime


class CoachingRepository:
    def __init__(self, database: Database, blobs: BlobStore) -> None:
        self._db = database
        self._blobs = blobs

    def create(self, owner_id: str | None, new: NewSession) -> CoachingSession:
        now = utcnow()
        row = CoachingSessionRow(
            id=uuid4().hex,
            owner_id=owner_id,
            title=new.title.strip(),
            session_type=new.session_type.value,
            language=new.language,
            config=json.dumps(new.config.to_json()),
            status=SessionStatus.CREATED.value,
            created_at=now,
            updated_at=now,
            audio_seconds=0.0,
        )
        with self._db.session() as session:
            session.add(row)
            session.flush()
            return _session(row)

    def get(self, session_id: str, owner_id: str | None) -> CoachingSession:
        with self._db.session() as session:
            return _session(self._row(session, session_id, owner_id))

    def get_any(self, session_id: str) -> CoachingSession:
        """Whoever owns it (for a job, which runs for its owner)."""
        with self._db.session() as session:
            return _session(self._row(session, session_id, None, any_owner=True))

    def page(
        self, owner_id: str | None, filters: SessionFilter, *, limit: int, offset: int
    ) -> tuple[list[CoachingSession], int]:
        query = select(CoachingSessionRow).where(_owned(owner_id))
        if filters.session_type is not None:
            query = query.where(CoachingSessionRow.session_type == filters.session_type.value)
        if filters.language is not None:
            query = query.where(CoachingSessionRow.language == filters.language)
        if filters.status is not None:
            query = query.where(CoachingSessionRow.status == filters.status.value)
        if filters.since is not None:
            query = query.where(CoachingSessionRow.created_at >= filters.since)
        if filters.until is not None:
            query = query.where(CoachingSessionRow.created_at < filters.until)
        with self._db.session() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = session.scalars(
                query.order_by(CoachingSessionRow.created_at.desc(), CoachingSessionRow.id)
                .limit(limit)
                .offset(offset)
            ).all()
            return [_session(r) for r in rows], int(total)

    def update(
        self,
        session_id: str,
        owner_id: str | None,
        *,
        title: str | None = None,
        config: SessionConfig | None = None,
    ) -> CoachingSession:
        with self._db.session() as session:
            row = self._row(session, session_id, owner_id)
            if title is not None:
                row.title = title.strip()
            if config is not None:
                row.config = json.dumps(config.to_json())
            row.updated_at = utcnow()
            session.flush()
            return _session(row)

    def set_status(
        self, session_id: str, status: SessionStatus, *, audio_seconds: float | None = None
    ) -> CoachingSession:
        with self._db.session() as session:
            row = self._row(session, session_id, None, any_owner=True)
            now = utcnow()
            row.status = status.value
            if status is SessionStatus.ACTIVE and row.started_at is None:
                row.started_at = now
            if status in (SessionStatus.COMPLETED, SessionStatus.INTERRUPTED):
                row.ended_at = now
            if audio_seconds is not None:
                row.audio_seconds = audio_seconds
            row.updated_at = now
            session.flush()
            return _session(row)

    def save_results(
        self,
        session_id: str,
        results: SessionResults,
        *,
        audio_seconds: float,
        recording: bytes | None = None,
    ) -> None:
        """Store the results (and replace the recording); the old recording's file goes."""
        key = None
        if recording is not None:
            key = self._blobs.new_key("ogg")
            self._blobs.write_bytes(key, recording)
        with self._db.session() as session:
            row = self._row(session, session_id, None, any_owner=True)
            old = row.recording_key if key is not None else None
            row.report = _dump(results.report)
            row.timelines = _dump(results.timelines)
            row.summary = _dump(results.summary)
            row.audio_seconds = audio_seconds
            if key is not None:
                row.recording_key = key
            row.updated_at = utcnow()
        if old:
            self._blobs.delete(old)

    def set_job(self, session_id: str, job_id: str | None) -> None:
        with self._db.session() as session:
            self._row(session, session_id, None, any_owner=True).job_id = job_id

    def keep_upload(self, session_id: str, data: bytes) -> None:
        """Store an uploaded talk for the job that analyses it."""
        key = self._blobs.new_key("upload")
        self._blobs.write_bytes(key, data)
        with self._db.session() as session:
            self._row(session, session_id, None, any_owner=True).upload_key = key

    def upload(self, session_id: str) -> bytes | None:
        with self._db.session() as session:
            key = self._row(session, session_id, None, any_owner=True).upload_key
        if key is None or not self._blobs.exists(key):
            return None
        return self._blobs.path(key).read_bytes()

    def drop_upload(self, session_id: str) -> None:
        with self._db.session() as session:
            row = self._row(session, session_id, None, any_owner=True)
            key, row.upload_key = row.upload_key, None
        if key:
            self._blobs.delete(key)

    def results(self, session_id: str, owner_id: str | None) -> SessionResults:
        with self._db.session() as session:
            row = self._row(session, session_id, owner_id)
            return SessionResults(_load(row.report), _load(row.timelines), _load(row.summary))

    def recording_path(self, session_id: str, owner_id: str | None) -> str | None:
        with self._db.session() as session:
            key = self._row(session, session_id, owner_id).recording_key
        return str(self._blobs.path(key)) if key and self._blobs.exists(key) else None

    def delete(self, session_id: str, owner_id: str | None) -> None:
        with self._db.session() as session:
            row = self._row(session, session_id, owner_id)
            keys = (row.recording_key, row.upload_key)
            session.delete(row)
        for key in keys:
            if key:
                self._blobs.delete(key)

    def interrupt_live(self) -> list[str]:
        """At start: sessions left live by a stopped server are interrupted (their data stays); an
        uploaded talk waiting for its job is not live. Returns the ids."""
        with self._db.session() as session:
            rows = session.scalars(
                select(CoachingSessionRow).where(
                    CoachingSessionRow.status.in_([s.value for s in LIVE_STATUSES[1:]]),
                    CoachingSessionRow.upload_key.is_(None),
                )
            ).all()
            now = utcnow()
            for row in rows:
                row.status, row.ended_at, row.updated_at = SessionStatus.INTERRUPTED.value, now, now
            return [row.id for row in rows]

    def summaries(self, owner_id: str | None) -> list[tuple[CoachingSession, dict[str, Any]]]:
        """Every finished session of the user with its summary, oldest first (for progress)."""
        with self._db.session() as session:
            rows = session.scalars(
                select(CoachingSessionRow)
                .where(_owned(owner_id), CoachingSessionRow.summary.is_not(None))
                .order_by(CoachingSessionRow.created_at, CoachingSessionRow.id)
            ).all()
            return [(_session(r), json.loads(r.summary or "{}")) for r in rows]

    def goals(self, user_id: str) -> dict[str, Any] | None:
        with self._db.session() as session:
            row = session.get(CoachingGoalsRow, user_id)
            return json.loads(row.goals) if row else None

    def set_goals(self, user_id: str, goals: dict[str, Any]) -> None:
        with self._db.session() as session:
            row = session.get(CoachingGoalsRow, user_id)
            if row is None:
                session.add(CoachingGoalsRow(user_id=user_id, goals=json.dumps(goals), updated_at=utcnow()))
            else:
                row.goals = json.dumps(goals)
                row.updated_at = utcnow()

    def milestones(self, user_id: str) -> list[AwardedMilestone]:
        with self._db.session() as session:
            rows = session.scalars(
                select(CoachingMilestoneRow)
                .where(CoachingMilestoneRow.user_id == user_id)
                .order_by(CoachingMilestoneRow.achieved_at)
            ).all()
            return [AwardedMilestone(r.code, r.session_id, r.achieved_at) for r in rows]

    def award(self, user_id: str, codes: Sequence[str], session_id: str | None) -> list[str]:
        """Record milestones; returns those that were new (each is awarded once per user)."""
        new = []
        with self._db.session() as session:
            for code in codes:
                if session.get(CoachingMilestoneRow, (user_id, code)) is None:
                    session.add(CoachingMilestoneRow(user_id=user_id, code=code, session_id=session_id))
                    new.append(code)
        return new

    def delete_all(self, owner_id: str) -> int:
        with self._db.session() as session:
            rows = session.execute(
                select(CoachingSessionRow.recording_key, CoachingSessionRow.upload_key).where(
                    CoachingSessionRow.owner_id == owner_id
                )
            ).all()
            keys = [key for row in rows for key in row]
            count = session.execute(delete(CoachingSessionRow).where(CoachingSessionRow.owner_id == owner_id))
            session.execute(delete(CoachingGoalsRow).where(CoachingGoalsRow.user_id == owner_id))
            session.execute(delete(CoachingMilestoneRow).where(CoachingMilestoneRow.user_id == owner_id))
        for key in keys:
            if key:
                self._blobs.delete(key)
        return int(getattr(count, "rowcount", 0) or 0)

    def _row(
        self, session: Session, session_id: str, owner_id: str | None, *, any_owner: bool = False
    ) -> CoachingSessionRow:
        row = session.get(CoachingSessionRow, session_id)
        # Another user's session answers exactly like one that does not exist.
        if row is None or (not any_owner and row.owner_id != owner_id):
            raise NotFound(f"no coaching session {session_id!r}", session=session_id)
        return row


def _owned(owner_id: str | None) -> Any:
    column = CoachingSessionRow.owner_id
    return column.is_(None) if owner_id is None else column == owner_id


def _session(row: CoachingSessionRow) -> CoachingSession:
    return CoachingSession(
        id=row.id,
        owner_id=row.owner_id,
        title=row.title,
        session_type=SessionType(row.session_type),
        language=row.language,
        config=SessionConfig.from_json(json.loads(row.config)),
        status=SessionStatus(row.status),
        created_at=row.created_at,
        started_at=row.started_at,
        ended_at=row.ended_at,
        updated_at=row.updated_at,
        audio_seconds=row.audio_seconds,
        has_recording=row.recording_key is not None,
        job_id=row.job_id,
    )


def _dump(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _load(value: str | None) -> dict[str, Any] | None:
    return None if value is None else dict(json.loads(value))
