"""The answer to ``describe``: one TTS program with every voice, one ASR program with every model."""

from __future__ import annotations

from collections.abc import Sequence

from wyoming.info import AsrModel, AsrProgram, Attribution, Info, TtsProgram, TtsVoice

from vocalis import __version__
from vocalis.engines.protocols import SpeechToText, VoiceInfo

PROGRAM = "vocalis"
AUTO = "auto"  # an engine that detects the language lists it; Wyoming wants real language codes
_VOCALIS = Attribution(name="Vocalis", url="")  # self-hosted: no public page to point at
# Who made each engine's model; anything not listed is credited to Vocalis.
_MAKERS = {
    "kokoro": Attribution(name="hexgrad (Kokoro-82M)", url="https://huggingface.co/hexgrad/Kokoro-82M"),
    "hibari": Attribution(name="hibari-tts", url="https://pypi.org/project/hibari-tts/"),
    "piper": Attribution(name="rhasspy (Piper)", url="https://github.com/rhasspy/piper"),
    "whisper-tiny-en": Attribution(name="OpenAI (Whisper tiny.en)", url="https://github.com/openai/whisper"),
    "whisper-base": Attribution(name="OpenAI (Whisper base)", url="https://github.com/openai/whisper"),
}


def describe(voices: Sequence[VoiceInfo], stt: Sequence[SpeechToText]) -> Info:
    tts = TtsProgram(
        name=PROGRAM,
        attribution=_VOCALIS,
        installed=True,
        description="Vocalis text to speech (Kokoro, hibari and cloned voices)",
        version=__version__,
        voices=[_voice(v) for v in voices],
        supports_synthesize_streaming=True,
    )
    asr = AsrProgram(
        name=PROGRAM,
        attribution=_VOCALIS,
        installed=True,
        description="Vocalis transcription (voice activity detection + faster-whisper)",
        version=__version__,
        models=[_model(engine) for engine in stt],
    )
    return Info(tts=[tts], asr=[asr])


def _voice(voice: VoiceInfo) -> TtsVoice:
    cloned = voice.id.startswith("clone_")
    detail = f"{voice.accent} {voice.gender}".strip()
    return TtsVoice(
        name=voice.id,
        attribution=_VOCALIS if cloned else _MAKERS.get(voice.engine, _VOCALIS),
        installed=True,
        description=f"{voice.name} ({detail}{', cloned' if cloned else ''})",
        version=None,
        languages=[voice.language],
    )


def _model(engine: SpeechToText) -> AsrModel:
    return AsrModel(
        name=engine.name,
        attribution=_MAKERS.get(engine.name, _VOCALIS),
        installed=True,
        description=f"{engine.name} (faster-whisper, int8)",
        version=None,
        languages=[lang for lang in engine.capabilities.languages if lang != AUTO],
    )
