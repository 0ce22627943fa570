"""Voice activity: agreement with a hand-labelled real recording, streaming, and the segmenter rules."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.analysis.talks import SHARED_AUDIO, load_noise
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode_file
from vocalis.audio.resample import resample
from vocalis.engines.protocols import SpeechSpan, VoiceActivity, VoiceActivityStream
from vocalis.engines.vad import SegmenterSettings, SileroVad, segments_from_probabilities

STEP = 0.01  # agreement is counted on a 10 ms grid


def labelled_speech() -> tuple[list[tuple[float, float]], float]:
    """The labelled speech segments of vad_train.wav (per 2 s window) and how far the labels reach."""
    labels = json.loads((SHARED_AUDIO / "vad_train.json").read_text())
    spans, covered = [], 0.0
    for example in labels.values():
        offset = example["wav"]["start"] / 16_000
        bounds = [float(x) for x in example["speech"].split()]
        spans += [(offset + bounds[i], offset + bounds[i + 1]) for i in range(0, len(bounds), 2)]
        covered = max(covered, example["wav"]["stop"] / 16_000)
    return spans, covered


def frame_agreement(truth: list[tuple[float, float]], found: tuple[SpeechSpan, ...], until: float) -> float:
    centres = np.arange(0, until, STEP) + STEP / 2
    expected = np.zeros(len(centres), bool)
    detected = np.zeros(len(centres), bool)
    for start, end in truth:
        expected |= (centres >= start) & (centres < end)
    for span in found:
        detected |= (centres >= span.start) & (centres < span.end)
    return float(np.mean(expected == detected))


def test_engine_implements_the_protocol() -> None:
    vad = SileroVad()
    assert isinstance(vad, VoiceActivity)
    assert isinstance(vad.open_stream(), VoiceActivityStream)
    assert vad.capabilities.window_samples == 512 and vad.capabilities.streaming


def test_agrees_with_labelled_real_speech() -> None:
    audio = decode_file(SHARED_AUDIO / "vad_train.wav")
    truth, covered = labelled_speech()
    found = SileroVad().speech_segments(audio)
    agreement = frame_agreement(truth, found, covered)
    print(f"VAD frame agreement on vad_train.wav: {agreement:.4f}")
    assert agreement >= 0.93  # measured 0.9675: segment edges differ by a window or two
    assert len([s for s in found if s.start < covered]) == len(truth)


def test_quiet_real_speech_is_still_heard() -> None:
    """Near-digital silence skips the model; a quiet speaker (speech at -45 dBFS RMS, 25 dB below a
    normal recording level) must still be found as well as at full level."""
    audio = decode_file(SHARED_AUDIO / "vad_train.wav")
    rms = float(np.sqrt(np.mean(audio.samples.astype(np.float64) ** 2)))
    quiet = AudioChunk(audio.samples * np.float32(10 ** (-45 / 20) / rms), audio.sample_rate)
    truth, covered = labelled_speech()
    assert frame_agreement(truth, SileroVad().speech_segments(quiet), covered) >= 0.93


def test_near_silence_is_not_speech_and_skips_the_model() -> None:
    dither = np.random.default_rng(0).standard_normal(16_000 * 60).astype(np.float32) * np.float32(3 / 32768)
    assert SileroVad().speech_segments(AudioChunk(dither, 16_000)) == ()
    stream = SileroVad().open_stream()
    assert set(stream.process(dither[:16_000])) == {0.0}  # exactly zero: the model was not asked


def test_agrees_with_labels_under_added_noise() -> None:
    audio = decode_file(SHARED_AUDIO / "vad_train.wav")
    noise = resample(load_noise("noise5"), 16_000).samples[: len(audio.samples)]
    speech_rms = float(np.sqrt(np.mean(audio.samples.astype(np.float64) ** 2)))
    noise_rms = float(np.sqrt(np.mean(noise.astype(np.float64) ** 2)))
    mixed = AudioChunk((audio.samples + noise * np.float32(speech_rms / noise_rms / 10 ** (10 / 20))), 16_000)
    truth, covered = labelled_speech()
    assert frame_agreement(truth, SileroVad().speech_segments(mixed), covered) >= 0.88


def test_streaming_gives_the_same_probabilities() -> None:
    audio = decode_file(SHARED_AUDIO / "vad_train.wav")
    vad = SileroVad()
    whole = vad.speech_probabilities(audio)
    stream = vad.open_stream()
    pieces = [
        p for i in range(0, len(audio.samples), 1600) for p in stream.process(audio.samples[i : i + 1600])
    ]
    assert len(pieces) == len(audio.samples) // 512
    assert np.allclose(pieces, whole[: len(pieces)], atol=1e-6)


def test_silence_and_other_rates() -> None:
    vad = SileroVad()
    assert vad.speech_segments(AudioChunk.silence(3.0, 16_000)) == ()
    assert vad.speech_segments(AudioChunk(np.zeros(0, np.float32), 16_000)) == ()
    audio = decode_file(SHARED_AUDIO / "vad_train.wav")
    at_8k = vad.speech_segments(resample(audio, 8_000))
    at_16k = vad.speech_segments(audio)
    assert len(at_8k) == len(at_16k)
    assert [s.start for s in at_8k] == pytest.approx([s.start for s in at_16k], abs=0.1)


def test_segmenter_hysteresis_and_minimums() -> None:
    w = 0.032
    # A dip to 0.4 (between the thresholds) does not split; one quiet window under 0.1 s neither.
    probs = [0.0] * 5 + [0.9] * 10 + [0.4] * 3 + [0.9] * 5 + [0.1] * 2 + [0.9] * 5 + [0.0] * 10
    (span,) = segments_from_probabilities(probs, w)
    assert span.start == pytest.approx(5 * w) and span.end == pytest.approx(30 * w)
    # A silence of 0.1 s or more splits; a blip shorter than min_speech is dropped.
    probs = [0.9] * 10 + [0.0] * 4 + [0.9] * 10 + [0.0] * 10 + [0.9] * 2 + [0.0] * 10
    spans = segments_from_probabilities(probs, w, SegmenterSettings(min_speech_s=0.1))
    assert [(round(s.start / w), round(s.end / w)) for s in spans] == [(0, 10), (14, 24)]
    # Speech still open at the end is closed there.
    assert segments_from_probabilities([0.0, 0.9, 0.9, 0.9, 0.9], w)[-1].end == pytest.approx(5 * w)
