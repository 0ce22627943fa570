"""The engine registry: which engines exist, checked against their capability Protocols."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from vocalis.config import Settings
from vocalis.engines.protocols import SpeechToText, TextToSpeech, VoiceInfo
from vocalis.errors import InvalidInput, ModelUnavailable, UnknownModel


@dataclass
class EngineRegistry:
    tts: dict[str, TextToSpeech] = field(default_factory=dict)
    stt: dict[str, SpeechToText] = field(default_factory=dict)

    def add_tts(self, engine: object) -> None:
        if not isinstance(engine, TextToSpeech):
            raise TypeError(f"{engine!r} does not implement TextToSpeech")
        self.tts[engine.name] = engine

    def add_stt(self, engine: object) -> None:
        if not isinstance(engine, SpeechToText):
            raise TypeError(f"{engine!r} does not implement SpeechToText")
        self.stt[engine.name] = engine

    def get_tts(self, name: str) -> TextToSpeech:
        try:
            return self.tts[name]
        except KeyError:
            raise UnknownModel(f"no text-to-speech engine {name!r}", known=sorted(self.tts)) from None

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

    def stt_languages(self) -> list[str]:
        return sorted({lang for engine in self.stt.values() for lang in engine.capabilities.languages})

    def voices(self) -> Iterator[VoiceInfo]:
        for engine in self.tts.values():
            yield from engine.voices()


def build_engines(settings: Settings) -> EngineRegistry:
    """The default engines; models load lazily on first use, so this is cheap."""
    from vocalis.engines.g2p import Phonemizer
    from vocalis.engines.hibari import HibariEngine
    from vocalis.engines.kokoro import KokoroEngine
    from vocalis.engines.piper import PiperEngine, piper_installed
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
    registry.add_stt(WhisperEngine(threads=settings.engines.whisper_threads))
    if multilingual_whisper_installed():
        registry.add_stt(MultilingualWhisperEngine(threads=settings.engines.whisper_threads))
    return registry
