"""``/api/v1/sessions``: sessions owned by their user, a recorded talk analysed into its report, the
analytics timelines and the recording; ``/api/v1/progress`` across sessions."""

from __future__ import annotations

import io
import time

import numpy as np
import pytest
import soundfile as sf
from fastapi.testclient import TestClient

from tests.analysis.talks import PRESENTATION, Talk, build_talk
from tests.api.conftest import new_user_key
from vocalis.api.app import create_app
from vocalis.audio.decode import decode
from vocalis.config import Settings
from vocalis.graph import Vocalis


@pytest.fixture(scope="module")
def presentation(services: Vocalis) -> Talk:
    return build_talk(services, PRESENTATION)


def wav(talk: Talk) -> bytes:
    buffer = io.BytesIO()
    sf.write(buffer, talk.audio.samples, talk.audio.sample_rate, format="WAV", subtype="PCM_16")
    return buffer.getvalue()


def create(client: TestClient, **body: object) -> dict:
    response = client.post("/api/v1/sessions", json={"title": "Rehearsal", **body})
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_sessions_are_created_listed_changed_deleted_and_private(client: TestClient) -> None:
    first = create(client, session_type="presentation", language="fr", config={"focus": ["pace", "fillers"]})
    assert first["status"] == "created" and first["language"] == "fr"
    assert first["config"]["focus"] == ["pace", "fillers"] and first["config"]["max_duration"] == 1800
    second = create(client, session_type="practice")
    listed = client.get("/api/v1/sessions", params={"session_type": "presentation"}).json()
    assert [s["id"] for s in listed["sessions"]] == [first["id"]] and listed["total"] == 1
    assert client.get("/api/v1/sessions", params={"language": "en"}).json()["total"] == 1
    assert client.get("/api/v1/sessions", params={"status": "completed"}).json()["total"] == 0
    assert client.get("/api/v1/sessions", params={"since": "2999-01-01"}).json()["total"] == 0
    changed = client.put(
        f"/api/v1/sessions/{first['id']}", json={"title": "Board talk", "config": {"target_wpm": [120, 150]}}
    )
    assert changed.json()["title"] == "Board talk" and changed.json()["config"]["target_wpm"] == [120, 150]

    other = {"Authorization": f"Bearer {new_user_key(client, 'other@example.org')}"}
    for method, path in (
        ("GET", ""),
        ("PUT", ""),
        ("DELETE", ""),
        ("GET", "/analytics"),
        ("GET", "/recording"),
    ):
        response = client.request(
            method,
            f"/api/v1/sessions/{first['id']}{path}",
            headers=other,
            json={} if method == "PUT" else None,
        )
        assert response.status_code == 404, (method, path, response.text)
    assert client.get("/api/v1/sessions", headers=other).json()["total"] == 0

    assert client.delete(f"/api/v1/sessions/{second['id']}").status_code == 204
    assert client.get(f"/api/v1/sessions/{second['id']}").status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"title": ""},
        {"title": "x", "language": "de"},
        {"title": "x", "session_type": "lecture"},
        {"title": "x", "config": {"focus": []}},
        {"title": "x", "config": {"focus": ["charisma"]}},
        {"title": "x", "config": {"feedback_frequency": 1}},
        {"title": "x", "config": {"target_wpm": [160, 120]}},
        {"title": "x", "config": {"max_duration": "long"}},
    ],
)
def test_bad_sessions_are_refused_with_the_field(client: TestClient, body: dict) -> None:
    response = client.post("/api/v1/sessions", json=body)
    assert response.status_code in (400, 422), response.text
    assert response.json()["error"]["code"] in ("validation_error", "invalid_input")


def test_a_recorded_talk_gets_a_report_timelines_and_a_replayable_recording(
    client: TestClient, presentation: Talk
) -> None:
    session = create(client, session_type="presentation")
    response = client.post(
        f"/api/v1/sessions/{session['id']}/audio/upload",
        files={"file": ("talk.wav", wav(presentation), "audio/wav")},
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["speech_detected"] and 0 <= report["score"] <= 100
    assert report["summary"]["words_per_minute"] == pytest.approx(presentation.words_per_minute, rel=0.08)
    assert 1 <= len(report["priorities"]) <= 3
    for item in report["feedback"]:
        assert item["category"] in ("technique", "delivery", "content")
        assert item["severity"] in ("info", "warning", "critical")
        assert item["score"] is None or 0 <= item["score"] <= 1
    assert any(i["area"] == "fillers" for i in report["feedback"])
    assert [m["code"] for m in report["milestones"]] == ["first_session"]

    state = client.get(f"/api/v1/sessions/{session['id']}").json()
    assert state["status"] == "completed" and state["has_recording"] and state["ended_at"]
    assert state["audio_seconds"] == pytest.approx(presentation.audio.duration, abs=0.1)

    analytics = client.get(f"/api/v1/sessions/{session['id']}/analytics").json()
    assert len(analytics["pace"]) >= 2 and analytics["words"] and analytics["fillers"]
    assert [p["duration"] >= 2.0 for p in analytics["pauses"]].count(True) == 2  # the 2.5 s and 3.0 s ones
    assert len(analytics["volume"]) == pytest.approx(presentation.audio.duration / 0.5, abs=2)
    assert any(p["hz"] for p in analytics["pitch"])

    recording = client.get(f"/api/v1/sessions/{session['id']}/recording")
    assert recording.status_code == 200 and recording.headers["content-type"] == "audio/ogg"
    assert decode(recording.content).duration == pytest.approx(presentation.audio.duration, abs=0.1)
    part = client.get(f"/api/v1/sessions/{session['id']}/recording", headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and len(part.content) == 100

    again = client.post(
        f"/api/v1/sessions/{session['id']}/audio/upload",
        files={"file": ("talk.wav", wav(presentation), "audio/wav")},
    )
    assert again.status_code == 409  # a finished session keeps its talk

    only_pace = client.post(
        f"/api/v1/sessions/{session['id']}/feedback/generate", json={"focus": ["pace"]}
    ).json()
    assert {i["area"] for i in only_pace["feedback"]} <= {"pace"}
    assert (
        client.get(f"/api/v1/sessions/{session['id']}/feedback").json()["feedback"] == only_pace["feedback"]
    )


def test_silence_gets_an_honest_no_speech_report(client: TestClient) -> None:
    session = create(client)
    buffer = io.BytesIO()
    sf.write(buffer, np.zeros(16_000 * 20, np.int16), 16_000, format="FLAC")
    report = client.post(
        f"/api/v1/sessions/{session['id']}/audio/upload",
        files={"file": ("quiet.flac", buffer.getvalue(), "audio/flac")},
    ).json()
    assert report["speech_detected"] is False and report["score"] is None
    assert report["feedback"][0]["type"] == "notice" and "speech" in report["feedback"][0]["message"].lower()


def test_bad_uploads_are_refused_and_the_session_stays_usable(client: TestClient, presentation: Talk) -> None:
    session = create(client)
    url = f"/api/v1/sessions/{session['id']}/audio/upload"
    assert client.post(url, files={"file": ("a.wav", b"", "audio/wav")}).status_code == 400
    assert client.post(url, files={"file": ("a.txt", b"hello, not audio", "text/plain")}).status_code == 415
    assert client.get(f"/api/v1/sessions/{session['id']}").json()["status"] == "created"
    assert client.post(url, files={"file": ("talk.wav", wav(presentation), "audio/wav")}).status_code == 200


def test_progress_goals_and_milestones(client: TestClient, presentation: Talk) -> None:
    empty = client.get("/api/v1/progress").json()
    assert empty["counts"]["sessions"] == 0
    assert any(m["code"] == "first_session" and not m["earned"] for m in empty["milestones"])
    assert client.put("/api/v1/progress/goals", json={"wpm_low": 170, "wpm_high": 150}).status_code == 400
    assert (
        client.put(
            "/api/v1/progress/goals", json={"wpm_low": 130, "wpm_high": 160, "max_fillers_per_minute": 3}
        ).status_code
        == 200
    )
    session = create(client, session_type="presentation")
    client.post(
        f"/api/v1/sessions/{session['id']}/audio/upload",
        files={"file": ("t.wav", wav(presentation), "audio/wav")},
    )
    progress = client.get("/api/v1/progress", params={"session_type": "presentation"}).json()
    assert progress["counts"]["sessions"] == 1
    pace = next(m for m in progress["metrics"] if m["metric"] == "words_per_minute")
    assert pace["last"]["value"] == pytest.approx(presentation.words_per_minute, rel=0.08)
    assert pace["goal"]["low"] == 130 and pace["trend"]["direction"] == "not_enough_data"
    first = next(m for m in progress["milestones"] if m["code"] == "first_session")
    assert first["earned"] and first["session_id"] == session["id"]
    assert progress["goals"]["max_fillers_per_minute"] == 3
    assert any(r["ranges"] and r["ranges"][0]["source"] for r in progress["references"])


def test_a_long_recording_is_analysed_by_a_job_with_progress(
    api_settings: Settings, services: Vocalis, presentation: Talk
) -> None:
    settings = api_settings.model_copy(
        update={"analysis": api_settings.analysis.model_copy(update={"job_after_s": 20.0})}
    )
    with TestClient(create_app(settings, engines=services.engines)) as client:
        client.headers["Authorization"] = f"Bearer {new_user_key(client, 'long@example.org')}"
        session = create(client, session_type="presentation")
        response = client.post(
            f"/api/v1/sessions/{session['id']}/audio/upload",
            files={"file": ("talk.wav", wav(presentation), "audio/wav")},
        )
        assert response.status_code == 202, response.text
        job_id = response.json()["job_id"]
        assert (
            response.json()["session"]["status"] == "active"
            and response.json()["session"]["job_id"] == job_id
        )
        stages = set()
        deadline = time.monotonic() + 180
        while (job := client.get(f"/v1/jobs/{job_id}").json())["status"] not in ("succeeded", "failed"):
            stages.add((job.get("progress") or {}).get("stage"))
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert job["status"] == "succeeded", job
        assert stages & {"decoding", "analysing", "reporting"}, stages  # progress by stage while it ran
        assert job["kind"] == "coaching_analysis" and job["progress"]["stage"] == "done"
        state = client.get(f"/api/v1/sessions/{session['id']}").json()
        assert state["status"] == "completed" and state["has_recording"]
        feedback = client.get(f"/api/v1/sessions/{session['id']}/feedback").json()
        assert feedback["score"] is not None and feedback["priorities"]
        short = create(client)
        quiet = io.BytesIO()
        sf.write(quiet, np.zeros(16_000 * 5, np.int16), 16_000, format="WAV")
        assert (
            client.post(
                f"/api/v1/sessions/{short['id']}/audio/upload",
                files={"file": ("q.wav", quiet.getvalue(), "audio/wav")},
            ).status_code
            == 200
        )  # short: answered at once
