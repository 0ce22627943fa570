"""The built-in interviewer follows up on what an answer leaves out, moves on, keeps time and wraps up."""

from __future__ import annotations

import pytest

from vocalis.engines.e5 import E5SentenceEncoder
from vocalis.interview.delivery import typed_words
from vocalis.interview.evaluation import AnswerEvaluation, Evaluator, evaluator_for
from vocalis.interview.interviewer import Progress, RubricInterviewer
from vocalis.interview.scenarios import Scenario, load_library

NO_RESULT = (
    "When I was a product manager at a health-tech startup, I had to get the sales team, who didn't "
    "report to me, to change how they worked: they kept promising custom features to close deals. They "
    "resisted because their bonus depended on closing fast, so I first listened to understand what "
    "mattered to them. I got the head of sales on my side as a sponsor, and I made the change easy to "
    "adopt with a two-week pilot: a simple request form and a weekly thirty-minute triage with two senior "
    "account executives."
)
WITH_RESULT = (
    "In the end all eleven account executives used the form within two months, and custom requests reaching "
    "engineering dropped by seventy percent."
)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_library()[("leading-a-team", "en")]


@pytest.fixture(scope="module")
def evaluator() -> Evaluator:
    return evaluator_for(E5SentenceEncoder(), load_library().values())


def _evaluate(
    evaluator: Evaluator, interviewer: RubricInterviewer, progress: Progress, text: str
) -> AnswerEvaluation:
    question = interviewer.question(progress)
    return evaluator.evaluate(question, text, typed_words(text), "en", spoken=False)


def test_it_opens_with_the_scenario_and_its_first_question(scenario: Scenario) -> None:
    start = RubricInterviewer(scenario, "seed").start()
    assert [line.kind for line in start.lines] == ["opening", "question"]
    assert start.lines[1].text == scenario.questions[0].text
    assert start.progress.question_index == 0


def test_a_story_without_its_result_gets_the_scenarios_follow_up_then_the_next_question(
    scenario: Scenario, evaluator: Evaluator
) -> None:
    interviewer = RubricInterviewer(scenario, "seed")
    index = next(i for i, q in enumerate(scenario.questions) if q.id == "influence-without-authority")
    progress = Progress(question_index=index, turn=3)
    first = interviewer.after_answer(
        progress, _evaluate(evaluator, interviewer, progress, NO_RESULT), elapsed_s=60
    )
    (line,) = first.lines
    assert line.kind == "follow_up" and line.reason == "no_result"
    assert line.text == next(f.text for f in scenario.questions[index].follow_ups if f.when == "no_result")
    complete = f"{NO_RESULT} {WITH_RESULT}"  # the follow-up's answer completes the first
    second = interviewer.after_answer(
        first.progress, _evaluate(evaluator, interviewer, first.progress, complete), elapsed_s=120
    )
    (line,) = second.lines
    assert line.kind == "question" and line.question_id == scenario.questions[index + 1].id
    assert line.text.endswith(scenario.questions[index + 1].text)
    assert second.progress.question_index == index + 1 and second.progress.follow_ups == ()


def test_one_follow_up_per_question_at_most(scenario: Scenario, evaluator: Evaluator) -> None:
    interviewer = RubricInterviewer(scenario, "seed")
    progress = Progress(question_index=2, follow_ups=("no_result",), turn=5)
    decision = interviewer.after_answer(
        progress, _evaluate(evaluator, interviewer, progress, NO_RESULT), elapsed_s=60
    )
    assert decision.lines[0].kind == "question"


def test_an_off_topic_answer_gets_the_question_again(scenario: Scenario, evaluator: Evaluator) -> None:
    interviewer = RubricInterviewer(scenario, "seed")
    progress = Progress(question_index=1, turn=3)
    holiday = (
        "I spent last summer hiking in the Alps with my sister. We walked the Tour du Mont Blanc in eleven "
        "days, and the views over the glaciers were amazing. I'd recommend it to anyone who loves the "
        "mountains."
    )
    decision = interviewer.after_answer(
        progress, _evaluate(evaluator, interviewer, progress, holiday), elapsed_s=60
    )
    (line,) = decision.lines
    assert line.kind == "rephrase" and line.reason == "off_topic"
    assert scenario.questions[1].text in line.text


def test_the_last_answer_or_time_up_ends_with_the_closing_line(
    scenario: Scenario, evaluator: Evaluator
) -> None:
    interviewer = RubricInterviewer(scenario, "seed")
    last = Progress(question_index=len(scenario.questions) - 1, follow_ups=("vague",), turn=9)
    done = interviewer.skip(last, elapsed_s=300)
    assert done.progress.finished and done.lines[-1].text.endswith(scenario.closing)
    early = interviewer.skip(Progress(question_index=1, turn=3), elapsed_s=scenario.target_minutes * 60 + 1)
    assert early.progress.finished
    assert "time" in early.lines[0].text.lower() and early.lines[0].text.endswith(scenario.closing)


def test_wording_varies_between_interviews_but_not_within_one(scenario: Scenario) -> None:
    lines = {
        RubricInterviewer(scenario, f"seed-{i}").skip(Progress(turn=3), elapsed_s=0).lines[0].text
        for i in range(12)
    }
    assert len(lines) >= 3
    again = RubricInterviewer(scenario, "seed-1").skip(Progress(turn=3), elapsed_s=0).lines[0].text
    assert again == RubricInterviewer(scenario, "seed-1").skip(Progress(turn=3), elapsed_s=0).lines[0].text


def test_french_lines_are_in_french() -> None:
    scenario = load_library()[("leading-a-team", "fr")]
    interviewer = RubricInterviewer(scenario, "graine")
    assert interviewer.prompt(Progress(), "still_there").text in (
        "Vous êtes toujours là ?",
        "Allô, vous m'entendez ?",
        "Vous êtes toujours avec moi ?",
    )
