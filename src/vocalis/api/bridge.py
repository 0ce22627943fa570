"""Running synchronous synthesis from async code without blocking the event loop."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

from vocalis.speech.admission import Place
from vocalis.speech.run import EncodedPiece, SynthesisRun

T = TypeVar("T")
_DONE = object()


async def iterate_off_loop(iterator: Iterator[T]) -> AsyncIterator[T]:
    """Each ``next`` runs in the thread pool: one chunk of engine work at a time, the loop stays free."""
    while True:
        item = await run_in_threadpool(next, iterator, _DONE)
        if item is _DONE:
            return
        yield item  # type: ignore[misc]


async def stream_run(run: SynthesisRun, place: Place) -> AsyncGenerator[EncodedPiece]:
    """Pieces of a run; a client that goes away cancels the run before its next chunk is rendered.

    Callers are admitted (``slots.admit``) before the response starts, so an overloaded server answers
    503 and an admitted stream is never refused later; here the place waits for its slot, which is
    released however the stream ends.
    """
    try:
        async with place:
            async for piece in iterate_off_loop(iter(run)):
                yield piece
    finally:
        # A cancelled await leaves the worker thread finishing its chunk; the flag stops the next one.
        run.cancel()
