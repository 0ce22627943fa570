"""The OpenAI-compatible routes, driven by the official openai client."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable

import openai
import pytest
from fastapi.testclient import TestClient

from tests.conftest import word_error_rate
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode

SENTENCES = "The weather is lovely today. Let us walk to the park and read a book."


@pytest.fixture
def oai(client: TestClient) -> openai.OpenAI:
    key = client.headers["Authorization"].removeprefix("Bearer ")
    return openai.OpenAI(base_url="http://testserver/v1", api_key=key, http_client=client)


def test_create_speech_wav(oai: openai.OpenAI, transcribe: Callable[[AudioChunk], str]) -> None:
    response = oai.audio.speech.create(
        model="kokoro", voice="af_heart", input=SENTENCES, response_format="wav"
    )
    audio = decode(response.content)
    assert audio.sample_rate == 24000
    assert word_error_rate(SENTENCES, transcribe(audio)) <= 0.10


def test_default_is_mp3_and_openai_voice_names_work(oai: openai.OpenAI) -> None:
    response = oai.audio.speech.create(model="tts-1", voice="nova", input="Hello there.")
    assert response.response.headers["content-type"] == "audio/mpeg"
    assert response.response.headers["x-voice"] == "af_nova"
    assert 0.5 < decode(response.content).duration < 3


def test_streaming_response(oai: openai.OpenAI) -> None:
    with oai.audio.speech.with_streaming_response.create(
        model="kokoro", voice="bm_george", input=SENTENCES, response_format="opus", speed=1.5
    ) as response:
        data = b"".join(response.iter_bytes())
    assert 1.5 < decode(data).duration < 6


def test_pcm_is_raw_24k(client: TestClient) -> None:
    r = client.post(
        "/v1/audio/speech", json={"input": "Hi there.", "voice": "heart", "response_format": "pcm"}
    )
    assert r.status_code == 200
    assert 0.3 < len(r.content) / 2 / 24000 < 2.0


def test_sse_stream(client: TestClient) -> None:
    r = client.post(
        "/v1/audio/speech",
        json={"input": SENTENCES, "voice": "af_heart", "response_format": "wav", "stream_format": "sse"},
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    events = [json.loads(line[6:]) for line in r.text.splitlines() if line.startswith("data: ")]
    assert [e["type"] for e in events[:-1]] == ["speech.audio.delta"] * (len(events) - 1)
    assert len(events) >= 3  # one delta per sentence at least, then done
    assert events[-1]["type"] == "speech.audio.done" and events[-1]["usage"]["input_tokens"] == len(SENTENCES)
    audio = decode(b"".join(base64.b64decode(e["audio"]) for e in events[:-1]))
    assert audio.duration > 2


def test_too_long_input_points_to_jobs(client: TestClient) -> None:
    r = client.post("/v1/audio/speech", json={"input": "a" * 4097, "voice": "af_heart"})
    assert r.status_code == 413
    error = r.json()["error"]
    assert error["code"] == "too_large" and "/v1/jobs" in error["message"]
    assert error["details"]["limit"] == 4096


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"input": "Hi", "voice": "af_nobody"}, 404, "unknown_voice"),
        ({"input": "Hi", "voice": "af_heart", "speed": 5}, 400, "out_of_range"),
        ({"input": "", "voice": "af_heart"}, 400, "empty_text"),
        ({"input": "🙂", "voice": "af_heart"}, 400, "empty_text"),
        ({"input": "Hi", "voice": "af_bella(2+af_sky"}, 400, "invalid_blend"),
        ({"input": "Hi", "voice": "af_heart", "response_format": "ogg"}, 422, "validation_error"),
        ({"voice": "af_heart"}, 422, "validation_error"),
    ],
)
def test_bad_requests(client: TestClient, body: dict[str, object], status: int, code: str) -> None:
    r = client.post("/v1/audio/speech", json=body)
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code


def test_malformed_json_is_422(client: TestClient) -> None:
    r = client.post("/v1/audio/speech", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "validation_error"


def test_models_and_voices(oai: openai.OpenAI, client: TestClient) -> None:
    ids = [m.id for m in oai.models.list()]
    assert "kokoro" in ids and "tts-1" in ids
    voices = client.get("/v1/audio/voices").json()
    assert "af_heart" in voices["voices"] and voices["aliases"]["alloy"] == "af_alloy"


def test_credentials_are_required(client: TestClient) -> None:
    body = {"input": "Hi.", "voice": "heart", "response_format": "wav"}
    r = client.post("/v1/audio/speech", json=body, headers={"Authorization": ""})
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    assert r.headers["www-authenticate"] == "Bearer"
    r = client.post("/v1/audio/speech", json=body, headers={"Authorization": "Bearer sk-anything"})
    assert r.status_code == 401
