"""Admission control for syntheses: a few render at once, a bounded number wait, the rest get 503.

The CPU is the bottleneck: more simultaneous renders than cores only make every request slower. A
request past the queue is refused at once with Retry-After instead of being dropped or stalled.

The decision is made once, before a response starts: ``admit`` either refuses (Overloaded) or hands
back a ``Place`` that already counts against the lane, running or waiting. Waiting for a slot with a
place can take time but can no longer be refused, so a stream that has started always finishes (or
reports an in-band error) instead of being cut off by a late "the queue is full".

Engines that render in a small fraction of real time (``TTSCapabilities.fast``) have a lane of their
own: a 50 ms render never waits behind ten-second ones.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from types import TracebackType

from vocalis.engines.protocols import TTSCapabilities
from vocalis.errors import Overloaded

STANDARD, FAST = "standard", "fast"


@dataclass(frozen=True)
class LaneLoad:
    running: int
    waiting: int


class Place:
    """A request's place in a lane, held from admission until ``release``.

    ``async with place:`` waits for a slot (never refused), then holds it until the block ends. A
    place never entered (the client left before its stream began) must still be released; releasing
    is idempotent, so every exit path may call it.
    """

    def __init__(self, lane: Lane) -> None:
        self._lane = lane
        self._running = False
        self._released = False

    async def __aenter__(self) -> None:
        await self._lane._start(self)
        self._running = True

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.release()

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        self._lane._leave(running=self._running)


class Lane:
    """One pool of slots with a bounded queue; ``places`` counts both, so the queue cannot overflow."""

    def __init__(self, name: str, *, max_concurrent: int, max_queued: int, retry_after_s: int) -> None:
        self.name = name
        self._slots = asyncio.Semaphore(max_concurrent)
        self._capacity = max_concurrent + max_queued
        self._retry_after = retry_after_s
        self._places = 0
        self._running = 0

    @property
    def load(self) -> LaneLoad:
        return LaneLoad(running=self._running, waiting=self._places - self._running)

    def reserve(self) -> Place:
        if self._places >= self._capacity:
            load = self.load
            raise Overloaded(
                f"the server is busy: {load.running} syntheses running and {load.waiting} waiting; "
                f"retry in {self._retry_after} s",
                retry_after=self._retry_after,
                lane=self.name,
            )
        self._places += 1
        return Place(self)

    async def _start(self, place: Place) -> None:
        try:
            await self._slots.acquire()
        except BaseException:
            place.release()  # cancelled while waiting: the place goes back
            raise
        self._running += 1

    def _leave(self, *, running: bool) -> None:
        self._places -= 1
        if running:
            self._running -= 1
            self._slots.release()


class SynthesisSlots:
    """The lanes of this server: standard engines and fast ones, each with its own slots and queue."""

    def __init__(
        self,
        *,
        max_concurrent: int,
        max_queued: int,
        retry_after_s: int,
        fast_max_concurrent: int = 2,
        fast_max_queued: int = 16,
    ) -> None:
        self._lanes = {
            STANDARD: Lane(
                STANDARD, max_concurrent=max_concurrent, max_queued=max_queued, retry_after_s=retry_after_s
            ),
            FAST: Lane(
                FAST,
                max_concurrent=fast_max_concurrent,
                max_queued=fast_max_queued,
                retry_after_s=retry_after_s,
            ),
        }

    @property
    def running(self) -> int:
        return sum(lane.load.running for lane in self._lanes.values())

    @property
    def waiting(self) -> int:
        return sum(lane.load.waiting for lane in self._lanes.values())

    def lanes(self) -> dict[str, LaneLoad]:
        return {name: lane.load for name, lane in self._lanes.items()}

    def admit(self, engine: TTSCapabilities) -> Place:
        """A place in the lane of the engine that will render, or Overloaded now (before any byte)."""
        return self._lanes[FAST if engine.fast else STANDARD].reserve()
