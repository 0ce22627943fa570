"""Transcription (OpenAI client) and delivery analysis over HTTP."""

from __future__ import annotations

import openai
import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import new_user_key
from tests.conftest import word_error_rate
from vocalis.audio.encode import encode
from vocalis.audio.formats import AudioFormat
from vocalis.graph import Vocalis
from vocalis.speech.request import SpeechRequest

SENTENCE = "Our quarterly results were strong, and the team delivered every project on time."


@pytest.fixture(scope="module")
def speech_mp3(services: Vocalis) -> bytes:
    plan = services.speech.plan(SpeechRequest(SENTENCE, "am_michael"))
    return encode(services.speech.synthesize(plan), AudioFormat.MP3)


@pytest.fixture
def oai(client: TestClient) -> openai.OpenAI:
    key = client.headers["Authorization"].removeprefix("Bearer ")
    return openai.OpenAI(base_url="http://testserver/v1", api_key=key, http_client=client)


def test_openai_client_transcribes(oai: openai.OpenAI, speech_mp3: bytes) -> None:
    result = oai.audio.transcriptions.create(model="whisper-1", file=("talk.mp3", speech_mp3), language="en")
    assert word_error_rate(SENTENCE, result.text) <= 0.10
    verbose = oai.audio.transcriptions.create(
        model="whisper-1",
        file=("talk.mp3", speech_mp3),
        response_format="verbose_json",
        timestamp_granularities=["word", "segment"],
    )
    assert verbose.language in {"en", "english"} and verbose.duration > 3
    assert verbose.words and verbose.words[0].start < verbose.words[-1].end <= verbose.duration + 0.01


def test_srt_vtt_text(client: TestClient, speech_mp3: bytes) -> None:
    for fmt, marker in (("srt", "-->"), ("vtt", "WEBVTT"), ("text", "quarterly")):
        r = client.post(
            "/v1/audio/transcriptions",
            files={"file": ("talk.mp3", speech_mp3)},
            data={"response_format": fmt, "language": "en"},
        )
        assert r.status_code == 200 and marker in r.text, (fmt, r.text)


def test_streamed_transcription(oai: openai.OpenAI, speech_mp3: bytes) -> None:
    events = list(
        oai.audio.transcriptions.create(
            model="whisper-1", file=("talk.mp3", speech_mp3), language="en", stream=True
        )
    )
    assert events[-1].type == "transcript.text.done"
    deltas = "".join(e.delta for e in events if e.type == "transcript.text.delta")
    assert deltas.strip() == events[-1].text.strip() and word_error_rate(SENTENCE, deltas) <= 0.10


def test_analysis(client: TestClient, speech_mp3: bytes) -> None:
    r = client.post("/api/v1/analysis", files={"file": ("talk.mp3", speech_mp3)}, data={"language": "en"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert {"pace", "pauses", "fillers", "volume", "pitch", "clarity"} <= set(body)
    assert 100 < body["pace"]["words_per_minute"] < 260


@pytest.mark.parametrize(
    ("files", "data", "status", "code"),
    [
        ({"file": ("x.wav", b"not audio at all")}, {}, 415, "unsupported_media"),
        ({"file": ("x.wav", b"")}, {}, 400, "invalid_input"),
        ({"file": ("x.wav", b"RIFF")}, {"language": "de"}, 400, "invalid_input"),
    ],
)
def test_analysis_bad_input(client: TestClient, files: dict[str, tuple[str, bytes]], data: dict[str, str],
                            status: int, code: str) -> None:  # fmt: skip
    r = client.post("/api/v1/analysis", files=files, data=data)
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code


def test_transcription_needs_the_analysis_scope(client: TestClient, speech_mp3: bytes) -> None:
    key = new_user_key(client, "speech-only@example.org", scopes=["speech"])
    r = client.post(
        "/v1/audio/transcriptions",
        files={"file": ("t.mp3", speech_mp3)},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert r.status_code == 403
    r = client.post(
        "/v1/audio/transcriptions", files={"file": ("t.mp3", speech_mp3)}, headers={"Authorization": ""}
    )
    assert r.status_code == 401
