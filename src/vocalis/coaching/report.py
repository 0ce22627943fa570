"""The report of a coaching session: the score, the few things to work on first, every feedback item
in the brief's shape, content observations, timelines and the comparison with earlier sessions."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from vocalis.analysis.model import Feedback, SpeechAnalysis
from vocalis.coaching.content import ContentObservations, observe_content
from vocalis.coaching.cues import AREA_CATEGORIES
from vocalis.coaching.phrases import say
from vocalis.coaching.sessions import Focus

PRIORITIES = 3  # a speaker can work on a few things at once, not ten
# The focus area of each of the analysis's feedback categories ("speech": the no-speech notice).
AREAS: dict[str, Focus] = {
    "pace": Focus.PACE,
    "pauses": Focus.PAUSES,
    "fillers": Focus.FILLERS,
    "volume": Focus.VOLUME,
    "pitch": Focus.PITCH,
    "clarity": Focus.CLARITY,
    "speech": Focus.CLARITY,
}
SEVERITY = {"info": "info", "low": "info", "medium": "warning", "high": "critical"}
RANK = {"critical": 0, "warning": 1, "info": 2}


def feedback_items(analysis: SpeechAnalysis, content: ContentObservations) -> list[dict[str, Any]]:
    """Every feedback item in the brief's shape ``{type, category, severity, message, score,
    suggestions}`` (with its ``area``), most severe first; the talk's own scores, 0-1."""
    items = [_item(f) for f in analysis.feedback]
    if analysis.speech_detected:
        items.extend(_content_items(content, analysis.language))
    return sorted(items, key=lambda i: (RANK[i["severity"]], i["score"] if i["score"] is not None else 1.0))


def select_feedback(items: list[dict[str, Any]], focus: tuple[Focus, ...]) -> dict[str, Any]:
    """The feedback for the chosen focus areas: all of it, the few to work on first, the strengths."""
    chosen = [i for i in items if _area(i["area"]) in focus or i["type"] == "notice"]
    return {
        "feedback": chosen,
        "priorities": [i for i in chosen if i["type"] == "improvement"][:PRIORITIES],
        "strengths": [i for i in chosen if i["type"] == "strength"],
    }


def _area(name: str) -> Focus:
    return Focus.CONTENT if name == "content" else AREAS.get(name, Focus.CLARITY)


def build_report(
    analysis: SpeechAnalysis,
    *,
    session_id: str,
    focus: tuple[Focus, ...],
    previous: list[dict[str, Any]],
    summary: dict[str, Any],
) -> dict[str, Any]:
    content = observe_content(analysis.transcript.words, analysis.language)
    items = feedback_items(analysis, content)
    return {
        "session_id": session_id,
        "language": analysis.language,
        "duration_seconds": round(analysis.duration, 2),
        "speech_detected": analysis.speech_detected,
        "score": analysis.scores.overall if analysis.scores else None,
        "dimensions": [asdict(d) for d in analysis.scores.dimensions] if analysis.scores else [],
        **select_feedback(items, focus),
        "all_feedback": items,
        "content": {
            "hedges": [asdict(h) for h in content.hedges],
            "repetitions": [
                {
                    "text": r.text,
                    "kind": r.kind,
                    "count": r.count,
                    "occurrences": [asdict(o) for o in r.occurrences],
                }
                for r in content.repetitions
            ],
            "long_sentences": [asdict(s) for s in content.long_sentences],
        },
        "summary": summary,
        "comparison": compare(summary, previous),
        "analysis": analysis.to_dict(),
        "milestones": [],
        "ai_summary": None,
    }


COMPARED = (
    "words_per_minute",
    "fillers_per_minute",
    "pause_ratio",
    "pitch_variation_semitones",
    "overall_score",
)


def compare(summary: dict[str, Any], previous: list[dict[str, Any]]) -> dict[str, Any]:
    """This session against the average of the user's earlier ones (same type and language)."""
    out: dict[str, Any] = {"sessions": len(previous)}
    for key in COMPARED:
        values = [p[key] for p in previous if p.get(key) is not None]
        mean = sum(values) / len(values) if values else None
        now = summary.get(key)
        out[key] = {
            "this": now,
            "previous_average": None if mean is None else round(mean, 2),
            "change": None if mean is None or now is None else round(now - mean, 2),
        }
    return out


def _item(feedback: Feedback) -> dict[str, Any]:
    category = AREA_CATEGORIES[_area(feedback.category).value]
    return {
        "type": "strength"
        if feedback.type == "strength"
        else "improvement"
        if feedback.type != "notice"
        else "notice",
        "area": feedback.category,
        "category": category,
        "severity": SEVERITY[feedback.severity],
        "message": feedback.message,
        "score": None if feedback.score is None else round(feedback.score / 100, 2),
        "suggestions": list(feedback.suggestions),
    }


def _content_items(content: ContentObservations, language: str) -> list[dict[str, Any]]:
    items = []
    if len(content.hedges) >= 3:
        common = max({h.text for h in content.hedges}, key=lambda t: sum(h.text == t for h in content.hedges))
        items.append(
            _content("hedging", say("report_hedging", language, count=len(content.hedges), phrase=common),
                     "report_hedging_tip", language, len(content.hedges))
        )  # fmt: skip
    phrases = [r for r in content.repetitions if r.kind == "phrase"]
    if phrases:
        top = max(phrases, key=lambda r: r.count)
        items.append(
            _content("repetition", say("report_repetition", language, phrase=top.text, count=top.count),
                     "report_repetition_tip", language, top.count)
        )  # fmt: skip
    if content.long_sentences:
        longest = max(content.long_sentences, key=lambda s: s.word_count)
        count = len(content.long_sentences)
        message = say("report_long_sentence", language, count=count, words=longest.word_count)
        items.append(_content("long_sentence", message, "report_long_sentence_tip", language, count))
    return items


def _content(kind: str, message: str, tip: str, language: str, count: int) -> dict[str, Any]:
    severity = "critical" if count >= 6 else "warning"
    return {
        "type": "improvement",
        "area": "content",
        "content_type": kind,
        "category": "content",
        "severity": severity,
        "message": message,
        "score": round(max(0.0, 1.0 - count / 10), 2),
        "suggestions": [say(tip, language)],
    }
