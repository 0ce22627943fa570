"""Job fixtures: a jobs runtime on a real database (SQLite and PostgreSQL) with test engines."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from vocalis.audio.chunk import AudioChunk
from vocalis.config import JobSettings, Settings
from vocalis.engines.protocols import PreparedText, VoiceInfo, VoiceMix
from vocalis.engines.registry import EngineRegistry
from vocalis.engines.testing import ToneEngine
from vocalis.errors import EngineFailure
from vocalis.graph import build_graph
from vocalis.jobs.models import NewJob, SpeechSpec
from vocalis.jobs.runtime import JobsRuntime

FAST_JOBS = JobSettings(
    heartbeat_s=0.1, stale_after_s=1.0, poll_s=0.05, commit_every_s=0.0, retry_backoff_s=0.05
)
# Ten sentences: ten chunks.
TEXT = " ".join(f"Sentence number {n} is here." for n in range(1, 11))


class FlakyEngine(ToneEngine):
    """A tone engine whose renders of texts containing ``trigger`` fail ``failures`` times."""

    name = "flaky"

    def __init__(self, trigger: str, failures: int, error: type[Exception] = EngineFailure) -> None:
        super().__init__(seconds_per_char=0.01)
        self.trigger, self.failures, self.error = trigger, failures, error
        self._flaky_lock = threading.Lock()

    def voices(self) -> Sequence[VoiceInfo]:
        return [dataclasses.replace(super().voices()[0], id="flaky", engine="flaky")]

    def render(self, prepared: PreparedText, voice: VoiceMix, speed: float) -> AudioChunk:
        if self.trigger in prepared.text:
            with self._flaky_lock:
                if self.failures > 0:
                    self.failures -= 1
                    raise self.error("the engine hiccuped")
        return super().render(prepared, voice, speed)


def make_runtime(
    tmp_path: Path, database_url: str, *engines: object, jobs: JobSettings = FAST_JOBS
) -> JobsRuntime:
    registry = EngineRegistry()
    for engine in engines:
        registry.add_tts(engine)
    settings = Settings(data_dir=tmp_path / "data", database={"url": database_url}, jobs=jobs)
    return build_graph(settings, engines=registry).jobs_runtime


@pytest.fixture
def tone() -> ToneEngine:
    return ToneEngine(seconds_per_char=0.01)


@pytest.fixture
def runtime(tmp_path: Path, database_url: str, tone: ToneEngine) -> Iterator[JobsRuntime]:
    rt = make_runtime(tmp_path, database_url, tone)
    yield rt
    rt.database.dispose()


@pytest.fixture
def sqlite_runtime(tmp_path: Path, tone: ToneEngine) -> Iterator[JobsRuntime]:
    rt = make_runtime(tmp_path, f"sqlite:///{tmp_path / 'jobs.db'}", tone)
    yield rt
    rt.database.dispose()


def new_job(text: str = TEXT, voice: str = "tone_a", **spec: object) -> NewJob:
    spec.setdefault("timestamps", False)
    return NewJob(SpeechSpec(text=text, voice=voice, **spec), owner_id="owner")  # type: ignore[arg-type]
