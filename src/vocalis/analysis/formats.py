"""Transcripts in the shapes OpenAI's transcription API returns: text, json, verbose_json, srt, vtt."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

from vocalis.engines.protocols import Transcript
from vocalis.errors import UnsupportedFormat


class TranscriptFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    VERBOSE_JSON = "verbose_json"
    SRT = "srt"
    VTT = "vtt"


def parse_transcript_format(name: str) -> TranscriptFormat:
    try:
        return TranscriptFormat(name)
    except ValueError:
        known = [f.value for f in TranscriptFormat]
        raise UnsupportedFormat(
            f"unknown transcript format {name!r}; use one of {', '.join(known)}", format=name, known=known
        ) from None


def verbose_json(transcript: Transcript, *, task: str = "transcribe") -> dict[str, Any]:
    """OpenAI's verbose shape; a translation (``task="translate"``) is in English, whatever was spoken."""
    return {
        "task": task,
        "language": "en" if task == "translate" else transcript.language,
        "duration": round(transcript.duration, 3),
        "text": transcript.text,
        "segments": [
            {
                "id": i,
                "start": round(s.start, 3),
                "end": round(s.end, 3),
                "text": s.text,
                "words": [_word(w) for w in s.words],
            }
            for i, s in enumerate(transcript.segments)
        ],
        "words": [_word(w) for w in transcript.words],
    }


def _word(word: Any) -> dict[str, Any]:
    return {
        "word": word.text,
        "start": round(word.start, 3),
        "end": round(word.end, 3),
        "probability": round(word.probability, 4),
    }


def _clock(seconds: float, separator: str) -> str:
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def srt(transcript: Transcript) -> str:
    cues = [
        f"{i}\n{_clock(s.start, ',')} --> {_clock(s.end, ',')}\n{s.text}\n"
        for i, s in enumerate((s for s in transcript.segments if s.text), start=1)
    ]
    return "\n".join(cues)


def vtt(transcript: Transcript) -> str:
    cues = [
        f"{_clock(s.start, '.')} --> {_clock(s.end, '.')}\n{s.text}\n" for s in transcript.segments if s.text
    ]
    return "\n".join(["WEBVTT\n", *cues])


def render(transcript: Transcript, fmt: TranscriptFormat) -> str:
    """The transcript as the text of a file in ``fmt`` (JSON ends with a newline like the others)."""
    if fmt is TranscriptFormat.TEXT:
        return transcript.text + "\n"
    if fmt is TranscriptFormat.JSON:
        return json.dumps({"text": transcript.text}, ensure_ascii=False) + "\n"
    if fmt is TranscriptFormat.VERBOSE_JSON:
        return json.dumps(verbose_json(transcript), ensure_ascii=False, indent=1) + "\n"
    if fmt is TranscriptFormat.SRT:
        return srt(transcript)
    return vtt(transcript)
