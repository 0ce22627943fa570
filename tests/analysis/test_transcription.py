"""Transcribing only the speech: nothing is heard in the silences around and between groups."""

from __future__ import annotations

import pytest

from tests.analysis.talks import Talk
from tests.conftest import word_error_rate
from vocalis.analysis.grouping import PAD_S, GroupingSettings, pack_spans
from vocalis.analysis.transcription import locate_speech, transcribe_speech
from vocalis.engines.protocols import SpeechSpan
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


def test_spans_are_packed_into_full_windows_and_long_silences_left_out() -> None:
    # Nine 5 s spans, 2 s apart: one window per span of speech would cost nine Whisper windows.
    spans = [SpeechSpan(i * 7.0, i * 7.0 + 5.0) for i in range(9)]
    windows = pack_spans(spans, GroupingSettings(max_seconds=28.0, split_gap_s=1.0))
    assert len(windows) == 2  # 45 s of speech (+0.4 s padding each) fills two 28 s windows
    assert [s for w in windows for g in w.groups for s in g.spans] == spans  # all, in order
    for window in windows:
        assert sum(g.end - g.start + 2 * PAD_S for g in window.groups) <= 28.0
        # The 2 s silences are longer than the split gap: each span is its own stretch of audio.
        assert all(len(g.spans) == 1 for g in window.groups)


def test_close_spans_stay_one_stretch_and_a_long_span_has_a_window_of_its_own() -> None:
    spans = [SpeechSpan(0.0, 3.0), SpeechSpan(3.5, 6.0), SpeechSpan(10.0, 50.0), SpeechSpan(51.0, 52.0)]
    windows = pack_spans(spans, GroupingSettings(max_seconds=28.0, split_gap_s=1.0))
    assert [[(g.start, g.end) for g in w.groups] for w in windows] == [
        [(0.0, 6.0)],
        [(10.0, 50.0)],
        [(51.0, 52.0)],
    ]
