"""Wyoming framing with bounds: a JSON header line, then ``data_length`` bytes of JSON, then
``payload_length`` bytes of payload.

The ``wyoming`` package's own reader drops the connection on a bad line and buffers whatever length
a header declares. A server facing any client reads with limits instead: a line that is not an
event, an event over the size limit, or data that is not a JSON object is reported and skipped, and
the connection goes on. Only a header whose lengths cannot be read loses the framing; that one is
fatal.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass
from typing import Any

from wyoming.event import Event, async_write_event

from vocalis.errors import MalformedEvent, SlowConsumer, TooLarge, VocalisError

_NEWLINE = b"\n"
_SKIP_PIECE = 64 * 1024


@dataclass(frozen=True)
class Problem:
    """What was wrong with what the peer sent; ``fatal`` when the stream cannot be read past it."""

    error: VocalisError
    fatal: bool = False


class WireReader:
    """Events from a stream whose ``limit`` is at least ``max_event_bytes`` (see the server)."""

    def __init__(self, reader: asyncio.StreamReader, *, max_event_bytes: int) -> None:
        self._reader = reader
        self._max = max_event_bytes

    async def read(self) -> Event | Problem | None:
        """The next event, a problem with it, or None once the peer has closed the connection."""
        try:
            line: bytes | None = b""
            while line is not None and not line.strip():  # blank lines between events are harmless
                line = await self._line()
            if line is None:
                return Problem(TooLarge(f"an event header is longer than {self._max} bytes"))
            return await self._event(line)
        except asyncio.IncompleteReadError:
            return None

    async def _line(self) -> bytes | None:
        """One header line, or None when it was too long (and has been skipped)."""
        try:
            return await self._reader.readuntil(_NEWLINE)
        except asyncio.LimitOverrunError as overrun:
            await self._reader.readexactly(overrun.consumed)
        while True:  # skip the rest of the long line without keeping it
            try:
                await self._reader.readuntil(_NEWLINE)
                return None
            except asyncio.LimitOverrunError as overrun:
                await self._reader.readexactly(overrun.consumed)

    async def _event(self, line: bytes) -> Event | Problem:
        try:
            header = json.loads(line)
        except ValueError:
            return Problem(MalformedEvent("a line that is not JSON: each event starts with a JSON header"))
        if not isinstance(header, dict) or not isinstance(header.get("type"), str):
            return Problem(MalformedEvent('an event header is a JSON object with a "type" string'))
        data_length = _length(header, "data_length")
        payload_length = _length(header, "payload_length")
        if data_length is None or payload_length is None:
            return Problem(
                MalformedEvent("data_length and payload_length must be whole numbers of bytes"), fatal=True
            )
        if len(line) + data_length + payload_length > self._max:
            await self._skip(data_length + payload_length)
            size = len(line) + data_length + payload_length
            return Problem(
                TooLarge(f"a {header['type']} event of {size} bytes is over the {self._max}-byte limit")
            )
        inline = header.get("data")
        data: dict[str, Any] = inline if isinstance(inline, dict) else {}
        if data_length:
            extra = await self._reader.readexactly(data_length)
            payload = await self._reader.readexactly(payload_length) if payload_length else None
            try:
                more = json.loads(extra)
            except ValueError:
                more = None
            if not isinstance(more, dict):
                return Problem(MalformedEvent(f"the data of a {header['type']} event is not a JSON object"))
            data = {**data, **more}
        else:
            payload = await self._reader.readexactly(payload_length) if payload_length else None
        return Event(type=header["type"], data=data, payload=payload)

    async def _skip(self, count: int) -> None:
        while count > 0:
            piece = await self._reader.readexactly(min(count, _SKIP_PIECE))
            count -= len(piece)


def _length(header: dict[str, Any], key: str) -> int | None:
    value = header.get(key)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


class WireWriter:
    """Events to the peer; a peer that stops reading for ``timeout_s`` gets SlowConsumer."""

    def __init__(self, writer: asyncio.StreamWriter, *, timeout_s: float) -> None:
        self._writer = writer
        self._timeout = timeout_s

    async def write(self, event: Event) -> None:
        try:
            await asyncio.wait_for(async_write_event(event, self._writer), self._timeout)
        except TimeoutError:
            raise SlowConsumer(f"the client read nothing for {self._timeout:.0f} s") from None

    async def close(self) -> None:
        self._writer.close()
        with contextlib.suppress(ConnectionError, OSError):  # the peer went first
            await self._writer.wait_closed()
