"""A background thread that keeps a claim fresh and says when it is lost."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from types import TracebackType

log = logging.getLogger(__name__)


class Heartbeat:
    """Calls ``beat`` every ``interval`` seconds; when it returns False (the job was cancelled or taken
    over) ``lost`` is set and the thread ends. A failing beat (database down) is retried next time:
    the claim only goes stale for others if the outage outlasts their patience."""

    def __init__(self, beat: Callable[[], bool], interval: float, lost: threading.Event) -> None:
        self._beat = beat
        self._interval = interval
        self.lost = lost
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="vocalis-job-heartbeat", daemon=True)

    def _loop(self) -> None:
        while not self._done.wait(self._interval):
            try:
                alive = self._beat()
            except Exception:
                log.warning("job heartbeat failed; retrying", exc_info=True)
                continue
            if not alive:
                self.lost.set()
                return

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._done.set()
        self._thread.join()
