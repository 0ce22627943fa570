"""The runner behind a real uvicorn server, driven by the ``websockets`` client: a client that stops
reading, one that leaves in the middle of the handler's work, and what it sent before leaving."""

from __future__ import annotations

import asyncio
import json

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.realtime.conftest import wait_for
from tests.realtime.plumbing import GOOD_KEY, Probe, plumbing_app
from tests.servers import run_client, serving
from vocalis.realtime import SessionLimits, SessionOutcome

FRAME = 64 * 1024
WANTED = 2000  # 128 MiB if nothing held the handler back
LIMITS = SessionLimits(outgoing_events=8, send_timeout_s=0.5, close_timeout_s=6.0, idle_timeout_s=None)


def test_a_client_that_stops_reading_holds_the_handler_back_then_gets_a_clear_close() -> None:
    probe = Probe()
    with serving(plumbing_app(probe, LIMITS), "ws") as base:

        async def scenario() -> tuple[int, int, list[dict[str, object]], int | None]:
            async with connect(
                f"{base}/ws/test",
                additional_headers={"x-test-key": GOOD_KEY},
                compression=None,
                max_queue=1,
                max_size=None,
            ) as ws:
                await ws.send(json.dumps({"type": "flood", "frames": WANTED, "size": FRAME}))
                await asyncio.sleep(2.5)  # not reading; the server gives up after 0.5 s of no progress
                flooded_while_stalled = probe.flooded
                frames, texts, code = 0, [], None
                try:
                    while True:
                        message = await ws.recv()
                        if isinstance(message, bytes):
                            frames += 1
                        else:
                            texts.append(json.loads(message))
                except ConnectionClosed as closed:
                    code = closed.rcvd.code if closed.rcvd else None
                return flooded_while_stalled, frames, texts, code

        flooded, frames, texts, code = run_client(scenario())
        assert wait_for(lambda: probe.outcomes)
    print(f"handler queued {flooded} frames of {FRAME} bytes; client read {frames}")
    # Held back: what the handler got out is the bounded queue plus what sockets buffer, not 128 MiB.
    assert flooded * FRAME < 24 * 1024 * 1024
    assert flooded < WANTED
    assert frames <= flooded
    assert texts == [texts[0]] and texts[0]["type"] == "error"
    error = texts[0]["error"]
    assert isinstance(error, dict) and error["code"] == "slow_consumer"
    assert code == 1008
    assert probe.outcomes == [SessionOutcome(1008, "slow_consumer")]
    assert probe.closed == 1


@pytest.mark.parametrize("abrupt", [False, True], ids=["close", "dropped"])
def test_a_client_leaving_mid_work_cancels_everything_the_session_started(abrupt: bool) -> None:
    probe = Probe()
    with serving(plumbing_app(probe, LIMITS), "ws") as base:

        async def scenario() -> None:
            async with connect(f"{base}/ws/test", additional_headers={"x-test-key": GOOD_KEY}) as ws:
                await ws.send(json.dumps({"type": "hang", "seconds": 600}))
                await ws.send(json.dumps({"type": "ping", "id": "1"}))
                assert json.loads(await ws.recv()) == {"type": "pong", "id": "1"}  # hang is under way
                if abrupt:
                    ws.transport.abort()  # no close frame: the TCP connection just drops

        run_client(scenario())
        assert wait_for(lambda: probe.closed == 1)
    assert sorted(probe.cancelled) == ["background", "handle"]
    assert probe.outcomes == [SessionOutcome(None)]


@pytest.mark.parametrize("abrupt", [False, True], ids=["close", "dropped"])
def test_what_a_client_sent_before_leaving_is_still_handled(abrupt: bool) -> None:
    """Live audio already received is not lost when the client goes: the frames queued behind a busy
    handler are handled after the disconnect, then the session ends."""
    probe = Probe()
    with serving(plumbing_app(probe, LIMITS), "ws") as base:

        async def scenario() -> None:
            async with connect(f"{base}/ws/test", additional_headers={"x-test-key": GOOD_KEY}) as ws:
                await ws.send(json.dumps({"type": "hang", "seconds": 1.0}))
                for _ in range(5):
                    await ws.send(b"\x00\x01" * 800)  # 50 ms of audio each, queued behind the hang
                await ws.send(json.dumps({"type": "ping", "id": "1"}))
                assert json.loads(await ws.recv()) == {"type": "pong", "id": "1"}  # all of it arrived
                if abrupt:
                    ws.transport.abort()

        run_client(scenario())
        assert wait_for(lambda: probe.closed == 1)
    assert probe.heard == 5
    assert probe.cancelled == ["background"]  # the handler's own work finished; what it spawned did not
    assert probe.outcomes == [SessionOutcome(None)]
