"""Cloning fixtures: a private object graph (clones never leak into the shared ``services``), a stock
voice held out of the basis, its synthesised sample, and one leave-one-out clone shared by the tests."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.conftest import voices_dir
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.encode import encode
from vocalis.audio.formats import AudioFormat
from vocalis.cloning.consent import Consent
from vocalis.cloning.registry import ClonedVoices, NewVoice
from vocalis.cloning.search import SearchSettings
from vocalis.cloning.service import VoiceCloner
from vocalis.cloning.store import StoredClone, new_voice_id
from vocalis.config import CloningSettings, Settings
from vocalis.engines.kokoro import KokoroEngine
from vocalis.engines.speaker import VoiceFilterEncoder
from vocalis.engines.vad import SileroVad
from vocalis.services import Services, build_services
from vocalis.speech.request import SpeechRequest
from vocalis.store.blobs import BlobStore
from vocalis.store.db import Database

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
def clone_services(tmp_path_factory: pytest.TempPathFactory, profile_cache: Path) -> Services:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("clone-data"),
        voices_dir=voices_dir(),
        cloning=CloningSettings(profile_cache=profile_cache),  # leave-one-out sets its own budget
    )
    return build_services(settings)


@pytest.fixture(scope="session")
def registry(clone_services: Services) -> ClonedVoices:
    """Cloned voices in a SQLite database of their own, resolvable through ``clone_services``."""
    settings = clone_services.settings
    database = Database(settings.database_url)
    database.upgrade()
    engine = clone_services.engines.get_tts("kokoro")
    assert isinstance(engine, KokoroEngine)
    clones = ClonedVoices(database, BlobStore(settings.audio_dir), engine)
    clone_services.voices.attach(clones)
    return clones


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
def loo_clone(cloner: VoiceCloner, held_out_sample: AudioChunk, registry: ClonedVoices) -> StoredClone:
    """am_michael cloned from its own ~20 s sample by a search that cannot use am_michael's pack,
    then stored (no owner: the CLI's way) so that it resolves by id."""
    data = wav_bytes(held_out_sample)
    consent = Consent.from_statement(CONSENT)
    voice_id = new_voice_id()
    clone = cloner.clone(data, voice_id=voice_id, name="Michael LOO", consent=consent, settings=TEST_SEARCH)
    registry.create(
        voice_id,
        NewVoice(
            owner_id=None, name="Michael LOO", description="", labels={}, consent=consent, filename=None,
            sample_wav=encode(held_out_sample, AudioFormat.WAV), sample_seconds=held_out_sample.duration,
            sample_rate=held_out_sample.sample_rate,
        ),
    )  # fmt: skip
    assert registry.finish(None, voice_id, clone.record, clone.table)
    return clone


def noise(seconds: float, rate: int = 24_000, level: float = 0.05, seed: int = 0) -> AudioChunk:
    rng = np.random.default_rng(seed)
    return AudioChunk((rng.standard_normal(round(seconds * rate)) * level).astype(np.float32), rate)
