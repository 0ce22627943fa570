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
from tests.shared_renders import rendered_once
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.encode import encode
from vocalis.audio.formats import AudioFormat
from vocalis.cloning.consent import Consent
from vocalis.cloning.repository import ClonedVoiceRepository, NewClonedVoice
from vocalis.cloning.result import CloneResult, new_voice_id
from vocalis.cloning.search import SearchSettings
from vocalis.cloning.service import VoiceCloner
from vocalis.config import CloningSettings, Settings
from vocalis.engines.speaker import VoiceFilterEncoder
from vocalis.engines.vad import SileroVad
from vocalis.graph import Vocalis, build_graph
from vocalis.speech.request import SpeechRequest

HELD_OUT_VOICE = "am_michael"
# The sample of the clones made through the API, the CLI, a restart and the browser (rendered once per run).
SAMPLE_VOICE = "bf_lily"
CONSENT = "I, Test Speaker, consent to Vocalis cloning my voice for automated tests, on 2026-11-22"
SAMPLE_TEXT = (
    "Every morning I walk to the little bakery on the corner and buy a loaf of fresh bread. "
    "The baker always smiles and asks about my family. Then I sit by the window, drink my coffee, "
    "and read the news before work. It is a small habit, but it makes the whole day feel calmer."
)
# Fewer renders than the default 50 keep the suite quick; the benchmark runs the full budget. The
# smoke bench's 2 evaluations already beat the nearest stock voice by 0.085 (the test asks for >= 0).
TEST_SEARCH = SearchSettings(evaluations=12, rerank=3, judged_stock=2)


def wav_bytes(audio: AudioChunk) -> bytes:
    buffer = io.BytesIO()
    sf.write(buffer, audio.samples, audio.sample_rate, format="WAV", subtype="PCM_16")
    return buffer.getvalue()


@pytest.fixture(scope="session")
def clone_services(tmp_path_factory: pytest.TempPathFactory, profile_cache: Path) -> Vocalis:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("clone-data"),
        voices_dir=voices_dir(),
        cloning=CloningSettings(profile_cache=profile_cache),  # leave-one-out sets its own budget
    )
    return build_graph(settings)


@pytest.fixture(scope="session")
def registry(clone_services: Vocalis) -> ClonedVoiceRepository:
    """Cloned voices in the SQLite database of ``clone_services``, resolvable through its voices."""
    return clone_services.cloned_voice_repository


@pytest.fixture(scope="session")
def say(clone_services: Vocalis) -> Callable[[str, str], AudioChunk]:
    def run(text: str, voice: str) -> AudioChunk:
        speech = clone_services.speech
        return speech.synthesize(speech.plan(SpeechRequest(text=text, voice=voice)))

    return run


@pytest.fixture(scope="session")
def held_out_sample(tmp_path_factory: pytest.TempPathFactory, clone_services: Vocalis) -> AudioChunk:
    # (once per run: the leave-one-out clone, the sample checks and the encoder tests may each be on
    # another worker, and ~20 s of Kokoro is ~18 CPU-s on a slow core)
    return rendered_once(tmp_path_factory, clone_services, SAMPLE_TEXT, HELD_OUT_VOICE)


@pytest.fixture(scope="session")
def vad() -> SileroVad:
    return SileroVad()


@pytest.fixture(scope="session")
def encoder() -> VoiceFilterEncoder:
    return VoiceFilterEncoder()


@pytest.fixture(scope="session")
def cloner(clone_services: Vocalis, vad: SileroVad, encoder: VoiceFilterEncoder) -> VoiceCloner:
    return clone_services.cloner(exclude=(HELD_OUT_VOICE,), vad=vad, search_encoder=encoder)


@pytest.fixture(scope="session")
def loo_clone(
    cloner: VoiceCloner, held_out_sample: AudioChunk, registry: ClonedVoiceRepository
) -> CloneResult:
    """am_michael cloned from its own ~20 s sample by a search that cannot use am_michael's pack,
    then stored (no owner: the CLI's way) so that it resolves by id."""
    data = wav_bytes(held_out_sample)
    consent = Consent.from_statement(CONSENT)
    voice_id = new_voice_id()
    clone = cloner.clone(data, voice_id=voice_id, name="Michael LOO", consent=consent, settings=TEST_SEARCH)
    registry.create(
        voice_id,
        NewClonedVoice(
            owner_id=None, name="Michael LOO", description="", labels={}, consent=consent, filename=None,
            sample_wav=encode(held_out_sample, AudioFormat.WAV), sample_seconds=held_out_sample.duration,
            sample_rate=held_out_sample.sample_rate,
        ),
    )  # fmt: skip
    assert registry.finish(voice_id, clone.record, clone.table)
    return clone


def noise(seconds: float, rate: int = 24_000, level: float = 0.05, seed: int = 0) -> AudioChunk:
    rng = np.random.default_rng(seed)
    return AudioChunk((rng.standard_normal(round(seconds * rate)) * level).astype(np.float32), rate)
