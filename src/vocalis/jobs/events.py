"""Wake-ups for progress streams: workers in this process say "job X changed", SSE streams listening
for X wake at once instead of at their next poll. Streams still poll the database, so progress made
by other processes (Celery workers) arrives too, just a poll later."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class ProgressHub:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: dict[str, set[tuple[asyncio.AbstractEventLoop, asyncio.Event]]] = {}

    @contextmanager
    def listen(self, job_id: str) -> Iterator[asyncio.Event]:
        """An event (for the running loop) set whenever ``job_id`` changes; clear it after each wake."""
        entry = (asyncio.get_running_loop(), asyncio.Event())
        with self._lock:
            self._listeners.setdefault(job_id, set()).add(entry)
        try:
            yield entry[1]
        finally:
            with self._lock:
                listeners = self._listeners.get(job_id, set())
                listeners.discard(entry)
                if not listeners:
                    self._listeners.pop(job_id, None)

    def notify(self, job_id: str) -> None:
        """Callable from any thread."""
        with self._lock:
            listeners = list(self._listeners.get(job_id, ()))
        for loop, event in listeners:
            try:
                loop.call_soon_threadsafe(event.set)
            except RuntimeError:  # that loop has closed; its listener goes with it
                continue
