"""A server that stops while a talk is live: the next server marks the session interrupted and analyses
what it had received, up to the last chunk, into its report and recording."""

from __future__ import annotations

import time

import numpy as np
import pytest
from fastapi.testclient import TestClient

from tests.analysis.talks import Talk
from tests.api.conftest import new_user_key
from tests.coaching.talks import filler_talk
from vocalis.api.app import create_app
from vocalis.audio.decode import decode
from vocalis.config import Settings
from vocalis.graph import Vocalis


@pytest.fixture(scope="module")
def talk(services: Vocalis) -> Talk:
    return filler_talk(services)


def test_a_live_session_survives_the_server_stopping(
    api_settings: Settings, services: Vocalis, talk: Talk
) -> None:
    received = talk.audio.samples[: 16_000 * 4]
    with TestClient(create_app(api_settings, engines=services.engines)) as first:
        key = new_user_key(first, "speaker@example.org")
        first.headers["Authorization"] = f"Bearer {key}"
        session = first.post("/api/v1/sessions", json={"title": "Cut short"}).json()["id"]
        with first.websocket_connect(f"/ws/session/{session}") as ws:
            ws.receive_json()
            for i in range(0, len(received), 1600):
                ws.send_bytes((received[i : i + 1600] * 32767).astype("<i2").tobytes())
                time.sleep(0.07)  # a little faster than spoken, as a client catching up does
            # Leave once the server has taken the last chunk.
            while (m := ws.receive_json())["type"] != "metrics_update" or m["elapsed_seconds"] < 4.0:
                pass
        # The server stops with the session still live (paused, waiting for its speaker to come back).
    spool = api_settings.data_dir / "coaching-live" / f"{session}.pcm"
    assert spool.stat().st_size == len(received) * 2  # every chunk was on disk as it arrived

    with TestClient(create_app(api_settings, engines=services.engines)) as second:
        second.headers["Authorization"] = f"Bearer {key}"
        deadline = time.monotonic() + 120
        while not (state := second.get(f"/api/v1/sessions/{session}").json())["has_recording"]:
            assert time.monotonic() < deadline, state
            time.sleep(0.2)
        assert state["status"] == "interrupted" and state["ended_at"]
        assert state["audio_seconds"] == pytest.approx(4.0, abs=0.01)
        recording = decode(second.get(f"/api/v1/sessions/{session}/recording").content)
        assert recording.duration == pytest.approx(4.0, abs=0.05)
        feedback = second.get(f"/api/v1/sessions/{session}/feedback").json()
        assert feedback["score"] is not None or feedback["feedback"]
        analytics = second.get(f"/api/v1/sessions/{session}/analytics").json()
        assert analytics["words"] and analytics["words"][-1]["end"] <= 4.0
        assert not spool.exists()
        # It stays interrupted: it cannot be resumed or recorded into again.
        with second.websocket_connect(f"/ws/session/{session}") as ws:
            assert ws.receive_json()["error"]["code"] == "conflict"
    assert np.isfinite(recording.samples).all()
