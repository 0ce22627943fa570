"""The stream-input protocol on the session layer, on the real app with the real engines."""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect
from websockets.asyncio.client import connect

from tests.api.conftest import new_user_key
from tests.realtime.conftest import wait_for
from tests.servers import run_client, serving
from vocalis.api.app import create_app
from vocalis.config import Settings
from vocalis.graph import Vocalis

URL = "/v1/text-to-speech/af_heart/stream-input"
LONG = " ".join(
    f"Paragraph {n} keeps the synthesis busy for a while, with enough words in every sentence. "
    "Nobody will hear the end of it, because the listener leaves early."
    for n in range(8)
)


def assert_closes(ws: Any, code: int) -> None:
    with pytest.raises(WebSocketDisconnect) as closed:
        ws.receive_json()
    assert closed.value.code == code


def test_a_bad_key_or_one_without_the_speech_scope_is_reported_and_closed_1008(client: TestClient) -> None:
    voices_only = new_user_key(client, "vo@example.org", scopes=["voices"])
    client.headers.pop("Authorization")
    for url, headers, first, code in [
        (URL, {"Authorization": "Bearer vk_not_a_real_key"}, None, "unauthorized"),
        (URL, {"xi-api-key": "garbage"}, None, "unauthorized"),
        (f"{URL}?xi_api_key=vk_wrong", {}, None, "unauthorized"),
        (URL, {}, {"text": " ", "xi_api_key": "vk_wrong"}, "unauthorized"),
        (URL, {}, {"text": "Hello. "}, "unauthorized"),  # no key anywhere
        (URL, {"Authorization": f"Bearer {voices_only}"}, None, "forbidden"),
        (URL, {}, {"text": " ", "xi_api_key": voices_only}, "forbidden"),
    ]:
        with client.websocket_connect(url, headers=headers) as ws:
            if first is not None:
                ws.send_json(first)
            error = ws.receive_json()["error"]
            assert error["code"] == code
            assert_closes(ws, 1008)


def test_a_key_in_the_url_or_the_first_message_opens_the_session(client: TestClient) -> None:
    key = client.headers.pop("Authorization").removeprefix("Bearer ")
    with client.websocket_connect(f"{URL}?output_format=pcm_16000&xi_api_key={key}") as ws:
        ws.send_json({"text": "Hi."})
        ws.send_json({"text": ""})
        first = ws.receive_json()
        assert len(base64.b64decode(first["audio"])) / 2 / 16000 > 0.2
        assert ws.receive_json() == {"isFinal": True}
    with client.websocket_connect(f"{URL}?output_format=pcm_16000") as ws:
        # The first message carries the key and is itself part of the input (its speed applies).
        ws.send_json({"text": "Hi. ", "voice_settings": {"speed": 0.5}, "xi_api_key": key})
        slow = ws.receive_json()
        ws.send_json({"text": ""})
        assert ws.receive_json() == {"isFinal": True}
    slow_seconds = len(base64.b64decode(slow["audio"])) / 2 / 16000
    normal_seconds = len(base64.b64decode(first["audio"])) / 2 / 16000
    assert slow_seconds > 1.4 * normal_seconds
    # Finished runs are recorded (so an empty history after a cancelled one means it did not finish).
    state = client.app.state.vocalis  # type: ignore[attr-defined]
    (owner,) = state.accounts.directory.list(query="owner@example.org")
    assert sorted(r.text for r in state.history.list(owner_id=owner.id)) == ["Hi.", "Hi."]


def test_binary_frames_and_idle_clients_get_protocol_errors(client: TestClient) -> None:
    with client.websocket_connect(URL + "?inactivity_timeout=1") as ws:
        ws.send_bytes(b"\x00\x01")
        error = ws.receive_json()["error"]
        assert error["code"] == "invalid_input"  # what ElevenLabs clients were promised
        assert error["details"]["reason"] == "unexpected_frame"
        ws.send_text("{oops")
        assert ws.receive_json()["error"]["details"]["reason"] == "malformed_event"
        assert ws.receive_json()["error"]["code"] == "idle_timeout"  # then nothing for 1 s
        assert_closes(ws, 1008)


def test_an_oversized_message_closes_1009(client: TestClient) -> None:
    with client.websocket_connect(URL) as ws:
        ws.send_text(json.dumps({"text": "x" * 200_000}))
        assert ws.receive_json()["error"]["code"] == "frame_too_large"
        assert_closes(ws, 1009)


def test_leaving_mid_stream_cancels_the_render_and_the_wait_for_a_slot(
    api_settings: Settings, services: Vocalis
) -> None:
    settings = api_settings.model_copy(
        update={
            "auth": api_settings.auth.model_copy(update={"local_mode": True}),
            "speech": api_settings.speech.model_copy(update={"max_concurrent": 1}),
        }
    )
    app = create_app(settings, engines=services.engines)
    with serving(app, "ws") as base:
        state = app.state.vocalis
        url = f"{base}{URL}?output_format=pcm_16000"

        async def scenario() -> tuple[int, int]:
            async with connect(url) as rendering:
                await rendering.send(json.dumps({"text": LONG, "flush": True}))
                assert await asyncio.to_thread(wait_for, lambda: state.slots.running == 1, 60)
                waiting = await connect(url)
                await waiting.send(json.dumps({"text": "Waiting my turn.", "flush": True}))
                assert await asyncio.to_thread(wait_for, lambda: state.slots.waiting == 1, 60)
                await waiting.close()
                assert await asyncio.to_thread(wait_for, lambda: state.slots.waiting == 0)
                still_running = state.slots.running
                await rendering.close()
                assert await asyncio.to_thread(wait_for, lambda: state.slots.running == 0, 60)
                return still_running, state.slots.waiting

        still_running, waiting_after = run_client(scenario())
        assert still_running == 1  # leaving the queue did not touch the other session's render
        assert waiting_after == 0
        # A run that finished would be in the history; both were cancelled, so neither is.
        assert state.history.list(owner_id=state.accounts.directory.local_user().id) == []
