"""Interviews as the service sees them: typed values read from and written to the repository."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from vocalis.interview.interviewer import Progress
from vocalis.interview.scenarios import Scenario

Mode = Literal["voice", "text"]
Speaker = Literal["interviewer", "candidate"]


class InterviewStatus(enum.StrEnum):
    CREATED = "created"  # the script is ready; nobody has answered yet
    ACTIVE = "active"
    PAUSED = "paused"  # the candidate left (voice): reconnecting resumes it
    COMPLETED = "completed"  # ended with its report
    INTERRUPTED = "interrupted"  # the server stopped mid-interview; what was said is kept


OPEN_STATUSES = frozenset({InterviewStatus.CREATED, InterviewStatus.ACTIVE, InterviewStatus.PAUSED})


@dataclass(frozen=True)
class NewInterview:
    scenario: Scenario
    voice: str | None
    mode: Mode


@dataclass(frozen=True)
class Turn:
    seq: int
    speaker: Speaker
    kind: str  # opening, question, follow_up, rephrase, closing, still_there, answer...
    text: str
    question_id: str | None = None
    start_s: float | None = None  # seconds into the recording
    end_s: float | None = None


@dataclass(frozen=True)
class Interview:
    id: str
    owner_id: str | None
    scenario: Scenario
    voice: str | None
    mode: Mode
    status: InterviewStatus
    progress: Progress
    answers: dict[str, Any]  # question id -> its evaluation (plain JSON)
    overall: int | None
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    has_recording: bool

    @property
    def language(self) -> str:
        return self.scenario.language
