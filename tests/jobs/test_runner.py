"""Running jobs: seamless audio identical to one uninterrupted run, resumed work, retries, failures."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.jobs.conftest import TEXT, FlakyEngine, make_runtime, new_job
from vocalis.audio.decode import decode
from vocalis.audio.formats import AudioFormat
from vocalis.engines.registry import EngineRegistry
from vocalis.engines.testing import ToneEngine
from vocalis.errors import StorageUnavailable
from vocalis.jobs.models import JobStatus
from vocalis.jobs.runtime import JobsRuntime
from vocalis.speech.request import SpeechRequest
from vocalis.speech.run import OutputSpec, SynthesisRun
from vocalis.speech.service import SpeechService
from vocalis.voices.library import VoiceLibrary


def _clean_run(tone: ToneEngine, fmt: AudioFormat = AudioFormat.WAV, voice: str = "tone_a") -> bytes:
    """The same text rendered in one go by the same engine, outside any job."""
    engines = EngineRegistry()
    engines.add_tts(tone)
    speech = SpeechService(engines, VoiceLibrary(engines))
    return SynthesisRun(speech, speech.plan(SpeechRequest(TEXT, voice)), OutputSpec(fmt)).read_all()


def _stop_after(tone: ToneEngine, renders: int, then: Callable[[], object]) -> None:
    """Make ``tone`` call ``then`` when it starts its render number ``renders + 1``."""
    original = tone.render

    def render(*args: Any) -> Any:
        if tone.renders == renders:
            then()
        return original(*args)

    tone.render = render  # type: ignore[method-assign]


def _run(rt: JobsRuntime, stop: threading.Event | None = None, worker: str = "w") -> str:
    claim = rt.claims.claim_next(worker)
    assert claim is not None
    return rt.runner.run(claim, stop or threading.Event()).status


def test_a_job_makes_the_same_audio_as_one_uninterrupted_run(runtime: JobsRuntime, tone: ToneEngine) -> None:
    job = runtime.repository.create(new_job(format=AudioFormat.WAV)).job
    assert _run(runtime) == "succeeded"
    done = runtime.repository.get(job.id, owner_id="owner")
    assert (done.status, done.chunks_done, done.chunks_total, done.model) == (
        JobStatus.SUCCEEDED,
        10,
        10,
        "tone",
    )
    record = runtime.history.get(done.synthesis_id or "", owner_id="owner")
    audio = runtime.blobs.path(record.audio_key).read_bytes()
    clean = _clean_run(tone)
    # Same samples; only the header differs: the job's wav knows its length, a stream's cannot.
    assert audio[44:] == clean[44:] and int.from_bytes(audio[40:44], "little") == len(audio) - 44
    assert decode(audio).duration == pytest.approx(done.audio_seconds, abs=0.001)
    assert (record.source, record.characters, record.format) == ("job", len(TEXT), "wav")
    assert runtime.parts.job_ids() == []  # part files are gone once the file is assembled


def test_a_stopped_job_resumes_where_it_stopped_without_rendering_again(tmp_path: Path) -> None:
    tone = ToneEngine(seconds_per_char=0.01)
    rt = make_runtime(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}", tone)
    job = rt.repository.create(new_job(format=AudioFormat.MP3)).job
    stop = threading.Event()
    _stop_after(tone, 3, stop.set)
    assert _run(rt, stop, "first") == "released"
    halfway = rt.repository.get(job.id, owner_id="owner")
    assert halfway.status is JobStatus.QUEUED and halfway.chunks_done == 4
    assert _run(rt, worker="second") == "succeeded"
    assert tone.renders == 10  # every chunk rendered exactly once across both workers
    record = rt.history.get(rt.repository.get(job.id, owner_id="owner").synthesis_id or "", owner_id="owner")
    # The parts hold 16-bit samples and the uninterrupted run encodes floats: equal up to that rounding.
    ours, clean = (
        decode(rt.blobs.path(record.audio_key).read_bytes()),
        decode(_clean_run(tone, AudioFormat.MP3)),
    )
    assert len(ours.samples) == len(clean.samples)
    assert np.abs(ours.samples - clean.samples).max() < 0.01
    rt.database.dispose()


def test_a_damaged_part_is_rendered_again(sqlite_runtime: JobsRuntime, tone: ToneEngine) -> None:
    rt = sqlite_runtime
    job = rt.repository.create(new_job(format=AudioFormat.WAV)).job
    stop = threading.Event()
    _stop_after(tone, 0, stop.set)  # renders the first chunk, saves it, stops
    assert _run(rt, stop) == "released"
    (segment,) = rt.claims.segments(job.id)
    rt.blobs.path(segment.part_key).write_bytes(b"\x00" * segment.part_bytes)  # e.g. lost in a power cut
    assert _run(rt) == "succeeded"
    assert tone.renders == 11
    record = rt.history.get(rt.repository.get(job.id, owner_id="owner").synthesis_id or "", owner_id="owner")
    assert rt.blobs.path(record.audio_key).read_bytes()[44:] == _clean_run(tone)[44:]


def test_a_failed_chunk_is_retried(tmp_path: Path) -> None:
    flaky = FlakyEngine("number four", failures=2)
    rt = make_runtime(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}", flaky)
    job = rt.repository.create(new_job(voice="flaky")).job
    assert _run(rt) == "succeeded"
    assert flaky.failures == 0  # it did fail twice
    assert rt.repository.get(job.id, owner_id="owner").chunks_done == 10
    rt.database.dispose()


def test_a_job_that_cannot_finish_says_why(tmp_path: Path) -> None:
    rt = make_runtime(
        tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}", FlakyEngine("number four", failures=99)
    )
    job = rt.repository.create(new_job(voice="flaky")).job
    assert _run(rt) == "failed"
    failed = rt.repository.get(job.id, owner_id="owner")
    assert failed.error_code == "engine_failure"
    assert failed.error_message == "text chunk 4 of 10 failed 3 times: the engine hiccuped"
    assert failed.synthesis_id is None and rt.parts.job_ids() == []
    rt.database.dispose()


def test_retryable_failures_go_back_to_the_queue_with_back_off(tmp_path: Path) -> None:
    flaky = FlakyEngine("number four", failures=3, error=StorageUnavailable)
    rt = make_runtime(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}", flaky)
    job = rt.repository.create(new_job(voice="flaky")).job
    claim = rt.claims.claim_next("w")
    assert claim is not None
    outcome = rt.runner.run(claim, threading.Event())
    assert outcome.status == "retry" and outcome.retry_in == pytest.approx(0.05)
    queued = rt.repository.get(job.id, owner_id="owner")
    assert (queued.status, queued.retries, queued.chunks_done, queued.error_code) == (
        JobStatus.QUEUED, 1, 3, "storage_unavailable",
    )  # fmt: skip
    rt.database.dispose()


def test_bad_input_fails_at_once(sqlite_runtime: JobsRuntime) -> None:
    job = sqlite_runtime.repository.create(new_job(voice="nobody")).job
    assert _run(sqlite_runtime) == "failed"
    assert sqlite_runtime.repository.get(job.id, owner_id="owner").error_code == "unknown_voice"


def test_cancelling_stops_the_worker_and_discards_its_parts(
    sqlite_runtime: JobsRuntime, tone: ToneEngine
) -> None:
    rt = sqlite_runtime
    job = rt.repository.create(new_job()).job
    _stop_after(tone, 2, lambda: rt.repository.cancel(job.id, owner_id="owner"))
    assert _run(rt) == "lost"
    assert tone.renders <= 4
    assert rt.repository.get(job.id, owner_id="owner").status is JobStatus.CANCELLED
    assert rt.parts.job_ids() == []
