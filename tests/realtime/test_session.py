"""The session runner through a real WebSocket (Starlette's test client): bad frames, errors, limits."""

from __future__ import annotations

import json
import struct
import time
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from tests.realtime.plumbing import GOOD_KEY, NO_SCOPE_KEY, Probe, plumbing_app
from vocalis.realtime import SessionLimits

URL = "/ws/test"
AUTH = {"x-test-key": GOOD_KEY}
LIMITS = SessionLimits(max_message_bytes=1024, idle_timeout_s=0.6, send_timeout_s=2.0, close_timeout_s=2.0)


@pytest.fixture
def probe() -> Probe:
    return Probe()


@pytest.fixture
def client(probe: Probe) -> Iterator[TestClient]:
    with TestClient(plumbing_app(probe, LIMITS)) as test_client:
        yield test_client


def closed_with(ws: Any) -> int:
    """The close code the server sent next (any other message fails the test)."""
    with pytest.raises(WebSocketDisconnect) as closed:
        message = ws.receive()
        if message["type"] == "websocket.close":
            raise WebSocketDisconnect(message.get("code", 1000))
        raise AssertionError(f"expected the socket to close, got {message}")
    return closed.value.code


def error_of(ws: Any) -> dict[str, Any]:
    message = ws.receive_json()
    assert message["type"] == "error", message
    error: dict[str, Any] = message["error"]
    return error


def assert_still_open(ws: Any) -> None:
    ws.send_json({"type": "say", "text": "still here"})
    assert ws.receive_json() == {"type": "said", "text": "still here"}


def test_events_round_trip_and_binary_audio_is_heard(client: TestClient) -> None:
    with client.websocket_connect(URL, headers=AUTH) as ws:
        ws.send_json({"type": "say", "text": "hi", "times": 2})
        assert [ws.receive_json(), ws.receive_json()] == [{"type": "said", "text": "hi"}] * 2
        ws.send_bytes(struct.pack("<4h", 0, 1000, -1000, 32767))
        assert ws.receive_json() == {"type": "heard", "samples": 4}
        ws.send_json({"type": "bye"})
        assert ws.receive_json() == {"type": "said", "text": "bye"}
        assert closed_with(ws) == 1000


def test_malformed_json_and_non_objects_get_an_error_and_the_session_goes_on(client: TestClient) -> None:
    with client.websocket_connect(URL, headers=AUTH) as ws:
        ws.send_text("{not json")
        error = error_of(ws)
        assert error["code"] == "malformed_event"
        assert "not JSON" in error["message"]
        ws.send_text("[1, 2]")
        assert error_of(ws)["code"] == "malformed_event"
        assert_still_open(ws)


def test_nul_characters_and_lone_surrogates_in_text_are_refused_and_the_session_goes_on(
    client: TestClient,
) -> None:
    with client.websocket_connect(URL, headers=AUTH) as ws:
        ws.send_text('{"type": "say", "text": "a\\u0000b"}')
        error = error_of(ws)
        assert error["code"] == "invalid_characters"
        assert error["details"]["field"] == "text"
        ws.send_text('{"type": "say", "text": "Hello \\ud800 world"}')
        assert error_of(ws)["details"]["character"] == "U+D800"
        assert_still_open(ws)


def test_wrong_field_types_and_missing_fields_name_the_field(client: TestClient) -> None:
    with client.websocket_connect(URL, headers=AUTH) as ws:
        ws.send_json({"type": "say", "text": 42})
        error = error_of(ws)
        assert error["code"] == "invalid_event_field"
        assert error["details"]["field"] == "text"
        assert "must be a string, not a number" in error["message"]
        ws.send_json({"type": "say", "text": "x", "times": True})  # a boolean is no count
        assert error_of(ws)["details"]["field"] == "times"
        ws.send_json({"type": "say"})
        assert error_of(ws) | {"message": ""} == {
            "code": "invalid_event_field",
            "message": "",
            "details": {"field": "text"},
        }
        assert_still_open(ws)


def test_an_unknown_event_type_lists_the_known_ones(client: TestClient) -> None:
    with client.websocket_connect(URL, headers=AUTH) as ws:
        ws.send_json({"type": "dance"})
        error = error_of(ws)
        assert error["code"] == "unknown_event"
        assert error["details"]["type"] == "dance"
        assert {"ping", "say", "bye"} <= set(error["details"]["known"])
        ws.send_json({"text": "no type at all"})
        assert error_of(ws)["code"] == "unknown_event"
        assert_still_open(ws)


def test_binary_where_text_is_expected_and_text_where_binary_is(client: TestClient) -> None:
    with client.websocket_connect(URL, headers=AUTH) as ws:
        ws.send_bytes(b"\x00\x01\x02")  # audio must be whole 16-bit samples
        assert error_of(ws)["code"] == "malformed_event"
        ws.send_json({"type": "audio.pcm16", "data": "AAAA"})  # audio travels as binary frames
        error = error_of(ws)
        assert error["code"] == "unexpected_frame"
        assert "binary frame" in error["message"]
        assert_still_open(ws)


def test_an_oversized_frame_is_refused_and_closes_with_1009(client: TestClient, probe: Probe) -> None:
    with client.websocket_connect(URL, headers=AUTH) as ws:
        ws.send_json({"type": "say", "text": "x" * 2000})
        error = error_of(ws)
        assert error["code"] == "frame_too_large"
        assert error["details"]["limit"] == 1024
        assert closed_with(ws) == 1009
    assert probe.closed == 1


def test_handler_errors_bad_input_keeps_the_session_internal_failure_closes_1011(
    client: TestClient,
) -> None:
    with client.websocket_connect(URL, headers=AUTH) as ws:
        ws.send_json({"type": "fail", "fatal": False})
        assert error_of(ws)["code"] == "out_of_range"
        assert_still_open(ws)
        ws.send_json({"type": "fail", "fatal": True})
        assert error_of(ws)["code"] == "engine_failure"
        assert closed_with(ws) == 1011


def test_ping_is_answered_and_keeps_an_idle_session_alive(client: TestClient) -> None:
    with client.websocket_connect(URL, headers=AUTH) as ws:
        started = time.monotonic()
        for n in range(6):  # 1.2 s of pings, twice the idle timeout
            ws.send_json({"type": "ping", "id": str(n)})
            assert ws.receive_json() == {"type": "pong", "id": str(n)}
            time.sleep(0.2)
        assert time.monotonic() - started > 2 * LIMITS.idle_timeout_s  # type: ignore[operator]
        assert_still_open(ws)


def test_an_idle_session_is_closed_with_an_error_but_a_busy_one_is_not(
    client: TestClient, probe: Probe
) -> None:
    with client.websocket_connect(URL, headers=AUTH) as ws:
        ws.send_json({"type": "hang", "seconds": 1.5})  # handler works longer than the idle timeout
        assert ws.receive_json() == {"type": "said", "text": "woke"}
        started = time.monotonic()
        error = error_of(ws)
        waited = time.monotonic() - started
        assert error["code"] == "idle_timeout"
        assert closed_with(ws) == 1008
    assert 0.3 < waited < 3.0
    assert probe.outcomes[-1].error == "idle_timeout"
    assert "background" in probe.cancelled  # the spawned work did not outlive the session


def test_credentials_from_header_query_or_first_message(client: TestClient, probe: Probe) -> None:
    for url, headers in [(URL, AUTH), (f"{URL}?token={GOOD_KEY}", {}), (f"{URL}?xi_api_key={GOOD_KEY}", {})]:
        with client.websocket_connect(url, headers=headers) as ws:
            assert_still_open(ws)
    with client.websocket_connect(URL) as ws:
        ws.send_json({"type": "hello", "token": GOOD_KEY})
        ws.send_json({"type": "ping", "id": "after-hello"})
        assert ws.receive_json() == {"type": "pong", "id": "after-hello"}
    assert probe.principals == ["ana@example.org"] * 4


def test_failed_authentication_reports_and_closes_1008(client: TestClient, probe: Probe) -> None:
    cases = [
        (URL, {"x-test-key": "wrong"}, None, "unauthorized"),
        (f"{URL}?token=wrong", {}, None, "unauthorized"),
        (URL, {"x-test-key": NO_SCOPE_KEY}, None, "forbidden"),
        (URL, {}, {"type": "hello", "token": "wrong"}, "unauthorized"),
        (URL, {}, {"type": "hello"}, "unauthorized"),
    ]
    for url, headers, first, code in cases:
        with client.websocket_connect(url, headers=headers) as ws:
            if first is not None:
                ws.send_text(json.dumps(first))
            assert error_of(ws)["code"] == code
            assert closed_with(ws) == 1008
    assert probe.principals == []  # no handler ever started
