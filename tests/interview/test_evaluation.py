"""Answers are scored as an interviewer would: real sentence embeddings, labelled answers, two languages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vocalis.engines.e5 import E5SentenceEncoder
from vocalis.engines.protocols import TranscribedWord
from vocalis.interview.delivery import measure_delivery, typed_words
from vocalis.interview.evaluation import (
    AnswerEvaluation,
    Evaluator,
    evaluator_for,
    fluency_score,
    timing_score,
)
from vocalis.interview.scenarios import Scenario, load_library

LABELLED = Path(__file__).resolve().parents[2] / "bench" / "data" / "interview_answers.json"


@pytest.fixture(scope="module")
def library() -> dict[tuple[str, str], Scenario]:
    return load_library()


@pytest.fixture(scope="module")
def evaluator(library: dict[tuple[str, str], Scenario]) -> Evaluator:
    return evaluator_for(E5SentenceEncoder(), library.values())


@pytest.fixture(scope="module")
def labelled() -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in json.loads(LABELLED.read_text(encoding="utf-8"))["answers"]}


def _judge(
    evaluator: Evaluator, library: dict[tuple[str, str], Scenario], answer: dict[str, Any]
) -> AnswerEvaluation:
    scenario = library[(answer["scenario_id"], answer["language"])]
    question = next(q for q in scenario.questions if q.id == answer["question_id"])
    text = answer["text"]
    return evaluator.evaluate(question, text, typed_words(text), answer["language"], spoken=False)


@pytest.mark.parametrize(("strong", "off_topic"), [("en-04", "en-20"), ("fr-06", "fr-20")])
def test_a_strong_answer_scores_well_and_an_off_topic_one_is_caught(
    evaluator: Evaluator,
    library: dict[tuple[str, str], Scenario],
    labelled: dict[str, Any],
    strong: str,
    off_topic: str,
) -> None:
    good = _judge(evaluator, library, labelled[strong])
    bad = _judge(evaluator, library, labelled[off_topic])
    assert good.relevance.on_topic and not good.shortfalls.off_topic
    assert good.scores.overall >= 75
    assert good.structure.missing == ()  # situation, task, action and result all told
    assert len(good.relevance.covered) >= 3
    assert all(k.evidence for k in good.relevance.key_points if k.covered)
    assert not bad.relevance.on_topic
    assert bad.scores.overall <= 25
    assert bad.suggestion.startswith(("Answer the question", "Répondez à la question"))


def test_an_answer_that_borrows_the_questions_words_then_talks_of_something_else_is_off_topic(
    evaluator: Evaluator, library: dict[tuple[str, str], Scenario], labelled: dict[str, Any]
) -> None:
    # Asked about a gym's managers losing their Sunday evenings to the rota, a salesperson talks of their
    # own Sundays of marathon training: one sentence echoes the question, the rest is elsewhere.
    borrowed = _judge(evaluator, library, labelled["fr-21"])
    assert not borrowed.relevance.on_topic and borrowed.shortfalls.off_topic
    # A weak pitch that covers no key point but is about the prospect's question stays on topic.
    weak = _judge(evaluator, library, labelled["en-19"])
    assert weak.relevance.on_topic and not weak.shortfalls.off_topic


@pytest.mark.parametrize("answer_id", ["en-07", "fr-10"])
def test_a_story_without_its_result_is_flagged_for_a_follow_up(
    evaluator: Evaluator, library: dict[tuple[str, str], Scenario], labelled: dict[str, Any], answer_id: str
) -> None:
    judged = _judge(evaluator, library, labelled[answer_id])
    assert judged.relevance.on_topic
    assert judged.structure.missing == ("result",) or "result" in judged.structure.missing
    assert judged.shortfalls.no_result
    assert judged.shortfalls.follow_up_order()[0] == "no_result"


def test_fillers_lower_fluency_in_a_typed_answer(
    evaluator: Evaluator, library: dict[tuple[str, str], Scenario], labelled: dict[str, Any]
) -> None:
    judged = _judge(evaluator, library, labelled["en-25"])
    assert judged.delivery.fillers >= 10
    assert judged.scores.fluency < 50
    assert any(m.kind == "filler" for m in judged.delivery.moments)


def test_timing_is_full_inside_the_target_and_falls_off_outside() -> None:
    assert timing_score(120, 90, 180) == 100
    assert timing_score(45, 90, 180) == 50
    assert timing_score(270, 90, 180) == 50
    assert timing_score(400, 90, 180) == 0


def test_spoken_fluency_counts_pace_and_long_pauses() -> None:
    steady = [TranscribedWord(f"word{i}", i * 0.4, i * 0.4 + 0.3, 0.9) for i in range(150)]  # 150 wpm
    halting = [*steady[:75], *(TranscribedWord(w.text, w.start + 4.0, w.end + 4.0, 0.9) for w in steady[75:])]
    smooth = measure_delivery(steady, "en", spoken=True)
    paused = measure_delivery(halting, "en", spoken=True)
    assert smooth.words_per_minute == pytest.approx(150, abs=3)
    assert fluency_score(smooth) == 100
    assert paused.long_pauses == 1
    assert fluency_score(paused) < fluency_score(smooth)
    assert [m.kind for m in paused.moments] == ["long_pause"]
