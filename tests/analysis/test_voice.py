"""Loudness, pitch and volume problems, on signals whose true values are known."""

from __future__ import annotations

import numpy as np
import pytest

from tests.analysis.talks import Talk, say
from vocalis.analysis import SpeechAnalyzer, loudness, pitch
from vocalis.analysis.voice import clipped_fraction, pitch_metrics, signal_to_noise, volume_metrics
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.resample import resample
from vocalis.engines.protocols import SpeechSpan
from vocalis.engines.vad import SileroVad
from vocalis.graph import Vocalis


def tone(f0: float, seconds: float, rate: int = 16_000, amplitude: float = 0.3) -> AudioChunk:
    """A voiced-like tone: the fundamental and two weaker harmonics."""
    t = np.arange(round(seconds * rate)) / rate
    wave = sum(amplitude / k * np.sin(2 * np.pi * k * f0 * t) for k in (1, 2, 3))
    return AudioChunk(np.asarray(wave, dtype=np.float32), rate)


@pytest.mark.parametrize("f0", [85.0, 120.0, 220.0, 330.0])
@pytest.mark.parametrize("rate", [16_000, 44_100])
def test_pitch_of_a_tone_is_exact(f0: float, rate: int) -> None:
    frames = pitch.track(tone(f0, 1.5, rate).samples, rate)
    assert np.isfinite(frames.f0).all()
    assert float(np.median(frames.f0)) == pytest.approx(f0, abs=1.0)
    metrics = pitch_metrics(frames, [SpeechSpan(0.0, 1.5)])
    assert metrics is not None and metrics.monotone and metrics.variation_semitones < 0.1


def test_a_gliding_tone_is_not_monotone() -> None:
    rate = 16_000
    t = np.arange(2 * rate) / rate
    f0 = 120 * 2 ** (t / 2)  # one octave up over two seconds
    wave = 0.3 * np.sin(2 * np.pi * np.cumsum(f0) / rate)
    metrics = pitch_metrics(pitch.track(wave.astype(np.float32), rate), [SpeechSpan(0, 2)])
    assert metrics is not None and not metrics.monotone
    assert metrics.range_semitones == pytest.approx(12 * 0.9, abs=1.0)  # 5th to 95th percentile


def test_noise_and_silence_have_no_pitch() -> None:
    noise = np.random.default_rng(1).standard_normal(16_000).astype(np.float32) * 0.1
    assert np.isnan(pitch.track(noise, 16_000).f0).mean() > 0.95
    assert np.isnan(pitch.track(np.zeros(16_000, np.float32), 16_000).f0).all()


def test_streaming_pitch_matches_whole() -> None:
    audio = tone(150.0, 1.0)
    tracker = pitch.PitchTracker(16_000)
    pieces = [tracker.push(audio.samples[i : i + 1600]) for i in range(0, 16_000, 1600)]
    streamed = np.concatenate([p.f0 for p in pieces])
    whole = pitch.track(audio.samples, 16_000)
    assert np.allclose(streamed, whole.f0[: len(streamed)])
    assert np.allclose(np.concatenate([p.times for p in pieces]), whole.times[: len(streamed)])


def test_female_voice_is_higher_than_male(services: Vocalis) -> None:
    sentence = "Every morning I walk along the river to the old station."
    vad = SileroVad()
    medians = {}
    for voice in ("af_heart", "am_michael"):
        audio = resample(say(services, sentence, voice), 16_000)
        metrics = pitch_metrics(pitch.track(audio.samples, 16_000), vad.speech_segments(audio))
        assert metrics is not None
        medians[voice] = metrics.median_hz
    assert 150 < medians["af_heart"] < 300 and 70 < medians["am_michael"] < 160
    assert medians["af_heart"] > 1.4 * medians["am_michael"]


@pytest.mark.parametrize("rate", [16_000, 44_100, 48_000])
def test_loudness_of_the_standard_reference_tone(rate: int) -> None:
    """BS.1770: a 997 Hz sine at -20 dBFS peak reads -23 LUFS (-3.01 LUFS at full scale)."""
    sine = (0.1 * np.sin(2 * np.pi * 997.0 * np.arange(5 * rate) / rate)).astype(np.float32)
    assert loudness.integrated_loudness(sine, rate) == pytest.approx(
        -23.0, abs=0.05 if rate >= 44_100 else 0.1
    )


def test_gating_ignores_silence_and_streaming_filter_matches() -> None:
    rate = 48_000
    sine = (0.1 * np.sin(2 * np.pi * 997.0 * np.arange(3 * rate) / rate)).astype(np.float32)
    with_silence = np.concatenate([sine, np.zeros(5 * rate, np.float32)])
    # The blocks straddling the end of the tone pass the relative gate and pull slightly down; an
    # ungated average over the silence would read -26.3.
    assert loudness.integrated_loudness(with_silence, rate) == pytest.approx(-23.0, abs=0.3)
    assert loudness.integrated_loudness(np.zeros(rate, np.float32), rate) == loudness.FLOOR_LUFS
    flt = loudness.KWeightingFilter(rate)
    streamed = np.concatenate([flt.process(sine[i : i + 4800]) for i in range(0, len(sine), 4800)])
    assert np.allclose(streamed, loudness.k_weighted(sine, rate), atol=1e-9)


def test_too_quiet_and_clipped_recordings(analyzer: SpeechAnalyzer, services: Vocalis) -> None:
    audio = say(services, "Thank you all for coming to this short meeting today.", "heart")
    spans = SileroVad().speech_segments(resample(audio, 16_000))
    quiet = AudioChunk(audio.samples * np.float32(0.01), audio.sample_rate)
    quiet_volume = volume_metrics(quiet, resample(quiet, 16_000), spans)
    assert quiet_volume.too_quiet and quiet_volume.integrated_lufs < -55
    loud = AudioChunk(np.clip(audio.samples * 8, -1, 1).astype(np.float32), audio.sample_rate)
    loud_volume = volume_metrics(loud, resample(loud, 16_000), spans)
    assert loud_volume.clipping and 0.01 < loud_volume.clipped_fraction < 0.5
    result = analyzer.analyze(loud, language="en")
    clipping = [f for f in result.feedback if f.category == "volume" and "clipped" in f.message]
    assert clipping and clipping[0].suggestions


def test_a_voice_that_drops_is_reported(services: Vocalis) -> None:
    loud = say(services, "Our results this quarter were the best we have ever had in this company.", "heart")
    quiet = say(services, "But the costs went up a lot more than we expected in every team.", "heart")
    audio = AudioChunk(np.concatenate([loud.samples, quiet.samples * np.float32(0.15)]), loud.sample_rate)
    speech16k = resample(audio, 16_000)
    volume = volume_metrics(audio, speech16k, SileroVad().speech_segments(speech16k))
    assert len(volume.quiet_stretches) >= 1
    first = volume.quiet_stretches[0]
    assert first.start == pytest.approx(loud.duration, abs=0.6) and first.end > first.start + 1.0


def test_clipping_needs_a_flattened_run() -> None:
    samples = np.zeros(1000, np.float32)
    samples[100] = 1.0  # one full-scale sample, as peak normalisation leaves
    assert clipped_fraction(samples) == 0.0
    samples[500:510] = 1.0
    assert clipped_fraction(samples) == pytest.approx(10 / 1000)


@pytest.mark.parametrize("snr_db", [5.0, 10.0, 20.0, 30.0])
def test_snr_estimate_across_levels(talk: Talk, snr_db: float) -> None:
    from tests.analysis.talks import load_noise, with_noise

    noisy = with_noise(talk, snr_db, load_noise("noise3"))
    _, _, estimate = signal_to_noise(noisy, SileroVad().speech_segments(noisy))
    assert estimate == pytest.approx(snr_db, abs=3.0)
