"""Tone matching: the equaliser finds a known colouring, applies it faithfully and safely."""

from __future__ import annotations

import numpy as np
import pytest

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.equalizer import BANDS, Equalizer, Tone, band_centres, long_term_spectrum
from vocalis.audio.resample import resample


def noise(seconds: float = 2.0, rate: int = 24_000, seed: int = 0) -> AudioChunk:
    rng = np.random.default_rng(seed)
    return AudioChunk((0.1 * rng.standard_normal(round(seconds * rate))).astype(np.float32), rate)


def tilt(db_low: float, db_high: float) -> Equalizer:
    return Equalizer(tuple(float(g) for g in np.linspace(db_low, db_high, BANDS)))


def test_a_known_colouring_is_measured_back() -> None:
    source = noise()
    coloured = tilt(-4.0, 4.0).apply(source)
    found = Equalizer.matching(coloured, source, max_gain_db=6.0)
    assert np.allclose(found.gains_db, tilt(-4.0, 4.0).gains_db, atol=0.6)
    assert Equalizer.matching(Tone.of(coloured), source) == found  # a target measured once, reused
    # ...and applying it makes the source's tone the target's.
    matched = long_term_spectrum(found.apply(source)) - long_term_spectrum(coloured)
    assert np.ptp(matched) < 1.5


def test_gains_are_limited_and_centred() -> None:
    source = noise()
    coloured = tilt(-15.0, 15.0).apply(source)
    found = Equalizer.matching(coloured, source, max_gain_db=6.0)
    assert max(abs(g) for g in found.gains_db) <= 6.0
    assert found.gains_db[0] == -6.0 and found.gains_db[-1] == 6.0
    assert Equalizer.matching(coloured, source, max_gain_db=0.0).is_flat


def test_a_band_limited_recording_does_not_muffle_the_voice() -> None:
    """A sample with nothing above 4 kHz (telephone, 8 kHz file): bands beyond it hold the last
    measured gain instead of copying the missing highs."""
    source = noise()
    narrow = resample(resample(source, 8_000), 16_000)
    found = Equalizer.matching(narrow, source, max_gain_db=6.0)
    high = band_centres() > 3_900
    assert np.ptp(np.asarray(found.gains_db)[high]) < 0.5
    assert min(found.gains_db) > -6.0


def test_applying_keeps_length_loudness_and_headroom() -> None:
    source = noise()
    out = tilt(-6.0, 6.0).apply(source)
    assert out.sample_rate == source.sample_rate and len(out.samples) == len(source.samples)
    rms = [float(np.sqrt(np.mean(np.square(a.samples, dtype=np.float64)))) for a in (source, out)]
    assert rms[1] == pytest.approx(rms[0], rel=1e-3)
    loud = AudioChunk(np.clip(source.samples * 9, -1, 1).astype(np.float32), source.sample_rate)
    assert float(np.max(np.abs(tilt(6.0, -6.0).apply(loud).samples))) <= 0.99 + 1e-6
    # Nothing to do: the very same audio comes back.
    assert Equalizer.flat().apply(source) is source
    empty = AudioChunk(np.zeros(0, np.float32), 24_000)
    assert tilt(-6.0, 6.0).apply(empty) is empty


def test_a_blend_sounds_between_its_tones() -> None:
    mixed = Equalizer.mix([(tilt(-4.0, 4.0), 0.5), (Equalizer.flat(), 0.5)])
    assert np.allclose(mixed.gains_db, tilt(-2.0, 2.0).gains_db, atol=0.01)


@pytest.mark.parametrize("gains", [(0.0,) * (BANDS - 1), (float("nan"),) * BANDS])
def test_malformed_gains_are_refused(gains: tuple[float, ...]) -> None:
    with pytest.raises(ValueError):
        Equalizer(gains)
