"""The built-in interviewer: a rubric, no language model. Deterministic, bilingual, varied in wording.

After each answer it does what a careful interviewer does: when the answer falls short in a way the
scenario has a follow-up for (no result in a STAR story, too short, vague, a key point missing, too
long), it asks that follow-up, at most ``MAX_FOLLOW_UPS`` times per question; an answer off topic gets
the question again in other words. Otherwise it thanks the candidate and asks the next question, and
after the last one, or when the interview's time is up, it wraps up with the scenario's closing line.
The answer to a follow-up completes the answer to its question: both are judged together.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from vocalis.interview.evaluation import AnswerEvaluation
from vocalis.interview.scenarios import Question, Scenario
from vocalis.interview.wording import pick

LineKind = Literal[
    "opening",
    "question",
    "follow_up",
    "rephrase",
    "closing",
    "still_there",
    "time_cut",
    "wrong_language",
    "acknowledge",
]
MAX_FOLLOW_UPS = 1
MAX_REPHRASES = 1
# Generic follow-ups when a scenario has none for a shortfall.
_GENERIC = {"no_result": "result", "too_short": "more", "vague": "example"}


@dataclass(frozen=True)
class Line:
    """Something the interviewer says."""

    kind: LineKind
    text: str
    question_id: str | None = None
    reason: str | None = None  # a follow-up's shortfall: no_result, vague, off_topic...
    opener: str | None = None  # the acknowledgement ``text`` starts with (a voice may say it at once)
    written_by: str = "rubric"  # or "chat": a configured chat model worded it

    def after(self, said: str) -> str:
        """What remains of the line once ``said`` (its opener, said already) is out."""
        if self.opener and said == self.opener and self.text.startswith(said):
            return self.text[len(said) :].strip()
        return self.text


@dataclass(frozen=True)
class Progress:
    """Where the interview is: the current question and what was asked about it."""

    question_index: int = 0
    follow_ups: tuple[str, ...] = ()  # shortfalls already followed up on for the current question
    turn: int = 0  # lines of the interviewer so far: seeds the wording
    finished: bool = False
    elapsed_s: float = 0.0  # interview time so far: what both sides said (typed answers timed as spoken)

    def to_json(self) -> dict[str, object]:
        return {
            "question_index": self.question_index,
            "follow_ups": list(self.follow_ups),
            "turn": self.turn,
            "finished": self.finished,
            "elapsed_s": round(self.elapsed_s, 2),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Progress:
        follow_ups = data.get("follow_ups") or []
        return cls(
            question_index=int(str(data.get("question_index", 0))),
            follow_ups=tuple(str(f) for f in follow_ups) if isinstance(follow_ups, list) else (),
            turn=int(str(data.get("turn", 0))),
            finished=bool(data.get("finished", False)),
            elapsed_s=float(str(data.get("elapsed_s", 0.0))),
        )


@dataclass(frozen=True)
class Decision:
    lines: tuple[Line, ...]
    progress: Progress
    next_question_done: bool = field(default=False)  # the answered question is closed (no follow-up)


class RubricInterviewer:
    def __init__(self, scenario: Scenario, seed: str) -> None:
        self.scenario = scenario
        self._seed = seed

    @property
    def language(self) -> str:
        return self.scenario.language

    def question(self, progress: Progress) -> Question:
        return self.scenario.questions[progress.question_index]

    def start(self) -> Decision:
        first = self.scenario.questions[0]
        lines = (Line("opening", self.scenario.opening), Line("question", first.text, first.id))
        return Decision(lines, Progress(turn=len(lines)))

    def after_answer(self, progress: Progress, evaluation: AnswerEvaluation, *, elapsed_s: float) -> Decision:
        """The next lines once the candidate has finished answering the current question."""
        question = self.question(progress)
        follow_up = self._follow_up(question, progress, evaluation)
        if follow_up is not None and not self._time_is_up(elapsed_s):
            reason = follow_up.reason or ""
            moved = replace(progress, follow_ups=(*progress.follow_ups, reason), turn=progress.turn + 1)
            return Decision((follow_up,), moved)
        return self._move_on(progress, elapsed_s)

    def skip(self, progress: Progress, *, elapsed_s: float) -> Decision:
        """Next question without judging (the candidate asked to skip, or an answer was cut)."""
        return self._move_on(progress, elapsed_s)

    def acknowledgement(self, progress: Progress) -> str:
        """The thanks that opens the next line after an answer: a voice can say it while deciding."""
        return pick(self.language, "acknowledge", f"{self._seed}:{progress.turn}")

    def _move_on(self, progress: Progress, elapsed_s: float) -> Decision:
        seed = f"{self._seed}:{progress.turn}"
        thanks = Line("closing", self.acknowledgement(progress))
        following = progress.question_index + 1
        questions = self.scenario.questions
        if following >= len(questions) or self._time_is_up(elapsed_s):
            lines = [thanks]
            if following < len(questions):
                lines.append(Line("closing", pick(self.language, "time_up", seed)))
            lines.append(Line("closing", self.scenario.closing))
            done = Progress(following, (), progress.turn + len(lines), finished=True)
            return Decision(_merge(lines, opener=thanks.text), done, True)
        nxt = questions[following]
        transition = pick(self.language, "last" if following == len(questions) - 1 else "next", seed)
        text = " ".join(t for t in (thanks.text, transition, nxt.text) if t)
        moved = Progress(following, (), progress.turn + 1)
        return Decision((Line("question", text, nxt.id, opener=thanks.text),), moved, True)

    def wrap_up(self, progress: Progress, kind: Literal["no_answer_end", "time_up", "end_early"]) -> Decision:
        seed = f"{self._seed}:{progress.turn}"
        text = f"{pick(self.language, kind, seed)} {self.scenario.closing}"
        done = replace(progress, finished=True, turn=progress.turn + 1)
        return Decision((Line("closing", text),), done, True)

    def prompt(self, progress: Progress, kind: Literal["still_there", "time_cut", "wrong_language"]) -> Line:
        return Line(kind, pick(self.language, kind, f"{self._seed}:{progress.turn}"))

    def _time_is_up(self, elapsed_s: float) -> bool:
        return elapsed_s >= self.scenario.target_minutes * 60.0

    def _follow_up(self, question: Question, progress: Progress, evaluation: AnswerEvaluation) -> Line | None:
        seed = f"{self._seed}:{progress.turn}"
        shortfalls = evaluation.shortfalls
        if shortfalls.off_topic:
            if progress.follow_ups.count("off_topic") >= MAX_REPHRASES:
                return None
            text = pick(self.language, "rephrase", seed, question=question.text)
            return Line("rephrase", text, question.id, "off_topic")
        if sum(1 for f in progress.follow_ups if f != "off_topic") >= MAX_FOLLOW_UPS:
            return None
        written = {f.when: f.text for f in question.follow_ups}
        for when in shortfalls.follow_up_order():
            if when in progress.follow_ups:
                continue
            if when in written:
                return Line("follow_up", written[when], question.id, when)
            if when in _GENERIC:
                return Line("follow_up", pick(self.language, _GENERIC[when], seed), question.id, when)
        return None


def _merge(lines: list[Line], *, opener: str) -> tuple[Line, ...]:
    """Closing lines said in one breath."""
    return (Line("closing", " ".join(line.text for line in lines), opener=opener),)
