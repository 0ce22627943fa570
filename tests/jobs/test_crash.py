"""Kill a real server mid-job (SIGKILL), start it again: the job finishes, complete and correct."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

import httpx

from tests.conftest import word_error_rate
from tests.jobs.processes import BOOK, clean_run, process, segment_workers, serve_env, wait_for, wait_healthy
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode
from vocalis.audio.encode import encode
from vocalis.audio.formats import AudioFormat
from vocalis.graph import Vocalis
from vocalis.text.chunking import chunk_text


def test_a_job_survives_the_server_being_killed(
    tmp_path: Path, services: Vocalis, transcribe: Callable[[AudioChunk], str]
) -> None:
    env, base = serve_env(tmp_path / "data", VOCALIS_JOBS__COMMIT_EVERY_S="0.1")
    log = tmp_path / "serve.log"
    with process(["serve"], env, log) as first:
        wait_healthy(base, first)
        body = {"text": BOOK, "voice": "heart", "format": "wav", "options": {"timestamps": False}}
        job_id = httpx.post(f"{base}/v1/jobs", json=body, timeout=30).json()["id"]

        def some_done() -> dict[str, object] | None:
            job = httpx.get(f"{base}/v1/jobs/{job_id}", timeout=5).json()
            return job if job["progress"]["chunks_done"] >= 3 else None

        before = wait_for(some_done, 60, "progress")
        first.send_signal(signal.SIGKILL)
        first.wait()
    assert (
        before["status"] == "running"
        and before["progress"]["chunks_done"] < before["progress"]["chunks_total"]
    )

    with process(["serve"], env, log) as second:
        wait_healthy(base, second)

        def finished() -> dict[str, object] | None:
            job = httpx.get(f"{base}/v1/jobs/{job_id}", timeout=5).json()
            return job if job["status"] not in ("queued", "running") else None

        job = wait_for(finished, 90, "the job to finish")
        assert job["status"] == "succeeded", (job, log.read_text())
        audio = httpx.get(f"{base}/v1/jobs/{job_id}/audio", timeout=30).content
        history = httpx.get(f"{base}/v1/history", params={"source": "job"}, timeout=5).json()
    assert job["attempts"] == 2 and history["total"] == 1

    # Nothing lost, nothing twice: the segments tile the text, rendered partly before the kill.
    segments = segment_workers(f"sqlite:///{tmp_path / 'data' / 'vocalis.db'}", job_id)
    assert [s[0] for s in segments[1:]] == [s[1] for s in segments[:-1]]
    workers = [s[2] for s in segments]
    boundary = next(s[0] for s in segments if s[2] != workers[0])
    assert 3 <= boundary < segments[-1][1] and len(set(workers)) == 2

    # Sample for sample what one uninterrupted run makes.
    reference, starts = clean_run(services)
    assert audio[44:] == encode(reference, AudioFormat.WAV)[44:]
    # And it says the right words where the second server took over.
    chunks = chunk_text(BOOK, max_chars=400, first_max_chars=160)
    decoded = decode(audio)
    rate = decoded.sample_rate
    window = AudioChunk(
        decoded.samples[round(starts[boundary - 1] * rate) : round(starts[boundary + 1] * rate)], rate
    )
    said = BOOK[chunks[boundary - 1].start : chunks[boundary].end]
    assert word_error_rate(said, transcribe(window)) <= 0.2
