"""The optional chat model's part in an interview: it words the follow-ups and writes the feedback prose.

The rubric decides everything (whether to follow up, on what, the scores); a configured chat model only
rewrites the follow-up the rubric chose so that it refers to what the candidate said, and adds a short
feedback paragraph to the report from the scores and advice alone. Each has a time limit; a reply that
is not one short question in the interview's language (or prose quoting only given numbers) is
discarded, and on any failure the built-in wording stands.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from vocalis.coaching.summary_writer import LANGUAGE_NAMES, unusable_prose
from vocalis.engines.protocols import ChatMessage, ChatModel
from vocalis.errors import VocalisError

log = logging.getLogger(__name__)
FOLLOW_UP_TIMEOUT_S = 4.0  # said after the acknowledgement: a voice interview cannot wait longer
FEEDBACK_TIMEOUT_S = 20.0
MAX_FOLLOW_UP_WORDS = 30
_QUESTION = re.compile(r"[^.!?]*\?")
_FOREIGN_SCRIPT = re.compile(r"[^\u0000-\u024f\u2000-\u206f\u20ac]")  # beyond Latin letters and punctuation
_FRENCH = {
    "vous",
    "votre",
    "vos",
    "est",
    "les",
    "des",
    "une",
    "pour",
    "avec",
    "que",
    "qui",
    "quel",
    "quelle",
    "comment",
}
_ENGLISH = {"you", "your", "the", "what", "how", "did", "was", "with", "for", "that", "which", "and"}
_WANTED = {
    "no_result": "the result or outcome of the story",
    "too_short": "more detail",
    "vague": "a concrete example with specifics",
    "missing_key_point": "a point the answer left out",
    "too_long": "the one most important point, briefly",
    "off_topic": "an answer to the question that was asked",
}


def write_follow_up(
    model: ChatModel, *, language: str, question: str, answer: str, reason: str, fallback: str
) -> tuple[str, str]:
    """The follow-up to say and who wrote it ("chat", or "rubric" when the model's reply is unusable)."""
    messages = [
        ChatMessage(
            "system",
            f"You are a friendly job interviewer. Reply in {LANGUAGE_NAMES.get(language, 'English')} with "
            "exactly one short follow-up question (under 25 words) to the candidate, addressed as 'you'. "
            "No preamble.",
        ),
        ChatMessage(
            "user",
            f"Your question was: {question}\nThe candidate answered: {answer[-1200:]}\n"
            f"Ask for {_WANTED.get(reason, 'more detail')}.",
        ),
    ]
    try:
        reply = model.complete(messages, max_tokens=60, temperature=0.3, timeout_s=FOLLOW_UP_TIMEOUT_S)
    except VocalisError as exc:
        log.info("chat follow-up skipped: %s", exc)
        return fallback, "rubric"
    found = _QUESTION.search(reply.text.replace("\n", " "))
    text = found.group(0).strip(" *\"'«»") if found else ""
    words = text.split()
    if not 3 <= len(words) <= MAX_FOLLOW_UP_WORDS or not _in_language(text, language) or '":' in text:
        log.info("chat follow-up discarded: %r", reply.text[:120])
        return fallback, "rubric"
    return text, "chat"


def write_feedback(model: ChatModel, report: dict[str, Any]) -> dict[str, Any]:
    """``{"status": written | discarded | unavailable, "text", "model", "reason"}`` for the report."""
    language = report.get("language", "en")
    given = _facts(report)
    messages = [
        ChatMessage(
            "system",
            "You are a supportive interview coach. Using only what the user gives, write three or four "
            f"short sentences of feedback in {LANGUAGE_NAMES.get(language, 'English')}, addressed to the "
            "candidate as 'you': one strength, the most important thing to improve, and one concrete way "
            "to practise. Plain prose, no lists, no numbers that were not given.",
        ),
        ChatMessage("user", given),
    ]
    try:
        reply = model.complete(messages, max_tokens=200, temperature=0.3, timeout_s=FEEDBACK_TIMEOUT_S)
    except VocalisError as exc:
        return {"status": "unavailable", "text": None, "model": None, "reason": exc.message}
    text = reply.text.strip()
    reason = unusable_prose(text, given) or _not_feedback(text, given, language)
    if reason is not None:
        return {"status": "discarded", "text": None, "model": reply.model, "reason": reason}
    return {"status": "written", "text": text, "model": reply.model, "reason": None}


def _not_feedback(text: str, given: str, language: str) -> str | None:
    """Why a reply is no feedback for the candidate: it echoes its input, or is not in their language."""
    if any(len(line) > 20 and line in text for line in given.splitlines()):
        return "an echo of the input"
    if _FOREIGN_SCRIPT.search(text) or not _in_language(text, language):
        return f"not written in {LANGUAGE_NAMES.get(language, language)}"
    return None


def _in_language(text: str, language: str) -> bool:
    words = {w.strip("?,.!'’").lower() for w in text.split()}
    french, english = len(words & _FRENCH), len(words & _ENGLISH)
    return french > english if language == "fr" else english >= french


def _facts(report: dict[str, Any]) -> str:
    lines = [f"My interview ({report.get('title')}) scored {report.get('overall')} out of 100 overall."]
    for name, value in (report.get("dimensions") or {}).items():
        if value is not None:
            lines.append(f"{name.capitalize()}: {value} out of 100.")
    lines += [f"Strength: {text}" for text in report.get("strengths", [])]
    lines += [f"To improve: {text}" for text in report.get("improvements", [])]
    lines += [
        f"Advice on one answer: {a['suggestion']}" for a in report.get("answers", []) if a.get("suggestion")
    ][:3]
    return "\n".join(lines)
