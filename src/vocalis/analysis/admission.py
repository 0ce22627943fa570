"""Admission control for work on uploaded audio: decoding, analysis, transcription, voice samples.

Each such request holds its decoded audio (up to 30 minutes) and the measures made from it while it
runs, and keeps a core busy: more at once than cores only multiply the memory and slow everyone. A
few run at once, a bounded number wait (holding nothing but their upload's bytes), and the rest are
refused at once with 503 and Retry-After, before any decoding, like syntheses
(:mod:`vocalis.speech.admission`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from vocalis.errors import Overloaded


class UploadSlot:
    """One admitted request's place; released once, however many ways its response ends."""

    def __init__(self, slots: UploadSlots) -> None:
        self._slots = slots
        self._held = True

    def release(self) -> None:
        if self._held:
            self._held = False
            self._slots._release()


class UploadSlots:
    def __init__(self, *, max_concurrent: int, max_queued: int, retry_after_s: int) -> None:
        self._semaphore = asyncio.Semaphore(max_concurrent)
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
        """Refuse now when every slot is taken and the queue is full."""
        if self._semaphore.locked() and self._waiting >= self._max_queued:
            raise Overloaded(
                f"the server is busy: {self._running} uploads being decoded or analysed and "
                f"{self._waiting} waiting; retry in {self._retry_after} s",
                retry_after=self._retry_after,
                running=self._running,
                waiting=self._waiting,
            )

    async def acquire(self) -> UploadSlot:
        """Wait for a slot (or raise :class:`Overloaded`); the caller releases the slot it gets."""
        self.admit()
        self._waiting += 1
        try:
            await self._semaphore.acquire()
        finally:
            self._waiting -= 1
        self._running += 1
        return UploadSlot(self)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[UploadSlot]:
        held = await self.acquire()
        try:
            yield held
        finally:
            held.release()

    def _release(self) -> None:
        self._running -= 1
        self._semaphore.release()
