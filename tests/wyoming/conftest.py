"""A real Wyoming server over the session's object graph, and a client that speaks to it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import numpy as np
from wyoming.audio import AudioChunk as WyomingChunk
from wyoming.client import AsyncTcpClient
from wyoming.event import Event

from tests.servers import free_port
from vocalis.audio.chunk import AudioChunk
from vocalis.config import WyomingSettings
from vocalis.graph import Vocalis
from vocalis.speech.admission import SynthesisSlots
from vocalis.wyoming.server import WyomingServer
from vocalis.wyoming.services import WyomingServices

READ_TIMEOUT_S = 120.0  # a loaded 2-core machine renders slowly; a hang still fails


@asynccontextmanager
async def wyoming_server(
    graph: Vocalis, *, slots: SynthesisSlots | None = None, **settings: Any
) -> AsyncIterator[WyomingServer]:
    """A server on a free loopback port. Slots are made per test: an asyncio semaphore belongs to the
    event loop that first waits on it, and every test runs its own loop."""
    slots = slots or SynthesisSlots(max_concurrent=2, max_queued=16, retry_after_s=1)
    services = WyomingServices.from_graph(graph, settings=WyomingSettings(**settings), slots=slots)
    server = WyomingServer(services)
    await server.start("127.0.0.1", free_port())
    try:
        yield server
    finally:
        await server.stop()


@asynccontextmanager
async def connect(server: WyomingServer) -> AsyncIterator[AsyncTcpClient]:
    async with AsyncTcpClient("127.0.0.1", server.port, read_timeout=READ_TIMEOUT_S) as client:
        yield client


async def read_until(client: AsyncTcpClient, last: Callable[[Event], bool]) -> list[Event]:
    """Events up to and including the first one ``last`` accepts (the connection must not close)."""
    found: list[Event] = []
    while True:
        event = await client.read_event()
        assert event is not None, f"the server closed the connection after {[e.type for e in found]}"
        found.append(event)
        if last(event):
            return found


def of_type(*types: str) -> Callable[[Event], bool]:
    return lambda event: event.type in types


def audio_of(events: list[Event]) -> AudioChunk:
    """The audio-chunk events' s16le mono PCM as one AudioChunk."""
    chunks = [WyomingChunk.from_event(e) for e in events if e.type == "audio-chunk"]
    assert chunks, f"no audio in {[e.type for e in events]}"
    assert {(c.width, c.channels) for c in chunks} == {(2, 1)}
    pcm = np.frombuffer(b"".join(c.audio for c in chunks), "<i2").astype(np.float32) / 32768
    return AudioChunk(pcm, chunks[0].rate)


async def wait_for(condition: Callable[[], bool], timeout_s: float = 60.0) -> bool:
    """Polls ``condition`` until it holds or the (wide) deadline passes."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            return False
        await asyncio.sleep(0.05)
    return True
