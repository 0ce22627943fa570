"""What a careless or hostile client gets: an error event with a code, and a server that goes on."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from wyoming.asr import Transcribe
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.event import Event, async_read_event, async_write_event
from wyoming.ping import Ping

from tests.servers import run_client
from tests.wyoming.conftest import wyoming_server
from vocalis.graph import Vocalis

PONG_TIMEOUT_S = 60.0


async def _raw(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", port)


async def _next(reader: asyncio.StreamReader) -> Event | None:
    return await asyncio.wait_for(async_read_event(reader), PONG_TIMEOUT_S)


async def _ping(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, text: str) -> Event | None:
    await async_write_event(Ping(text=text).event(), writer)
    return await _next(reader)


def test_garbage_unknown_events_and_oversized_events_get_error_events_and_serving_goes_on(
    services: Vocalis,
) -> None:
    async def scenario() -> list[tuple[str, str]]:
        async with wyoming_server(services, max_event_bytes=4096) as server:
            reader, writer = await _raw(server.port)
            seen: list[tuple[str, str]] = []

            async def answer_to(raw: bytes) -> None:
                writer.write(raw)
                event = await _next(reader)
                assert event is not None
                seen.append((event.type, event.data.get("code", "")))

            await answer_to(b"this is not json\n")
            await answer_to(b'["a list"]\n')
            await answer_to(json.dumps({"type": "detect", "data": {}}).encode() + b"\n")
            big = {"type": "audio-chunk", "data": {"rate": 16000, "width": 2, "channels": 1}}
            await answer_to(json.dumps({**big, "payload_length": 20_000}).encode() + b"\n" + b"\0" * 20_000)
            await answer_to(b'{"type": "ping", "pad": "' + b"x" * 10_000 + b'"}\n')
            pong = await _ping(reader, writer, "still there?")
            assert pong is not None
            seen.append((pong.type, pong.data["text"]))
            writer.close()
            return seen

    seen = run_client(scenario())

    assert seen == [
        ("error", "malformed_event"),
        ("error", "malformed_event"),
        ("error", "unknown_event"),
        ("error", "too_large"),
        ("error", "too_large"),
        ("pong", "still there?"),
    ]


def test_a_header_whose_lengths_cannot_be_read_ends_the_connection_with_an_error(services: Vocalis) -> None:
    async def scenario() -> tuple[Event | None, Event | None]:
        async with wyoming_server(services) as server:
            reader, writer = await _raw(server.port)
            writer.write(b'{"type": "audio-chunk", "payload_length": "lots"}\n')
            error = await _next(reader)
            after = await _next(reader)
            writer.close()
            return error, after

    error, after = run_client(scenario())

    assert error is not None and error.data["code"] == "malformed_event"
    assert after is None  # closed: the payload's end cannot be found


def test_audio_beyond_the_limit_is_refused_once_and_no_transcript_follows(services: Vocalis) -> None:
    async def scenario() -> list[Event | None]:
        async with wyoming_server(services, max_audio_seconds=0.5) as server:
            reader, writer = await _raw(server.port)
            await async_write_event(Transcribe(language="en").event(), writer)
            await async_write_event(AudioStart(rate=16_000, width=2, channels=1).event(), writer)
            second = b"\0" * 3200  # 0.1 s
            for _ in range(20):
                await async_write_event(AudioChunk(16_000, 2, 1, second).event(), writer)
            await async_write_event(AudioStop().event(), writer)
            events = [await _next(reader), await _ping(reader, writer, "after")]
            writer.close()
            return events

    error, pong = run_client(scenario())

    assert error is not None and error.type == "error" and error.data["code"] == "too_large"
    assert pong is not None and pong.type == "pong"  # one error, then nothing until the ping


@pytest.mark.parametrize("mid", ["audio", "synthesis"])
def test_a_client_gone_mid_request_frees_its_session_quietly(
    services: Vocalis, mid: str, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> tuple[bool, int, int]:
        from tests.wyoming.conftest import wait_for
        from vocalis.speech.admission import SynthesisSlots

        slots = SynthesisSlots(max_concurrent=1, max_queued=4, retry_after_s=1)
        async with wyoming_server(services, slots=slots) as server:
            reader, writer = await _raw(server.port)
            if mid == "audio":
                await async_write_event(Transcribe().event(), writer)
                await async_write_event(AudioStart(16_000, 2, 1).event(), writer)
                await async_write_event(AudioChunk(16_000, 2, 1, b"\1\0" * 8000).event(), writer)
            else:
                text = "This answer is long enough to be rendered in two chunks of audio. " * 3
                request = Event("synthesize", {"text": text, "voice": {"name": "af_heart"}})
                await async_write_event(request, writer)
                while (event := await _next(reader)) is not None and event.type != "audio-chunk":
                    pass
            writer.close()
            freed = await wait_for(lambda: server.sessions == 0 and slots.running == 0)
            # The server serves the next client as before.
            reader, writer = await _raw(server.port)
            pong = await _ping(reader, writer, "next")
            writer.close()
            return freed, slots.running + slots.waiting, 0 if pong is None else 1

    with caplog.at_level(logging.INFO):
        freed, busy, pongs = run_client(scenario())

    assert freed and busy == 0 and pongs == 1
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not problems, [r.getMessage() for r in problems]
