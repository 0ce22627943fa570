from __future__ import annotations

import numpy as np
import pytest

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.levels import (
    SILENCE_DBFS,
    clipped_fraction,
    is_clipped,
    longest_silence,
    peak,
    rms_dbfs,
    trim_silence,
)

RATE = 16000


def sine(seconds: float, amplitude: float = 0.5) -> AudioChunk:
    t = np.arange(round(seconds * RATE)) / RATE
    return AudioChunk((amplitude * np.sin(2 * np.pi * 300 * t)).astype(np.float32), RATE)


def silence(seconds: float) -> AudioChunk:
    return AudioChunk.silence(seconds, RATE)


def joined(*chunks: AudioChunk) -> AudioChunk:
    return AudioChunk.concat(list(chunks), RATE)


def test_peak_and_rms() -> None:
    tone = sine(1.0, amplitude=0.5)
    assert peak(tone) == pytest.approx(0.5, abs=1e-3)
    assert rms_dbfs(tone) == pytest.approx(20 * np.log10(0.5 / np.sqrt(2)), abs=0.05)
    assert rms_dbfs(silence(1.0)) == SILENCE_DBFS
    assert peak(silence(0)) == 0.0
    assert rms_dbfs(silence(0)) == SILENCE_DBFS


def test_trim_silence_keeps_padding() -> None:
    audio = joined(silence(0.5), sine(1.0), silence(0.7))
    trimmed = trim_silence(audio, pad_s=0.03)
    assert trimmed.duration == pytest.approx(1.06, abs=0.02)
    assert trim_silence(audio, pad_s=0).duration == pytest.approx(1.0, abs=0.01)


def test_trim_silence_of_silence_is_empty() -> None:
    assert len(trim_silence(silence(1.0)).samples) == 0
    # Hiss below the threshold counts as silence.
    hiss = AudioChunk(np.random.default_rng(0).normal(0, 1e-4, RATE).astype(np.float32), RATE)
    assert len(trim_silence(hiss).samples) == 0


def test_longest_silence_ignores_the_edges() -> None:
    audio = joined(silence(1.0), sine(0.5), silence(0.3), sine(0.5), silence(0.8), sine(0.2), silence(2.0))
    assert longest_silence(audio) == pytest.approx(0.8, abs=0.04)
    assert longest_silence(sine(1.0)) == 0.0
    assert longest_silence(silence(1.0)) == 0.0


def test_clipping() -> None:
    clean = sine(1.0, amplitude=1.0)  # touches full scale, but only at single peaks
    assert not is_clipped(clean)
    clipped = AudioChunk(np.clip(sine(1.0, amplitude=2.0).samples, -1.0, 1.0), RATE)
    assert is_clipped(clipped)
    assert clipped_fraction(clipped) > 0.3
    assert clipped_fraction(sine(1.0, amplitude=0.5)) == 0.0
    assert not is_clipped(silence(0))
