"""The Wyoming TCP server: one session task per connection, all stopped together.

Used by `vocalis wyoming` (on its own) and by `vocalis serve` when VOCALIS_WYOMING__PORT is set (beside
the HTTP server, on its event loop and with its object graph, so both share one admission queue).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from typing import TYPE_CHECKING

from vocalis.errors import Overloaded, VocalisError
from vocalis.wyoming import events
from vocalis.wyoming.services import WyomingServices
from vocalis.wyoming.session import WyomingSession
from vocalis.wyoming.wire import WireWriter

if TYPE_CHECKING:
    from vocalis.graph import Vocalis

log = logging.getLogger(__name__)
DEFAULT_PORT = 10200  # wyoming-piper's, so Home Assistant users find it where they expect


class WyomingServer:
    def __init__(self, services: WyomingServices) -> None:
        self._services = services
        self._server: asyncio.Server | None = None
        self._sessions: set[asyncio.Task[None]] = set()
        self._warming: asyncio.Task[float | None] | None = None

    @property
    def sessions(self) -> int:
        """Connections being served now."""
        return len(self._sessions)

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the Wyoming server is not started")
        address: tuple[str, int] = self._server.sockets[0].getsockname()[:2]
        return address[1]

    async def start(self, host: str, port: int) -> None:
        """Listen on ``host:port`` (port 0: any free one; see ``port``)."""
        # The reader's limit bounds one header line; WireReader skips longer ones.
        self._server = await asyncio.start_server(
            self._connected, host=host, port=port, limit=self._services.settings.max_event_bytes
        )
        log.info("Wyoming on tcp://%s:%d", host, self.port)

    async def _connected(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        if isinstance(sock, socket.socket):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # audio chunks leave at once
        task = asyncio.current_task()
        assert task is not None  # asyncio runs each connection callback in its own task
        if len(self._sessions) >= self._services.settings.max_connections:
            await self._refuse(writer)
            return
        self._sessions.add(task)
        try:
            await WyomingSession(self._services, reader, writer).run()
        except asyncio.CancelledError:
            # stop() ends sessions by cancelling them; asyncio's stream callback would log a
            # cancelled connection task as a failure, so the task ends normally instead.
            pass
        finally:
            self._sessions.discard(task)

    async def _refuse(self, writer: asyncio.StreamWriter) -> None:
        limit = self._services.settings.max_connections
        log.warning("Wyoming: refused a connection past the limit of %d", limit)
        busy = Overloaded(
            f"this server serves {limit} Wyoming connections at once; close one or retry later",
            retry_after=5,
            limit=limit,
        )
        wire = WireWriter(writer, timeout_s=self._services.settings.write_timeout_s)
        with contextlib.suppress(ConnectionError, OSError, VocalisError):
            await wire.write(events.error_event(busy))
        await wire.close()

    def warm_up(self) -> None:
        """Load the models in the background; requests meanwhile are served (and wait for them)."""

        async def warm() -> float | None:
            try:
                return await asyncio.to_thread(self._services.warm_up)
            except Exception:  # a model that cannot load fails its first request with a clear error
                log.exception("Wyoming: warming up the models failed")
                return None

        self._warming = asyncio.create_task(warm())

    async def warmed_up(self) -> float | None:
        """Seconds the warm-up took, once done (None: it failed or was never started)."""
        return await self._warming if self._warming is not None else None

    async def serve_forever(self) -> None:
        if self._server is None:
            raise RuntimeError("start the Wyoming server first")
        await self._server.serve_forever()

    async def stop(self) -> None:
        """Stop listening and end every session (a render in progress finishes its current chunk)."""
        if self._server is not None:
            self._server.close()
        for task in list(self._sessions):
            task.cancel()
        await asyncio.gather(*self._sessions, return_exceptions=True)
        if self._warming is not None:
            await asyncio.gather(self._warming, return_exceptions=True)  # a thread cannot be cancelled
        if self._server is not None:
            await self._server.wait_closed()


async def start_wyoming(graph: Vocalis, *, host: str | None = None, port: int | None = None) -> WyomingServer:
    """A started server over ``graph``; host and port default to the graph's Wyoming settings."""
    settings = graph.settings.wyoming
    services = await asyncio.to_thread(WyomingServices.from_graph, graph)
    server = WyomingServer(services)
    await server.start(host or settings.host, port if port is not None else settings.port or DEFAULT_PORT)
    server.warm_up()
    return server
