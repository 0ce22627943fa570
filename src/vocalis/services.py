"""The object graph both edges (API and CLI) build once: settings -> engines -> services."""

from __future__ import annotations

from dataclasses import dataclass

from vocalis.config import Settings
from vocalis.engines.registry import EngineRegistry, build_engines
from vocalis.speech.service import SpeechService
from vocalis.voices.library import VoiceLibrary

PREFERRED_DEFAULT_VOICES = ("af_heart", "af", "heart")


@dataclass(frozen=True)
class Services:
    settings: Settings
    engines: EngineRegistry
    voices: VoiceLibrary
    speech: SpeechService

    @property
    def default_voice(self) -> str:
        """af_heart when the voice packs are there; the bundled hibari voice otherwise."""
        known = {v.id for v in self.voices.list()}
        return next((v for v in PREFERRED_DEFAULT_VOICES if v in known), "heart")


def build_services(settings: Settings, *, engines: EngineRegistry | None = None) -> Services:
    engines = engines or build_engines(settings)
    voices = VoiceLibrary(engines)
    return Services(settings=settings, engines=engines, voices=voices, speech=SpeechService(engines, voices))
