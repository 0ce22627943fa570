"""An optional chat model (here llama.cpp's server with Gemma 3 270M) words the follow-ups and writes
the report's feedback prose; a reply that is unusable, a slow or down server, and the built-in wording
stands."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from tests.chat_server import API_KEY, free_port
from tests.interview.test_interviewer import NO_RESULT
from vocalis.engines.openai_chat import OpenAIChatModel
from vocalis.engines.protocols import ChatReply
from vocalis.graph import Vocalis, build_graph
from vocalis.interview.chat_writer import write_feedback, write_follow_up
from vocalis.interview.service import InterviewService

FALLBACK = "What was the outcome? How many of them actually changed how they worked?"


def service_with(services: Vocalis, tmp_path: Path, chat: object | None) -> InterviewService:
    engines = dataclasses.replace(services.engines, chat_models={"chat": chat} if chat else {})
    graph = build_graph(services.settings.model_copy(update={"data_dir": tmp_path / "data"}), engines=engines)
    return graph.interviews


def run(service: InterviewService) -> tuple[dict, dict]:  # type: ignore[type-arg]
    interview = service.create(None, "leading-a-team", "en", None, "text")
    progress = interview.progress
    service.repository.advance(
        interview.id,
        None,
        turns=[],
        progress=dataclasses.replace(progress, question_index=2),
        status=interview.status,
    )
    reply = service.answer(interview.id, None, NO_RESULT)
    (line,) = reply.lines
    finished = service.finish(interview.id, None)
    assert finished.report is not None
    return {"kind": line.kind, "text": line.text, "by": line.written_by}, service.complete_report(
        interview.id, None
    )


def test_a_chat_model_words_the_follow_up_and_writes_feedback(
    services: Vocalis, tmp_path: Path, llama_server: str
) -> None:
    chat = OpenAIChatModel(base_url=llama_server, model="gemma-3-270m", api_key=API_KEY, timeout_s=60)
    line, report = run(service_with(services, tmp_path, chat))
    print("follow-up:", line, "feedback:", report["ai_feedback"])
    assert line["kind"] == "follow_up"
    # The plumbing is what is tested: the model answers, and its wording is used only when it is one short
    # question in English; otherwise the rubric's own follow-up is said.
    if line["by"] == "chat":
        assert line["text"].endswith("?") and 3 <= len(line["text"].split()) <= 30
    else:
        assert line["text"] == FALLBACK
    feedback = report["ai_feedback"]
    assert feedback["status"] in ("written", "discarded") and feedback["model"]
    if feedback["status"] == "written":  # prose for the candidate, not an echo of the scores it was given
        assert "out of 100" not in feedback["text"] and len(feedback["text"].split()) >= 5


def test_when_the_server_is_down_the_rubric_wording_stands_at_once(services: Vocalis, tmp_path: Path) -> None:
    down = OpenAIChatModel(
        base_url=f"http://127.0.0.1:{free_port()}/v1", model="m", api_key=None, timeout_s=2
    )
    started = time.monotonic()
    line, report = run(service_with(services, tmp_path, down))
    assert line == {"kind": "follow_up", "text": FALLBACK, "by": "rubric"}
    assert report["ai_feedback"]["status"] == "unavailable" and report["answered"] == 1
    assert time.monotonic() - started < 30


class _Says:
    name = "fake"

    def __init__(self, text: str) -> None:
        self.text = text

    def complete(self, messages: object, **options: object) -> ChatReply:
        return ChatReply(self.text, "fake", "stop")


def test_feedback_that_echoes_its_input_or_is_not_in_the_language_is_discarded() -> None:
    report = {"language": "en", "title": "T", "overall": 60, "dimensions": {"relevance": 70},
              "strengths": ["You gave concrete details."], "improvements": [], "answers": []}  # fmt: skip
    echo = "My interview (T) scored 60 out of 100 overall.\nRelevance: 70 out of 100. kuensi に通り"
    assert write_feedback(_Says(echo), report)["status"] == "discarded"  # type: ignore[arg-type]
    french = (
        "Vous avez donné des détails concrets, et vous pouvez encore travailler la structure de vos réponses."
    )
    assert write_feedback(_Says(french), report)["status"] == "discarded"  # type: ignore[arg-type]
    good = "You gave concrete details, which made your answers easy to believe. Next, end each story well."
    assert write_feedback(_Says(good), report)["status"] == "written"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("said", "used"),
    [
        ("What did that change for the sales team, in the end?", True),
        ("Sure! Here is a follow-up: What was the outcome of that change?", True),
        ("Quel a été le résultat pour votre équipe ?", False),  # not the interview's language
        ('{"question": "What happened?"}', False),
        ("Tell me more.", False),  # not a question
    ],
)
def test_only_one_short_question_in_the_interviews_language_is_used(said: str, used: bool) -> None:
    text, by = write_follow_up(
        _Says(said),
        language="en",
        question="Q?",
        answer="A.",
        reason="no_result",
        fallback="Fallback?",  # type: ignore[arg-type]
    )
    assert (by == "chat") is used and (text != "Fallback?") is used
