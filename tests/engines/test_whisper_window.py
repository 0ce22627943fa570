"""Short Whisper windows: short speech is read in a window of its own length, with the same words."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import faster_whisper.transcribe
import numpy as np
import pytest

from tests.conftest import word_error_rate
from vocalis.audio.chunk import AudioChunk
from vocalis.engines.whisper import FILLER_PROMPT, WhisperEngine, run_transcription
from vocalis.engines.whisper_window import (
    FULL_WINDOW_FRAMES,
    ShortWindows,
    repeats_itself,
    short_windows,
    until_tail,
)
from vocalis.graph import Vocalis
from vocalis.speech.service import SpeechRequest

SENTENCE = "We had underestimated the payment integration, and I had not flagged the risk early enough."


@pytest.mark.parametrize(
    ("frames", "policy", "window"),
    [
        (40, ShortWindows(), 1000),  # under 10 s of speech: a 10 s window
        (520, ShortWindows(), 1000),
        (950, ShortWindows(), 1100),  # 9.5 s: its length plus 1 s, in whole seconds
        (1500, ShortWindows(), 1600),
        (2950, ShortWindows(), FULL_WINDOW_FRAMES),  # never past Whisper's 30 s
        (3000, ShortWindows(), FULL_WINDOW_FRAMES),
        (400, ShortWindows(from_s=5.0), FULL_WINDOW_FRAMES),  # under the engine's shortest stretch
        (600, ShortWindows(from_s=5.0), 1000),
        (250, ShortWindows(from_s=3.0, below_s=15.0), 1500),  # its own window for short stretches
        (320, ShortWindows(from_s=3.0, below_s=15.0), 1000),
    ],
)
def test_the_window_is_the_speech_plus_a_second_at_least_ten_seconds(
    frames: int, policy: ShortWindows, window: int
) -> None:
    assert policy.frames(frames) == window


def test_faster_whisper_pads_to_the_short_window_only_inside_the_context() -> None:
    features = np.zeros((80, 420), np.float32)
    with short_windows():
        assert faster_whisper.transcribe.pad_or_trim(features).shape == (80, 1000)
    with short_windows(ShortWindows(from_s=5.0)):
        assert faster_whisper.transcribe.pad_or_trim(features).shape == (80, FULL_WINDOW_FRAMES)
    with short_windows():
        assert faster_whisper.transcribe.pad_or_trim(features, 1500).shape == (80, 1500)  # asked: kept
    assert faster_whisper.transcribe.pad_or_trim(features).shape == (80, FULL_WINDOW_FRAMES)


def test_only_the_first_window_follows_the_policy_and_a_short_tail_ends_the_reading() -> None:
    speech = np.ones((80, 420), np.float32)

    def windows() -> Iterator[np.ndarray]:  # as faster-whisper's segment loop pads each window
        yield faster_whisper.transcribe.pad_or_trim(speech)
        yield faster_whisper.transcribe.pad_or_trim(speech[:, :300])  # what was left after the words
        yield faster_whisper.transcribe.pad_or_trim(speech[:, :20])  # padding after the last word
        yield faster_whisper.transcribe.pad_or_trim(speech[:, :300])

    with short_windows(ShortWindows(from_s=5.0)):
        first, rest = list(until_tail(windows()))  # the tail is not read: the reading ends there
    assert first.shape == (80, FULL_WINDOW_FRAMES) and first[:, :420].all()
    assert rest.shape == (80, 1000) and rest[:, :300].all()  # read, in a short window


def test_a_sentence_ends_in_one_short_window(services: Vocalis) -> None:
    """With the filler prompt, Whisper ends a short window without its closing timestamp and
    faster-whisper would read the 0.2 s after the last word again: that tail is not read."""
    speech = services.speech.synthesize(
        services.speech.plan(SpeechRequest(text=SENTENCE, voice="am_michael"))
    )
    padded = AudioChunk(
        np.concatenate([np.zeros(4800, np.float32), speech.samples, np.zeros(4800, np.float32)]),
        speech.sample_rate,
    )
    windows: list[int] = []
    original = faster_whisper.transcribe.WhisperModel.encode

    def encode(self: object, features: np.ndarray) -> object:
        windows.append(int(features.shape[-1]))
        return original(self, features)  # type: ignore[arg-type]

    engine = WhisperEngine(threads=1, short_windows=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(faster_whisper.transcribe.WhisperModel, "encode", encode)
        heard = engine.transcribe(padded, language="en", word_timestamps=True, initial_prompt=FILLER_PROMPT)
    assert word_error_rate(SENTENCE, heard.text) <= 0.1, heard.text
    assert len(windows) == 1 and windows[0] < FULL_WINDOW_FRAMES, windows


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


@pytest.mark.parametrize(
    ("text", "repeats"),
    [
        ("The report is ready. Please read it. The report is ready. Please read it.", True),
        ("we met on monday, We met on Monday!", True),
        ("No. No. No, I said no.", False),  # short runs are how people talk
        ("I think that, I think that we should wait.", False),
        ("The team met, then the team decided, and the team shipped.", False),
        ("", False),
    ],
)
def test_a_run_of_four_words_said_twice_in_a_row_is_a_repetition(text: str, repeats: bool) -> None:
    assert repeats_itself(text) is repeats


class _EchoingModel:
    """faster-whisper's model as tiny.en behaved on an AVX2-only CPU: in a short window it says the
    sentence twice. It asks ``pad_or_trim`` for its window, as faster-whisper does."""

    def __init__(self) -> None:
        self.windows: list[int] = []

    def transcribe(self, samples: np.ndarray, **options: Any) -> tuple[Iterator[Any], Any]:
        window = faster_whisper.transcribe.pad_or_trim(np.zeros((80, 560), np.float32)).shape[-1]
        self.windows.append(window)
        text = SENTENCE if window == FULL_WINDOW_FRAMES else f"{SENTENCE} {SENTENCE}"
        segment = SimpleNamespace(text=text, start=0.0, end=5.6, words=None)
        return iter([segment]), SimpleNamespace(language="en", language_probability=1.0)


def test_a_short_window_that_repeats_itself_is_read_again_in_a_full_one() -> None:
    model = _EchoingModel()
    audio = AudioChunk(np.zeros(89_600, np.float32), 16_000)
    transcript = run_transcription(
        model, audio, language="en", word_timestamps=False, initial_prompt=None, short_windows=ShortWindows()
    )
    assert model.windows == [1000, FULL_WINDOW_FRAMES]
    assert transcript.text == SENTENCE
