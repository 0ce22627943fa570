"""Shared fixtures: real engines on tiny inputs, loaded once per test session."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jiwer
import pytest

from vocalis.audio.chunk import AudioChunk
from vocalis.config import AuthSettings, CloningSettings, Settings
from vocalis.engines.whisper import WhisperEngine
from vocalis.graph import Vocalis, build_graph

pytest_plugins = ["tests.databases", "tests.chat_server"]

REPO = Path(__file__).resolve().parent.parent
SHARED_VOICES = REPO.parent / "shared" / "models" / "kokoro-voices"


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist each worker (and the servers it starts) runs its models on one thread, one
    Whisper read at a time: the workers (``scripts/test`` starts three on two cores) then keep both
    cores busy, where onnxruntime's and CTranslate2's thread pools would otherwise spin against each
    other.

    Whisper there runs at the live audio path's priority (niceness 0, not 10). Its lower priority
    protects a server's audio from its own reads, but here the load beside a live test is the other
    workers' batch work at niceness 0: against two busy workers a niced read gets a few percent of a
    core. The coach e2e test then saw no words in 20 s in CI (passes alone, fails beside two busy
    loops at 10, passes beside them at 0)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        for name in (
            "VOCALIS_ENGINES__ONNX_THREADS",
            "VOCALIS_ENGINES__WHISPER_THREADS",
            "VOCALIS_ENGINES__WHISPER_WORKERS",
            "OMP_NUM_THREADS",
        ):
            os.environ.setdefault(name, "1")
        os.environ.setdefault("VOCALIS_ENGINES__WHISPER_NICENESS", "0")


# The files that take longest, longest first (wall seconds under ``scripts/test`` on a 2-core Intel Xeon,
# 2026-12-07): the workers take their work in collection order (``pytest_xdist_make_scheduler`` below),
# so starting with these lets the workers finish together instead of one running a long file alone at
# the end.
SLOWEST_FILES = (
    "tests/bench/test_smoke.py",  # 458 in all, one bench per unit: cloning 140, interview 135, ...
    "tests/cloning/test_clone.py",  # 251
    "tests/e2e/test_history.py",  # 207
    "tests/speech/test_languages.py",  # 204
    "tests/e2e/test_interview.py",  # 194
    "tests/api/test_sdk_contract.py",  # 191
    "tests/jobs/test_celery.py",  # 180
    "tests/cli/test_say.py",  # 172
    "tests/cloning/test_restart.py",  # 136
    "tests/api/test_voice_cloning.py",  # 131
    "tests/e2e/test_cloning.py",  # 126
    "tests/api/test_interview_live.py",  # 189 with a Kokoro interviewer, about 125 since
    "tests/e2e/test_accessibility.py",  # 110
    "tests/speech/test_ssml.py",  # 108
    "tests/cli/test_voices_clone.py",  # 100
    "tests/api/test_server_behaviour.py",  # 81
    "tests/cli/test_interview.py",  # 75
    "tests/e2e/test_coach.py",  # 74
    "tests/api/test_coaching_live.py",  # 62
    "tests/interview/test_sound.py",  # 61
    "tests/cli/test_coach.py",  # 52
    "tests/api/test_schemathesis.py",  # 51
)
# Files whose tests share nothing expensive (each bench smoke is its own subprocess): their tests are
# spread over the workers one by one. Every other file is one unit of work, so its module fixtures
# (servers, clones, browsers) are built once.
SPREAD_FILES = frozenset({"tests/bench/test_smoke.py"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(SLOWEST_FILES)}
    items.sort(
        key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank))
    )  # stable: the rest keep order


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """One unit of work per file (per test in ``SPREAD_FILES``), handed out in collection order.

    (pytest-xdist's own ``loadgroup`` cannot do this under pytest 9: it renames items through an
    attribute pytest 9 no longer reads; and its ``loadfile`` reorders files by their number of
    tests, which put the few long files last.)"""
    from xdist.scheduler import LoadScopeScheduling

    class ByFile(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::")[0]
            return nodeid if path in SPREAD_FILES else path

    config.option.loadscopereorder = False
    return ByFile(config, log)


def voices_dir() -> Path:
    configured = os.environ.get("VOCALIS_VOICES_DIR")
    path = Path(configured) if configured else SHARED_VOICES
    if not path.is_dir():
        pytest.fail(f"the Kokoro voice packs are needed for the tests: set VOCALIS_VOICES_DIR (tried {path})")
    return path


# Clones made in tests spend 4 search renders instead of the default 50 and are compared with the
# nearest stock voice only (the leave-one-out test and the benchmark run the full comparison).
TEST_CLONE_EVALUATIONS = 4


# Password hashes at argon2id's lowest cost: ~8 ms each instead of ~0.2 s at the default (RFC 9106), and
# the tests make and check hundreds (every new user, sign-in and server start). The default cost has
# its own test (tests/accounts/test_passwords.py).
QUICK_PASSWORD_HASHING = {"password_time_cost": 1, "password_memory_kib": 1024, "password_parallelism": 1}


def quick_auth(**fields: Any) -> AuthSettings:
    """Auth settings for a test: ``fields`` as given, password hashing at the lowest cost."""
    return AuthSettings(**{**QUICK_PASSWORD_HASHING, **fields})


@pytest.fixture(scope="session")
def profile_cache(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """How the stock voices sound to the cloning search, cached across tests and runs (~30 s to make)."""
    cache = getattr(request.config, "cache", None)  # None under -p no:cacheprovider
    folder = Path(cache.mkdir("vocalis-clone-profiles")) if cache else tmp_path_factory.mktemp("profiles")
    return folder / "stock-profiles.json"


@pytest.fixture(scope="session")
def embedding_cache(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sentence embeddings shared by every process of the run (and later runs): each interview server,
    CLI run and benchmark would otherwise embed the scenario library's key points again (seconds each)."""
    cache = getattr(request.config, "cache", None)
    folder = (
        Path(cache.mkdir("vocalis-sentence-embeddings")) if cache else tmp_path_factory.mktemp("embeddings")
    )
    return folder / "sentence-embeddings.sqlite3"


@pytest.fixture(autouse=True)
def _isolated_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, profile_cache: Path, embedding_cache: Path
) -> None:
    """Tests never read or write the developer's ./data; CLI subprocesses see the voice packs."""
    monkeypatch.setenv("VOCALIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("VOCALIS_VOICES_DIR", str(voices_dir()))
    monkeypatch.setenv("VOCALIS_CLONING__PROFILE_CACHE", str(profile_cache))
    monkeypatch.setenv("VOCALIS_ENGINES__EMBEDDING_CACHE", str(embedding_cache))
    monkeypatch.setenv("VOCALIS_CLONING__EVALUATIONS", str(TEST_CLONE_EVALUATIONS))
    monkeypatch.setenv("VOCALIS_CLONING__JUDGED_STOCK", "1")
    for name, value in QUICK_PASSWORD_HASHING.items():
        monkeypatch.setenv(f"VOCALIS_AUTH__{name.upper()}", str(value))


@pytest.fixture(scope="session")
def settings(
    tmp_path_factory: pytest.TempPathFactory, profile_cache: Path, embedding_cache: Path
) -> Settings:
    made = Settings(
        data_dir=tmp_path_factory.mktemp("data"),
        voices_dir=voices_dir(),
        cloning=CloningSettings(
            profile_cache=profile_cache, evaluations=TEST_CLONE_EVALUATIONS, judged_stock=1
        ),
        auth=quick_auth(),
    )
    # (the engine settings otherwise come from the environment: one thread each under pytest-xdist)
    engines = made.engines.model_copy(update={"embedding_cache": embedding_cache})
    return made.model_copy(update={"engines": engines})


@pytest.fixture(scope="session")
def services(settings: Settings) -> Vocalis:
    return build_graph(settings)


@pytest.fixture(scope="session")
def whisper(services: Vocalis) -> WhisperEngine:
    stt = services.engines.speech_to_text()
    assert isinstance(stt, WhisperEngine)
    return stt


def words_of(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9' ]", " ", text.lower().replace("-", " ")).split())


def word_error_rate(reference: str, hypothesis: str) -> float:
    return float(jiwer.wer(words_of(reference), words_of(hypothesis)))


@pytest.fixture(scope="session")
def transcribe(whisper: WhisperEngine) -> Callable[[AudioChunk], str]:
    def run(audio: AudioChunk) -> str:
        return whisper.transcribe(audio).text

    return run
