"""At scale: the API only enqueues; `vocalis worker` processes run jobs through Celery on real Redis,
with state in real PostgreSQL. A worker SIGKILLed mid-job: the job still completes, exactly once."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from uuid import uuid4

import pytest
import redis
from fastapi.testclient import TestClient

from tests.api.conftest import new_user_key
from tests.conftest import word_error_rate
from tests.databases import redis_test_url
from tests.jobs.processes import BOOK, clean_run, process, segment_workers, wait_for
from vocalis.api.app import create_app
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode
from vocalis.audio.encode import encode
from vocalis.audio.formats import AudioFormat
from vocalis.config import Settings
from vocalis.graph import Vocalis
from vocalis.speech.request import SpeechRequest

REDIS_URL = os.environ.get("VOCALIS_TEST_REDIS_URL", redis_test_url("celery"))
CLONE_CONSENT = "I, Adam Test, consent to Vocalis cloning my voice for automated tests, on 2026-11-28"
CLONE_SAMPLE = (
    "Every morning I walk to the little bakery on the corner and buy a loaf of fresh bread. "
    "The baker always smiles and asks about my family. Then I sit by the window, drink my coffee, "
    "and read the news before work. It is a small habit, but it makes the whole day feel calmer."
)
CLONE_CHECK = "Please call Stella and ask her to bring these things with her from the store."


@pytest.fixture
def redis_url() -> Iterator[str]:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        pytest.fail(f"Redis is needed for the Celery tests: set VOCALIS_TEST_REDIS_URL ({exc})")
    yield REDIS_URL
    client.close()


def at_scale(
    data_dir: Path, postgres_url: str, redis_url: str, services: Vocalis, **worker_env: str
) -> tuple[dict[str, str], Settings]:
    """A worker's environment and the API's settings: one database, one queue (of this test's own),
    one shared data directory."""
    queue = f"vocalis-test-{uuid4().hex[:8]}"
    env = {
        **os.environ,
        "VOCALIS_DATA_DIR": str(data_dir),
        "VOCALIS_DATABASE__URL": postgres_url,
        "VOCALIS_QUEUE__URL": redis_url,
        "VOCALIS_JOBS__CELERY_QUEUE": queue,
        **worker_env,
    }
    settings = Settings(
        data_dir=data_dir,
        database={"url": postgres_url},
        queue={"url": redis_url},
        jobs={"celery_queue": queue},
        limits={"requests_per_minute": 100_000},  # the tests poll progress quickly
        cloning=services.settings.cloning,
    )
    return env, settings


def test_two_workers_one_killed_mid_job_the_job_completes_once(
    tmp_path: Path, postgres_url: str, redis_url: str, services: Vocalis
) -> None:
    env, settings = at_scale(
        tmp_path / "shared",
        postgres_url,
        redis_url,
        services,
        VOCALIS_JOBS__HEARTBEAT_S="0.3",
        VOCALIS_JOBS__STALE_AFTER_S="2",
        VOCALIS_JOBS__COMMIT_EVERY_S="0.1",
        VOCALIS_JOBS__VISIBILITY_TIMEOUT_S="5",
    )
    with ExitStack() as stack, TestClient(create_app(settings, engines=services.engines)) as client:
        assert client.app.state.vocalis.background.worker is None  # type: ignore[attr-defined]  # only enqueues
        client.headers["Authorization"] = f"Bearer {new_user_key(client, 'scale@example.org')}"
        workers = {}
        for name in ("a", "b"):
            proc = stack.enter_context(
                process(["worker", "--loglevel", "warning"], env, tmp_path / f"{name}.log")
            )
            workers[proc.pid] = proc
        body = {"text": BOOK, "voice": "heart", "format": "wav", "options": {"timestamps": False}}
        job_id = client.post("/v1/jobs", json=body).json()["id"]

        def running_somewhere() -> str | None:
            job = client.get(f"/v1/jobs/{job_id}").json()
            return job["id"] if job["progress"]["chunks_done"] >= 3 else None

        wait_for(running_somewhere, 90, "a worker to make progress")
        holder = segment_workers(postgres_url, job_id)[-1][2]
        victim = workers[int(holder.split(":")[1])]
        victim.send_signal(signal.SIGKILL)
        victim.wait()

        def finished() -> dict[str, object] | None:
            job = client.get(f"/v1/jobs/{job_id}").json()
            return job if job["status"] not in ("queued", "running") else None

        job = wait_for(finished, 90, "the job to finish")
        logs = "".join(p.read_text() for p in tmp_path.glob("*.log"))
        assert job["status"] == "succeeded", (job, logs)
        audio = client.get(f"/v1/jobs/{job_id}/audio").content
        assert client.get("/v1/history", params={"source": "job"}).json()["total"] == 1
    segments = segment_workers(postgres_url, job_id)
    assert [s[0] for s in segments[1:]] == [s[1] for s in segments[:-1]]  # each chunk once, none missing
    assert len({s[2] for s in segments}) == 2 and job["attempts"] == 2
    reference, _ = clean_run(services)
    assert audio[44:] == encode(reference, AudioFormat.WAV)[44:]


def test_a_celery_worker_clones_a_voice_the_api_then_speaks_with(
    tmp_path: Path,
    postgres_url: str,
    redis_url: str,
    services: Vocalis,
    transcribe: Callable[[AudioChunk], str],
) -> None:
    """A clone job runs in `vocalis worker` (another process, Celery on Redis, PostgreSQL); the API
    process, which never cloned anything, finds the finished voice in the database and blobs."""
    # The plumbing is under test here (the search is tested elsewhere): the smallest search budget.
    env, settings = at_scale(
        tmp_path / "shared", postgres_url, redis_url, services, VOCALIS_CLONING__EVALUATIONS="4"
    )
    sample = services.speech.synthesize(services.speech.plan(SpeechRequest(CLONE_SAMPLE, "am_adam")))
    with ExitStack() as stack, TestClient(create_app(settings, engines=services.engines)) as client:
        stack.enter_context(process(["worker", "--loglevel", "warning"], env, tmp_path / "worker.log"))
        client.headers["Authorization"] = f"Bearer {new_user_key(client, 'clone@example.org')}"
        response = client.post(
            "/voices",
            files={"file": ("adam.wav", encode(sample, AudioFormat.WAV), "audio/wav")},
            data={"name": "Adam", "consent": CLONE_CONSENT},
        )
        assert response.status_code == 201, response.text
        voice_id = response.json()["voice_id"]

        def ready() -> dict[str, object] | None:
            voice = client.get(f"/voices/{voice_id}").json()
            return voice if voice["status"] != "cloning" else None

        voice = wait_for(ready, 300, "the worker to clone the voice")
        log = (tmp_path / "worker.log").read_text()
        assert voice["status"] == "ready", (voice, log)
        job = client.get(f"/v1/jobs/{response.json()['job_id']}").json()
        assert job["kind"] == "clone" and job["status"] == "succeeded" and job["attempts"] == 1
        spoken = client.post(f"/voices/{voice_id}/synthesize", json={"text": CLONE_CHECK, "format": "wav"})
        assert spoken.status_code == 200, spoken.text
    audio = decode(spoken.content)
    assert word_error_rate(CLONE_CHECK, transcribe(audio)) <= 0.1
