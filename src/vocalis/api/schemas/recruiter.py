"""Recruiters and trainers at the API edge: their scenarios, assignments, candidates and results."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from vocalis.api.schemas.base import StrictBody
from vocalis.api.schemas.interviews import InterviewOut
from vocalis.interview.catalog import WrittenScenario
from vocalis.interview.recruiting import CandidateSummary
from vocalis.interview.scenarios import Scenario

VisibilityName = Literal["private", "shared", "public"]


class ScenarioWriteIn(BaseModel):
    """A scenario document as the built-in files are written (see GET /api/v1/scenarios/{id}), checked
    field by field: a wrong field answers 422 naming it."""

    scenario: Scenario = Field(description="The scenario: id, language, title, questions...")
    visibility: VisibilityName = Field(
        default="private", description="private (you only), shared (the people you share it with), public."
    )


class ScenarioChangeIn(StrictBody):
    scenario: Scenario | None = Field(default=None, description="The whole scenario, revised (same id).")
    visibility: VisibilityName | None = Field(default=None, description="Who may see it once published.")
    status: Literal["draft", "published", "retired"] | None = Field(
        default=None, description="published: offered to candidates; retired: offered to no one."
    )
    shared_with: list[str] | None = Field(
        default=None,
        max_length=200,
        description="E-mails of the people it is shared with (replaces the list).",
    )


class WrittenScenarioOut(BaseModel):
    id: str = Field(description="The scenario's id.")
    language: str = Field(description="en or fr.")
    title: str = Field(description="Its title.")
    visibility: VisibilityName = Field(description="private, shared or public.")
    status: Literal["draft", "published", "retired"] = Field(description="draft, published or retired.")
    shared_with: int = Field(description="How many people it is shared with.")
    shared_emails: list[str] = Field(
        default_factory=list, description="The e-mails of the people it is shared with."
    )
    created_at: datetime = Field(description="When it was written.")
    updated_at: datetime = Field(description="When it last changed.")
    scenario: dict[str, Any] = Field(description="The whole document.")

    @classmethod
    def of(cls, w: WrittenScenario, shared_emails: list[str] | None = None) -> WrittenScenarioOut:
        return cls(
            id=w.scenario.id,
            language=w.scenario.language,
            title=w.scenario.title,
            visibility=w.visibility.value,
            status=w.status.value,
            shared_with=len(w.shared_with),
            shared_emails=shared_emails or [],
            created_at=w.created_at,
            updated_at=w.updated_at,
            scenario=w.scenario.model_dump(mode="json"),
        )


class WrittenScenarioList(BaseModel):
    scenarios: list[WrittenScenarioOut] = Field(description="Yours, newest first.")


class AssignIn(StrictBody):
    candidate_email: str = Field(min_length=3, max_length=320, description="The candidate's e-mail.")
    scenario_id: str = Field(max_length=60, description="A built-in scenario or a published one of yours.")
    language: Literal["en", "fr"] = Field(default="en", description="The scenario's language.")
    note: str | None = Field(default=None, max_length=2000, description="A note shown to the candidate.")


class CandidateOut(BaseModel):
    candidate_id: str = Field(description="The candidate's user id.")
    email: str = Field(description="The candidate's e-mail.")
    assignments: int = Field(description="Scenarios you assigned them.")
    interviews: int = Field(description="Their interviews you may see (assigned by you, or shared with you).")
    completed: int = Field(description="Of those, how many have a report.")
    last_overall: int | None = Field(description="The overall score of the latest.")
    best_overall: int | None = Field(description="Their best overall score.")

    @classmethod
    def of(cls, c: CandidateSummary) -> CandidateOut:
        return cls(
            candidate_id=c.candidate_id,
            email=c.email,
            assignments=c.assignments,
            interviews=c.interviews,
            completed=c.completed,
            last_overall=c.last_overall,
            best_overall=c.best_overall,
        )


class CandidateList(BaseModel):
    candidates: list[CandidateOut] = Field(description="Everyone you assigned or who shared an interview.")


class SeenInterviewOut(InterviewOut):
    """A candidate's interview as their recruiter sees it: whose it is, besides the interview."""

    candidate_email: str = Field(description="The candidate's e-mail.")
