"""Transcripts in the shape of ElevenLabs' speech to text (``POST /v1/speech-to-text``).

Words alternate with the spacing between them, each with start and end seconds, as ElevenLabs
lists them; ``character`` granularity also splits each word into characters, spread evenly over the
word's time (Whisper times words, not letters).
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Any

from vocalis.engines.protocols import TranscribedWord, Transcript

# ElevenLabs clients may send ISO 639-3 codes; the recognisers know ISO 639-1.
_THREE_LETTER = {
    "eng": "en", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "spa": "es", "ita": "it",
    "por": "pt", "nld": "nl", "dut": "nl", "jpn": "ja", "zho": "zh", "chi": "zh", "rus": "ru",
    "pol": "pl", "tur": "tr", "kor": "ko", "ara": "ar", "hin": "hi", "swe": "sv", "ukr": "uk",
}  # fmt: skip


class Granularity(StrEnum):
    NONE = "none"
    WORD = "word"
    CHARACTER = "character"


def recogniser_language(code: str | None) -> str:
    """The language to ask the recogniser for: ``auto`` when none is given."""
    if not code:
        return "auto"
    lowered = code.strip().lower()
    return _THREE_LETTER.get(lowered, lowered)


def elevenlabs_transcript(transcript: Transcript, granularity: Granularity) -> dict[str, Any]:
    words: list[dict[str, Any]] = []
    if granularity is not Granularity.NONE:
        previous: TranscribedWord | None = None
        for word in transcript.words:
            if previous is not None:
                words.append(_entry(" ", previous.end, word.start, "spacing", None, granularity))
            words.append(_entry(word.text, word.start, word.end, "word", word.probability, granularity))
            previous = word
    return {
        "language_code": transcript.language,
        "language_probability": round(transcript.language_probability, 4),
        "text": transcript.text,
        "words": words,
        "audio_duration_secs": round(transcript.duration, 3),
    }


def _entry(
    text: str, start: float, end: float, kind: str, probability: float | None, granularity: Granularity
) -> dict[str, Any]:
    end = max(start, end)
    entry: dict[str, Any] = {
        "text": text,
        "start": round(start, 3),
        "end": round(end, 3),
        "type": kind,
        "logprob": round(math.log(max(probability, 1e-6)), 4) if probability is not None else 0.0,
    }
    if granularity is Granularity.CHARACTER:
        step = (end - start) / max(1, len(text))
        entry["characters"] = [
            {"text": ch, "start": round(start + i * step, 3), "end": round(start + (i + 1) * step, 3)}
            for i, ch in enumerate(text)
        ]
    return entry
