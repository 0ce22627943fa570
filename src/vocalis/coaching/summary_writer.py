"""A personal summary of a talk, written by a chat model from the measured numbers only.

The model sees the metrics and the built-in feedback, never the audio or the transcript's words, and
writes four sentences at most in the talk's language. Any failure (no model configured, down, slow,
an empty or cut answer) leaves the report without one: the built-in feedback stands.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from vocalis.engines.protocols import ChatMessage, ChatModel
from vocalis.errors import VocalisError

log = logging.getLogger(__name__)
TIMEOUT_S = 20.0
MAX_TOKENS = 200
LANGUAGE_NAMES = {"en": "English", "fr": "French"}


def write_summary(model: ChatModel, report: dict[str, Any]) -> dict[str, Any] | None:
    """``{"text", "model"}``, or None when the model could not give a usable one."""
    language = report.get("language", "en")
    facts = {
        "score_out_of_100": report.get("score"),
        "measures": report.get("summary"),
        "to_work_on": [i["message"] for i in report.get("priorities", [])],
        "strengths": [i["message"] for i in report.get("strengths", [])][:3],
    }
    messages = [
        ChatMessage(
            "system",
            "You are a warm, precise public-speaking coach. Using only the measurements given, write "
            f"at most four short sentences in {LANGUAGE_NAMES.get(language, 'English')}: one strength, "
            "the most important thing to change and one concrete exercise. Invent no numbers.",
        ),
        ChatMessage("user", json.dumps(facts, ensure_ascii=False)),
    ]
    try:
        reply = model.complete(messages, max_tokens=MAX_TOKENS, temperature=0.3, timeout_s=TIMEOUT_S)
    except VocalisError as exc:
        log.info("chat model summary skipped: %s", exc)
        return None
    text = reply.text.strip()
    if not text:
        return None
    return {"text": text, "model": reply.model, "complete": reply.finish_reason == "stop"}
