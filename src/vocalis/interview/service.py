"""Interview practice: scenarios to choose from, interviews run turn by turn, judged and reported.

One answer at a time: ``answer`` judges what the candidate said for the current question (with what
they said before a follow-up), lets the interviewer decide, records both sides' turns and, after the
closing line, writes the report. Text mode and the spoken interview (``conversation/`` feeding
transcribed answers) go through the same path.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from vocalis.audio.chunk import AudioChunk
from vocalis.engines.protocols import ChatModel, SentenceEncoder, SpeechToText, TranscribedWord
from vocalis.engines.registry import EngineRegistry
from vocalis.errors import Conflict, EmptyText, InvalidInput, ModelUnavailable, UnknownScenario
from vocalis.interview.catalog import ScenarioCatalog
from vocalis.interview.chat_writer import write_feedback, write_follow_up
from vocalis.interview.connections import LiveConnections
from vocalis.interview.delivery import TYPED_WPM, Delivery, typed_words
from vocalis.interview.evaluation import Evaluator, evaluator_for
from vocalis.interview.interviewer import Decision, Line, RubricInterviewer
from vocalis.interview.language import answer_language
from vocalis.interview.records import OPEN_STATUSES, Interview, InterviewStatus, Mode, NewInterview, Turn
from vocalis.interview.recruiting import Recruiting
from vocalis.interview.report import DIMENSIONS, build_report, evaluation_json
from vocalis.interview.repository import InterviewRepository
from vocalis.interview.scenarios import Scenario
from vocalis.speech.service import SpeechService
from vocalis.voices.library import VoiceLibrary

MAX_ANSWER_CHARS = 6000  # about six minutes of speech
DEFAULT_VOICES = {"en": ("af_heart", "heart"), "fr": ("ff_siwis", "af_heart", "heart")}


@dataclass(frozen=True)
class Reply:
    """What the interviewer says after an answer, and the interview as it now is."""

    lines: tuple[Line, ...]
    interview: Interview
    report: dict[str, Any] | None  # once the interview has ended
    line_seqs: tuple[int, ...] = ()  # each line's turn in the transcript (to time it once said)


class InterviewService:
    def __init__(
        self,
        repository: InterviewRepository,
        catalog: ScenarioCatalog,
        voices: VoiceLibrary,
        encoder: Callable[[], SentenceEncoder],
        *,
        engines: EngineRegistry | None = None,
        speech: SpeechService | None = None,
        recogniser: Callable[[str], SpeechToText] | None = None,
        recruiting: Recruiting | None = None,
    ) -> None:
        self.repository = repository
        self.catalog = catalog
        self.recruiting = recruiting
        self._voices = voices
        self._encoder = encoder
        self._engines = engines
        self._speech = speech
        self._recogniser = recogniser
        self._evaluator: Evaluator | None = None
        self._lock = threading.Lock()
        # Spoken answers are read here, one at a time per process: a live pause's speech is read while
        # the candidate goes on, and never competes with another read for the same cores.
        self.recognition = ThreadPoolExecutor(max_workers=1, thread_name_prefix="interview-stt")
        self.connections = LiveConnections()

    # -- what spoken interviews need --------------------------------------------------------------

    @property
    def engines(self) -> EngineRegistry:
        if self._engines is None:
            raise ModelUnavailable("spoken interviews need engines: this service was built for text only")
        return self._engines

    @property
    def speech(self) -> SpeechService:
        if self._speech is None:
            raise ModelUnavailable("spoken interviews need the speech service")
        return self._speech

    def recogniser(self, language: str) -> SpeechToText:
        if self._recogniser is None:
            raise ModelUnavailable("spoken interviews need a speech recogniser")
        return self._recogniser(language)

    def close(self) -> None:
        self.recognition.shutdown(wait=False, cancel_futures=True)

    # -- scenarios -----------------------------------------------------------------------------

    def scenarios(
        self,
        viewer: str | None,
        *,
        language: str | None = None,
        category: str | None = None,
        difficulty: str | None = None,
    ) -> list[Scenario]:
        """The scenarios this person may start: the built-in library and published ones offered to them."""
        found = [
            s
            for s in self.catalog.offered(viewer)
            if (language is None or s.language == language)
            and (category is None or s.category == category)
            and (difficulty is None or s.difficulty == difficulty)
        ]
        return sorted(found, key=lambda s: (s.language, s.category, s.id))

    def scenario(self, scenario_id: str, language: str, viewer: str | None = None) -> Scenario:
        return self.catalog.get(scenario_id, language, viewer)

    # -- interviews ----------------------------------------------------------------------------

    def create(
        self,
        owner_id: str | None,
        scenario_id: str | None,
        language: str,
        voice: str | None,
        mode: Mode,
        *,
        assignment_id: str | None = None,
    ) -> Interview:
        """A new interview of a scenario, or of an assignment's (its scenario and language)."""
        if assignment_id is not None:
            if self.recruiting is None or owner_id is None:
                raise UnknownScenario("assignments need accounts", assignment=assignment_id)
            assignment = self.recruiting.assignment_for(assignment_id, owner_id)
            scenario_id, language = assignment.scenario_id, assignment.language
        if scenario_id is None:
            raise InvalidInput("give a scenario_id, or the assignment_id of a scenario you were assigned")
        scenario = self.scenario(scenario_id, language, owner_id)
        if mode == "voice":
            voice = voice or self._default_voice(language)
            self._voices.resolve(voice, viewer=owner_id)  # unknown voice: 404 now, not mid-interview
        new = NewInterview(scenario, voice, mode)
        start = RubricInterviewer(scenario, seed="pending").start()
        turns = [_said(line) for line in start.lines]
        progress = replace(start.progress, elapsed_s=sum(_spoken_seconds(line.text) for line in start.lines))
        created = self.repository.create(owner_id, new, progress, turns, assignment_id=assignment_id)
        # The judge gets ready while the candidate reads the first question (a failure shows at the
        # first answer, where it is reported).
        self.recognition.submit(lambda: self.evaluator.warm_up(scenario.language))
        return created

    def get(self, interview_id: str, owner_id: str | None) -> Interview:
        return self.repository.get(interview_id, owner_id)

    def turns(self, interview_id: str, owner_id: str | None) -> list[Turn]:
        return self.repository.turns(interview_id, owner_id)

    def page(
        self, owner_id: str | None, *, scenario_id: str | None, limit: int, offset: int
    ) -> tuple[list[Interview], int]:
        return self.repository.page(owner_id, scenario_id=scenario_id, limit=limit, offset=offset)

    def progress(self, owner_id: str | None) -> dict[str, Any]:
        """The candidate dashboard: completed interviews over time, overall and per dimension, and per
        scenario (oldest first), with the average of each dimension."""
        done: list[Interview] = []
        while page := self.repository.page(owner_id, scenario_id=None, limit=200, offset=len(done))[0]:
            done.extend(page)
        points = []
        for interview in sorted(done, key=lambda i: i.created_at):
            if interview.status is not InterviewStatus.COMPLETED or interview.overall is None:
                continue
            report = self.repository.report(interview.id, owner_id) or {}
            points.append({
                "interview_id": interview.id, "scenario_id": interview.scenario.id,
                "language": interview.language, "title": interview.scenario.title,
                "ended_at": interview.ended_at, "overall": interview.overall,
                "dimensions": report.get("dimensions", {}),
            })  # fmt: skip
        by_scenario: dict[str, list[dict[str, Any]]] = {}
        for point in points:
            by_scenario.setdefault(f"{point['scenario_id']}:{point['language']}", []).append(point)
        averages = {}
        for name in DIMENSIONS:
            values = [p["dimensions"][name] for p in points if p["dimensions"].get(name) is not None]
            averages[name] = round(sum(values) / len(values)) if values else None
        return {
            "completed": len(points),
            "timeline": points,
            "by_scenario": by_scenario,
            "averages": averages,
        }

    def delete(self, interview_id: str, owner_id: str | None) -> None:
        self.repository.delete(interview_id, owner_id)

    def report(self, interview_id: str, owner_id: str | None) -> dict[str, Any]:
        interview = self.repository.get(interview_id, owner_id)
        stored = self.repository.report(interview_id, owner_id)
        if stored is None:
            raise Conflict(
                f"interview {interview_id!r} has no report yet: it is {interview.status.value}",
                interview=interview_id,
                status=interview.status.value,
            )
        return stored

    def answer(
        self,
        interview_id: str,
        owner_id: str | None,
        text: str,
        *,
        words: Sequence[TranscribedWord] | None = None,
        start_s: float | None = None,
        end_s: float | None = None,
        audio: AudioChunk | None = None,
        heard_language: str | None = None,
    ) -> Reply:
        """The candidate's answer to the current question (spoken: with its recognised words, and its
        recording timed like them when there is one; ``heard_language``: the language its sound was
        identified as, when that is not the interview's)."""
        said = " ".join(text.split())
        if not said:
            raise EmptyText("the answer is empty: say or type something, or end the interview")
        if len(said) > MAX_ANSWER_CHARS:
            raise EmptyText(
                f"the answer is longer than {MAX_ANSWER_CHARS} characters", limit=MAX_ANSWER_CHARS
            )
        interview = self._open(interview_id, owner_id)
        interviewer = RubricInterviewer(interview.scenario, seed=interview.id)
        progress = interview.progress
        question = interviewer.question(progress)
        spoken_in = heard_language or answer_language(said)
        if spoken_in is not None and spoken_in != interview.language:
            # Not judged: the interviewer asks for the interview's language, and the question stands.
            seconds = (words[-1].end - words[0].start) if words else len(said.split()) * 60 / TYPED_WPM
            ask = Decision(
                (interviewer.prompt(progress, "wrong_language"),), replace(progress, turn=progress.turn + 1)
            )
            candidate = Turn(0, "candidate", "answer_other_language", said, question.id, start_s, end_s)
            return self._advance(interview, ask, [candidate], interview.answers, progress.elapsed_s + seconds)
        before = interview.answers.get(question.id)  # a follow-up's answer completes the first
        whole = f"{before['answer']} {said}" if before else said
        earlier = Delivery.from_json(before["delivery"]) if before else None
        spoken = words is not None
        heard = list(words) if words is not None else typed_words(said)
        evaluation = self.evaluator.evaluate(
            question, whole, heard, interview.language, spoken=spoken, earlier=earlier, audio=audio
        )
        answer_seconds = (heard[-1].end - heard[0].start) if heard else 0.0
        elapsed = progress.elapsed_s + answer_seconds
        decision = interviewer.after_answer(progress, evaluation, elapsed_s=elapsed)
        decision = self._worded(decision, question.text, whole, interview.language)
        answers = {**interview.answers, question.id: evaluation_json(evaluation, whole)}
        candidate = Turn(0, "candidate", "answer", said, question.id, start_s, end_s)
        return self._advance(interview, decision, [candidate], answers, elapsed)

    def _worded(self, decision: Decision, question: str, answer: str, language: str) -> Decision:
        """A follow-up worded by the chat model, when one is configured and its reply is usable."""
        chat = self._chat()
        if chat is None or not decision.lines or decision.lines[0].kind != "follow_up":
            return decision
        line = decision.lines[0]
        text, by = write_follow_up(
            chat,
            language=language,
            question=question,
            answer=answer,
            reason=line.reason or "",
            fallback=line.text,
        )
        return replace(decision, lines=(replace(line, text=text, written_by=by), *decision.lines[1:]))

    def complete_report(self, interview_id: str, owner_id: str | None) -> dict[str, Any]:
        """The report with the chat model's feedback prose, when one is configured (once; it is kept)."""
        report = self.report(interview_id, owner_id)
        chat = self._chat()
        if chat is None or "ai_feedback" in report:
            return report
        report = {**report, "ai_feedback": write_feedback(chat, report)}
        self.repository.set_report(interview_id, owner_id, report)
        return report

    def _chat(self) -> ChatModel | None:
        if self._engines is None or not self._engines.chat_models:
            return None
        return self._engines.chat_model()

    def finish(self, interview_id: str, owner_id: str | None) -> Reply:
        """End now (the candidate stops early): the closing line and the report of what was answered."""
        return self.wrap_up(interview_id, owner_id, "end_early")

    def wrap_up(self, interview_id: str, owner_id: str | None, kind: str) -> Reply:
        """End with a closing line of ``kind``: end_early, time_up or no_answer_end (nobody answers)."""
        if kind not in ("end_early", "time_up", "no_answer_end"):
            raise ValueError(f"no closing line {kind!r}")
        interview = self._open(interview_id, owner_id)
        interviewer = RubricInterviewer(interview.scenario, seed=interview.id)
        decision = interviewer.wrap_up(interview.progress, kind)  # type: ignore[arg-type]
        return self._advance(interview, decision, [], interview.answers, interview.progress.elapsed_s)

    def voice_interview(self, interview_id: str, owner_id: str | None) -> Interview:
        """A spoken interview about to be (re)joined: open, in voice mode, now active."""
        interview = self._open(interview_id, owner_id)
        if interview.mode != "voice":
            raise Conflict(
                f"interview {interview_id!r} is in text mode: post its answers to "
                f"/api/v1/interviews/{interview_id}/answers, or start a voice interview",
                interview=interview_id,
                mode=interview.mode,
            )
        self.repository.set_status(interview_id, InterviewStatus.ACTIVE)
        return self.repository.get(interview_id, owner_id)

    def pause(self, interview_id: str, owner_id: str | None) -> None:
        """The candidate left mid-interview: reconnecting resumes it where it stopped."""
        interview = self.repository.get(interview_id, owner_id)
        if interview.status in OPEN_STATUSES:
            self.repository.set_status(interview_id, InterviewStatus.PAUSED)

    def interrupt_live(self) -> list[str]:
        """At start-up: spoken interviews a stopped server left behind are interrupted, turns kept."""
        return self.repository.interrupt_open()

    @property
    def evaluator(self) -> Evaluator:
        with self._lock:
            if self._evaluator is None:
                self._evaluator = evaluator_for(self._encoder(), self.catalog.builtin.values())
            return self._evaluator

    def _open(self, interview_id: str, owner_id: str | None) -> Interview:
        interview = self.repository.get(interview_id, owner_id)
        if interview.status not in OPEN_STATUSES:
            raise Conflict(
                f"interview {interview_id!r} is {interview.status.value}: start a new one to practise again",
                interview=interview_id,
                status=interview.status.value,
            )
        return interview

    def _advance(
        self,
        interview: Interview,
        decision: Decision,
        before: list[Turn],
        answers: dict[str, Any],
        elapsed: float,
    ) -> Reply:
        lines_seconds = sum(_spoken_seconds(line.text) for line in decision.lines)
        progress = replace(decision.progress, elapsed_s=elapsed + lines_seconds)
        turns = [*before, *(_said(line) for line in decision.lines)]
        report = None
        status = InterviewStatus.ACTIVE
        if progress.finished:
            status = InterviewStatus.COMPLETED
            previous = self.repository.previous(
                interview.owner_id, interview.scenario.id, interview.language, interview.created_at
            )
            report = build_report(interview.scenario, answers, previous)
        updated, first = self.repository.advance(
            interview.id, interview.owner_id, turns=turns, progress=progress, status=status,
            answers=answers, report=report,
        )  # fmt: skip
        seqs = tuple(range(first + len(before), first + len(turns)))
        return Reply(decision.lines, updated, report, seqs)

    def _default_voice(self, language: str) -> str:
        known = {v.id for v in self._voices.list()}
        for candidate in DEFAULT_VOICES.get(language, DEFAULT_VOICES["en"]):
            if candidate in known:
                return candidate
        return next(iter(sorted(known)))


def _said(line: Line) -> Turn:
    return Turn(0, "interviewer", line.kind, line.text, line.question_id)


def _spoken_seconds(text: str) -> float:
    return len(text.split()) * 60.0 / TYPED_WPM
