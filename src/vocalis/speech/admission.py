"""Admission control for syntheses: a few render at once, a bounded number wait, the rest get 503.

The CPU is the bottleneck: more simultaneous renders than cores only make every request slower. A
request past the queue is refused at once with Retry-After instead of being dropped or stalled.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from vocalis.errors import Overloaded


class SynthesisSlots:
    def __init__(self, *, max_concurrent: int, max_queued: int, retry_after_s: int) -> None:
        self._semaphore = asyncio.Semaphore(max_concurrent)
        self._max_concurrent = max_concurrent
        self._max_queued = max_queued
        self._retry_after = retry_after_s
        self._waiting = 0
        self._running = 0

    @property
    def running(self) -> int:
        return self._running

    @property
    def waiting(self) -> int:
        return self._waiting

    def admit(self) -> None:
        """Refuse now, before a response starts, when the queue is already full."""
        if self._semaphore.locked() and self._waiting >= self._max_queued:
            raise Overloaded(
                f"the server is busy: {self._running} syntheses running and {self._waiting} waiting; "
                f"retry in {self._retry_after} s",
                retry_after=self._retry_after,
            )

    async def acquire(self) -> None:
        self.admit()
        self._waiting += 1
        try:
            await self._semaphore.acquire()
        finally:
            self._waiting -= 1
        self._running += 1

    def release(self) -> None:
        self._running -= 1
        self._semaphore.release()

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        await self.acquire()
        try:
            yield
        finally:
            self.release()
