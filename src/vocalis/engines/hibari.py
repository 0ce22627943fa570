"""hibari `heart`: a tiny, very fast American English voice (24 kHz), bundled in hibari-tts."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np

from vocalis.audio.chunk import AudioChunk
from vocalis.engines.g2p import Accent, Phonemizer
from vocalis.engines.protocols import PreparedText, TTSCapabilities, VoiceInfo, VoiceMix
from vocalis.errors import ModelUnavailable, UnknownVoice

ENGINE_NAME = "hibari"
VOICE_ID = "heart"
SAMPLE_RATE = 24_000


class HibariEngine:
    name = ENGINE_NAME
    capabilities = TTSCapabilities(
        sample_rate=SAMPLE_RATE,
        languages=("en-US",),
        max_units=400,
        blends=False,
        speed_range=(0.25, 4.0),
        fast=True,  # ~0.01 real-time factor on a 2-core CPU
    )

    def __init__(self, *, phonemizer: Phonemizer, threads: int = 1) -> None:
        self._phonemizer = phonemizer
        self._threads = max(1, threads)
        self._lock = threading.Lock()
        self._model: Any = None

    def voices(self) -> list[VoiceInfo]:
        return [
            VoiceInfo(
                id=VOICE_ID,
                name="Heart (hibari)",
                language="en-US",
                accent="American",
                gender="female",
                engine=ENGINE_NAME,
                sample_rate=SAMPLE_RATE,
                description="hibari-tts: a 7.9 MB model, about 100x faster than real time",
            )
        ]

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                try:
                    from hibari import Hibari
                except ImportError as exc:
                    raise ModelUnavailable("the hibari voice needs the package 'hibari-tts'") from exc
                self._model = Hibari(voice=VOICE_ID, threads=self._threads)
            return self._model

    def warm_up(self) -> None:
        self._load()

    def _check(self, voice: VoiceMix) -> None:
        if voice.engine != ENGINE_NAME or [p.voice_id for p in voice.parts] != [VOICE_ID]:
            raise UnknownVoice(f"hibari has only the voice {VOICE_ID!r}", voice=voice.label)

    def prepare(self, text: str, voice: VoiceMix, language: str | None = None) -> PreparedText:
        self._check(voice)
        model = self._load()
        phonemes = "".join(c for c in self._phonemizer(text, Accent.US) if c in model.vocab)
        return PreparedText(text=text, phonemes=phonemes, units=len(phonemes))

    def render(self, prepared: PreparedText, voice: VoiceMix, speed: float) -> AudioChunk:
        self._check(voice)
        model = self._load()
        # A fixed seed keeps the noise component, and so the audio, reproducible for the same input.
        audio = model.from_ids(model.ids(prepared.phonemes), speed, np.random.default_rng(0))
        return AudioChunk(np.asarray(audio, np.float32).reshape(-1), SAMPLE_RATE)
