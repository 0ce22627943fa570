"""Cloning fixtures: a private object graph (clones never leak into the shared ``services``), a stock
voice held out of the basis, its synthesised sample, and one leave-one-out clone shared by the tests."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.conftest import voices_dir
from vocalis.audio.chunk import AudioChunk
from vocalis.cloning.search import SearchSettings
from vocalis.cloning.service import VoiceCloner
from vocalis.cloning.store import StoredClone, clones_dir
from vocalis.config import Settings
from vocalis.engines.speaker import VoiceFilterEncoder
from vocalis.engines.vad import SileroVad
from vocalis.services import Services, build_services
from vocalis.speech.request import SpeechRequest

HELD_OUT_VOICE = "am_michael"
CONSENT = "I, Test Speaker, consent to Vocalis cloning my voice for automated tests, on 2026-11-22"
SAMPLE_TEXT = (
    "Every morning I walk to the little bakery on the corner and buy a loaf of fresh bread. "
    "The baker always smiles and asks about my family. Then I sit by the window, drink my coffee, "
    "and read the news before work. It is a small habit, but it makes the whole day feel calmer."
)
# Fewer renders than the default 50 keep the suite quick; the benchmark runs the full budget.
TEST_SEARCH = SearchSettings(evaluations=24, rerank=6, judged_stock=2)


def wav_bytes(audio: AudioChunk) -> bytes:
    buffer = io.BytesIO()
    sf.write(buffer, audio.samples, audio.sample_rate, format="WAV", subtype="PCM_16")
    return buffer.getvalue()


@pytest.fixture(scope="session")
def profile_cache(request: pytest.FixtureRequest) -> Path:
    """Stock-voice profiles survive between runs (they only change with the packs or the encoder)."""
    return Path(request.config.cache.mkdir("vocalis-clone-profiles")) / "stock-profiles.json"


@pytest.fixture(scope="session")
def clone_services(tmp_path_factory: pytest.TempPathFactory, profile_cache: Path) -> Services:
    settings = Settings(data_dir=tmp_path_factory.mktemp("clone-data"), voices_dir=voices_dir())
    cache = clones_dir(settings) / "cache" / "stock-profiles.json"
    if profile_cache.is_file():
        cache.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(profile_cache, cache)
    return build_services(settings)


@pytest.fixture(scope="session")
def say(clone_services: Services) -> Callable[[str, str], AudioChunk]:
    def run(text: str, voice: str) -> AudioChunk:
        speech = clone_services.speech
        return speech.synthesize(speech.plan(SpeechRequest(text=text, voice=voice)))

    return run


@pytest.fixture(scope="session")
def held_out_sample(say: Callable[[str, str], AudioChunk]) -> AudioChunk:
    return say(SAMPLE_TEXT, HELD_OUT_VOICE)


@pytest.fixture(scope="session")
def vad() -> SileroVad:
    return SileroVad()


@pytest.fixture(scope="session")
def encoder() -> VoiceFilterEncoder:
    return VoiceFilterEncoder()


@pytest.fixture(scope="session")
def cloner(clone_services: Services, vad: SileroVad, encoder: VoiceFilterEncoder) -> VoiceCloner:
    return VoiceCloner.from_services(
        clone_services, exclude=(HELD_OUT_VOICE,), vad=vad, search_encoder=encoder
    )


@pytest.fixture(scope="session")
def loo_clone(cloner: VoiceCloner, held_out_sample: AudioChunk, profile_cache: Path) -> StoredClone:
    """am_michael cloned from its own ~20 s sample by a search that cannot use am_michael's pack."""
    clone = cloner.clone(
        wav_bytes(held_out_sample), name="Michael LOO", consent=CONSENT, settings=TEST_SEARCH
    )
    if cloner.cache_file is not None and cloner.cache_file.is_file():
        shutil.copyfile(cloner.cache_file, profile_cache)
    return clone


def noise(seconds: float, rate: int = 24_000, level: float = 0.05, seed: int = 0) -> AudioChunk:
    rng = np.random.default_rng(seed)
    return AudioChunk((rng.standard_normal(round(seconds * rate)) * level).astype(np.float32), rate)
