"""The model ids clients send: our engines' names and the names OpenAI and ElevenLabs clients use.

Client code written for OpenAI or ElevenLabs passes its own model names (``tts-1``,
``eleven_multilingual_v2``, ``whisper-1``, ``scribe_v1``); they are accepted and served by our engines:
for speech the voice decides the engine, for recognition the language does. Any other id is refused
with ``unknown_model`` and the list of known ids, so a typo never passes silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from vocalis.engines.protocols import VoiceInfo
from vocalis.engines.registry import EngineRegistry
from vocalis.errors import UnknownModel

Capability = Literal["tts", "stt"]

# Names of other services' models, and what we say about them.
OPENAI_TTS = ("tts-1", "tts-1-hd", "gpt-4o-mini-tts")
ELEVENLABS_TTS = (
    "eleven_multilingual_v2",
    "eleven_v3",
    "eleven_flash_v2_5",
    "eleven_turbo_v2_5",
    "eleven_flash_v2",
    "eleven_turbo_v2",
    "eleven_monolingual_v1",
    "eleven_multilingual_v1",
)
OPENAI_STT = ("whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe")
ELEVENLABS_STT = ("scribe_v1", "scribe_v1_experimental", "scribe_v2")
ALIAS_NOTE = "served by Vocalis: the voice picks the engine"
STT_ALIAS_NOTE = "served by Vocalis: the language picks the Whisper model"


@dataclass(frozen=True)
class ClientModel:
    id: str
    capability: Capability
    description: str
    languages: tuple[str, ...]  # BCP 47 tags (speech) or language codes (recognition)
    max_characters: int | None = None  # per speech request


def client_models(
    engines: EngineRegistry, voices: Iterable[VoiceInfo], *, max_characters: int
) -> list[ClientModel]:
    """Every id a client may send: engines first, then the other services' names they stand for."""
    by_engine: dict[str, set[str]] = {}
    for voice in voices:
        by_engine.setdefault(voice.engine, set()).add(voice.language)
    every_language = tuple(sorted({lang for langs in by_engine.values() for lang in langs}))
    models = [
        ClientModel(
            name,
            "tts",
            f"Vocalis {name} text to speech",
            tuple(sorted(by_engine.get(name, set()))),
            max_characters,
        )
        for name in engines.tts
    ]
    models += [
        ClientModel(name, "tts", f"{name}: {ALIAS_NOTE}", every_language, max_characters)
        for name in (*OPENAI_TTS, *ELEVENLABS_TTS)
    ]
    stt_languages = tuple(lang for lang in engines.stt_languages() if lang != "auto")
    models += [
        ClientModel(
            name,
            "stt",
            f"Vocalis {name} speech to text",
            tuple(lang for lang in engine.capabilities.languages if lang != "auto"),
        )
        for name, engine in engines.stt.items()
    ]
    models += [
        ClientModel(name, "stt", f"{name}: {STT_ALIAS_NOTE}", stt_languages)
        for name in (*OPENAI_STT, *ELEVENLABS_STT)
    ]
    return models


def known_ids(engines: EngineRegistry, capability: Capability) -> list[str]:
    if capability == "tts":
        return [*engines.tts, *OPENAI_TTS, *ELEVENLABS_TTS]
    return [*engines.stt, *OPENAI_STT, *ELEVENLABS_STT]


def check_model(engines: EngineRegistry, model_id: str | None, capability: Capability) -> None:
    """Refuse an id that is none of ours nor a name we stand in for (None: the default)."""
    if model_id is None:
        return
    known = known_ids(engines, capability)
    if model_id not in known:
        what = "text-to-speech" if capability == "tts" else "speech-to-text"
        raise UnknownModel(
            f"unknown {what} model {model_id!r}; use one of {', '.join(known)} (GET /v1/models)",
            model=model_id,
            known=known,
        )


def ids_of(models: Sequence[ClientModel], capability: Capability) -> list[str]:
    return [m.id for m in models if m.capability == capability]
