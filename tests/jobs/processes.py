"""Real `vocalis serve` and `vocalis worker` processes for crash tests, and what the tests compare."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from tests.servers import free_port
from vocalis.audio.chunk import AudioChunk
from vocalis.graph import Vocalis
from vocalis.speech.request import SpeechRequest
from vocalis.store.db import Database

VOCALIS = str(Path(sys.executable).parent / "vocalis")
# Long enough that a kill lands mid-job with hibari (about 0.03 s a sentence), short enough to be quick.
BOOK = " ".join(
    f"Chapter {n}. The {colour} fox ran past the {animal} and kept on running until night fell."
    for n, (colour, animal) in enumerate(
        [("red", "dog"), ("brown", "cat"), ("grey", "horse"), ("white", "goat"), ("black", "sheep")] * 12, 1
    )
)


@contextmanager
def process(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as out:
        proc = subprocess.Popen([VOCALIS, *args], env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def serve_env(data_dir: Path, **extra: str) -> tuple[dict[str, str], str]:
    port = free_port()
    env = {
        **os.environ,
        "VOCALIS_DATA_DIR": str(data_dir),
        "VOCALIS_PORT": str(port),
        "VOCALIS_AUTH__LOCAL_MODE": "true",
        "VOCALIS_LIMITS__REQUESTS_PER_MINUTE": "100000",  # tests poll progress quickly
        **extra,
    }
    return env, f"http://127.0.0.1:{port}"


def wait_for(check: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = check()
        except httpx.TransportError:
            result = None
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def wait_healthy(base: str, proc: subprocess.Popen[bytes]) -> None:
    def healthy() -> bool:
        assert proc.poll() is None, "the server exited"
        return httpx.get(f"{base}/health", timeout=2).status_code == 200

    wait_for(healthy, 60, "the server to start")


def segment_workers(database_url: str, job_id: str) -> list[tuple[int, int, str]]:
    """(first chunk, end chunk, worker) of each saved segment, in order."""
    db = Database(database_url)
    try:
        with db.connection() as connection:
            rows = connection.execute(
                text("SELECT first_chunk, end_chunk, worker FROM job_segments WHERE job_id = :id ORDER BY 1"),
                {"id": job_id},
            ).all()
            return [(int(a), int(b), str(w)) for a, b, w in rows]
    finally:
        db.dispose()


def clean_run(services: Vocalis, book: str = BOOK) -> tuple[AudioChunk, list[float]]:
    """One uninterrupted synthesis of ``book``, and when each of its text chunks starts in it."""
    speech = services.speech
    plan = speech.plan(SpeechRequest(book, "heart"))
    pieces = list(speech.stream(plan))
    starts = [min(p.start for p in pieces if p.text.start >= chunk.start) for chunk in plan.chunks]
    return AudioChunk.concat([p.audio for p in pieces], plan.sample_rate), starts
