"""What the edge refuses, on SQLite and PostgreSQL: text that cannot be stored, unbounded paging,
numbers that are not numbers, times that are not times, and texts the voice cannot say."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from fastapi.testclient import TestClient

from tests.api.conftest import new_user_key
from vocalis.api.app import create_app
from vocalis.config import DatabaseSettings, Settings
from vocalis.graph import Vocalis

HUGE = "11587576490120940225560576"


@pytest.fixture
def edge_client(api_settings: Settings, services: Vocalis, database_url: str) -> Iterator[TestClient]:
    settings = api_settings.model_copy(update={"database": DatabaseSettings(url=database_url)})
    with TestClient(create_app(settings, engines=services.engines)) as test_client:
        test_client.headers["Authorization"] = f"Bearer {new_user_key(test_client, 'erin@example.org')}"
        yield test_client


def _wav() -> bytes:
    out = io.BytesIO()
    sf.write(out, np.zeros(1600, np.float32), 16000, format="WAV")
    return out.getvalue()


def _post(client: TestClient, url: str, body: object, **kwargs: Any) -> Any:
    """JSON as a client like ``json.dumps`` writes it: a lone surrogate as a \\ud800 escape."""
    headers = {"Content-Type": "application/json", **kwargs.pop("headers", {})}
    return client.request(kwargs.pop("method", "POST"), url, content=json.dumps(body), headers=headers)


def _escaped(text: str) -> str:
    return text.replace("\x00", "\\u0000").replace("\ud800", "\\ud800")


def _invalid(response: Any, location: str, field: str) -> None:
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_characters"
    assert (error["details"]["location"], error["details"]["field"]) == (location, field)


@pytest.mark.parametrize("bad", ["Hello \ud800 world", "Hello \x00 world"])
def test_nul_and_lone_surrogates_are_refused_wherever_text_arrives(edge_client: TestClient, bad: str) -> None:
    c = edge_client
    _invalid(_post(c, "/v1/audio/speech", {"input": bad}), "body", "input")
    _invalid(_post(c, "/tts", {"text": bad, "voice": "heart"}), "body", "text")
    _invalid(_post(c, "/v1/text-to-speech/af_heart", {"text": bad}), "body", "text")
    _invalid(_post(c, "/v1/text-to-speech/af_heart/with-timestamps", {"text": bad}), "body", "text")
    _invalid(_post(c, "/v1/jobs", {"text": "fine", "voice": bad}), "body", "voice")
    named = _post(c, "/v1/jobs", {"text": "fine", "options": {bad: 1}})
    _invalid(named, "body", f"options.{_escaped(bad)} (name)")
    _invalid(_post(c, "/api/v1/user/profile", {"display_name": bad}, method="PATCH"), "body", "display_name")
    anonymous = {"Authorization": ""}
    login = {"email": "erin\x00@example.org", "password": "x"}
    _invalid(_post(c, "/api/v1/auth/login", login, headers=anonymous), "body", "email")
    if "\x00" in bad:  # a form field's bytes can carry NUL, never a lone surrogate
        sample = {"file": ("a.wav", _wav(), "audio/wav")}
        form = c.post("/v1/audio/transcriptions", files=sample, data={"prompt": bad})
        _invalid(form, "form", "prompt")
    assert c.get("/v1/history").json()["total"] == 0  # nothing was made, nothing half-recorded


def test_nul_in_query_strings_paths_and_urlencoded_forms_is_refused(edge_client: TestClient) -> None:
    c = edge_client
    _invalid(c.get("/v1/history?q=a%00b"), "query", "q")
    _invalid(c.get("/history?voice=%00"), "query", "voice")
    _invalid(c.get("/v1/voices/af%00heart"), "path", "")
    _invalid(c.get("/v1/jobs/a%00b"), "path", "")
    urlencoded = {"Content-Type": "application/x-www-form-urlencoded"}
    form = c.post("/tts", content=b"text=a%00b", headers=urlencoded)
    _invalid(form, "form", "text")
    # Valid astral characters (a surrogate pair in JSON) and percent-escapes are fine.
    assert c.get("/v1/history?q=%F0%9F%98%80").status_code == 200
    assert c.post("/tts", json={"text": "Hi \U0001f600 there.", "voice": "heart"}).status_code == 200


@pytest.mark.parametrize("path", ["/v1/history", "/history", "/v1/jobs", "/jobs"])
def test_paging_offsets_are_bounded(edge_client: TestClient, path: str) -> None:
    for offset in (HUGE, str(2**63), "1000000001"):
        r = edge_client.get(f"{path}?offset={offset}")
        assert r.status_code == 422, r.text
        assert r.json()["error"]["code"] == "validation_error"
        assert r.json()["error"]["details"]["errors"][0]["field"] == "query.offset"
    r = edge_client.get(f"{path}?offset=1000000000")
    assert r.status_code == 200, r.text
    assert r.json()["total"] == 0


def test_numbers_and_booleans_are_strict_and_times_are_times(edge_client: TestClient) -> None:
    c = edge_client
    for body in ({"input": "Hi.", "speed": False}, {"input": "Hi.", "speed": "1.0"}):
        r = c.post("/v1/audio/speech", json=body)
        assert r.status_code == 422, r.text
        assert r.json()["error"]["details"]["errors"][0]["field"] == "speed"
    job = c.post("/v1/jobs", json={"text": "Hi.", "options": {"timestamps": 1}})
    assert job.status_code == 422
    assert job.json()["error"]["details"]["errors"][0]["field"] == "options.timestamps"
    assert c.post("/tts", json={"text": "Hi.", "voice": "heart", "speed": 1}).status_code == 200
    for query in ("until=0.5", "since=1700000000"):
        r = c.get(f"/history?{query}")
        assert r.status_code == 422, r.text
        assert "ISO 8601" in r.json()["error"]["message"]
    assert c.get("/history?since=2026-01-31&until=2026-02-01T12:00:00Z").status_code == 200


def test_a_text_the_voice_cannot_say_is_a_4xx_naming_why(edge_client: TestClient) -> None:
    c = edge_client
    for r in (
        c.post("/v1/audio/speech", json={"input": "你好世界", "voice": "af_heart", "response_format": "wav"}),
        c.post("/v1/text-to-speech/af_heart", json={"text": "你好世界"}),
        c.post("/v1/jobs", json={"text": "你好世界", "voice": "af_heart"}),
    ):
        assert r.status_code == 422, r.text
        error = r.json()["error"]
        assert error["code"] == "unsupported_language"
        assert "Han" in error["message"] and "af_heart" in error["message"]
    assert c.get("/v1/history").json()["total"] == 0
    assert c.get("/v1/jobs").json()["total"] == 0
    mixed = c.post("/v1/audio/speech", json={"input": "Hello 你好.", "voice": "af_heart"})
    assert mixed.status_code == 200 and len(mixed.content) > 1000


def test_the_stream_input_socket_reports_an_unsayable_text_in_band(edge_client: TestClient) -> None:
    url = "/v1/text-to-speech/af_heart/stream-input?output_format=pcm_16000"
    with edge_client.websocket_connect(url) as ws:
        ws.send_json({"text": " "})
        ws.send_json({"text": "你好世界。", "flush": True})
        error = ws.receive_json()["error"]
        assert error["code"] == "unsupported_language"
        ws.send_json({"text": "Hello there.", "flush": True})
        assert ws.receive_json()["audio"]
