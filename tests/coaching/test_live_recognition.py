"""Live recognition outlives its reader: a connection that goes, or a stop, never leaves a final read
cancelled half-way, and finishing never waits for ever on one."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import Future

import pytest

from vocalis.coaching.live import Heard, settle
from vocalis.coaching.live_session import CoachingHandler


def test_settle_returns_for_done_failed_and_hand_cancelled_futures() -> None:
    done: Future[int] = Future()
    done.set_result(1)
    failed: Future[int] = Future()
    failed.set_exception(RuntimeError("the recogniser fell over"))
    cancelled: Future[int] = Future()
    assert cancelled.cancel()  # CANCELLED, never "notified": concurrent.futures.wait would hang here
    later: Future[int] = Future()
    threading.Timer(0.2, later.set_result, (2,)).start()
    finished = threading.Event()
    worker = threading.Thread(target=lambda: (settle([done, failed, cancelled, later]), finished.set()))
    worker.start()
    assert finished.wait(5)
    assert later.done()


def test_a_reader_that_goes_away_does_not_cancel_the_recognition() -> None:
    handler = CoachingHandler(service=None, session_id="s", principal=None)  # type: ignore[arg-type]
    recognising: Future[Heard] = Future()

    async def run() -> None:
        delivering = asyncio.create_task(handler._deliver(recognising, final=True))
        await asyncio.sleep(0.05)
        delivering.cancel()
        with pytest.raises(asyncio.CancelledError):
            await delivering

    # In a thread of its own: this worker's main thread may hold another loop (Playwright's sync API).
    failed: list[BaseException] = []
    thread = threading.Thread(target=lambda: _run(run, failed))
    thread.start()
    thread.join(30)
    assert not thread.is_alive() and not failed, failed
    assert not recognising.cancelled()
    recognising.set_result(Heard(()))  # the pool can still hand its words over


def _run(coroutine: Callable[[], Coroutine[object, object, None]], failed: list[BaseException]) -> None:
    try:
        asyncio.run(coroutine())
    except BaseException as exc:
        failed.append(exc)
