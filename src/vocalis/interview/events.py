"""The spoken interview protocol (``WS /ws/interview/{id}``).

In: binary frames of 16-bit mono PCM from the microphone (16 kHz unless ``start`` says otherwise), or
``audio_chunk`` (the same PCM in base64 JSON); ``answer_text`` (a typed answer); ``end`` (finish now,
with the report); ``ping``.

Out: ``interview_started``; for each line of the interviewer, ``interviewer_speaking`` (its text),
binary frames of its audio (16-bit mono PCM at ``interviewer_speaking.sample_rate``) and
``interviewer_done`` (``interrupted`` when the candidate spoke over it: stop playing at once);
``candidate_speaking`` when speech starts, ``candidate_partial`` with the words heard so far in the
answer (read at its pauses, for live captions), ``candidate_turn`` when the interviewer judges the answer
finished (with its transcript); ``interview_finished`` with the report; ``error`` with a stable code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from vocalis.realtime.codec import EventCodec
from vocalis.realtime.events import AudioChunkMessage, Event, Pcm16Audio, Start


@dataclass(frozen=True)
class AnswerText(Event):
    type: ClassVar[str] = "answer_text"
    text: str


@dataclass(frozen=True)
class EndInterview(Event):
    type: ClassVar[str] = "end"


@dataclass(frozen=True)
class InterviewStarted(Event):
    type: ClassVar[str] = "interview_started"
    interview_id: str
    status: str
    language: str
    question_index: int
    questions: int
    sample_rate: int  # the microphone rate expected
    resumed: bool  # joined before (an answer given, or audio heard on an earlier connection)


@dataclass(frozen=True)
class InterviewerSpeaking(Event):
    type: ClassVar[str] = "interviewer_speaking"
    line_id: int
    kind: str  # opening, question, follow_up, rephrase, closing, still_there, time_cut, acknowledge
    text: str
    question_id: str | None
    sample_rate: int  # of the binary audio frames that follow


@dataclass(frozen=True)
class InterviewerDone(Event):
    type: ClassVar[str] = "interviewer_done"
    line_id: int
    interrupted: bool  # the candidate spoke over it: stop playing what is buffered
    seconds: float  # how much of it was said


@dataclass(frozen=True)
class CandidateSpeaking(Event):
    type: ClassVar[str] = "candidate_speaking"
    at: float  # seconds since the connection began


@dataclass(frozen=True)
class CandidatePartial(Event):
    type: ClassVar[str] = "candidate_partial"
    text: str  # the answer's words so far: each partial replaces the previous one


@dataclass(frozen=True)
class CandidateTurn(Event):
    type: ClassVar[str] = "candidate_turn"
    text: str
    start: float
    end: float
    by: str  # turn_detector, silence, time_limit, text
    question_id: str | None


@dataclass(frozen=True)
class InterviewFinished(Event):
    type: ClassVar[str] = "interview_finished"
    interview_id: str
    report: dict[str, Any]


INCOMING: tuple[type[Event], ...] = (Start, AudioChunkMessage, AnswerText, EndInterview)
OUTGOING: tuple[type[Event], ...] = (
    InterviewStarted,
    InterviewerSpeaking,
    InterviewerDone,
    CandidateSpeaking,
    CandidatePartial,
    CandidateTurn,
    InterviewFinished,
    Pcm16Audio,
)


def interview_codec() -> EventCodec:
    return EventCodec(INCOMING, OUTGOING, binary_in=Pcm16Audio)
