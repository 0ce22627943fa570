"""Transcript output shapes (OpenAI's): text, json, verbose_json, srt, vtt."""

from __future__ import annotations

import json

import pytest

from vocalis.analysis.formats import TranscriptFormat, parse_transcript_format, render
from vocalis.engines.protocols import TranscribedSegment, TranscribedWord, Transcript
from vocalis.errors import UnsupportedFormat

TRANSCRIPT = Transcript(
    text="Hello there. Bonjour à tous.",
    language="en",
    duration=3725.5,
    segments=(
        TranscribedSegment(
            "Hello there.",
            0.0,
            1.25,
            (TranscribedWord("Hello", 0.0, 0.5, 0.99), TranscribedWord("there.", 0.6, 1.25, 0.9)),
        ),
        TranscribedSegment("Bonjour à tous.", 3661.001, 3662.5, ()),
    ),
)


def test_text_and_json() -> None:
    assert render(TRANSCRIPT, TranscriptFormat.TEXT) == "Hello there. Bonjour à tous.\n"
    assert json.loads(render(TRANSCRIPT, TranscriptFormat.JSON)) == {"text": "Hello there. Bonjour à tous."}


def test_verbose_json() -> None:
    data = json.loads(render(TRANSCRIPT, TranscriptFormat.VERBOSE_JSON))
    assert data["task"] == "transcribe" and data["language"] == "en" and data["duration"] == 3725.5
    assert [s["id"] for s in data["segments"]] == [0, 1]
    assert data["segments"][1] == {
        "id": 1,
        "start": 3661.001,
        "end": 3662.5,
        "text": "Bonjour à tous.",
        "words": [],
    }
    assert data["words"][1] == {"word": "there.", "start": 0.6, "end": 1.25, "probability": 0.9}


def test_srt_and_vtt_clocks() -> None:
    assert render(TRANSCRIPT, TranscriptFormat.SRT) == (
        "1\n00:00:00,000 --> 00:00:01,250\nHello there.\n\n"
        "2\n01:01:01,001 --> 01:01:02,500\nBonjour à tous.\n"
    )
    assert render(TRANSCRIPT, TranscriptFormat.VTT) == (
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.250\nHello there.\n\n"
        "01:01:01.001 --> 01:01:02.500\nBonjour à tous.\n"
    )


def test_unknown_format() -> None:
    assert parse_transcript_format("srt") is TranscriptFormat.SRT
    with pytest.raises(UnsupportedFormat):
        parse_transcript_format("docx")
