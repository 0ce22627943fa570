"""Whole-file measures of a long recording hold little more than the recording itself."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from vocalis.analysis import loudness
from vocalis.analysis.voice import clipped_fraction

RATE = 48_000


@pytest.fixture(scope="module")
def five_minutes() -> np.ndarray:
    rng = np.random.default_rng(3)
    samples = (0.1 * rng.standard_normal(5 * 60 * RATE)).astype(np.float32)
    samples[1000:1010] = 1.0  # one flattened peak
    return samples


def peak_bytes(work: object) -> int:
    assert callable(work)
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_loudness_steps_are_measured_piece_by_piece(five_minutes: np.ndarray) -> None:
    short = five_minutes[: 7 * RATE + 123]
    whole = loudness.step_energies(loudness.k_weighted(short, RATE), RATE)
    assert np.allclose(loudness.weighted_step_energies(short, RATE), whole, rtol=1e-9)
    # The K-weighted float64 copy of five minutes at 48 kHz alone is 115 MB.
    peak = peak_bytes(lambda: loudness.integrated_loudness(five_minutes, RATE))
    assert peak < five_minutes.nbytes / 4, peak


def test_clipping_is_found_without_a_float_copy(five_minutes: np.ndarray) -> None:
    peak = peak_bytes(lambda: clipped_fraction(five_minutes))
    assert clipped_fraction(five_minutes) == pytest.approx(10 / len(five_minutes))
    assert peak < five_minutes.nbytes * 0.8, peak  # abs() alone would be 1.0x, its cast another 0.25x
