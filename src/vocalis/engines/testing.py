"""Engines for testing plumbing (queues, streaming, cancellation) without a model. Never a product path.

``ToneEngine`` renders a quiet tone whose length follows the text, optionally slowly; ``CountingEngine``
wraps a real engine and counts its renders, to check that work stops when a client goes away.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import numpy as np

from vocalis.audio.chunk import AudioChunk
from vocalis.engines.protocols import PreparedText, TextToSpeech, TTSCapabilities, VoiceInfo, VoiceMix


class ToneEngine:
    name = "tone"

    def __init__(
        self,
        *,
        seconds_per_char: float = 0.05,
        render_delay: float = 0.0,
        sample_rate: int = 24000,
        fast: bool = False,
    ) -> None:
        self.capabilities = TTSCapabilities(
            sample_rate=sample_rate,
            languages=("en-US",),
            max_units=400,
            blends=True,
            speed_range=(0.25, 4.0),
            fast=fast,
        )
        self._seconds_per_char = seconds_per_char
        self._delay = render_delay
        self.renders = 0
        self._lock = threading.Lock()

    def voices(self) -> Sequence[VoiceInfo]:
        return [
            VoiceInfo(id=v, name=v, language="en-US", accent="American", gender="female", engine=self.name,
                      sample_rate=self.capabilities.sample_rate, description="test tone")
            for v in ("tone_a", "tone_b")
        ]  # fmt: skip

    def prepare(self, text: str, voice: VoiceMix, language: str | None = None) -> PreparedText:
        return PreparedText(text=text, phonemes=text, units=len(text))

    def render(self, prepared: PreparedText, voice: VoiceMix, speed: float) -> AudioChunk:
        if self._delay:
            time.sleep(self._delay)
        with self._lock:
            self.renders += 1
        rate = self.capabilities.sample_rate
        n = max(1, round(len(prepared.phonemes) * self._seconds_per_char / speed * rate))
        t = np.arange(n, dtype=np.float32) / rate
        return AudioChunk((0.3 * np.sin(2 * np.pi * 220.0 * t)).astype(np.float32), rate)


class CountingEngine:
    """Delegates to ``inner`` and counts renders."""

    def __init__(self, inner: TextToSpeech) -> None:
        self._inner = inner
        self.name = inner.name
        self.capabilities = inner.capabilities
        self.renders = 0
        self._lock = threading.Lock()

    def voices(self) -> Sequence[VoiceInfo]:
        return self._inner.voices()

    def prepare(self, text: str, voice: VoiceMix, language: str | None = None) -> PreparedText:
        return self._inner.prepare(text, voice, language)

    def render(self, prepared: PreparedText, voice: VoiceMix, speed: float) -> AudioChunk:
        with self._lock:
            self.renders += 1
        return self._inner.render(prepared, voice, speed)
