"""Background noise reduction on real steady noise: the noise drops, the words stay."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import soundfile as sf

from tests.analysis.talks import SHARED_AUDIO
from tests.conftest import word_error_rate
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.denoise import reduce_noise
from vocalis.audio.resample import resample
from vocalis.graph import Vocalis
from vocalis.speech.request import SpeechRequest

TEXT = "The quarterly report is ready. Please read it before the meeting on Thursday afternoon."


def _db(x: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(x.astype(np.float64) ** 2) + 1e-12))


def test_noise_is_reduced_and_speech_kept(services: Vocalis, transcribe: Callable[[AudioChunk], str]) -> None:
    speech = services.speech.synthesize(services.speech.plan(SpeechRequest(TEXT, "af_heart")))
    speech = resample(speech, 16_000)
    noise, rate = sf.read(SHARED_AUDIO / "noise3.wav", dtype="float32")
    noise = noise if noise.ndim == 1 else noise.mean(axis=1)
    assert rate == 16_000
    lead = 16_000  # one second of noise alone before the speech
    noise = np.resize(noise, len(speech.samples) + lead).astype(np.float32)
    noise *= 10 ** ((_db(speech.samples) - _db(noise) - 5) / 20)  # 5 dB SNR
    noisy = AudioChunk(noise + np.concatenate([np.zeros(lead, np.float32), speech.samples]), 16_000)

    cleaned = reduce_noise(noisy)
    assert cleaned.sample_rate == 16_000 and len(cleaned.samples) == len(noisy.samples)
    # The noise alone falls by at least 6 dB; speech loses under 3 dB.
    assert _db(cleaned.samples[: lead - 800]) < _db(noisy.samples[: lead - 800]) - 6
    voiced = slice(lead, len(noisy.samples))
    assert _db(cleaned.samples[voiced]) > _db(speech.samples) - 3
    assert word_error_rate(TEXT, transcribe(cleaned)) <= word_error_rate(TEXT, transcribe(noisy))
    assert word_error_rate(TEXT, transcribe(cleaned)) <= 0.1


def test_short_or_silent_audio_is_left_alone() -> None:
    short = AudioChunk(np.ones(100, np.float32) * 0.1, 16_000)
    assert reduce_noise(short) is short
    silent = reduce_noise(AudioChunk(np.zeros(16_000, np.float32), 16_000))
    assert not silent.samples.any()
