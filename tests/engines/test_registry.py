"""The engine registry: every capability checked by its Protocol, built cheaply from settings."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from vocalis.config import ChatSettings, Settings
from vocalis.engines.e5 import E5SentenceEncoder
from vocalis.engines.openai_chat import OpenAIChatModel
from vocalis.engines.protocols import ChatModel, SentenceEncoder, SpeakerEncoder, VoiceActivity
from vocalis.engines.registry import EngineRegistry, build_engines
from vocalis.engines.speaker import ResemblyzerEncoder, VoiceFilterEncoder
from vocalis.engines.vad import SileroVad
from vocalis.errors import ModelUnavailable

SECRET = "sk-registry-test-0a9b8c"


def _settings(tmp_path: Path, **chat: object) -> Settings:
    return Settings(data_dir=tmp_path, chat=ChatSettings.model_validate(chat))


def test_build_engines_registers_every_capability_without_loading_models(tmp_path: Path) -> None:
    started = time.monotonic()
    registry = build_engines(_settings(tmp_path))
    assert time.monotonic() - started < 5.0  # nothing heavy happens here (models load on first use)
    assert isinstance(registry.voice_activity(), SileroVad)
    assert isinstance(registry.speaker_encoder(), VoiceFilterEncoder)  # the cloning search's encoder
    assert isinstance(registry.speaker_encoder("resemblyzer-ge2e"), ResemblyzerEncoder)
    encoder = registry.sentence_encoder()
    assert isinstance(encoder, E5SentenceEncoder)
    assert encoder._model is None
    assert not registry.has_chat_model
    with pytest.raises(ModelUnavailable, match="VOCALIS_CHAT__BASE_URL"):
        registry.chat_model()


def test_a_configured_chat_server_becomes_the_chat_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOCALIS_CHAT__BASE_URL", "http://127.0.0.1:11434/v1/")
    monkeypatch.setenv("VOCALIS_CHAT__MODEL", "llama3.2:3b")
    monkeypatch.setenv("VOCALIS_CHAT__API_KEY", SECRET)
    monkeypatch.setenv("VOCALIS_CHAT__TIMEOUT_S", "12.5")
    settings = Settings(data_dir=tmp_path)
    assert settings.chat.base_url == "http://127.0.0.1:11434/v1"
    assert SECRET not in repr(settings) + str(settings.model_dump())
    chat = build_engines(settings).chat_model()
    assert isinstance(chat, OpenAIChatModel)
    assert (chat.name, chat.url) == ("llama3.2:3b", "http://127.0.0.1:11434/v1/chat/completions")
    assert SECRET not in repr(chat)


def test_chat_settings_reject_a_url_without_scheme_and_treat_empty_as_unset(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="http"):
        ChatSettings(base_url="localhost:11434/v1")
    assert _settings(tmp_path, base_url="  ").chat.base_url is None
    with pytest.raises(ValidationError):
        ChatSettings(timeout_s=0)


def test_each_slot_checks_its_protocol() -> None:
    registry = EngineRegistry()
    for add in (
        registry.add_vad,
        registry.add_speaker_encoder,
        registry.add_sentence_encoder,
        registry.add_chat_model,
    ):
        with pytest.raises(TypeError, match="does not implement"):
            add(object())
    # A VAD is not a sentence encoder, though both have a name.
    with pytest.raises(TypeError, match="SentenceEncoder"):
        registry.add_sentence_encoder(SileroVad())
    registry.add_vad(SileroVad())
    registry.add_speaker_encoder(VoiceFilterEncoder())
    registry.add_sentence_encoder(E5SentenceEncoder())
    registry.add_chat_model(OpenAIChatModel(base_url="http://127.0.0.1:1/v1"))
    assert isinstance(registry.voice_activity("silero-vad"), VoiceActivity)
    assert isinstance(registry.speaker_encoder("voicefilter-dvector"), SpeakerEncoder)
    assert isinstance(registry.sentence_encoder("multilingual-e5-small"), SentenceEncoder)
    assert isinstance(registry.chat_model("default"), ChatModel)


def test_absent_engines_are_unavailable_not_unknown() -> None:
    empty = EngineRegistry()
    for get in (empty.voice_activity, empty.speaker_encoder, empty.sentence_encoder):
        with pytest.raises(ModelUnavailable) as caught:
            get()
        assert caught.value.status == 503
    registry = EngineRegistry()
    registry.add_sentence_encoder(E5SentenceEncoder())
    with pytest.raises(ModelUnavailable) as named:
        registry.sentence_encoder("minilm")
    assert named.value.details["known"] == ["multilingual-e5-small"]
