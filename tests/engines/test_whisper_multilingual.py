"""Whisper base from its two packages: French, language detection, and picking engines by language."""

from __future__ import annotations

import pytest

from tests.analysis.talks import french_speech
from tests.conftest import word_error_rate
from vocalis.audio.chunk import AudioChunk
from vocalis.engines.protocols import SpeechToText
from vocalis.engines.whisper import WhisperEngine
from vocalis.engines.whisper_multilingual import (
    MODEL_BYTES,
    MultilingualWhisperEngine,
    bundled_base_files,
    verify_model,
)
from vocalis.errors import InvalidInput, ModelUnavailable
from vocalis.graph import Vocalis


@pytest.fixture(scope="module")
def base(services: Vocalis) -> MultilingualWhisperEngine:
    engine = services.engines.speech_to_text("fr")
    assert isinstance(engine, MultilingualWhisperEngine)
    return engine


@pytest.fixture(scope="module")
def french_audio(services: Vocalis) -> tuple[str, AudioChunk]:
    return french_speech(services)


def test_engines_are_chosen_by_language(services: Vocalis) -> None:
    engines = services.engines
    assert isinstance(engines.speech_to_text(), WhisperEngine)  # callers without a language: unchanged
    assert isinstance(engines.speech_to_text("en"), WhisperEngine)  # English keeps the fast tiny.en
    for language in ("fr", "auto", "de"):
        assert isinstance(engines.speech_to_text(language), MultilingualWhisperEngine)
    assert isinstance(engines.speech_to_text("fr"), SpeechToText)
    with pytest.raises(InvalidInput) as info:
        engines.speech_to_text("klingon")
    assert "fr" in info.value.details["supported"] and "auto" in info.value.details["supported"]


def test_model_is_assembled_in_memory_and_checked() -> None:
    files = bundled_base_files()
    assert set(files) == {"model.bin", "config.json", "tokenizer.json", "vocabulary.txt"}
    assert len(files["model.bin"]) == MODEL_BYTES
    with pytest.raises(ModelUnavailable):
        verify_model(files["model.bin"][:-1])
    model = files["model.bin"]
    with pytest.raises(ModelUnavailable):  # one flipped bit
        verify_model(model[:-1] + bytes([model[-1] ^ 1]))


def test_french_transcription(base: MultilingualWhisperEngine, french_audio: tuple[str, AudioChunk]) -> None:
    text, audio = french_audio
    for language in ("fr", "auto"):
        heard = base.transcribe(audio, language=language, word_timestamps=True)
        assert heard.language == "fr"
        assert word_error_rate(text, heard.text) <= 0.15, heard.text
        assert heard.words and heard.words[-1].end <= audio.duration + 0.1


def test_english_is_detected(base: MultilingualWhisperEngine, services: Vocalis) -> None:
    from tests.analysis.talks import say

    sentence = "The library opens at nine and closes late on Thursdays."
    heard = base.transcribe(say(services, sentence, "heart"), language="auto")
    assert heard.language == "en"
    assert word_error_rate(sentence, heard.text) <= 0.15


def test_unknown_language_is_refused(base: MultilingualWhisperEngine) -> None:
    with pytest.raises(InvalidInput):
        base.transcribe(AudioChunk.silence(1.0, 16_000), language="xx")


def test_the_language_is_identified_from_the_sound(
    base: MultilingualWhisperEngine, services: Vocalis, french_audio: tuple[str, AudioChunk]
) -> None:
    from tests.analysis.talks import say

    assert services.engines.language_identifier() is base
    english = base.identify(say(services, "The library opens at nine on Thursdays.", "heart"), ("en", "fr"))
    french = base.identify(french_audio[1], ("fr", "en"))
    assert (english.language, french.language) == ("en", "fr")
    assert english.probability > 0.9 and french.probability > 0.9, (english, french)
    for among in (("en",), ("en", "xx")):
        with pytest.raises(InvalidInput):
            base.identify(french_audio[1], among)
    with pytest.raises(InvalidInput):
        base.identify(AudioChunk.silence(0.0, 16_000), ("en", "fr"))
