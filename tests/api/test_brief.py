"""The original brief's routes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.conftest import word_error_rate
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode


def test_tts_default_voice_af(client: TestClient, transcribe: Callable[[AudioChunk], str]) -> None:
    r = client.post("/tts", json={"text": "Hello world, this is the default voice."})
    assert r.status_code == 200 and r.headers["content-type"] == "audio/wav"
    assert r.content[:4] == b"RIFF"
    audio = decode(r.content)
    assert audio.sample_rate == 24000
    assert r.headers["x-voice"] == "af_bella(0.5)+af_sarah(0.5)"
    assert word_error_rate("Hello world, this is the default voice.", transcribe(audio)) <= 0.10


def test_tts_limits(client: TestClient) -> None:
    r = client.post("/tts", json={"text": "a" * 501})
    assert r.status_code == 400 and r.json()["error"]["message"] == "Text too long (max 500 characters)"
    assert client.post("/tts", json={"text": "a" * 500, "voice": "heart"}).status_code == 200
    assert client.post("/tts", json={"text": "Hi", "voice": "zz"}).status_code == 404
    for speed in (0.4, 2.1):
        r = client.post("/tts", json={"text": "Hi", "speed": speed})
        assert r.status_code == 400 and r.json()["error"]["details"]["maximum"] == 2.0


@pytest.mark.parametrize("speed", [0.5, 2.0])
def test_tts_speed_bounds_accepted(client: TestClient, speed: float) -> None:
    assert (
        client.post("/tts", json={"text": "Quick test.", "voice": "heart", "speed": speed}).status_code == 200
    )


def test_voices_and_health(client: TestClient) -> None:
    voices = client.get("/voices").json()
    assert {"af", "af_sky", "bm_lewis", "heart"} <= {v["id"] for v in voices}
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["database"] is True
    assert health["engines"]["kokoro"]["voices"] == 55


def test_every_synthesis_is_recorded_with_its_audio(client: TestClient) -> None:
    client.post("/tts", json={"text": "Remember this one.", "voice": "heart"})
    state = client.app.state.vocalis  # type: ignore[attr-defined]
    owner = client.get("/api/v1/user/profile").json()["id"]
    assert state.history.list(owner_id=None) == []
    (record,) = state.history.list(owner_id=owner)
    assert (record.text, record.voice, record.model, record.format, record.source) == (
        "Remember this one.", "heart", "hibari", "wav", "tts",
    )  # fmt: skip
    assert record.characters == len("Remember this one.")
    assert record.audio_seconds > 0.5 and record.compute_seconds > 0
    with state.blobs.open(record.audio_key) as f:
        assert decode(f.read()).duration == pytest.approx(record.audio_seconds, abs=0.05)


def test_openapi_documents_every_route(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("/v1/audio/speech", "/v1/text-to-speech/{voice_id}", "/tts", "/health"):
        assert path in schema["paths"]
    speech = schema["components"]["schemas"]["SpeechBody"]
    assert all("description" in field for field in speech["properties"].values())
    assert speech.get("examples")
    assert client.get("/docs").status_code == 200


def test_every_schema_field_is_described(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    undocumented = {
        name: missing
        for name, component in schema["components"]["schemas"].items()
        if name not in {"HTTPValidationError", "ValidationError"}
        and (missing := [p for p, v in component.get("properties", {}).items() if "description" not in v])
    }
    assert undocumented == {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), (method, path)


def test_voice_listings_filter(client: TestClient) -> None:
    british = client.get("/voices", params={"language": "en-GB", "gender": "male"}).json()
    assert british and all(v["language"] == "en-GB" and v["gender"] == "male" for v in british)
    assert "bm_george" in {v["id"] for v in british}
    found = client.get("/v1/voices", params={"search": "george"}).json()["voices"]
    assert [v["voice_id"] for v in found] == ["bm_george"]
    assert client.get("/voices", params={"category": "cloned"}).json() == []
    assert client.get("/voices", params={"category": "other"}).status_code == 422
