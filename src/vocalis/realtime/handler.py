"""The one interface every session type implements, and what the runner offers it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, Protocol

from vocalis.accounts.models import Principal
from vocalis.realtime.events import Event


class Session(Protocol):
    """The runner's side, given to a handler at start."""

    @property
    def principal(self) -> Principal: ...

    async def send(self, event: Event) -> None:
        """Queue an event for the client. Waits while the bounded queue is full (backpressure); raises
        ``SlowConsumer`` when the client leaves it full for longer than the session allows."""
        ...

    def end(self) -> None:
        """End the session normally (what is queued is still sent): for work that finishes it on its
        own, such as a conversation reaching its last line."""
        ...

    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
        """Run work alongside the session; it is cancelled when the session ends, and a ``VocalisError``
        it raises is reported like one from ``handle``."""
        ...


class SessionHandler(Protocol):
    async def start(self, session: Session) -> None:
        """Called once, before the first event; a ``VocalisError`` here ends the session."""
        ...

    async def handle(self, event: Event) -> bool:
        """React to one client event; False ends the session normally once queued events are sent.

        A ``VocalisError`` for a bad message (``InvalidInput``, ``TooLarge``) is reported and the session
        goes on; any other ends it."""
        ...

    async def close(self) -> None:
        """Called once however the session ended, after its spawned work is cancelled."""
        ...


# Builds the handler once the client is authenticated (checks of the route's own parameters go here).
OpenHandler = Callable[[Principal], Awaitable[SessionHandler]]
