"""Kill a real server in the middle of a clone job (SIGKILL), start it again: the clone is made once."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.cloning.conftest import SAMPLE_TEXT, SAMPLE_VOICE, wav_bytes
from tests.jobs.processes import process, serve_env, wait_for, wait_healthy
from tests.shared_renders import rendered_once
from vocalis.graph import Vocalis
from vocalis.store.db import Database

CONSENT = "I, Lily Test, consent to Vocalis cloning my voice for a restart test, on 2026-11-28"


def test_a_clone_job_survives_the_server_being_killed(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, services: Vocalis
) -> None:
    sample = wav_bytes(rendered_once(tmp_path_factory, services, SAMPLE_TEXT, SAMPLE_VOICE))
    env, base = serve_env(tmp_path / "data")
    log = tmp_path / "serve.log"
    with process(["serve"], env, log) as first:
        wait_healthy(base, first)
        response = httpx.post(
            f"{base}/voices",
            files={"file": ("lily.wav", sample, "audio/wav")},
            data={"name": "Lily", "consent": CONSENT},
            timeout=120,
        )
        assert response.status_code == 201, response.text
        voice_id, job_id = response.json()["voice_id"], response.json()["job_id"]

        def searching() -> dict[str, Any] | None:
            job: dict[str, Any] = httpx.get(f"{base}/v1/jobs/{job_id}", timeout=5).json()
            return (
                job
                if job["progress"]["stage"] == "searching" and job["progress"]["chunks_done"] >= 2
                else None
            )

        before = wait_for(searching, 240, "the search to start")
        first.send_signal(signal.SIGKILL)
        first.wait()
    assert before["status"] == "running" and before["kind"] == "clone"

    with process(["serve"], env, log) as second:
        wait_healthy(base, second)

        def finished() -> dict[str, Any] | None:
            voice: dict[str, Any] = httpx.get(f"{base}/voices/{voice_id}", timeout=5).json()
            return voice if voice["status"] != "cloning" else None

        voice = wait_for(finished, 300, "the clone to finish")
        assert voice["status"] == "ready", (voice, log.read_text())
        job = httpx.get(f"{base}/v1/jobs/{job_id}", timeout=5).json()
        # Made once: its sample and one style table (speaking below adds the speech to history).
        stored = sorted(p.suffix for p in (tmp_path / "data" / "audio").rglob("*") if p.is_file())
        assert stored == [".npy", ".wav"]
        spoken = httpx.post(f"{base}/voices/{voice_id}/synthesize", json={"text": "Back again."}, timeout=60)
    assert job["status"] == "succeeded" and job["attempts"] == 2
    assert spoken.status_code == 200 and spoken.headers["content-type"] == "audio/wav"
    database = Database(f"sqlite:///{tmp_path / 'data' / 'vocalis.db'}")
    try:
        with database.connection() as connection:
            rows = connection.exec_driver_sql("SELECT id, status FROM cloned_voices").all()
    finally:
        database.dispose()
    assert [tuple(r) for r in rows] == [(voice_id, "ready")]
