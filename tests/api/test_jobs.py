"""Jobs over HTTP: submit (idempotently), follow progress over SSE, download audio and timestamps,
list, cancel, batch delete; the brief's /synthesize and /jobs routes; scopes and quotas."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import new_user_key
from tests.conftest import word_error_rate
from vocalis.api.app import create_app
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode
from vocalis.config import JobSettings, LimitSettings, Settings
from vocalis.graph import Vocalis

TEXT = "The first chapter begins here. It was a bright cold day in April. The clocks were striking thirteen."


def wait_finished(client: TestClient, job_id: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/v1/jobs/{job_id}").json()
        if job["status"] not in ("queued", "running"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish")


def events(client: TestClient, job_id: str) -> list[dict[str, Any]]:
    seen = []
    with client.stream("GET", f"/v1/jobs/{job_id}/events") as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line.startswith("data: "):
                seen.append(json.loads(line[6:]))
    return seen


def test_a_job_from_submission_to_audio_and_timestamps(
    client: TestClient, transcribe: Callable[[AudioChunk], str]
) -> None:
    r = client.post(
        "/v1/jobs", json={"text": TEXT, "voice": "heart", "format": "mp3", "options": {"bitrate": 48000}}
    )
    assert r.status_code == 202 and r.headers["location"] == f"/v1/jobs/{r.json()['id']}"
    job = r.json()
    assert job["status"] in ("queued", "running") and job["characters"] == len(TEXT)
    stream = events(client, job["id"])
    assert [e["type"] for e in stream][-1] == "succeeded"
    assert all(e["type"] == "progress" for e in stream[:-1])
    done = stream[-1]["job"]
    assert done["progress"]["chunks_done"] == done["progress"]["chunks_total"] == 3
    assert done["progress"]["percent"] == 100.0 and done["error"] is None and done["model"] == "hibari"
    audio = client.get(done["audio_url"])
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/mpeg"
    decoded = decode(audio.content)
    assert abs(decoded.duration - done["progress"]["audio_seconds"]) < 0.1
    assert word_error_rate(TEXT, transcribe(decoded)) <= 0.15
    stamps = client.get(done["timestamps_url"]).json()
    words = [w["word"] for w in stamps["words"]]
    assert (
        words[:3] == ["The", "first", "chapter"]
        and words[-1] == "thirteen"
        and len(words) == len(TEXT.split())
    )
    assert all(
        a["end"] <= b["start"] + 0.01 for a, b in zip(stamps["words"], stamps["words"][1:], strict=False)
    )
    assert stamps["words"][-1]["end"] <= decoded.duration + 0.1
    # The result is a history item too.
    item = client.get(f"/v1/history/{done['history_item_id']}").json()
    assert (item["source"], item["text"], item["format"]) == ("job", TEXT, "mp3")


def test_the_same_idempotency_key_returns_the_same_job(client: TestClient) -> None:
    body = {"text": "Only once, please.", "voice": "heart", "options": {"timestamps": False}}
    first = client.post("/v1/jobs", json=body, headers={"Idempotency-Key": "k-1"})
    again = client.post("/v1/jobs", json=body, headers={"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 202 and first.json()["id"] == again.json()["id"]
    different = client.post(
        "/v1/jobs", json={**body, "text": "Something else."}, headers={"Idempotency-Key": "k-1"}
    )
    assert different.status_code == 409 and different.json()["error"]["code"] == "conflict"
    # Keys are per user: someone else's same key is a different job.
    other = {"Authorization": f"Bearer {new_user_key(client, 'other@example.org')}"}
    theirs = client.post("/v1/jobs", json=body, headers={"Idempotency-Key": "k-1", **other})
    assert theirs.status_code == 202 and theirs.json()["id"] != first.json()["id"]
    assert client.get("/v1/jobs").json()["total"] == 1


def test_bad_jobs_are_refused_before_queueing(client: TestClient) -> None:
    cases = [
        ({"text": "Hi.", "voice": "nobody"}, 404, "unknown_voice"),
        (
            {"text": "Hi.", "voice": "heart", "format": "mp3", "options": {"sample_rate": 10000}},
            400,
            "out_of_range",
        ),
        ({"text": "Hi.", "voice": "heart", "speed": 9}, 400, "out_of_range"),
        ({"text": "...", "voice": "heart"}, 400, "empty_text"),
        ({"text": "", "voice": "heart"}, 422, "validation_error"),
    ]
    for body, status, code in cases:
        r = client.post("/v1/jobs", json=body)
        assert (r.status_code, r.json()["error"]["code"]) == (status, code), body
    assert client.get("/v1/jobs").json()["total"] == 0


def test_jobs_need_the_jobs_scope(client: TestClient) -> None:
    speech_only = {"Authorization": f"Bearer {new_user_key(client, 'speech@example.org', scopes=['speech'])}"}
    r = client.post("/v1/jobs", json={"text": "Hi.", "voice": "heart"}, headers=speech_only)
    assert r.status_code == 403 and r.json()["error"]["details"]["scope"] == "jobs"
    assert client.get("/jobs", headers=speech_only).status_code == 403
    r = client.post(
        "/synthesize?async_mode=true", json={"text": "Hi.", "voice_id": "heart"}, headers=speech_only
    )
    assert r.status_code == 403
    assert (
        client.post("/v1/jobs", json={"text": "Hi."}, headers={"Authorization": "Bearer nope"}).status_code
        == 401
    )


def test_brief_routes(client: TestClient) -> None:
    sync = client.post("/synthesize", json={"text": "Right now.", "voice_id": "heart", "style": "cheerful"})
    assert (
        sync.status_code == 200
        and sync.headers["content-type"] == "audio/wav"
        and sync.content[:4] == b"RIFF"
    )
    queued = client.post(
        "/synthesize?async_mode=true", json={"text": "Later.", "voice_id": "heart", "speed": 1.2}
    )
    assert queued.status_code == 202
    job = wait_finished(client, queued.json()["id"])
    assert job == client.get(f"/jobs/{job['id']}").json() and job["status"] == "succeeded"
    assert client.get(f"/jobs/{job['id']}/audio").content[:4] == b"RIFF"
    listed = client.get("/jobs").json()
    assert [j["id"] for j in listed["jobs"]] == [job["id"]] and listed["total"] == 1
    assert client.get("/jobs", params={"status": "failed"}).json()["total"] == 0


def test_cancel_delete_and_batch_delete(client: TestClient) -> None:
    state = client.app.state.vocalis  # type: ignore[attr-defined]
    state.background.worker.stop()  # keep jobs queued so they can be cancelled
    a = client.post("/v1/jobs", json={"text": "First.", "voice": "heart"}).json()["id"]
    b = client.post("/v1/jobs", json={"text": "Second.", "voice": "heart"}).json()["id"]
    c = client.post("/v1/jobs", json={"text": "Third.", "voice": "heart"}).json()["id"]
    assert client.delete(f"/v1/jobs/{a}").json() == {"id": a, "outcome": "cancelled"}
    cancelled = client.get(f"/v1/jobs/{a}").json()
    assert cancelled["status"] == "cancelled" and cancelled["error"]["code"] == "cancelled"
    assert events(client, a)[-1]["type"] == "cancelled"
    assert client.get(f"/v1/jobs/{a}/audio").json()["error"]["code"] == "job_not_ready"
    assert client.delete(f"/v1/jobs/{a}").json() == {"id": a, "outcome": "deleted"}
    assert client.get(f"/v1/jobs/{a}").status_code == 404
    r = client.post("/jobs/batch_delete", json={"ids": [b, c, "missing"]}).json()
    assert r == {"deleted": [b, c], "not_found": ["missing"]}
    assert client.get("/v1/jobs").json()["total"] == 0


def test_pending_jobs_count_against_the_daily_quota(api_settings: Settings, services: Vocalis) -> None:
    settings = api_settings.model_copy(
        update={"limits": LimitSettings(characters_per_day=30), "jobs": JobSettings(workers=0)}
    )
    with TestClient(create_app(settings, engines=services.engines)) as client:
        client.headers["Authorization"] = f"Bearer {new_user_key(client, 'quota@example.org')}"
        assert client.post("/v1/jobs", json={"text": "x" * 20, "voice": "heart"}).status_code == 202
        r = client.post("/v1/jobs", json={"text": "y" * 20, "voice": "heart"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "quota_exceeded"
