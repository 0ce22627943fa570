"""Transcribing only the speech: nothing is heard in the silences around and between groups."""

from __future__ import annotations

import pytest

from tests.analysis.talks import Talk
from tests.conftest import word_error_rate
from vocalis.analysis.transcription import GroupingSettings, locate_speech, transcribe_speech
from vocalis.graph import Vocalis

PROMPT = "Um, uh, like, you know, so, I mean, basically, actually."


# The talk's 3.0 s pause sits at the default split gap, so on one CPU the VAD's silence measures
# 3.008 s (a group ends there, and Whisper closed it with a confident "you." in the padding) and on
# another a hair less (the pause falls inside a group): both sides, and a gap well clear of it.
@pytest.mark.parametrize("split_gap_s", [2.5, 3.0, 3.5])
def test_no_words_are_heard_in_a_long_pause(services: Vocalis, talk: Talk, split_gap_s: float) -> None:
    located = locate_speech(services.engines.voice_activity(), talk.audio)
    transcript = transcribe_speech(
        services.engines.speech_to_text(),
        located.audio,
        located.spans,
        language="en",
        prompt=PROMPT,
        settings=GroupingSettings(split_gap_s=split_gap_s),
    )
    before, after = talk.lines[8], talk.lines[9]
    assert after.start - before.end == pytest.approx(3.0, abs=0.01)
    in_pause = [
        w.text
        for segment in transcript.segments
        for w in segment.words
        if w.start > before.end + 0.1 and w.end < after.start - 0.1
    ]
    assert in_pause == []
    assert word_error_rate(talk.text, transcript.text) < 0.15
