"""Loudness per ITU-R BS.1770-4 (LUFS): K-weighting, 400 ms blocks, absolute and relative gates.

The K-weighting filter is the standard's two biquads with coefficients for any sample rate
(libebur128's derivation). It is applied as its impulse response by FFT convolution rather than as a
recursive filter: numpy has no fast IIR filter, and this avoids depending on scipy. The response is
cut at 0.25 s, where the 38 Hz high-pass has decayed below 1e-12, so the result equals the IIR
filter to float precision. The same streaming filter serves whole files and live chunks.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from vocalis.audio.chunk import Samples

Floats = npt.NDArray[np.float64]

BLOCK_S = 0.4  # gating block
STEP_S = 0.1  # 75 % overlap between blocks
ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0
FLOOR_LUFS = -120.0  # what silence reads instead of -inf (JSON has no infinity)
_OFFSET = -0.691  # makes a 1 kHz full-scale sine read -3.01 LUFS, as the standard specifies
_RESPONSE_S = 0.25


def _biquads(rate: int) -> tuple[tuple[list[float], list[float]], tuple[list[float], list[float]]]:
    """(b, a) of the high-shelf "head" filter and of the 38 Hz high-pass, for ``rate``."""
    f0, gain_db, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * f0 / rate)
    vh = 10.0 ** (gain_db / 20.0)
    vb = vh**0.4996667741545416
    a0 = 1.0 + k / q + k * k
    shelf_b = [(vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0]
    shelf_a = [1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0]
    f0, q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * f0 / rate)
    a0 = 1.0 + k / q + k * k
    high_b = [1.0, -2.0, 1.0]
    high_a = [1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0]
    return (shelf_b, shelf_a), (high_b, high_a)


@lru_cache(maxsize=8)
def k_weighting_response(rate: int) -> Floats:
    """The impulse response of the K-weighting filter at ``rate``, ``_RESPONSE_S`` long."""
    length = max(64, round(_RESPONSE_S * rate))
    size = 1 << (4 * length - 1).bit_length()  # a long grid keeps time aliasing negligible
    z_inv = np.exp(-2j * np.pi * np.fft.rfftfreq(size))
    response = np.ones_like(z_inv)
    for b, a in _biquads(rate):
        response *= np.polyval(b[::-1], z_inv) / np.polyval(a[::-1], z_inv)
    impulse: Floats = np.fft.irfft(response, size)[:length]
    return impulse


class KWeightingFilter:
    """K-weights a stream piece by piece; the concatenated output equals filtering it whole."""

    def __init__(self, rate: int) -> None:
        self._impulse = k_weighting_response(rate)
        self._tail = np.zeros(len(self._impulse) - 1)

    def process(self, samples: Samples) -> Floats:
        n = len(samples)
        if n == 0:
            return np.zeros(0)
        taps = len(self._impulse)
        size = 1 << (n + taps - 1).bit_length()
        full = np.fft.irfft(
            np.fft.rfft(samples.astype(np.float64), size) * np.fft.rfft(self._impulse, size), size
        )[: n + taps - 1]
        full[: taps - 1] += self._tail
        self._tail = full[n:].copy()
        out: Floats = full[:n]
        return out


def k_weighted(samples: Samples, rate: int, block: int = 1 << 16) -> Floats:
    """K-weight a whole signal in blocks (bounded memory even for a 30-minute file)."""
    flt = KWeightingFilter(rate)
    parts = [flt.process(samples[i : i + block]) for i in range(0, len(samples), block)]
    return np.concatenate(parts) if parts else np.zeros(0)


def step_energies(weighted: Floats, rate: int) -> Floats:
    """Mean square of each whole 100 ms step of K-weighted samples."""
    step = round(STEP_S * rate)
    count = len(weighted) // step
    energies: Floats = np.mean(np.square(weighted[: count * step]).reshape(count, step), axis=1)
    return energies


def block_energies(steps: Floats) -> Floats:
    """Mean square of each 400 ms block (four 100 ms steps), one block per step."""
    per_block = round(BLOCK_S / STEP_S)
    if len(steps) < per_block:
        return np.zeros(0)
    cumulative = np.concatenate([[0.0], np.cumsum(steps)])
    blocks: Floats = (cumulative[per_block:] - cumulative[:-per_block]) / per_block
    return blocks


def to_lufs(energy: float | Floats) -> Floats:
    with np.errstate(divide="ignore"):
        lufs: Floats = np.maximum(_OFFSET + 10.0 * np.log10(np.asarray(energy, dtype=np.float64)), FLOOR_LUFS)
    return lufs


def to_energy(lufs: float | Floats) -> Floats:
    """The inverse of :func:`to_lufs`: mean square of K-weighted samples."""
    energy: Floats = 10.0 ** ((np.asarray(lufs, dtype=np.float64) - _OFFSET) / 10.0)
    return energy


def gated_loudness(blocks: Floats) -> float:
    """Integrated loudness of block energies with the standard's two gates; FLOOR_LUFS if none pass."""
    if not len(blocks):
        return FLOOR_LUFS
    loud = blocks[to_lufs(blocks) > ABSOLUTE_GATE_LUFS]
    if not len(loud):
        return FLOOR_LUFS
    relative_gate = float(to_lufs(float(np.mean(loud)))) + RELATIVE_GATE_LU
    kept = loud[to_lufs(loud) > relative_gate]
    return float(to_lufs(float(np.mean(kept))))


def weighted_step_energies(samples: Samples, rate: int, steps_per_piece: int = 64) -> Floats:
    """``step_energies(k_weighted(samples, rate), rate)`` without ever holding the whole weighted
    signal: a 30-minute 48 kHz file would need two 700 MB float64 copies of it."""
    step = round(STEP_S * rate)
    piece = step * steps_per_piece  # whole steps, so only the last piece has a remainder
    flt = KWeightingFilter(rate)
    parts = [step_energies(flt.process(samples[i : i + piece]), rate) for i in range(0, len(samples), piece)]
    return np.concatenate(parts) if parts else np.zeros(0)


def integrated_loudness(samples: Samples, rate: int) -> float:
    """Integrated loudness in LUFS; audio shorter than one 400 ms block is measured as one block."""
    blocks = block_energies(weighted_step_energies(samples, rate))
    if not len(blocks) and len(samples):
        blocks = np.array([float(np.mean(np.square(k_weighted(samples, rate))))])
    return gated_loudness(blocks)
