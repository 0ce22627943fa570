"""Interview practice at the API edge: scenarios, interviews, answers and what the interviewer says."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from vocalis.api.schemas.base import StrictBody
from vocalis.interview.interviewer import Line
from vocalis.interview.records import Interview, Turn
from vocalis.interview.recruiting import Assignment
from vocalis.interview.scenarios import Scenario


class ScenarioSummary(BaseModel):
    id: str = Field(description="Scenario id: use it with its language to start an interview.")
    language: str = Field(description="en or fr: the language of the whole interview.")
    title: str = Field(description="The name shown to the candidate.")
    description: str = Field(description="What the candidate practises.")
    role: str = Field(description="The role the candidate plays or applies for.")
    category: str = Field(description="technical, behavioural, sales, pitch, problem_solving, "
                          "difficult_conversation or customer_support.")  # fmt: skip
    difficulty: str = Field(description="easy, medium or hard.")
    target_minutes: float = Field(description="How long the interview lasts.")
    questions: int = Field(description="How many questions it asks (follow-ups aside).")

    @classmethod
    def of(cls, s: Scenario) -> ScenarioSummary:
        return cls(
            id=s.id, language=s.language, title=s.title, description=s.description, role=s.role,
            category=s.category, difficulty=s.difficulty, target_minutes=s.target_minutes,
            questions=len(s.questions),
        )  # fmt: skip


class ScenarioList(BaseModel):
    scenarios: list[ScenarioSummary] = Field(description="Matching scenarios, by language, category and id.")


class InterviewIn(StrictBody):
    scenario_id: str | None = Field(
        default=None,
        max_length=60,
        description="A scenario id from /api/v1/scenarios (or give assignment_id).",
        examples=["leading-a-team"],
    )
    assignment_id: str | None = Field(
        default=None,
        max_length=32,
        description="An assignment from /api/v1/assignments: its scenario and language; the recruiter who "
        "assigned it sees this interview and its report.",
    )
    language: Literal["en", "fr"] = Field(default="en", description="The scenario's language: en or fr.")
    voice: str | None = Field(
        default=None, max_length=200,
        description="The interviewer's voice (voice mode); default: af_heart in English, ff_siwis in French.",
    )  # fmt: skip
    mode: Literal["voice", "text"] = Field(
        default="voice", description="voice: spoken over WS /ws/interview/{id}; text: typed answers."
    )

    @model_validator(mode="after")
    def _one_scenario(self) -> InterviewIn:
        if (self.scenario_id is None) == (self.assignment_id is None):
            raise ValueError("give either scenario_id or assignment_id")
        return self


class AnswerIn(StrictBody):
    text: str = Field(min_length=1, max_length=6000, description="The candidate's answer, as typed.")


class LineOut(BaseModel):
    kind: str = Field(description="opening, question, follow_up, rephrase, closing, still_there, time_cut...")
    text: str = Field(description="What the interviewer says.")
    question_id: str | None = Field(description="The question it asks or follows up on.")
    reason: str | None = Field(description="Why a follow-up: no_result, too_short, vague, missing_key_point, "
                               "too_long or off_topic.")  # fmt: skip

    written_by: Literal["rubric", "chat"] = Field(
        description="rubric: the built-in interviewer's wording; chat: the configured chat model's."
    )

    @classmethod
    def of(cls, line: Line) -> LineOut:
        by: Literal["rubric", "chat"] = "chat" if line.written_by == "chat" else "rubric"
        return cls(
            kind=line.kind, text=line.text, question_id=line.question_id, reason=line.reason, written_by=by
        )


class TurnOut(BaseModel):
    seq: int = Field(description="Order in the interview, from 0.")
    speaker: Literal["interviewer", "candidate"] = Field(description="Who spoke.")
    kind: str = Field(description="opening, question, follow_up, rephrase, closing, answer...")
    text: str = Field(description="What was said (the candidate's words as transcribed or typed).")
    question_id: str | None = Field(description="The question it belongs to.")
    start_s: float | None = Field(description="Start in the recording, in seconds (voice mode).")
    end_s: float | None = Field(description="End in the recording, in seconds (voice mode).")

    @classmethod
    def of(cls, t: Turn) -> TurnOut:
        return cls(seq=t.seq, speaker=t.speaker, kind=t.kind, text=t.text, question_id=t.question_id,
                   start_s=t.start_s, end_s=t.end_s)  # fmt: skip


class InterviewOut(BaseModel):
    id: str = Field(description="Interview id.")
    scenario_id: str = Field(description="The scenario it runs.")
    language: str = Field(description="en or fr.")
    title: str = Field(description="The scenario's title.")
    mode: Literal["voice", "text"] = Field(description="voice or text.")
    voice: str | None = Field(description="The interviewer's voice (voice mode).")
    status: Literal["created", "active", "paused", "completed", "interrupted"] = Field(
        description="created (not answered yet), active, paused (voice: the candidate left; reconnect to "
        "resume), completed (its report is at /report), interrupted (the server stopped mid-interview)."
    )
    question_index: int = Field(description="The current question, from 0.")
    questions: int = Field(description="How many questions the scenario has.")
    elapsed_s: float = Field(
        description="Interview time so far: both sides' speech (typed answers timed as spoken)."
    )
    overall: int | None = Field(description="The overall score 0-100, once completed.")
    created_at: datetime = Field(description="When it was created.")
    started_at: datetime | None = Field(description="When the first answer came.")
    ended_at: datetime | None = Field(description="When it ended.")
    has_recording: bool = Field(description="Its recording can be fetched at /recording.")
    turns: list[TurnOut] | None = Field(
        default=None, description="The transcript, in order (one interview only)."
    )
    answers: dict[str, Any] | None = Field(
        default=None, description="Each answered question's evaluation by question id (one interview only)."
    )

    @classmethod
    def of(cls, i: Interview, turns: list[Turn] | None = None) -> InterviewOut:
        return cls(
            id=i.id, scenario_id=i.scenario.id, language=i.language, title=i.scenario.title, mode=i.mode,
            voice=i.voice, status=i.status.value, question_index=i.progress.question_index,
            questions=len(i.scenario.questions), elapsed_s=round(i.progress.elapsed_s, 1), overall=i.overall,
            created_at=i.created_at, started_at=i.started_at, ended_at=i.ended_at,
            has_recording=i.has_recording,
            turns=None if turns is None else [TurnOut.of(t) for t in turns],
            answers=None if turns is None else i.answers,
        )  # fmt: skip


class InterviewPage(BaseModel):
    interviews: list[InterviewOut] = Field(description="Newest first.")
    total: int = Field(description="How many match.")
    limit: int = Field(description="Page size.")
    offset: int = Field(description="Interviews skipped.")


class ReplyOut(BaseModel):
    lines: list[LineOut] = Field(description="What the interviewer says next, in order.")
    interview: InterviewOut = Field(description="The interview as it now is.")
    report: dict[str, Any] | None = Field(description="The report, when this reply ended the interview.")


class ShareIn(StrictBody):
    email: str = Field(min_length=3, max_length=320, description="The e-mail of the person to show it to.")


class AssignmentOut(BaseModel):
    id: str = Field(
        description="Assignment id: start its interview with POST /api/v1/interviews {assignment_id}."
    )
    candidate_email: str = Field(description="Who was asked to practise.")
    scenario_id: str = Field(description="The scenario to practise.")
    language: str = Field(description="en or fr.")
    title: str = Field(description="The scenario's title.")
    note: str | None = Field(description="The recruiter's note to the candidate.")
    created_at: datetime = Field(description="When it was assigned.")

    @classmethod
    def of(cls, a: Assignment) -> AssignmentOut:
        return cls(id=a.id, candidate_email=a.candidate_email, scenario_id=a.scenario_id, language=a.language,
                   title=a.title, note=a.note, created_at=a.created_at)  # fmt: skip


class AssignmentList(BaseModel):
    assignments: list[AssignmentOut] = Field(description="Newest first.")
