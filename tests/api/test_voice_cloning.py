"""Voice cloning through the API as a user does it: upload with consent, follow the job, use, share,
delete. The clone is real (Kokoro, both speaker encoders) with a small search budget."""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from fastapi.testclient import TestClient

from tests.api.conftest import new_user_key
from tests.cloning.conftest import SAMPLE_TEXT, SAMPLE_VOICE
from tests.conftest import word_error_rate
from tests.shared_renders import rendered_once
from vocalis.api.app import create_app
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode
from vocalis.config import Settings
from vocalis.graph import Vocalis
from vocalis.speech.request import SpeechRequest

CONSENT = "I, Ana Lopez, consent to Vocalis cloning my voice for my course videos, on 2026-11-22"
CHECK = "Please call Stella and ask her to bring these things with her from the store."


def wav(audio: AudioChunk) -> bytes:
    buffer = io.BytesIO()
    sf.write(buffer, audio.samples, audio.sample_rate, format="WAV", subtype="PCM_16")
    return buffer.getvalue()


def say(services: Vocalis, text: str, voice: str) -> AudioChunk:
    return services.speech.synthesize(services.speech.plan(SpeechRequest(text, voice)))


def wait_until(check: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@dataclass
class Cloned:
    client: TestClient
    owner: dict[str, str]  # auth header
    other: dict[str, str]
    voice_id: str
    job_id: str
    accepted: dict[str, Any]
    progress: list[dict[str, Any]]
    voice: dict[str, Any]


@pytest.fixture(scope="module")
def sample_wav(tmp_path_factory: pytest.TempPathFactory, services: Vocalis) -> bytes:
    return wav(rendered_once(tmp_path_factory, services, SAMPLE_TEXT, SAMPLE_VOICE))


@pytest.fixture(scope="module")
def cloned(
    tmp_path_factory: pytest.TempPathFactory, settings: Settings, services: Vocalis, sample_wav: bytes
) -> Iterator[Cloned]:
    """One real clone through POST /voices, followed to the end; owner and a second user."""
    limits = settings.limits.model_copy(update={"requests_per_minute": 100_000})  # progress is polled
    api_settings = settings.model_copy(
        update={"data_dir": tmp_path_factory.mktemp("clone-api"), "limits": limits}
    )
    with TestClient(create_app(api_settings, engines=services.engines)) as client:
        owner = {"Authorization": f"Bearer {new_user_key(client, 'ana@example.org')}"}
        other = {"Authorization": f"Bearer {new_user_key(client, 'bo@example.org')}"}
        response = client.post(
            "/voices",
            headers=owner,
            files={"file": ("ana.wav", sample_wav, "audio/wav")},
            data={
                "name": "Ana",
                "consent": CONSENT,
                "description": "Course narrator",
                "labels": '{"use": "course"}',
            },
        )
        assert response.status_code == 201, response.text
        accepted = response.json()
        progress: list[dict[str, Any]] = []

        def ready() -> dict[str, Any] | None:
            response = client.get(f"/voices/{accepted['voice_id']}", headers=owner)
            assert response.status_code == 200, response.text
            voice: dict[str, Any] = response.json()
            if voice.get("progress"):
                progress.append(voice["progress"])
            return voice if voice["status"] != "cloning" else None

        voice = wait_until(ready, 400, "the clone")
        yield Cloned(
            client, owner, other, accepted["voice_id"], accepted["job_id"], accepted, progress, voice
        )


def test_upload_answers_at_once_and_the_job_reports_progress(cloned: Cloned) -> None:
    accepted = cloned.accepted
    assert accepted["voice_id"].startswith("clone_") and accepted["filename"] == "ana.wav"
    assert accepted["sample_rate"] == 24_000 and 15 < accepted["duration"] < 30
    assert accepted["status"] == "cloning" and "ready" in accepted["message"]
    assert cloned.voice["status"] == "ready", cloned.voice
    done = [p["done"] for p in cloned.progress]
    assert done == sorted(done) and any(p["stage"] == "searching" for p in cloned.progress)
    assert any(p["best_similarity"] is not None and p["eta_seconds"] is not None for p in cloned.progress)
    job = cloned.client.get(f"/v1/jobs/{cloned.job_id}", headers=cloned.owner).json()
    assert job["kind"] == "clone" and job["status"] == "succeeded" and job["voice"] == cloned.voice_id
    assert job["progress"]["chunks_done"] == job["progress"]["chunks_total"] > 8


def test_the_voice_reports_honestly(cloned: Cloned) -> None:
    voice = cloned.voice
    similarity = voice["similarity"]
    assert similarity["independent"] and similarity["judge"] == "resemblyzer-ge2e"
    assert similarity["nearest_stock_voice"].startswith("b")  # a British voice for a British sample
    assert similarity["gain"] == pytest.approx(similarity["clone"] - similarity["nearest_stock"], abs=1e-3)
    assert "not a copy" in similarity["meaning"] and voice["recommend_stock"] == (similarity["gain"] < 0.02)
    assert "the sample's tone" in similarity["meaning"]  # the equaliser is part of the voice, and said so
    assert voice["consent"]["speaker"] == "Ana Lopez" and voice["consent"]["statement"] == CONSENT
    assert voice["language"] == "en-GB" and voice["is_owner"] and voice["labels"] == {"use": "course"}
    eleven = cloned.client.get(f"/v1/voices/{cloned.voice_id}", headers=cloned.owner).json()
    assert eleven["category"] == "cloned" and eleven["cloning"]["similarity"] == similarity
    listed = cloned.client.get("/v1/voices", headers=cloned.owner).json()["voices"]
    assert [v["voice_id"] for v in listed if v["category"] == "cloned"] == [cloned.voice_id]
    brief = cloned.client.get("/voices", headers=cloned.owner).json()
    assert {"id": cloned.voice_id, "category": "cloned", "status": "ready"}.items() <= next(
        v for v in brief if v["id"] == cloned.voice_id
    ).items()


def test_the_clone_speaks_everywhere(cloned: Cloned, transcribe: Callable[[AudioChunk], str]) -> None:
    client, owner = cloned.client, cloned.owner
    response = client.post(f"/voices/{cloned.voice_id}/synthesize", headers=owner, json={"text": CHECK})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "audio/wav"
    audio = decode(response.content)
    assert audio.sample_rate == 24_000 and 2.0 < audio.duration < 8.0
    assert word_error_rate(CHECK, transcribe(audio)) == 0.0
    mp3 = client.post(
        f"/voices/{cloned.voice_id}/synthesize",
        headers=owner,
        json={"text": "Hello.", "format": "mp3", "sample_rate": 16000},
    )
    assert mp3.status_code == 200 and mp3.headers["content-type"] == "audio/mpeg"
    assert decode(mp3.content).sample_rate == 16_000
    blend = client.post(
        "/v1/audio/speech",
        headers=owner,
        json={"input": CHECK, "voice": f"{cloned.voice_id}(1)+af_heart(1)", "response_format": "wav"},
    )
    assert blend.status_code == 200, blend.text
    assert word_error_rate(CHECK, transcribe(decode(blend.content))) <= 0.1
    eleven = client.post(
        f"/v1/text-to-speech/{cloned.voice_id}", headers=owner, json={"text": "Hello there."}
    )
    assert eleven.status_code == 200


def test_a_voice_is_private_until_shared(cloned: Cloned) -> None:
    client, owner, other, voice_id = cloned.client, cloned.owner, cloned.other, cloned.voice_id
    assert client.get(f"/voices/{voice_id}", headers=other).status_code == 404
    assert client.get(f"/v1/voices/{voice_id}", headers=other).status_code == 404
    speak = client.post("/v1/audio/speech", headers=other, json={"input": "Hi.", "voice": voice_id})
    assert speak.status_code == 404 and speak.json()["error"]["code"] == "unknown_voice"
    blended = client.post(
        "/v1/audio/speech", headers=other, json={"input": "Hi.", "voice": f"af_heart+{voice_id}"}
    )
    assert blended.status_code == 404
    assert (
        client.post(f"/voices/{voice_id}/synthesize", headers=other, json={"text": "Hi."}).status_code == 404
    )
    assert voice_id not in {v["voice_id"] for v in client.get("/v1/voices", headers=other).json()["voices"]}
    assert client.patch(f"/voices/{voice_id}", headers=other, json={"name": "Mine"}).status_code == 404
    assert client.delete(f"/voices/{voice_id}", headers=other).status_code == 404
    with client.websocket_connect(f"/v1/text-to-speech/{voice_id}/stream-input", headers=other) as socket:
        assert socket.receive_json()["error"]["code"] == "unknown_voice"
    # Shared: the other user may use and see it, not change it.
    # An e-mail with no account answers like one with (test_voice_sharing.py): nothing to tell apart.
    unknown = client.patch(f"/voices/{voice_id}", headers=owner, json={"shared_with": ["nobody@example.org"]})
    assert unknown.status_code == 200 and unknown.json()["shared_with"] == ["nobody@example.org"]
    shared = client.patch(f"/voices/{voice_id}", headers=owner, json={"shared_with": ["BO@example.org"]})
    assert shared.status_code == 200 and shared.json()["shared_with"] == ["bo@example.org"]
    seen = client.get(f"/voices/{voice_id}", headers=other).json()
    assert seen["is_owner"] is False and seen["shared_with"] == []
    assert (
        client.post(f"/voices/{voice_id}/synthesize", headers=other, json={"text": "Hi."}).status_code == 200
    )
    assert client.patch(f"/voices/{voice_id}", headers=other, json={"name": "Mine"}).status_code == 403
    assert client.delete(f"/v1/voices/{voice_id}", headers=other).status_code == 403
    # Private again.
    assert client.patch(f"/v1/voices/{voice_id}", headers=owner, json={"shared_with": []}).status_code == 200
    assert client.get(f"/voices/{voice_id}", headers=other).status_code == 404


def test_edit_validates(cloned: Cloned) -> None:
    client, owner, voice_id = cloned.client, cloned.owner, cloned.voice_id
    renamed = client.patch(
        f"/voices/{voice_id}", headers=owner, json={"name": "  Ana   L. ", "labels": {"a": "b"}}
    )
    assert (
        renamed.status_code == 200
        and renamed.json()["name"] == "Ana L."
        and renamed.json()["labels"] == {"a": "b"}
    )
    assert client.patch(f"/voices/{voice_id}", headers=owner, json={"name": " "}).status_code == 400
    assert (
        client.patch(f"/voices/{voice_id}", headers=owner, json={"description": "x" * 501}).status_code == 400
    )
    assert client.get("/voices/clone_0123456789abcdef", headers=owner).status_code == 404


def form(sample: bytes, **fields: str) -> dict[str, Any]:
    return {
        "files": {"file": ("s.wav", sample, "audio/wav")},
        "data": {"name": "Ana", "consent": CONSENT, **fields},
    }


def test_refusals_are_clear_and_keep_nothing(cloned: Cloned, services: Vocalis, sample_wav: bytes) -> None:
    client, owner = cloned.client, cloned.owner
    before = client.get("/v1/voices", headers=owner).json()["voices"]

    def refused(expected: int, code: str | None = None, **request: Any) -> dict[str, Any]:
        response = client.post("/voices", headers=owner, **request)
        assert response.status_code == expected, response.text
        error: dict[str, Any] = response.json()["error"]
        if code is not None:
            assert error["code"] == code, error
        return error

    no_consent = form(sample_wav)
    del no_consent["data"]["consent"]
    assert "consent" in refused(400, "consent_required", **no_consent)["message"]
    refused(400, "consent_required", **form(sample_wav, consent="yes"))
    refused(400, None, **form(sample_wav, name=""))
    refused(400, None, **form(sample_wav, labels="[1, 2]"))
    refused(415, "unsupported_media", **form(b"RIFF....WAVEfmt " * 64))
    short = wav(say(services, "Only a few words here.", "af_heart"))
    assert "speech" in refused(400, "sample_rejected", **form(short))["message"]
    hiss = np.random.default_rng(0).standard_normal(24_000 * 20).astype(np.float32) * 0.1
    refused(400, "sample_rejected", **form(wav(AudioChunk(hiss, 24_000))))
    too_big = client.post("/voices", headers=owner, **form(b"\0" * (11 * 1024 * 1024)))
    assert too_big.status_code == 413
    just_over = refused(413, "too_large", **form(b"\0" * (10 * 1024 * 1024 + 1024)))
    assert just_over["details"]["reason"] == "file_too_large"
    listed = client.post("/v1/voices/add", headers=owner, data={"name": "Ana", "consent": CONSENT})
    assert listed.status_code in (400, 422)
    assert client.get("/v1/voices", headers=owner).json()["voices"] == before


def test_cancel_and_delete(cloned: Cloned, sample_wav: bytes) -> None:
    client, owner = cloned.client, cloned.owner
    added = client.post(
        "/v1/voices/add",
        headers=owner,
        files=[("files", ("a.wav", sample_wav, "audio/wav"))],
        data={"name": "Second", "consent": CONSENT, "remove_background_noise": "true"},
    )
    assert added.status_code == 200, added.text
    body = added.json()
    assert body["requires_verification"] is False and body["status"] == "cloning"
    cancelled = client.delete(f"/v1/jobs/{body['job_id']}", headers=owner)
    assert cancelled.status_code == 200
    voice = wait_until(
        lambda: (
            (v := client.get(f"/voices/{body['voice_id']}", headers=owner).json())["status"] != "cloning"
            and v
        ),
        60,
        "the cancellation",
    )
    assert voice["status"] == "cancelled" and voice["error"]["code"] == "cancelled"
    speak = client.post("/v1/audio/speech", headers=owner, json={"input": "Hi.", "voice": body["voice_id"]})
    assert speak.status_code == 404
    state = client.app.state.vocalis  # type: ignore[attr-defined]
    audio_dir = Path(state.settings.audio_dir)
    blobs_before = sorted(p.name for p in audio_dir.rglob("*") if p.is_file())
    assert client.delete(f"/voices/{body['voice_id']}", headers=owner).json() == {
        "status": "ok",
        "voice_id": body["voice_id"],
    }
    assert client.get(f"/voices/{body['voice_id']}", headers=owner).status_code == 404
    blobs_after = sorted(p.name for p in audio_dir.rglob("*") if p.is_file())
    assert len(blobs_before) - len(blobs_after) == 1  # its sample (a cancelled clone has no table)
    # The first clone is untouched.
    still = client.post(f"/voices/{cloned.voice_id}/synthesize", headers=owner, json={"text": "Still here."})
    assert still.status_code == 200


def test_the_data_export_holds_the_voice_its_consent_and_sample(cloned: Cloned) -> None:
    def session(email: str) -> dict[str, str]:  # exports need a signed-in session, not an API key
        body = {"email": email, "password": "correct horse battery"}
        tokens = cloned.client.post("/api/v1/auth/login", json=body).json()
        cloned.client.cookies.clear()
        return {"Authorization": f"Bearer {tokens['access_token']}"}

    export = cloned.client.get("/api/v1/user/export", headers=session("ana@example.org"))
    assert export.status_code == 200, export.text
    archive = zipfile.ZipFile(io.BytesIO(export.content))
    voices = json.loads(archive.read("voices.json"))
    assert [v["id"] for v in voices] == [cloned.voice_id]
    assert voices[0]["consent"]["statement"] == CONSENT and voices[0]["record"]["similarity"]["clone"] > 0
    assert archive.read(f"voices/{cloned.voice_id}.wav")[:4] == b"RIFF"
    theirs = cloned.client.get("/api/v1/user/export", headers=session("bo@example.org"))
    assert json.loads(zipfile.ZipFile(io.BytesIO(theirs.content)).read("voices.json")) == []


def test_deleting_a_voice_removes_everything(cloned: Cloned) -> None:
    """Last in this module: the shared clone goes, with its sample and style table."""
    client, owner, voice_id = cloned.client, cloned.owner, cloned.voice_id
    state = client.app.state.vocalis  # type: ignore[attr-defined]
    files = [p for p in Path(state.settings.audio_dir).rglob("*") if p.is_file()]
    assert {p.suffix for p in files} >= {".wav", ".npy"}
    assert client.delete(f"/voices/{voice_id}", headers=owner).status_code == 200
    assert client.get(f"/voices/{voice_id}", headers=owner).status_code == 404
    speak = client.post("/v1/audio/speech", headers=owner, json={"input": "Hi.", "voice": voice_id})
    assert speak.status_code == 404 and speak.json()["error"]["code"] == "unknown_voice"
    left = [p for p in Path(state.settings.audio_dir).rglob("*") if p.is_file() and p.suffix == ".npy"]
    assert left == []
    assert client.get(f"/v1/jobs/{cloned.job_id}", headers=owner).status_code == 404  # its job went too
