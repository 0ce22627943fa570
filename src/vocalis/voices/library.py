"""Resolve voice ids and blends to something an engine renders, and list what exists."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Protocol

from vocalis.engines.protocols import VoiceInfo, VoiceMix, VoicePart
from vocalis.engines.registry import EngineRegistry
from vocalis.errors import InvalidBlend, UnknownVoice
from vocalis.voices.blend import is_blend, parse_blend


@dataclass(frozen=True)
class PresetBlend:
    id: str
    expression: str
    name: str
    description: str


# Kokoro v0.19 shipped "af" as an even mix of Bella and Sarah; the original brief names it.
PRESET_BLENDS = (
    PresetBlend("af", "af_bella(1)+af_sarah(1)", "AF (Bella + Sarah)", "Kokoro v0.19's default voice"),
)


# OpenAI's voice names, mapped to the Kokoro voice of the same name or a close match.
OPENAI_VOICES = {
    "alloy": "af_alloy",
    "ash": "am_liam",
    "ballad": "bm_lewis",
    "coral": "af_kore",
    "echo": "am_echo",
    "fable": "bm_fable",
    "nova": "af_nova",
    "onyx": "am_onyx",
    "sage": "af_sarah",
    "shimmer": "af_sky",
    "verse": "am_michael",
}


class PrivateVoices(Protocol):
    """Voices that belong to someone (clones): found per viewer, made renderable on the way."""

    def find(self, voice_id: str, viewer: str | None) -> VoiceInfo | None: ...


class VoiceLibrary:
    def __init__(self, engines: EngineRegistry, *, private: PrivateVoices | None = None) -> None:
        """``private`` resolves the ids the stock voices do not have (cloned voices, per viewer)."""
        self._engines = engines
        self._stock: dict[str, VoiceInfo] = {}
        for voice in engines.voices():
            self._stock.setdefault(voice.id, voice)
        self._presets = {p.id: p for p in PRESET_BLENDS if self._resolvable(p.expression)}
        self._private = private

    def _find(self, voice_id: str, viewer: str | None) -> VoiceInfo | None:
        voice = self._stock.get(voice_id)
        if voice is None and self._private is not None and voice_id not in self._presets:
            voice = self._private.find(voice_id, viewer)
        return voice

    def _resolvable(self, expression: str) -> bool:
        return all(t.voice_id in self._stock for t in parse_blend(expression))

    def list(self) -> list[VoiceInfo]:
        """Stock voices and preset blends: what everyone may use."""
        presets = [self._preset_info(p) for p in self._presets.values()]
        return sorted([*self._stock.values(), *presets], key=lambda v: (v.engine, v.language, v.id))

    def _preset_info(self, preset: PresetBlend) -> VoiceInfo:
        mix = self.resolve(preset.expression)
        first = self._stock[mix.primary]
        genders = {self._stock[p.voice_id].gender for p in mix.parts}
        return VoiceInfo(
            id=preset.id,
            name=preset.name,
            language=first.language,
            accent=first.accent,
            gender=genders.pop() if len(genders) == 1 else "mixed",
            engine=first.engine,
            sample_rate=first.sample_rate,
            description=f"{preset.description}: {preset.expression}",
        )

    def get(self, voice_id: str, *, viewer: str | None = None) -> VoiceInfo:
        if voice_id in self._presets:
            return self._preset_info(self._presets[voice_id])
        voice = self._find(voice_id, viewer)
        if voice is None:
            raise self._unknown(voice_id)
        return voice

    def _unknown(self, voice_id: str) -> UnknownVoice:
        known = [*self._stock, *self._presets]
        near = difflib.get_close_matches(voice_id, known, n=5, cutoff=0.5)
        hint = f"; did you mean {', '.join(near)}?" if near else "; `vocalis voices` lists them"
        return UnknownVoice(f"unknown voice {voice_id!r}{hint}", voice=voice_id, suggestions=near)

    def resolve(self, expression: str, *, viewer: str | None = None) -> VoiceMix:
        """``viewer`` is who asks: a cloned voice resolves only for those allowed to use it."""
        expression = expression.strip()
        if expression in self._presets:
            expression = self._presets[expression].expression
        if not is_blend(expression):
            voice = self._find(expression, viewer)
            if voice is None:
                raise self._unknown(expression)
            return VoiceMix(engine=voice.engine, parts=(VoicePart(voice.id, 1.0),))
        terms = parse_blend(expression)
        parts: list[VoicePart] = []
        found: list[VoiceInfo] = []
        for term in terms:
            voice = self._find(term.voice_id, viewer)
            if voice is None:
                raise self._unknown(term.voice_id)
            parts.append(VoicePart(voice.id, term.weight))
            found.append(voice)
        engines = {v.engine for v in found}
        if len(engines) > 1:
            raise InvalidBlend(
                f"a blend must use voices of one engine; {expression!r} mixes {', '.join(sorted(engines))}",
                expression=expression,
            )
        engine = engines.pop()
        if len(parts) > 1 and not self._engines.get_tts(engine).capabilities.blends:
            raise InvalidBlend(f"the {engine} engine cannot blend voices", expression=expression)
        return VoiceMix(engine=engine, parts=tuple(parts))
