"""Short Whisper windows: short speech is read in a window of its own length, with the same words."""

from __future__ import annotations

import difflib

import faster_whisper.transcribe
import numpy as np
import pytest

from tests.conftest import word_error_rate
from vocalis.audio.chunk import AudioChunk
from vocalis.engines.whisper import WhisperEngine
from vocalis.engines.whisper_window import FULL_WINDOW_FRAMES, short_windows, window_frames
from vocalis.graph import Vocalis
from vocalis.speech.service import SpeechRequest

SENTENCE = "We had underestimated the payment integration, and I had not flagged the risk early enough."


@pytest.mark.parametrize(
    ("frames", "min_speech_s", "window"),
    [
        (40, 0.0, 1000),  # under 10 s of speech: a 10 s window
        (520, 0.0, 1000),
        (950, 0.0, 1100),  # 9.5 s: its length plus 1 s, in whole seconds
        (1500, 0.0, 1600),
        (2950, 0.0, FULL_WINDOW_FRAMES),  # never past Whisper's 30 s
        (3000, 0.0, FULL_WINDOW_FRAMES),
        (400, 5.0, FULL_WINDOW_FRAMES),  # under the engine's shortest stretch: the full window
        (600, 5.0, 1000),
    ],
)
def test_the_window_is_the_speech_plus_a_second_at_least_ten_seconds(
    frames: int, min_speech_s: float, window: int
) -> None:
    assert window_frames(frames, min_speech_s) == window


def test_faster_whisper_pads_to_the_short_window_only_inside_the_context() -> None:
    features = np.zeros((80, 420), np.float32)
    with short_windows():
        assert faster_whisper.transcribe.pad_or_trim(features).shape == (80, 1000)
        with short_windows(5.0):
            assert faster_whisper.transcribe.pad_or_trim(features).shape == (80, FULL_WINDOW_FRAMES)
        assert faster_whisper.transcribe.pad_or_trim(features, 1500).shape == (80, 1500)  # asked: kept
    assert faster_whisper.transcribe.pad_or_trim(features).shape == (80, FULL_WINDOW_FRAMES)


def test_a_sentence_is_heard_the_same_in_a_short_window(services: Vocalis) -> None:
    speech = services.speech.synthesize(
        services.speech.plan(SpeechRequest(text=SENTENCE, voice="am_michael"))
    )
    full = WhisperEngine(threads=1, short_windows=False).transcribe(
        speech, language="en", word_timestamps=True
    )
    short = WhisperEngine(threads=1, short_windows=True).transcribe(
        speech, language="en", word_timestamps=True
    )
    assert word_error_rate(SENTENCE, short.text) <= 0.1, short.text
    assert word_error_rate(full.text, short.text) <= 0.1, (full.text, short.text)
    # The words they share keep their times (measured: within 0.02 s; a user sees a highlight 0.15 s
    # off). Matched by text, so a word split differently on another CPU does not shift the rest.
    full_words = [w.text.lower().strip(",.") for w in full.words]
    short_words = [w.text.lower().strip(",.") for w in short.words]
    matcher = difflib.SequenceMatcher(a=full_words, b=short_words, autojunk=False)
    pairs = [
        (i, j)
        for block in matcher.get_matching_blocks()
        for i, j in zip(
            range(block.a, block.a + block.size), range(block.b, block.b + block.size), strict=True
        )
    ]
    assert len(pairs) >= 0.8 * len(full_words)
    for i, j in pairs:
        a, b = full.words[i], short.words[j]
        assert abs(a.start - b.start) <= 0.15 and abs(a.end - b.end) <= 0.15, (a, b)
    assert short.duration == pytest.approx(speech.duration)


def test_silence_in_a_short_window_is_no_words() -> None:
    assert (
        WhisperEngine(threads=1, short_windows=True)
        .transcribe(AudioChunk(np.zeros(48_000, np.float32), 16_000), language="en")
        .text
        == ""
    )
