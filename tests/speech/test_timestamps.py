from __future__ import annotations

import pytest

from tests.conftest import words_of
from vocalis.audio.chunk import AudioChunk
from vocalis.engines.whisper import WhisperEngine
from vocalis.graph import Vocalis
from vocalis.speech.request import SpeechRequest
from vocalis.speech.timestamps import _Timed, align, original_words, word_times
from vocalis.text.normalize import normalize

TEXT = 'On March 3, 2024, Dr. Smith paid $9.99 for "two" tickets.\n\nThe show started at 7:30 pm!'


def test_original_words_strip_edge_punctuation() -> None:
    words = [w for w, _, _ in original_words(TEXT)]
    assert words == [
        "On",
        "March",
        "3",
        "2024",
        "Dr",
        "Smith",
        "paid",
        "$9.99",
        "for",
        "two",
        "tickets",
        "The",
        "show",
        "started",
        "at",
        "7:30",
        "pm",
    ]


def test_align_interpolates_unmatched_words() -> None:
    spoken = normalize("alpha beta gamma delta").words()
    heard = [_Timed("alpha", 0.0, 0.5), _Timed("delta", 2.0, 2.5)]
    times = align(spoken, heard, 3.0)
    # beta and gamma share the gap by length: 4 and 5 letters of 1.5 s
    assert [round(t.start, 2) for t in times] == [0.0, 0.5, 1.17, 2.0]
    assert times[-1].end == 2.5


def test_align_with_nothing_heard_spreads_over_the_audio() -> None:
    times = align(normalize("one two").words(), [], 2.0)
    assert times[0].start == 0.0 and times[-1].end == pytest.approx(2.0)


def test_every_original_word_gets_monotonic_times_within_the_audio(
    services: Vocalis, whisper: WhisperEngine
) -> None:
    plan = services.speech.plan(SpeechRequest(TEXT, "af_heart"))
    chunks = list(services.speech.stream(plan))
    total = sum(c.audio.duration for c in chunks)
    stamps = word_times(whisper, chunks)
    assert [s.word for s in stamps] == [w for w, _, _ in original_words(TEXT)]
    for s in stamps:
        assert TEXT[s.char_start : s.char_end] == s.word
        assert 0.0 <= s.start <= s.end <= total
    starts = [s.start for s in stamps]
    assert starts == sorted(starts)
    # The second paragraph's words start after the first paragraph's audio ends.
    assert stamps[11].start >= chunks[0].speech_seconds
    # Words are spread over the speech, not piled up: the median word lasts 0.1-1.0 s.
    durations = sorted(s.end - s.start for s in stamps)
    assert 0.1 <= durations[len(durations) // 2] <= 1.0


def test_word_times_match_what_is_heard(services: Vocalis, whisper: WhisperEngine) -> None:
    """Cut the audio in the middle of the next word: the word was heard; in the previous one: not yet."""
    text = "Seven brave sailors crossed the northern ocean before winter arrived."
    plan = services.speech.plan(SpeechRequest(text, "am_michael"))
    chunks = list(services.speech.stream(plan))
    audio = chunks[0].audio

    def heard_until(seconds: float) -> list[str]:
        cut = AudioChunk(audio.samples[: round(seconds * audio.sample_rate)], audio.sample_rate)
        return words_of(whisper.transcribe(cut).text).split()

    stamps = word_times(whisper, chunks)
    for index in (2, 6, 8):
        word = words_of(stamps[index].word)
        before, after = stamps[index - 1], stamps[index + 1]
        assert word not in heard_until((before.start + before.end) / 2), stamps[index]
        assert word in heard_until((after.start + after.end) / 2), stamps[index]
