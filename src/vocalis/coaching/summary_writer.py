"""A personal summary of a talk, written by a chat model from the measured numbers only.

The model sees the metrics and the built-in feedback, never the audio or the transcript's words, and
writes four sentences at most in the talk's language. A reply that quotes a number it was not given,
echoes its input or is no prose is discarded, and any failure (down, slow, refused) is reported as
such: the built-in feedback always stands.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from vocalis.engines.protocols import ChatMessage, ChatModel
from vocalis.errors import VocalisError

log = logging.getLogger(__name__)
TIMEOUT_S = 20.0
MAX_TOKENS = 200
MAX_SENTENCES = 4
_SENTENCE = re.compile(r"[^.!?]+[.!?]")
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
LANGUAGE_NAMES = {"en": "English", "fr": "French"}


def write_summary(model: ChatModel, report: dict[str, Any]) -> dict[str, Any]:
    """``{"status": written | discarded | unavailable, "text", "model", "reason"}``: the text only when
    the reply is usable prose that quotes no number it was not given."""
    language = report.get("language", "en")
    given = facts(report)
    messages = [
        ChatMessage(
            "system",
            "You are a warm, precise public-speaking coach. Using only the measurements the user gives, "
            f"write three or four short sentences of advice in {LANGUAGE_NAMES.get(language, 'English')}, "
            "addressed to the speaker as 'you': one strength, the most important thing to change, and "
            "one concrete exercise. Plain prose, no lists, no JSON, no numbers that were not given.",
        ),
        ChatMessage("user", given),
    ]
    try:
        reply = model.complete(messages, max_tokens=MAX_TOKENS, temperature=0.3, timeout_s=TIMEOUT_S)
    except VocalisError as exc:
        log.info("chat model summary skipped: %s", exc)
        return {"status": "unavailable", "text": None, "model": None, "reason": exc.message}
    text = " ".join(_SENTENCE.findall(reply.text.strip())[:MAX_SENTENCES]).strip() or reply.text.strip()
    reason = unusable_prose(text, given)
    if reason is not None:
        log.info("chat model summary discarded (%s): %r", reason, text[:120])
        return {"status": "discarded", "text": None, "model": reply.model, "reason": reason}
    return {"status": "written", "text": text, "model": reply.model, "reason": None}


def unusable_prose(text: str, given: str) -> str | None:
    """Why a reply cannot be shown as written advice, if it cannot: too short, not prose, or quoting a
    number it was not given."""
    if len(text.split()) < 5:
        return "too short"
    if text[:1] in "{[<`" or '":' in text:
        return "not prose (code or an echo of the input)"
    known = {_number(n) for n in _NUMBER.findall(given)}
    invented = [n for n in _NUMBER.findall(text) if _number(n) not in known and not 0 <= _number(n) <= 10]
    if invented:
        return f"it quoted numbers that were not measured: {', '.join(invented[:3])}"
    return None


def _number(text: str) -> float:
    return round(float(text.replace(",", ".")), 1)


def facts(report: dict[str, Any]) -> str:
    """The measurements as short sentences (models copy JSON back; they answer sentences)."""
    summary = report.get("summary") or {}
    lines = [f"My talk scored {report.get('score')} out of 100."]
    if summary.get("words_per_minute") is not None:
        band = report.get("target_wpm") or [130, 160]
        lines.append(
            f"I spoke at {summary['words_per_minute']:.0f} words per minute; "
            f"the target is {band[0]} to {band[1]}."
        )
    if summary.get("fillers_per_minute") is not None:
        lines.append(f"I said {summary['fillers_per_minute']:.1f} filler words per minute.")
    if summary.get("pitch_variation_semitones") is not None:
        lines.append(f"My pitch varied by {summary['pitch_variation_semitones']:.1f} semitones.")
    lines += [f"To work on: {item['message']}" for item in report.get("priorities", [])]
    lines += [f"Strength: {item['message']}" for item in report.get("strengths", [])[:2]]
    return "\n".join(lines)
