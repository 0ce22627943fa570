"""The shared recognition pool: clips of different streams read in one Whisper window, each stream
getting back its own words in its own time; failures reach every waiting caller, and the pool goes on."""

from __future__ import annotations

from concurrent.futures import wait

import numpy as np
import pytest

from tests.analysis.talks import Talk
from tests.conftest import word_error_rate
from vocalis.analysis import SpeechAnalyzer
from vocalis.analysis.grouping import PAD_S, SpeechGroup
from vocalis.analysis.recognition_pool import RecognitionPool
from vocalis.analysis.transcription import Clip, transcribe_clips
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.resample import resample
from vocalis.engines.protocols import SpeechSpan, Transcript
from vocalis.engines.whisper import WhisperEngine

PROMPT = "Um, uh, like, you know, so, I mean, basically, actually."


def line_clip(talk: Talk, index: int, lead: float) -> tuple[Clip, str]:
    """Line ``index`` of the talk as its own stream, ``lead`` seconds of silence before it."""
    audio = resample(talk.audio, 16_000)
    line = talk.lines[index]
    piece = audio.samples[round((line.start - 0.3) * 16_000) : round((line.end + 0.3) * 16_000)]
    stream = AudioChunk(np.concatenate([np.zeros(round(lead * 16_000), np.float32), piece]), 16_000)
    start, end = lead + 0.3, lead + 0.3 + line.end - line.start
    return Clip(stream, SpeechGroup(start, end, (SpeechSpan(start, end),))), line.text


def test_clips_of_different_streams_are_read_in_one_pass(analyzer: SpeechAnalyzer, talk: Talk) -> None:
    (first, first_text), (second, second_text) = line_clip(talk, 0, 5.0), line_clip(talk, 3, 1.0)
    both = transcribe_clips(analyzer.stt("en"), [first, second], language="en", prompt=PROMPT)
    for clip, text, heard in ((first, first_text, both[0]), (second, second_text, both[1])):
        assert word_error_rate(text, heard.text) < 0.25, (text, heard.text)
        # Each stream's words in its own time, inside its own clip (the silence before it counted).
        assert heard.words[0].start >= clip.group.start - PAD_S - 0.05
        assert heard.words[-1].end <= clip.group.end + PAD_S + 0.05
    # The same as reading each alone, give or take a word at the seams.
    alone = transcribe_clips(analyzer.stt("en"), [second], language="en", prompt=PROMPT)[0]
    assert word_error_rate(alone.text, both[1].text) < 0.2
    # Where the line starts, within what Whisper's first word is off alone (measured: 0.2 s early
    # alone, 0.24 s late after a seam; without the seam's silence it was 0.58 s late).
    for heard in (alone, both[1]):
        assert abs(heard.words[0].start - second.group.start) < 0.4


@pytest.mark.parametrize("shared", [True, False])
def test_shared_requests_waiting_together_share_a_window(
    analyzer: SpeechAnalyzer, talk: Talk, shared: bool
) -> None:
    pool = RecognitionPool()
    stt = analyzer.stt("en")
    clips = [line_clip(talk, i, 0.5) for i in range(4)]
    try:
        futures = [pool.submit(stt, [clip], language="en", prompt=PROMPT, shared=shared) for clip, _ in clips]
        wait(futures, timeout=120)
        heard: list[Transcript] = [f.result()[0] for f in futures]
    finally:
        pool.close()
    for (_, text), transcript in zip(clips, heard, strict=True):
        assert word_error_rate(text, transcript.text) < 0.3, (text, transcript.text)
    assert pool.clips_read == 4
    if shared:  # the first may be read alone (the worker starts at once); the others waited together
        assert pool.windows_read <= 2
    else:  # final words: each stream in windows of its own
        assert pool.windows_read == 4


def test_two_workers_read_at_once_and_each_stream_gets_its_own_words(talk: Talk) -> None:
    stt = WhisperEngine(threads=1, workers=2)
    pool = RecognitionPool(workers=2)
    clips = [line_clip(talk, i, 0.5) for i in range(4)]
    try:
        futures = [pool.submit(stt, [clip], language="en", prompt=PROMPT) for clip, _ in clips]
        wait(futures, timeout=120)
        heard = [f.result()[0] for f in futures]
    finally:
        pool.close()
    for (_, text), transcript in zip(clips, heard, strict=True):
        assert word_error_rate(text, transcript.text) < 0.3, (text, transcript.text)
    assert (pool.windows_read, pool.clips_read) == (4, 4)


class Failing:
    name = "failing"

    def __init__(self, stt: object) -> None:
        self.capabilities = stt.capabilities  # type: ignore[attr-defined]

    def transcribe(self, *args: object, **kwargs: object) -> Transcript:
        raise RuntimeError("the recogniser fell over")


def test_a_failure_reaches_the_caller_and_the_pool_goes_on(analyzer: SpeechAnalyzer, talk: Talk) -> None:
    pool = RecognitionPool()
    clip, text = line_clip(talk, 1, 0.5)
    try:
        failed = pool.submit(Failing(analyzer.stt("en")), [clip], language="en", prompt=None)  # type: ignore[arg-type]
        with pytest.raises(RuntimeError, match="fell over"):
            failed.result(timeout=60)
        later = pool.submit(analyzer.stt("en"), [clip], language="en", prompt=PROMPT).result(timeout=60)
    finally:
        pool.close()
    assert word_error_rate(text, later[0].text) < 0.3
    assert pool.submit(analyzer.stt("en"), [], language="en", prompt=None).result() == []
