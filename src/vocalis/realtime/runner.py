"""The session runner: owns the socket from admission to close.

Four tasks per session: a reader (size check, decode, answer pings, queue events), a dispatcher (one
event at a time to the handler), a writer (the bounded outgoing queue to the socket) and an idle
watchdog. The first of them to end the session wins; everything else the session started, the
handler's spawned work included, is cancelled before the handler's ``close`` and the close frame.
A client that leaves (closes or drops) does not lose what it sent: the events queued before it left
are still handled, what the handler sends meanwhile is dropped, and the session ends when they are
done or after ``drain_timeout_s``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Coroutine
from dataclasses import dataclass
from typing import Any

from vocalis.accounts.models import Principal
from vocalis.errors import FrameTooLarge, IdleTimeout, SlowConsumer, VocalisError
from vocalis.realtime.auth import SessionAuth, admit
from vocalis.realtime.codec import Codec, Frame
from vocalis.realtime.events import Event, Ping, Pong
from vocalis.realtime.handler import OpenHandler, SessionHandler
from vocalis.realtime.policy import (
    GOING_AWAY,
    NORMAL_CLOSURE,
    SessionLimits,
    close_code_for,
    keeps_session_open,
)
from vocalis.realtime.transport import Transport

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SessionOutcome:
    close_code: int | None  # None: the client went away first
    error: str | None = None  # code of the error that ended the session


async def serve_session(
    transport: Transport,
    codec: Codec,
    auth: SessionAuth,
    open_handler: OpenHandler,
    limits: SessionLimits | None = None,
) -> SessionOutcome:
    """Authenticate, build the handler, run the session until either side ends it."""
    return await _Runner(transport, codec, limits or SessionLimits()).run(auth, open_handler)


class _Runner:
    def __init__(self, transport: Transport, codec: Codec, limits: SessionLimits) -> None:
        self._transport = transport
        self._codec = codec
        self._limits = limits
        # None after the last event of a client that has left.
        self._incoming: asyncio.Queue[Event | None] = asyncio.Queue(limits.incoming_events)
        self._outgoing: asyncio.Queue[Frame] = asyncio.Queue(limits.outgoing_events)
        self._spawned: set[asyncio.Task[None]] = set()
        self._ended = asyncio.Event()
        self._outcome: SessionOutcome | None = None
        self._final_error: VocalisError | None = None
        self._principal: Principal | None = None
        self._handling = False
        self._wind_down: asyncio.Task[None] | None = None
        self._last_activity = asyncio.get_running_loop().time()
        self._left: asyncio.TimerHandle | None = None  # set once the client has gone

    # The Session protocol, as the handler sees it.

    @property
    def principal(self) -> Principal:
        assert self._principal is not None, "the session has no principal before admission"
        return self._principal

    async def send(self, event: Event) -> None:
        await self._queue_frame(self._codec.encode(event))

    def end(self) -> None:
        self._end(NORMAL_CLOSURE)

    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(self._guard(work))
        self._spawned.add(task)
        task.add_done_callback(self._spawned.discard)

    # Running.

    async def run(self, auth: SessionAuth, open_handler: OpenHandler) -> SessionOutcome:
        try:
            admission = await admit(auth, self._transport.query, self._next_event)
            if admission is None:
                return SessionOutcome(None)
            self._principal = admission.principal
            handler = await open_handler(admission.principal)
        except VocalisError as exc:
            return await self._reject(exc)
        try:
            await handler.start(self)
        except VocalisError as exc:
            await _cancel(list(self._spawned))
            await self._close_handler(handler)
            return await self._reject(exc)
        writer = asyncio.create_task(self._write())
        workers = [
            asyncio.create_task(self._guard(self._read())),
            asyncio.create_task(self._guard(self._dispatch(handler, admission.first_event))),
        ]
        if self._limits.idle_timeout_s is not None:
            workers.append(asyncio.create_task(self._watch_idle(self._limits.idle_timeout_s)))
        try:
            await self._ended.wait()
        finally:
            if self._outcome is None:  # cancelled from outside: the server is shutting down
                self._end(GOING_AWAY)
            # Its own task, so that a cancelled runner still cancels the session's work and closes the
            # handler; it takes at most the close timeout once that work is cancelled.
            self._wind_down = asyncio.create_task(self._stop(workers, writer, handler))
            await asyncio.shield(self._wind_down)
        assert self._outcome is not None
        return self._outcome

    async def _stop(
        self, workers: list[asyncio.Task[None]], writer: asyncio.Task[None], handler: SessionHandler
    ) -> None:
        if self._left is not None:
            self._left.cancel()
        await _cancel([*workers, *self._spawned])
        await self._close_handler(handler)
        try:
            await self._finish(writer)
        except Exception:  # nobody awaits this task once the runner itself was cancelled
            log.exception("a realtime session failed to close its socket")

    def _end(self, close_code: int | None, error: VocalisError | None = None) -> None:
        if self._outcome is None:
            self._outcome = SessionOutcome(close_code, error.code if error else None)
            self._final_error = error
            self._ended.set()

    async def _guard(self, work: Awaitable[None]) -> None:
        """Errors of any session task: a bad message is reported, anything else ends the session."""
        try:
            await work
        except VocalisError as exc:
            if keeps_session_open(exc):
                with contextlib.suppress(VocalisError):
                    await self._queue_frame(self._codec.encode_error(exc))
                return
            self._end(close_code_for(exc), exc)
        except Exception:
            log.exception("a realtime session failed")
            error = VocalisError("the session failed on the server; see its log")
            self._end(close_code_for(error), error)

    async def _next_event(self) -> Event | None:
        frame = await self._transport.receive()
        if frame is None:
            return None
        self._touch()
        size = len(frame) if isinstance(frame, bytes) else len(frame.encode("utf-8"))
        if size > self._limits.max_message_bytes:
            raise FrameTooLarge(
                f"a message of {size} bytes is over this session's limit of "
                f"{self._limits.max_message_bytes} bytes",
                bytes=size,
                limit=self._limits.max_message_bytes,
            )
        return self._codec.decode(frame)

    async def _read(self) -> None:
        while True:
            try:
                event = await self._next_event()
            except VocalisError as exc:
                if not keeps_session_open(exc):
                    raise
                await self._queue_frame(self._codec.encode_error(exc))
                continue
            if event is None:
                self._client_left()
                await self._incoming.put(None)  # after what it sent before leaving
                return
            if isinstance(event, Ping):
                await self.send(Pong(event.id))
            else:
                await self._incoming.put(event)  # full: stop reading, so TCP pushes back on the client

    async def _dispatch(self, handler: SessionHandler, first: Event | None) -> None:
        if first is not None and not await self._handle(handler, first):
            return
        while True:
            event = await self._incoming.get()
            if event is None:  # the client left and everything it sent is handled
                self._end(None)
                return
            if not await self._handle(handler, event):
                return

    async def _handle(self, handler: SessionHandler, event: Event) -> bool:
        self._handling = True
        try:
            go_on = await handler.handle(event)
        except VocalisError as exc:
            if not keeps_session_open(exc):
                raise
            await self._queue_frame(self._codec.encode_error(exc))
            go_on = True
        finally:
            self._handling = False
            self._touch()
        if not go_on:
            self._end(NORMAL_CLOSURE)
        return go_on

    async def _queue_frame(self, frame: Frame) -> None:
        try:
            await asyncio.wait_for(self._outgoing.put(frame), self._limits.send_timeout_s)
        except TimeoutError:
            raise self._slow_consumer() from None

    def _slow_consumer(self) -> SlowConsumer:
        return SlowConsumer(
            f"the client read nothing for {self._limits.send_timeout_s:g} s while "
            f"{self._outgoing.qsize()} messages waited for it",
            waiting=self._outgoing.qsize(),
        )

    def _client_left(self) -> None:
        if self._left is None:
            loop = asyncio.get_running_loop()
            self._left = loop.call_later(self._limits.drain_timeout_s, self._end, None)

    async def _write(self) -> None:
        while True:
            frame = await self._outgoing.get()
            if self._left is not None:  # nobody to send it to
                self._outgoing.task_done()
                continue
            try:
                sent = await asyncio.wait_for(self._transport.send(frame), self._limits.send_timeout_s)
            except TimeoutError:
                error = self._slow_consumer()
                self._end(close_code_for(error), error)
                return
            finally:
                self._outgoing.task_done()
            if not sent:
                self._client_left()  # the reader hears it too, once it reaches the close
            else:
                self._touch()

    async def _watch_idle(self, timeout: float) -> None:
        loop = asyncio.get_running_loop()
        while True:
            # Spawned work does not count: it may run as long as the session; what it sends does.
            busy = self._handling or not self._incoming.empty() or not self._outgoing.empty()
            idle = loop.time() - self._last_activity
            if busy:
                await asyncio.sleep(min(timeout, 1.0))
            elif idle >= timeout:
                error = IdleTimeout(f"nothing was received for {timeout:g} s", seconds=timeout)
                self._end(close_code_for(error), error)
                return
            else:
                await asyncio.sleep(timeout - idle)

    def _touch(self) -> None:
        self._last_activity = asyncio.get_running_loop().time()

    async def _finish(self, writer: asyncio.Task[None]) -> None:
        """Send what is queued, then the error that ended the session, then the close frame, all within
        the close timeout: a client that still does not read is left behind, not waited for."""
        outcome = self._outcome
        try:
            if outcome is None or outcome.close_code is None:
                return
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._limits.close_timeout_s):
                    if not writer.done():
                        drained = asyncio.create_task(self._outgoing.join())
                        await asyncio.wait([drained, writer], return_when=asyncio.FIRST_COMPLETED)
                        await _cancel([drained, writer])
                    # Left over only when the writer gave up on a client that stopped reading.
                    while not self._outgoing.empty():
                        if not await self._transport.send(self._outgoing.get_nowait()):
                            return
                    error = self._final_error
                    if error is None or await self._transport.send(self._codec.encode_error(error)):
                        await self._transport.close(outcome.close_code, _reason(error))
                    return
            log.info("a realtime client took no close frame within %s s", self._limits.close_timeout_s)
        finally:
            await _cancel([writer])

    async def _reject(self, error: VocalisError) -> SessionOutcome:
        """Before the session starts: the error, then the close, bounded like any other send."""
        code = close_code_for(error)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self._limits.close_timeout_s):
                if await self._transport.send(self._codec.encode_error(error)):
                    await self._transport.close(code, _reason(error))
        return SessionOutcome(code, error.code)

    async def _close_handler(self, handler: SessionHandler) -> None:
        try:
            await handler.close()
        except Exception:
            log.exception("a realtime session handler failed to close")


def _reason(error: VocalisError | None) -> str:
    return error.code if error is not None else ""


async def _cancel(tasks: list[asyncio.Task[Any]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
