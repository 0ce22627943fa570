"""Volume and pitch changes applied to rendered speech (SSML prosody)."""

from __future__ import annotations

import numpy as np
import soxr

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.resample import QUALITY


def gain(chunk: AudioChunk, db: float) -> AudioChunk:
    """``db`` louder (softer when negative), clipped to full scale."""
    if db == 0.0:
        return chunk
    scaled = np.clip(chunk.samples * np.float32(10.0 ** (db / 20.0)), -1.0, 1.0)
    return AudioChunk(scaled.astype(np.float32), chunk.sample_rate)


def played_faster(chunk: AudioChunk, factor: float) -> AudioChunk:
    """As if played ``factor`` times faster: pitch up by ``factor`` and duration down by it.

    Speech rendered ``factor`` times slower and then played this way keeps its duration and sounds
    ``12 * log2(factor)`` semitones higher: the pitch change of SSML prosody.
    """
    if factor == 1.0 or len(chunk.samples) == 0:
        return chunk
    out = soxr.resample(chunk.samples, chunk.sample_rate * factor, chunk.sample_rate, quality=QUALITY)
    return AudioChunk(np.asarray(out, dtype=np.float32), chunk.sample_rate)
