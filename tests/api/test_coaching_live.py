"""``WS /ws/session/{id}``: a talk streamed at real speed gets live metrics, words, a filler cue and,
at stop, its report; bad messages get in-band errors and lose nothing; a dropped connection pauses."""

from __future__ import annotations

import base64
import itertools
import time
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from tests.analysis.talks import Talk, music
from tests.api.conftest import new_user_key
from tests.coaching.talks import filler_talk
from vocalis.graph import Vocalis

CHUNK = 1600  # 100 ms at 16 kHz


@pytest.fixture(scope="module")
def talk(services: Vocalis) -> Talk:
    return filler_talk(services)


def pcm(samples: np.ndarray) -> bytes:
    return (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()


def new_session(client: TestClient, **config: Any) -> str:
    body = {"title": "Live", "session_type": "presentation", "config": {"feedback_frequency": 5, **config}}
    return str(client.post("/api/v1/sessions", json=body).json()["id"])


def stream(ws: Any, samples: np.ndarray, *, speed: float = 1.0) -> None:
    """Binary 100 ms frames at the pace they were spoken (``speed`` times real time)."""
    started = time.monotonic()
    for i in range(0, len(samples), CHUNK):
        ws.send_bytes(pcm(samples[i : i + CHUNK]))
        wait = started + (i + CHUNK) / 16_000 / speed - time.monotonic()
        if wait > 0:
            time.sleep(wait)


def until(ws: Any, kind: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    seen = []
    while True:
        message = ws.receive_json()
        seen.append(message)
        if message["type"] == kind:
            return message, seen


def test_a_talk_streamed_live_gets_metrics_words_a_filler_cue_and_its_report(
    client: TestClient, talk: Talk
) -> None:
    session = new_session(client)
    with client.websocket_connect(f"/ws/session/{session}") as ws:
        started = ws.receive_json()
        assert started["type"] == "session_started" and started["resumed_at"] == 0
        ws.send_json({"type": "start", "sample_rate": 16000})
        stream(ws, np.concatenate([talk.audio.samples, np.zeros(16_000 * 2, np.float32)]))
        ws.send_json({"type": "stop"})
        result, seen = until(ws, "coaching_result")
    metrics = [m for m in seen if m["type"] == "metrics_update"]
    assert len(metrics) >= talk.audio.duration * 2  # a few a second
    assert max(m["filler_count"] for m in metrics) >= 3
    assert any(m["speaking"] for m in metrics) and any(m["loudness_lufs"] for m in metrics)
    words = [w["text"] for m in seen if m["type"] == "transcript" for w in m["words"]]
    assert len(words) >= 30  # most of the talk was heard while it was given
    cues = [m for m in seen if m["type"] == "realtime_feedback"]
    assert any(c["feedback_type"] == "filler_burst" for c in cues), cues
    assert all(b["at"] - a["at"] >= 5 - 0.01 for a, b in itertools.pairwise(cues))
    report = result["report"]
    assert report["speech_detected"] and report["summary"]["fillers_per_minute"] > 5
    assert report["duration_seconds"] == pytest.approx(talk.audio.duration + 2, abs=0.2)
    assert any(m["type"] == "milestone_achieved" and m["code"] == "first_session" for m in seen)
    state = client.get(f"/api/v1/sessions/{session}").json()
    assert state["status"] == "completed" and state["has_recording"]


def test_bad_messages_get_errors_and_nothing_already_received_is_lost(client: TestClient, talk: Talk) -> None:
    session = new_session(client)
    second = talk.audio.samples[:16_000]
    with client.websocket_connect(f"/ws/session/{session}") as ws:
        ws.receive_json()
        ws.send_json(
            {
                "type": "audio_chunk",
                "audio_data": base64.b64encode(pcm(second[:1600])).decode(),
                "timestamp": 0,
            }
        )
        bad = [
            {"type": "audio_chunk", "audio_data": "%%% not base64 %%%"},
            {"type": "audio_chunk", "audio_data": base64.b64encode(b"abc").decode()},
            {
                "type": "audio_chunk",
                "audio_data": base64.b64encode(pcm(second[:1600])).decode(),
                "sample_rate": 12345,
            },
            {
                "type": "audio_chunk",
                "audio_data": base64.b64encode(pcm(second[:1600])).decode(),
                "timestamp": -50,
            },
            {"type": "audio_chunk", "audio_data": base64.b64encode(pcm(np.zeros(16_000 * 3))).decode()},
            {"type": "config", "focus": ["charisma"]},
            {"type": "dance"},
        ]
        for message in bad:
            ws.send_json(message)
            error = until(ws, "error")[0]["error"]
            assert error["code"] in ("chunk_refused", "invalid_input", "unknown_event", "too_large"), error
        ws.send_bytes(b"\x01\x02\x03")  # odd length
        assert until(ws, "error")[0]["error"]["code"] in ("malformed_event", "chunk_refused")
        # Far faster than real time: refused, not silently dropped.
        refused = 0
        for _ in range(15):
            ws.send_bytes(pcm(np.zeros(16_000)))
        while refused == 0:
            message = ws.receive_json()
            refused += message["type"] == "error" and message["error"]["details"].get("reason") == "too_fast"
        ws.send_json({"type": "stop"})
        result, _ = until(ws, "coaching_result")
    # The first 100 ms and the silence the pace allowed were kept; nothing refused was.
    assert 0.1 <= result["report"]["duration_seconds"] <= 11.2


def test_a_dropped_connection_pauses_and_a_reconnection_resumes(client: TestClient, talk: Talk) -> None:
    session = new_session(client)
    first_half = talk.audio.samples[: 16_000 * 3]
    with client.websocket_connect(f"/ws/session/{session}") as ws:
        ws.receive_json()
        stream(ws, first_half, speed=1.4)
        ws.send_json({"type": "ping", "id": "sync"})
        until(ws, "pong")
    deadline = time.monotonic() + 5
    while client.get(f"/api/v1/sessions/{session}").json()["status"] != "paused":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    with client.websocket_connect(f"/ws/session/{session}") as ws:
        started = ws.receive_json()
        assert started["resumed_at"] == pytest.approx(3.0, abs=0.01)
        ws.send_json({"type": "stop"})
        result, _ = until(ws, "coaching_result")
    assert result["report"]["duration_seconds"] == pytest.approx(3.0, abs=0.05)


def test_other_users_and_finished_sessions_are_closed_with_a_policy_code(client: TestClient) -> None:
    session = new_session(client)
    other = new_user_key(client, "someone@example.org")
    with client.websocket_connect(
        f"/ws/session/{session}", headers={"Authorization": f"Bearer {other}"}
    ) as ws:
        assert ws.receive_json()["error"]["code"] == "not_found"
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 1008
    with client.websocket_connect(f"/ws/session/{session}") as ws:
        ws.receive_json()
        ws.send_json({"type": "stop"})
        until(ws, "coaching_result")
    with client.websocket_connect(f"/ws/session/{session}") as ws:
        assert ws.receive_json()["error"]["code"] == "conflict"
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 1008


def test_chunks_over_http_for_clients_without_websockets(client: TestClient, talk: Talk) -> None:
    session = new_session(client)
    url = f"/api/v1/sessions/{session}/audio/analyze"
    samples = talk.audio.samples[: 16_000 * 6]
    words: list[str] = []
    for i in range(0, len(samples), 16_000):  # one second per request, as a polling client sends
        if i:
            time.sleep(0.7)
        if i // 16_000 % 2:
            body = client.post(
                url, content=pcm(samples[i : i + 16_000]), headers={"Content-Type": "audio/pcm;rate=16000"}
            )
        else:
            chunk = base64.b64encode(pcm(samples[i : i + 16_000])).decode()
            body = client.post(url, json={"audio_data": chunk, "sample_rate": 16000, "timestamp": i / 16})
        assert body.status_code == 200, body.text
        words += [w["text"] for w in body.json()["transcript"] + body.json()["caption"]]
        assert body.json()["received_seconds"] == pytest.approx((i + 16_000) / 16_000, abs=0.01)
    assert client.post(url, json={"audio_data": "not base64!"}).json()["error"]["code"] == "chunk_refused"
    assert client.post(url, content=b"{", headers={"Content-Type": "application/json"}).status_code == 400
    report = client.post(url, json={"stop": True}).json()["feedback"]["report"]
    assert report["duration_seconds"] == pytest.approx(6.0, abs=0.05) and report["speech_detected"]
    assert words  # captions (provisional, each repeating the words so far) came back while it was said
    final = [w["text"] for w in report["analysis"]["transcript"]["words"]]
    assert len(final) >= 12 and set(words) & set(final)
    assert client.post(url, json={"stop": True}).status_code == 409  # finished: nothing more goes in


def test_music_only_gets_an_honest_no_speech_report(client: TestClient) -> None:
    session = new_session(client)
    url = f"/api/v1/sessions/{session}/audio/analyze"
    samples = music(8.0).samples
    for i in range(0, len(samples), 16_000):
        body = client.post(
            url, content=pcm(samples[i : i + 16_000]), headers={"Content-Type": "audio/pcm;rate=16000"}
        )
        assert body.status_code == 200, body.text
        assert body.json()["transcript"] == [] and body.json()["caption"] == []
        assert body.json()["metrics"]["word_count"] == 0 and body.json()["feedback"] is None
    report = client.post(url, json={"stop": True}).json()["feedback"]["report"]
    assert report["duration_seconds"] == pytest.approx(8.0, abs=0.05)
    assert report["speech_detected"] is False and report["score"] is None
    assert report["analysis"]["transcript"]["words"] == []
    assert report["feedback"][0]["type"] == "notice" and "speech" in report["feedback"][0]["message"].lower()
