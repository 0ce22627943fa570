"""Level measurements on audio chunks: peak, RMS, silence and clipping."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from vocalis.audio.chunk import AudioChunk

# What rms_dbfs reports for digital silence, instead of -inf (which JSON cannot carry).
SILENCE_DBFS = -120.0
# Frame length used to tell sound from silence when trimming.
TRIM_FRAME_S = 0.01
# A clean peak touches full scale for one sample; clipping flattens several in a row.
CLIP_RUN = 3


def peak(chunk: AudioChunk) -> float:
    """The largest absolute sample value (0.0 for an empty chunk)."""
    return float(np.max(np.abs(chunk.samples))) if len(chunk.samples) else 0.0


def rms_dbfs(chunk: AudioChunk) -> float:
    """RMS level in dB relative to full scale (a full-scale sine reads -3 dBFS)."""
    if not len(chunk.samples):
        return SILENCE_DBFS
    rms = float(np.sqrt(np.mean(np.square(chunk.samples, dtype=np.float64))))
    return _to_db(rms)


def trim_silence(chunk: AudioChunk, threshold_db: float = -50.0, pad_s: float = 0.03) -> AudioChunk:
    """Cut leading and trailing silence, keeping ``pad_s`` of it on each side.

    Sound is any 10 ms frame whose RMS reaches ``threshold_db``; an all-silent chunk trims to empty.
    """
    frame = max(1, round(TRIM_FRAME_S * chunk.sample_rate))
    loud = np.flatnonzero(_frame_levels(chunk, frame) >= threshold_db)
    if not len(loud):
        return AudioChunk(np.zeros(0, np.float32), chunk.sample_rate)
    pad = round(pad_s * chunk.sample_rate)
    start = max(0, int(loud[0]) * frame - pad)
    end = min(len(chunk.samples), (int(loud[-1]) + 1) * frame + pad)
    return AudioChunk(chunk.samples[start:end].copy(), chunk.sample_rate)


def longest_silence(chunk: AudioChunk, threshold_db: float = -45.0, frame_s: float = 0.02) -> float:
    """Seconds of the longest run of quiet frames between the first and the last sound.

    Leading and trailing silence do not count: they are not pauses. 0.0 when there is no pause.
    """
    frame = max(1, round(frame_s * chunk.sample_rate))
    loud = np.flatnonzero(_frame_levels(chunk, frame) >= threshold_db)
    if len(loud) < 2:
        return 0.0
    # Gaps between consecutive loud frames are the internal silent runs, in frames.
    longest_gap = int(np.max(np.diff(loud))) - 1
    return longest_gap * frame / chunk.sample_rate


def clipped_fraction(chunk: AudioChunk, level: float = 0.999) -> float:
    """The fraction of samples whose magnitude reaches ``level``."""
    if not len(chunk.samples):
        return 0.0
    return float(np.count_nonzero(np.abs(chunk.samples) >= level)) / len(chunk.samples)


def is_clipped(chunk: AudioChunk, level: float = 0.999) -> bool:
    """Whether ``CLIP_RUN`` consecutive samples sit at or above ``level``: a flattened waveform.

    A single full-scale sample is what peak normalisation produces, so it does not count.
    """
    at_limit = (np.abs(chunk.samples) >= level).astype(np.int8)
    if len(at_limit) < CLIP_RUN:
        return False
    runs = np.convolve(at_limit, np.ones(CLIP_RUN, np.int8), mode="valid")
    return bool(np.any(runs >= CLIP_RUN))


def _frame_levels(chunk: AudioChunk, frame: int) -> npt.NDArray[np.float64]:
    """RMS of each whole frame in dBFS (a trailing partial frame is measured too)."""
    samples = chunk.samples.astype(np.float64)
    count = -(-len(samples) // frame)
    padded = np.zeros(count * frame)
    padded[: len(samples)] = np.square(samples)
    power = padded.reshape(count, frame).sum(axis=1)
    # The last frame may be partial: average over the samples it really has.
    sizes = np.full(count, frame, dtype=np.float64)
    if count and len(samples) % frame:
        sizes[-1] = len(samples) % frame
    rms = np.sqrt(power / np.maximum(sizes, 1))
    with np.errstate(divide="ignore"):
        levels: npt.NDArray[np.float64] = np.maximum(20.0 * np.log10(rms), SILENCE_DBFS)
    return levels


def _to_db(amplitude: float) -> float:
    return SILENCE_DBFS if amplitude <= 0 else max(20.0 * float(np.log10(amplitude)), SILENCE_DBFS)
