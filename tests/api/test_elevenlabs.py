"""The ElevenLabs-compatible routes."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.conftest import word_error_rate
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode

TEXT = "Good evening, and welcome to the show. Tonight we have three guests."


def test_mp3_44100_with_xi_api_key(client: TestClient, transcribe: Callable[[AudioChunk], str]) -> None:
    r = client.post(
        "/v1/text-to-speech/bf_emma?output_format=mp3_44100_128",
        json={"text": TEXT, "model_id": "eleven_multilingual_v2"},
        headers={"xi-api-key": client.headers.pop("Authorization").removeprefix("Bearer ")},
    )
    assert r.status_code == 200 and r.headers["content-type"] == "audio/mpeg"
    audio = decode(r.content)
    assert audio.sample_rate == 44100
    assert word_error_rate(TEXT, transcribe(audio)) <= 0.10


def test_pcm_16000_and_speed(client: TestClient) -> None:
    normal = client.post("/v1/text-to-speech/af_heart?output_format=pcm_16000", json={"text": TEXT})
    fast = client.post(
        "/v1/text-to-speech/af_heart?output_format=pcm_16000",
        json={"text": TEXT, "voice_settings": {"speed": 2.0, "stability": 0.5}},
    )
    assert normal.status_code == fast.status_code == 200
    assert 0.4 < len(fast.content) / len(normal.content) < 0.6
    assert 3 < len(normal.content) / 2 / 16000 < 8


def test_stream(client: TestClient) -> None:
    with client.stream("POST", "/v1/text-to-speech/am_adam/stream", json={"text": TEXT}) as r:
        assert r.status_code == 200
        parts = list(r.iter_bytes())
    assert decode(b"".join(parts)).duration > 3


def test_with_timestamps(client: TestClient) -> None:
    r = client.post(
        "/v1/text-to-speech/af_heart/with-timestamps?output_format=wav_24000", json={"text": TEXT}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    audio = decode(base64.b64decode(body["audio_base64"]))
    alignment = body["alignment"]
    assert "".join(alignment["characters"]) == TEXT
    starts, ends = alignment["character_start_times_seconds"], alignment["character_end_times_seconds"]
    assert starts == sorted(starts)
    assert all(0 <= s <= e <= audio.duration + 0.01 for s, e in zip(starts, ends, strict=True))
    words = body["words"]
    assert " ".join(w["word"] for w in words) == TEXT.replace(",", "").replace(".", "")
    assert words[7]["start"] > words[6]["end"]  # the pause after the first sentence


def test_stream_with_timestamps(client: TestClient) -> None:
    with client.stream(
        "POST", "/v1/text-to-speech/af_heart/stream/with-timestamps", json={"text": TEXT}
    ) as r:
        lines = [json.loads(line) for line in r.iter_lines() if line]
    assert r.status_code == 200
    aligned = [line for line in lines if line.get("alignment")]
    assert len(aligned) == 2  # one per sentence
    assert "".join("".join(a["alignment"]["characters"]) for a in aligned).replace(" ", "") == TEXT.replace(
        " ", ""
    )
    assert decode(b"".join(base64.b64decode(line["audio_base64"]) for line in lines)).duration > 3


@pytest.mark.parametrize("fmt", ["ulaw_8000", "mp3", "mp3_96000_128", "wav_7000", "bogus"])
def test_bad_output_format(client: TestClient, fmt: str) -> None:
    r = client.post(f"/v1/text-to-speech/af_heart?output_format={fmt}", json={"text": "Hi."})
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] in {"unsupported_format", "out_of_range"}


def test_unknown_voice_and_voices(client: TestClient) -> None:
    r = client.post("/v1/text-to-speech/nobody", json={"text": "Hi."})
    assert r.status_code == 404 and r.json()["error"]["code"] == "unknown_voice"
    voices = client.get("/v1/voices").json()["voices"]
    george = next(v for v in voices if v["voice_id"] == "bm_george")
    assert george["labels"] == {
        "accent": "British",
        "gender": "male",
        "language": "en-GB",
        "engine": "kokoro",
    }
    assert client.get("/v1/voices/bm_george").json()["name"] == "George"
    assert client.get("/v1/voices/nobody").status_code == 404
