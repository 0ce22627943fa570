"""Scoring one answer: relevance, structure, specificity, fluency and timing, each 0-100, and overall.

The formulas (documented for users in the README's interview section):

- **relevance** = 30 + 70 x (key points covered / key points) for an answer on topic; an answer off
  topic scores 30 x that fraction (at most 30). See ``relevance.py`` for how both are judged.
- **structure** (STAR) = situation 20 + task 15 + action 35 + result 30, for each part found; other
  shapes (pitch, estimate, steps) share 100 equally between their parts; a free answer has no
  expected shape, so no structure score.
- **specificity** = 20 x concrete details per 100 words, at most 100 (5 per 100 words is full marks):
  numbers, amounts, dates, names, "for example".
- **fluency** (spoken) = 40% fillers + 25% pace + 15% long pauses + 20% restarts, where fillers
  score 1 at up to 3 a minute and 0 at 12, pace 1 between 110 and 170 words a minute (0 at 60 or
  230), each long pause (2.5 s+) takes a quarter, and restarts score 0 at 6 a minute. Typed: 65%
  fillers + 35% restarts.
- **timing** = 100 inside the question's target length; shorter: 100 x length / minimum; longer:
  100 x (1 - overrun / maximum), at least 0.
- **overall** = the weighted mean of the scores there are (relevance 35%, structure 20%, specificity
  15%, fluency 15%, timing 15%), at most 25 for an answer off topic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from vocalis.audio.chunk import AudioChunk
from vocalis.engines.protocols import SentenceEncoder, TranscribedWord
from vocalis.interview.delivery import Delivery, measure_delivery
from vocalis.interview.relevance import Relevance, RelevanceJudge
from vocalis.interview.scenarios import Question, Scenario
from vocalis.interview.shortfalls import Shortfalls
from vocalis.interview.specificity import Specificity, find_specifics
from vocalis.interview.structure import StructureFound, find_structure
from vocalis.interview.wording import suggestion_for

STAR_WEIGHTS = {"situation": 20, "task": 15, "action": 35, "result": 30}
WEIGHTS = {"relevance": 0.35, "structure": 0.20, "specificity": 0.15, "fluency": 0.15, "timing": 0.15}
OFF_TOPIC_CAP = 25
SPECIFICITY_FULL_PER_100 = 5.0
# An answer this much shorter than the target's minimum is "too short" for a follow-up.
TOO_SHORT_FRACTION = 0.5
VAGUE_SPECIFICITY = 30


@dataclass(frozen=True)
class AnswerScores:
    relevance: int
    structure: int | None  # None: a free answer has no expected shape
    specificity: int
    fluency: int
    timing: int
    overall: int

    def as_dict(self) -> dict[str, int | None]:
        return {
            "relevance": self.relevance,
            "structure": self.structure,
            "specificity": self.specificity,
            "fluency": self.fluency,
            "timing": self.timing,
            "overall": self.overall,
        }


@dataclass(frozen=True)
class AnswerEvaluation:
    question_id: str
    relevance: Relevance
    structure: StructureFound
    specificity: Specificity
    delivery: Delivery
    scores: AnswerScores
    shortfalls: Shortfalls
    suggestion: str


class Evaluator:
    def __init__(self, relevance: RelevanceJudge) -> None:
        self._relevance = relevance

    def warm_up(self, language: str) -> None:
        self._relevance.warm_up(language)

    def evaluate(
        self,
        question: Question,
        text: str,
        words: Sequence[TranscribedWord],
        language: str,
        *,
        spoken: bool,
        earlier: Delivery | None = None,
        audio: AudioChunk | None = None,
    ) -> AnswerEvaluation:
        """Judge ``text`` (the whole answer to ``question``); ``words`` are its last part's when
        ``earlier`` is the delivery of what was said before a follow-up; ``audio`` is that part's
        recording, timed like ``words`` (how it sounded)."""
        relevance = self._relevance.judge(question, text, language)
        structure = find_structure(text, question.structure, language)
        specificity = find_specifics(text, language)
        delivery = measure_delivery(words, language, spoken=spoken, audio=audio)
        if earlier is not None:
            delivery = earlier.then(delivery)
        scores = score(question, relevance, structure, specificity, delivery)
        low, high = question.target_seconds.min, question.target_seconds.max
        shortfalls = Shortfalls(
            off_topic=not relevance.on_topic,
            no_result=question.structure == "star" and not structure.has("result"),
            too_short=delivery.seconds < TOO_SHORT_FRACTION * low,
            vague=scores.specificity < VAGUE_SPECIFICITY,
            missing_key_point=relevance.coverage < 0.5,
            too_long=delivery.seconds > high,
        )
        suggestion = suggestion_for(language, question, relevance, structure, shortfalls, delivery)
        return AnswerEvaluation(
            question.id, relevance, structure, specificity, delivery, scores, shortfalls, suggestion
        )


def score(
    question: Question,
    relevance: Relevance,
    structure: StructureFound,
    specificity: Specificity,
    delivery: Delivery,
) -> AnswerScores:
    parts: dict[str, float | None] = {
        "relevance": relevance_score(relevance),
        "structure": structure_score(structure),
        "specificity": min(100.0, 100.0 * specificity.per_100_words / SPECIFICITY_FULL_PER_100),
        "fluency": fluency_score(delivery),
        "timing": timing_score(delivery.seconds, question.target_seconds.min, question.target_seconds.max),
    }
    present = {k: v for k, v in parts.items() if v is not None}
    overall = sum(WEIGHTS[k] * v for k, v in present.items()) / sum(WEIGHTS[k] for k in present)
    if not relevance.on_topic:
        overall = min(overall, OFF_TOPIC_CAP)
    structure_value = parts["structure"]
    return AnswerScores(
        relevance=round(present["relevance"]),
        structure=None if structure_value is None else round(structure_value),
        specificity=round(present["specificity"]),
        fluency=round(present["fluency"]),
        timing=round(present["timing"]),
        overall=round(overall),
    )


def relevance_score(relevance: Relevance) -> float:
    if relevance.on_topic:
        return 30.0 + 70.0 * relevance.coverage
    return 30.0 * relevance.coverage


def structure_score(structure: StructureFound) -> float | None:
    if not structure.parts:
        return None
    if structure.shape == "star":
        return float(sum(STAR_WEIGHTS[p.name] for p in structure.parts if p.found))
    return 100.0 * sum(p.found for p in structure.parts) / len(structure.parts)


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def fluency_score(delivery: Delivery) -> float:
    fillers = _clamp(1.0 - (delivery.fillers_per_minute - 3.0) / 9.0)
    restarts = _clamp(1.0 - (delivery.restarts / delivery.minutes) / 6.0)
    if not delivery.spoken:
        return 100.0 * (0.65 * fillers + 0.35 * restarts)
    wpm = delivery.words_per_minute or 0.0
    if wpm < 110:
        pace = _clamp((wpm - 60.0) / 50.0)
    elif wpm > 170:
        pace = _clamp((230.0 - wpm) / 60.0)
    else:
        pace = 1.0
    pauses = _clamp(1.0 - 0.25 * delivery.long_pauses)
    return 100.0 * (0.40 * fillers + 0.25 * pace + 0.15 * pauses + 0.20 * restarts)


def timing_score(seconds: float, low: float, high: float) -> float:
    if seconds < low:
        return 100.0 * seconds / low
    if seconds > high:
        return 100.0 * _clamp(1.0 - (seconds - high) / high)
    return 100.0


def evaluator_for(encoder: SentenceEncoder, library: Iterable[Scenario]) -> Evaluator:
    """An evaluator whose topic test contrasts each question with every question of ``library`` (the
    built-in scenarios: see RelevanceJudge)."""
    contrast = [(scenario.language, question) for scenario in library for question in scenario.questions]
    return Evaluator(RelevanceJudge(encoder, contrast))
