"""Recruiters and trainers: their scenarios, the candidates they assign them to, and the results they
may see. A recruiter sees a candidate's interview only when it was started for one of their
assignments or the candidate shared it with them; anything else answers like it does not exist."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import uuid4

from sqlalchemy import delete, select

from vocalis.accounts.directory import UserDirectory
from vocalis.errors import NotFound
from vocalis.interview.catalog import ScenarioCatalog, ScenarioStatus
from vocalis.interview.records import Interview, Turn
from vocalis.interview.repository import InterviewRepository
from vocalis.store.db import Database
from vocalis.store.interview_tables import AssignmentRow
from vocalis.store.tables import utcnow

DIMENSIONS = ("relevance", "structure", "specificity", "fluency", "timing")


@dataclass(frozen=True)
class Assignment:
    id: str
    recruiter_id: str
    candidate_id: str
    candidate_email: str
    scenario_id: str
    language: str
    title: str
    note: str | None
    created_at: datetime


@dataclass(frozen=True)
class CandidateSummary:
    candidate_id: str
    email: str
    assignments: int
    interviews: int
    completed: int
    last_overall: int | None
    best_overall: int | None


class Recruiting:
    def __init__(
        self,
        database: Database,
        catalog: ScenarioCatalog,
        interviews: InterviewRepository,
        users: UserDirectory,
    ) -> None:
        self._db = database
        self._catalog = catalog
        self._interviews = interviews
        self._users = users

    def user_id(self, email: str) -> str:
        user = self._users.find_by_email(email)
        if user is None or user.disabled:
            raise NotFound(f"no user with the e-mail {email!r}", email=email)
        return str(user.id)

    # -- assignments ---------------------------------------------------------------------------

    def assign(
        self, recruiter_id: str, candidate_email: str, scenario_id: str, language: str, note: str | None
    ) -> Assignment:
        scenario = self._catalog.get(scenario_id, language, recruiter_id)  # theirs, or one they may use
        if (scenario.id, scenario.language) not in self._catalog.builtin:
            written = self._catalog.written(scenario.id, recruiter_id)
            if written.status is not ScenarioStatus.PUBLISHED:
                raise NotFound(f"publish {scenario_id!r} before assigning it", scenario=scenario_id)
        candidate = self.user_id(candidate_email)
        row = AssignmentRow(
            id=uuid4().hex, recruiter_id=recruiter_id, candidate_id=candidate, scenario_id=scenario.id,
            language=scenario.language, note=(note or "").strip() or None, created_at=utcnow(),
        )  # fmt: skip
        with self._db.session() as session:
            session.add(row)
            session.flush()
            return self._assignment(row)

    def given(self, recruiter_id: str) -> list[Assignment]:
        with self._db.session() as session:
            rows = session.scalars(
                select(AssignmentRow)
                .where(AssignmentRow.recruiter_id == recruiter_id)
                .order_by(AssignmentRow.created_at.desc())
            ).all()
            return [self._assignment(r) for r in rows]

    def received(self, candidate_id: str) -> list[Assignment]:
        with self._db.session() as session:
            rows = session.scalars(
                select(AssignmentRow)
                .where(AssignmentRow.candidate_id == candidate_id)
                .order_by(AssignmentRow.created_at.desc())
            ).all()
            return [self._assignment(r) for r in rows]

    def assignment_for(self, assignment_id: str, candidate_id: str) -> Assignment:
        """A candidate's own assignment (another's answers like one that does not exist)."""
        with self._db.session() as session:
            row = session.get(AssignmentRow, assignment_id)
            if row is None or row.candidate_id != candidate_id:
                raise NotFound(f"no assignment {assignment_id!r}", assignment=assignment_id)
            return self._assignment(row)

    def withdraw(self, assignment_id: str, recruiter_id: str) -> None:
        with self._db.session() as session:
            row = session.get(AssignmentRow, assignment_id)
            if row is None or row.recruiter_id != recruiter_id:
                raise NotFound(f"no assignment {assignment_id!r}", assignment=assignment_id)
            session.execute(delete(AssignmentRow).where(AssignmentRow.id == assignment_id))

    # -- results -------------------------------------------------------------------------------

    def candidates(self, recruiter_id: str) -> list[CandidateSummary]:
        seen = self._interviews.seen_by(recruiter_id)
        assigned = self.given(recruiter_id)
        ids = list(
            dict.fromkeys([a.candidate_id for a in assigned] + [i.owner_id for i in seen if i.owner_id])
        )
        summaries = []
        for candidate in ids:
            theirs = [i for i in seen if i.owner_id == candidate]
            scores = [i.overall for i in sorted(theirs, key=lambda i: i.created_at) if i.overall is not None]
            summaries.append(
                CandidateSummary(
                    candidate_id=candidate, email=self._users.get(candidate).email,
                    assignments=sum(1 for a in assigned if a.candidate_id == candidate),
                    interviews=len(theirs),
                    completed=len(scores), last_overall=scores[-1] if scores else None,
                    best_overall=max(scores) if scores else None,
                )
            )  # fmt: skip
        return summaries

    def interviews(self, recruiter_id: str, candidate_id: str | None = None) -> list[Interview]:
        return self._interviews.seen_by(recruiter_id, candidate_id=candidate_id)

    def interview(
        self, recruiter_id: str, interview_id: str
    ) -> tuple[Interview, list[Turn], dict[str, Any] | None]:
        owner = self._interviews.owner_for_viewer(interview_id, recruiter_id)
        return (
            self._interviews.get(interview_id, owner),
            self._interviews.turns(interview_id, owner),
            self._interviews.report(interview_id, owner),
        )

    def results_csv(self, recruiter_id: str) -> str:
        """One row per interview the recruiter may see: who, which scenario, when, each score."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["interview_id", "candidate_email", "scenario_id", "language", "status", "started_at",
                         "ended_at", "overall", *DIMENSIONS])  # fmt: skip
        emails: dict[str, str] = {}
        for interview in self._interviews.seen_by(recruiter_id):
            owner = interview.owner_id or ""
            if owner not in emails:
                emails[owner] = self._users.get(owner).email if owner else ""
            report = self._interviews.report(interview.id, interview.owner_id) or {}
            dimensions = report.get("dimensions", {})
            writer.writerow([
                interview.id, emails[owner], interview.scenario.id, interview.language,
                interview.status.value,
                interview.started_at.isoformat() if interview.started_at else "",
                interview.ended_at.isoformat() if interview.ended_at else "",
                "" if interview.overall is None else interview.overall,
                *("" if dimensions.get(d) is None else dimensions[d] for d in DIMENSIONS),
            ])  # fmt: skip
        return out.getvalue()

    def _assignment(self, row: AssignmentRow) -> Assignment:
        scenario = self._catalog.get(row.scenario_id, row.language, row.recruiter_id)
        return Assignment(
            id=row.id, recruiter_id=row.recruiter_id, candidate_id=row.candidate_id,
            candidate_email=self._users.get(row.candidate_id).email, scenario_id=row.scenario_id,
            language=row.language, title=scenario.title, note=row.note, created_at=row.created_at,
        )  # fmt: skip
