"""Transcribing only the speech: nothing is heard in the silences around and between groups."""

from __future__ import annotations

import numpy as np
import pytest

from tests.analysis.talks import Talk
from tests.conftest import word_error_rate
from vocalis.analysis.grouping import PAD_S, GroupingSettings, SpeechGroup, pack_spans
from vocalis.analysis.transcription import Clip, locate_speech, transcribe_clips, transcribe_speech
from vocalis.audio.chunk import AudioChunk
from vocalis.engines.protocols import (
    SpeechSpan,
    STTCapabilities,
    TranscribedSegment,
    TranscribedWord,
    Transcript,
)
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


class Scripted:
    """A recogniser that hears the given words (times in the clip's audio), to test what is kept."""

    name = "scripted"

    def __init__(self, words: list[TranscribedWord]) -> None:
        self.capabilities = STTCapabilities(languages=("en",), word_timestamps=True, sample_rate=16_000)
        self.words = tuple(words)
        self.calls: list[dict[str, object]] = []

    def transcribe(self, audio: AudioChunk, **kwargs: object) -> Transcript:
        self.calls.append(kwargs)
        segment = TranscribedSegment(" ".join(w.text for w in self.words), 0.0, audio.duration, self.words)
        return Transcript(segment.text, "en", audio.duration, (segment,))


def test_unsure_words_in_the_padding_are_dropped_and_hesitations_kept() -> None:
    # The clip's speech is 1.0-3.0 s, read with PAD_S around it: the audio starts at 0.8 s.
    def at(seconds: float) -> float:
        return seconds - (1.0 - PAD_S)

    heard = [
        TranscribedWord("Um,", at(0.82), at(1.02), 0.2),  # a hesitation at the edge: real
        TranscribedWord("we", at(1.05), at(1.3), 0.95),
        TranscribedWord("shipped", at(1.3), at(2.2), 0.9),
        TranscribedWord("it.", at(2.5), at(3.1), 0.25),  # unsure, but its middle is in the speech
        TranscribedWord("And...", at(2.97), at(3.2), 0.19),  # unsure, centred after the speech ended
        TranscribedWord("so", at(2.98), at(3.15), 0.9),  # sure: kept, as before
    ]
    audio = AudioChunk(np.zeros(16_000 * 4, np.float32), 16_000)
    clip = Clip(audio, SpeechGroup(1.0, 3.0, (SpeechSpan(1.0, 3.0),)))
    [transcript] = transcribe_clips(Scripted(heard), [clip], language="en", prompt=None)  # type: ignore[arg-type]
    assert [w.text for w in transcript.words] == ["Um,", "we", "shipped", "it.", "so"]


def test_a_caption_is_decoded_once_and_a_looped_one_is_heard_as_nothing() -> None:
    """A provisional reading (a live caption) is not decoded again at higher temperatures, which cost
    seconds: caught in a loop, it is dropped until the final words come. A final reading keeps
    Whisper's guard."""
    loop = [TranscribedWord("plan.", 0.2 + i * 0.1, 0.3 + i * 0.1, 0.9) for i in range(14)]  # 14 in 1 s
    audio = AudioChunk(np.zeros(16_000 * 2, np.float32), 16_000)
    clip = Clip(audio, SpeechGroup(0.5, 1.5, (SpeechSpan(0.5, 1.5),)))
    caption = Scripted(loop)
    [heard] = transcribe_clips(caption, [clip], language="en", prompt=None, provisional=True)  # type: ignore[arg-type]
    assert heard.words == [] and heard.text == ""
    assert [c["retry_repetitions"] for c in caption.calls] == [False]
    final = Scripted(loop[:3])
    [heard] = transcribe_clips(final, [clip], language="en", prompt=None)  # type: ignore[arg-type]
    assert [w.text for w in heard.words] == ["plan."] * 3
    assert [c["retry_repetitions"] for c in final.calls] == [True]
