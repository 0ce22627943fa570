from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import word_error_rate
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.levels import longest_silence, peak
from vocalis.config import Settings
from vocalis.errors import EmptyText, InvalidBlend, OutOfRange, UnknownVoice
from vocalis.graph import Vocalis, build_graph
from vocalis.speech.request import SpeechRequest
from vocalis.speech.service import MAX_CHUNK_CHARS

PARAGRAPH = (
    "Good morning everyone. Today we will talk about the history of the printing press. "
    "It changed how people shared ideas across the world."
)


def say(services: Vocalis, text: str, voice: str = "af_heart", speed: float = 1.0) -> AudioChunk:
    return services.speech.synthesize(services.speech.plan(SpeechRequest(text, voice, speed)))


@pytest.mark.parametrize("text", ["", "   \n\t ", "...!?", "😀🎉🚀", "— … —"])
def test_nothing_to_say_is_refused(services: Vocalis, text: str) -> None:
    with pytest.raises(EmptyText):
        services.speech.plan(SpeechRequest(text, "af_heart"))


@pytest.mark.parametrize("speed", [0.2, 4.5, -1.0, 0.0])
def test_speed_out_of_range(services: Vocalis, speed: float) -> None:
    with pytest.raises(OutOfRange) as info:
        services.speech.plan(SpeechRequest("Hello.", "af_heart", speed))
    assert info.value.details["minimum"] == 0.25 and info.value.details["maximum"] == 4.0


def test_bad_voices(services: Vocalis) -> None:
    with pytest.raises(UnknownVoice):
        services.speech.plan(SpeechRequest("Hello.", "nobody"))
    with pytest.raises(InvalidBlend):
        services.speech.plan(SpeechRequest("Hello.", "af_bella(x)+af_sky"))


def test_paragraph_is_intelligible_complete_and_clean(
    services: Vocalis, transcribe: Callable[[AudioChunk], str]
) -> None:
    audio = say(services, PARAGRAPH, "bm_george")
    heard = transcribe(audio)
    assert word_error_rate(PARAGRAPH, heard) <= 0.10
    assert heard.lower().rstrip(".").endswith("world")  # the last word is not cut off
    assert peak(audio) < 0.999  # no clipping
    assert longest_silence(audio) < 0.6  # sentence pauses are 0.3 s; nothing longer


def test_speed_changes_duration(services: Vocalis) -> None:
    sentence = "Today we will talk about the history of the printing press."
    normal = say(services, sentence, "af_heart", 1.0).duration
    fast = say(services, sentence, "af_heart", 2.0).duration
    slow = say(services, sentence, "af_heart", 0.5).duration
    assert 0.4 < fast / normal < 0.6
    assert 1.7 < slow / normal < 2.3


def test_blend_speaks(services: Vocalis, transcribe: Callable[[AudioChunk], str]) -> None:
    audio = say(services, "A blended voice still reads every word clearly.", "af_bella(2)+af_sky(1)")
    assert word_error_rate("A blended voice still reads every word clearly.", transcribe(audio)) <= 0.10


def test_hibari_and_piper_speak(services: Vocalis, transcribe: Callable[[AudioChunk], str]) -> None:
    sentence = "Fast engines can still sound natural."
    for voice, rate in (("heart", 24000), ("joe", 22050)):
        audio = say(services, sentence, voice)
        assert audio.sample_rate == rate
        assert word_error_rate(sentence, transcribe(audio)) <= 0.10, voice


def test_paragraph_pause_is_longer_than_sentence_pause(services: Vocalis) -> None:
    plan = services.speech.plan(
        SpeechRequest("First paragraph ends.\n\nSecond one starts. And goes on.", "af_heart")
    )
    chunks = list(services.speech.stream(plan))
    assert len(chunks) == 3
    pauses = [c.audio.duration - c.speech_seconds for c in chunks]
    assert pauses[0] > pauses[1] > pauses[2] == 0.0
    assert [c.start for c in chunks] == sorted(c.start for c in chunks)


def test_long_text_chunks_keep_offsets_and_fit_the_model(services: Vocalis) -> None:
    sentence = "This clause keeps going, and it keeps going further, with many commas along the way"
    text = "Intro. " + ", ".join([sentence] * 12) + ". The end."
    plan = services.speech.plan(SpeechRequest(text, "af_heart"))
    assert all(len(c.text) <= MAX_CHUNK_CHARS for c in plan.chunks)
    for chunk in plan.chunks:
        assert text[chunk.start : chunk.end] == chunk.text
    engine = plan.engine
    assert all(engine.prepare(c.text, plan.voice).units <= engine.capabilities.max_units for c in plan.chunks)


def test_first_chunk_of_a_long_text_comes_fast(services: Vocalis) -> None:
    text = " ".join([PARAGRAPH] * 40)  # ~1,000 words
    plan = services.speech.plan(SpeechRequest(text, "af_heart"))
    say(services, "Warm up.")
    started = time.perf_counter()
    first = next(iter(services.speech.stream(plan)))
    assert first.audio.duration > 0.5
    assert time.perf_counter() - started < 3.0  # the benchmark's target is 1.5 s; leave CI headroom


def test_pronunciation_override_file(tmp_path: Path, settings: Settings) -> None:
    table = tmp_path / "words.json"
    table.write_text('{"Vocalis": "/vˈOkəlɪs/", "GIF": "jif"}', encoding="utf-8")
    custom = build_graph(settings.model_copy(update={"pronunciations_file": table}))
    engine = custom.engines.get_tts("kokoro")
    voice = custom.voices.resolve("af_heart")
    assert "vˈOkəlɪs" in engine.prepare("Vocalis is here.", voice).phonemes
    assert engine.prepare("GIF", voice).phonemes == engine.prepare("jif", voice).phonemes


def test_stream_is_lazy(services: Vocalis) -> None:
    plan = services.speech.plan(SpeechRequest(" ".join([PARAGRAPH] * 5), "heart"))
    stream = services.speech.stream(plan)
    first = next(stream)
    assert first.start == 0.0
    assert np.isfinite(first.audio.samples).all()
