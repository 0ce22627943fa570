"""Interviews and their turns in the database; each user sees only their own.

The interview row keeps a copy of its scenario, where it is (``Progress``), each question's judged
answer and, once ended, its report; turns are appended in order and never rewritten.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import uuid4

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from vocalis.errors import NotFound
from vocalis.interview.interviewer import Progress
from vocalis.interview.records import Interview, InterviewStatus, NewInterview, Turn
from vocalis.interview.scenarios import Scenario
from vocalis.store.blobs import BlobStore
from vocalis.store.db import Database
from vocalis.store.interview_tables import AssignmentRow, InterviewRow, InterviewShareRow, InterviewTurnRow
from vocalis.store.tables import utcnow


class InterviewRepository:
    def __init__(self, database: Database, blobs: BlobStore) -> None:
        self._db = database
        self._blobs = blobs

    def create(
        self,
        owner_id: str | None,
        new: NewInterview,
        progress: Progress,
        turns: Sequence[Turn],
        *,
        assignment_id: str | None = None,
    ) -> Interview:
        now = utcnow()
        row = InterviewRow(
            id=uuid4().hex,
            owner_id=owner_id,
            scenario_id=new.scenario.id,
            language=new.scenario.language,
            voice=new.voice,
            mode=new.mode,
            status=InterviewStatus.CREATED.value,
            scenario=new.scenario.model_dump_json(),
            progress=json.dumps(progress.to_json()),
            answers="{}",
            created_at=now,
            updated_at=now,
            assignment_id=assignment_id,
        )
        with self._db.session() as session:
            session.add(row)
            session.flush()
            _add_turns(session, row.id, 0, turns)
            return _interview(row)

    def get(self, interview_id: str, owner_id: str | None) -> Interview:
        with self._db.session() as session:
            return _interview(self._row(session, interview_id, owner_id))

    def seen_by(self, viewer_id: str, *, candidate_id: str | None = None) -> list[Interview]:
        """Interviews someone other than their owner may see: started for one of their assignments,
        or shared with them by the candidate; newest first."""
        assigned = select(AssignmentRow.id).where(AssignmentRow.recruiter_id == viewer_id)
        shared = select(InterviewShareRow.interview_id).where(InterviewShareRow.user_id == viewer_id)
        query = select(InterviewRow).where(
            or_(InterviewRow.assignment_id.in_(assigned), InterviewRow.id.in_(shared))
        )
        if candidate_id is not None:
            query = query.where(InterviewRow.owner_id == candidate_id)
        with self._db.session() as session:
            rows = session.scalars(query.order_by(InterviewRow.created_at.desc())).all()
            return [_interview(r) for r in rows]

    def owner_for_viewer(self, interview_id: str, viewer_id: str) -> str | None:
        """The interview's owner, when ``viewer_id`` may see it: theirs, assigned by them, or shared."""
        with self._db.session() as session:
            row = session.get(InterviewRow, interview_id)
            if row is None:
                raise NotFound(f"no interview {interview_id!r}", interview=interview_id)
            if row.owner_id == viewer_id:
                return row.owner_id
            if session.get(InterviewShareRow, (interview_id, viewer_id)) is not None:
                return row.owner_id
            if row.assignment_id is not None:
                assignment = session.get(AssignmentRow, row.assignment_id)
                if assignment is not None and assignment.recruiter_id == viewer_id:
                    return row.owner_id
            raise NotFound(f"no interview {interview_id!r}", interview=interview_id)

    def share(self, interview_id: str, owner_id: str | None, user_id: str) -> None:
        with self._db.session() as session:
            self._row(session, interview_id, owner_id)
            if session.get(InterviewShareRow, (interview_id, user_id)) is None:
                session.add(InterviewShareRow(interview_id=interview_id, user_id=user_id))

    def turns(self, interview_id: str, owner_id: str | None) -> list[Turn]:
        with self._db.session() as session:
            self._row(session, interview_id, owner_id)
            rows = session.scalars(
                select(InterviewTurnRow)
                .where(InterviewTurnRow.interview_id == interview_id)
                .order_by(InterviewTurnRow.seq)
            ).all()
            return [_turn(r) for r in rows]

    def page(
        self, owner_id: str | None, *, scenario_id: str | None, limit: int, offset: int
    ) -> tuple[list[Interview], int]:
        query = select(InterviewRow).where(_owned(owner_id))
        if scenario_id is not None:
            query = query.where(InterviewRow.scenario_id == scenario_id)
        with self._db.session() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = session.scalars(
                query.order_by(InterviewRow.created_at.desc(), InterviewRow.id).limit(limit).offset(offset)
            ).all()
            return [_interview(r) for r in rows], int(total)

    def advance(
        self,
        interview_id: str,
        owner_id: str | None,
        *,
        turns: Sequence[Turn],
        progress: Progress,
        status: InterviewStatus,
        answers: dict[str, Any] | None = None,
        report: dict[str, Any] | None = None,
    ) -> tuple[Interview, int]:
        """Append turns and move the interview on, in one transaction; with the first new turn's seq."""
        with self._db.session() as session:
            row = self._row(session, interview_id, owner_id)
            seq = (
                session.scalar(select(func.count()).where(InterviewTurnRow.interview_id == interview_id)) or 0
            )
            _add_turns(session, interview_id, int(seq), turns)
            now = utcnow()
            row.progress = json.dumps(progress.to_json())
            row.status = status.value
            row.updated_at = now
            if status in (InterviewStatus.ACTIVE, InterviewStatus.COMPLETED) and row.started_at is None:
                row.started_at = now
            if status is InterviewStatus.COMPLETED:
                row.ended_at = now
            if answers is not None:
                row.answers = json.dumps(answers, ensure_ascii=False)
            if report is not None:
                row.report = json.dumps(report, ensure_ascii=False)
                row.overall = report.get("overall")
            session.flush()
            return _interview(row), int(seq)

    def set_report(self, interview_id: str, owner_id: str | None, report: dict[str, Any]) -> None:
        with self._db.session() as session:
            row = self._row(session, interview_id, owner_id)
            row.report = json.dumps(report, ensure_ascii=False)

    def time_turn(self, interview_id: str, seq: int, start_s: float, end_s: float) -> None:
        """Where a turn sits in the recording, once it has been said."""
        with self._db.session() as session:
            row = session.get(InterviewTurnRow, (interview_id, seq))
            if row is not None:
                row.start_s, row.end_s = round(start_s, 3), round(end_s, 3)

    def set_status(self, interview_id: str, status: InterviewStatus) -> None:
        with self._db.session() as session:
            row = session.get(InterviewRow, interview_id)
            if row is not None:
                row.status = status.value
                row.updated_at = utcnow()

    def set_recording(self, interview_id: str, data: bytes) -> None:
        key = f"interviews/{interview_id}.ogg"
        self._blobs.write_bytes(key, data)
        with self._db.session() as session:
            row = session.get(InterviewRow, interview_id)
            if row is not None:
                row.recording_key = key

    def recording_path(self, interview_id: str, owner_id: str | None) -> str | None:
        with self._db.session() as session:
            row = self._row(session, interview_id, owner_id)
            return None if row.recording_key is None else str(self._blobs.path(row.recording_key))

    def report(self, interview_id: str, owner_id: str | None) -> dict[str, Any] | None:
        with self._db.session() as session:
            row = self._row(session, interview_id, owner_id)
            return None if row.report is None else dict(json.loads(row.report))

    def previous(
        self, owner_id: str | None, scenario_id: str, language: str, before: datetime
    ) -> list[dict[str, Any]]:
        """Reports of the owner's earlier completed runs of a scenario, oldest first."""
        with self._db.session() as session:
            rows = session.scalars(
                select(InterviewRow)
                .where(
                    _owned(owner_id),
                    InterviewRow.scenario_id == scenario_id,
                    InterviewRow.language == language,
                    InterviewRow.status == InterviewStatus.COMPLETED.value,
                    InterviewRow.report.is_not(None),
                    InterviewRow.created_at < before,
                )
                .order_by(InterviewRow.created_at)
            ).all()
            return [{"id": r.id, "ended_at": r.ended_at, **json.loads(r.report or "{}")} for r in rows]

    def delete(self, interview_id: str, owner_id: str | None) -> None:
        with self._db.session() as session:
            row = self._row(session, interview_id, owner_id)
            key = row.recording_key
            session.execute(delete(InterviewTurnRow).where(InterviewTurnRow.interview_id == interview_id))
            session.execute(delete(InterviewShareRow).where(InterviewShareRow.interview_id == interview_id))
            session.delete(row)
        if key:
            self._blobs.delete(key)

    def delete_all(self, owner_id: str) -> int:
        with self._db.session() as session:
            rows = session.scalars(select(InterviewRow).where(InterviewRow.owner_id == owner_id)).all()
            ids = [r.id for r in rows]
            keys = [r.recording_key for r in rows if r.recording_key]
            session.execute(delete(InterviewTurnRow).where(InterviewTurnRow.interview_id.in_(ids)))
            session.execute(delete(InterviewShareRow).where(InterviewShareRow.interview_id.in_(ids)))
            session.execute(delete(InterviewShareRow).where(InterviewShareRow.user_id == owner_id))
            session.execute(
                delete(AssignmentRow).where(
                    or_(AssignmentRow.candidate_id == owner_id, AssignmentRow.recruiter_id == owner_id)
                )
            )
            session.execute(delete(InterviewRow).where(InterviewRow.owner_id == owner_id))
        for key in keys:
            self._blobs.delete(key)
        return len(ids)

    def interrupt_open(self) -> list[str]:
        """At start-up: live interviews a stopped server left behind are interrupted, their turns kept."""
        live = (InterviewStatus.ACTIVE.value, InterviewStatus.PAUSED.value)
        with self._db.session() as session:
            rows = session.scalars(
                select(InterviewRow).where(InterviewRow.status.in_(live), InterviewRow.mode == "voice")
            ).all()
            for row in rows:
                row.status = InterviewStatus.INTERRUPTED.value
                row.updated_at = utcnow()
            return [r.id for r in rows]

    def _row(self, session: Session, interview_id: str, owner_id: str | None) -> InterviewRow:
        row = session.get(InterviewRow, interview_id)
        # Another user's interview answers exactly like one that does not exist.
        if row is None or row.owner_id != owner_id:
            raise NotFound(f"no interview {interview_id!r}", interview=interview_id)
        return row


def _add_turns(session: Session, interview_id: str, start: int, turns: Sequence[Turn]) -> None:
    for offset, turn in enumerate(turns):
        session.add(
            InterviewTurnRow(
                interview_id=interview_id,
                seq=start + offset,
                speaker=turn.speaker,
                kind=turn.kind,
                question_id=turn.question_id,
                text=turn.text,
                start_s=turn.start_s,
                end_s=turn.end_s,
                created_at=utcnow(),
            )
        )


def _owned(owner_id: str | None) -> Any:
    column = InterviewRow.owner_id
    return column.is_(None) if owner_id is None else column == owner_id


def _interview(row: InterviewRow) -> Interview:
    return Interview(
        id=row.id,
        owner_id=row.owner_id,
        scenario=Scenario.model_validate_json(row.scenario),
        voice=row.voice,
        mode="voice" if row.mode == "voice" else "text",
        status=InterviewStatus(row.status),
        progress=Progress.from_json(json.loads(row.progress)),
        answers=dict(json.loads(row.answers or "{}")),
        overall=row.overall,
        created_at=row.created_at,
        started_at=row.started_at,
        ended_at=row.ended_at,
        has_recording=row.recording_key is not None,
    )


def _turn(row: InterviewTurnRow) -> Turn:
    return Turn(
        seq=row.seq,
        speaker="interviewer" if row.speaker == "interviewer" else "candidate",
        kind=row.kind,
        text=row.text,
        question_id=row.question_id,
        start_s=row.start_s,
        end_s=row.end_s,
    )
