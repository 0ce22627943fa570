"""What the server runs beside requests: the embedded worker and the clean-up schedule."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from vocalis.config import RetentionSettings
from vocalis.errors import VocalisError
from vocalis.jobs.maintenance import CleanupReport, Maintenance
from vocalis.jobs.worker import EmbeddedWorker

log = logging.getLogger(__name__)


class Background:
    def __init__(
        self,
        worker: EmbeddedWorker | None,
        maintenance: Maintenance,
        retention: RetentionSettings,
        *,
        closers: Sequence[Callable[[], None]] = (),
    ) -> None:
        self.worker = worker
        self._closers = closers
        self.maintenance = maintenance
        self._retention = retention
        self._stop = threading.Event()
        self._lock = threading.Lock()  # one clean-up at a time (schedule and endpoint)
        self._thread = threading.Thread(target=self._schedule, name="vocalis-maintenance", daemon=True)

    def start(self) -> None:
        if self.worker is not None:
            self.worker.start()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self.worker is not None:
            self.worker.stop()
        if self._thread.is_alive():
            self._thread.join(timeout=30)
        for close in self._closers:
            close()

    def cleanup(self, retention: RetentionSettings | None = None) -> CleanupReport:
        with self._lock:
            return self.maintenance.run(retention or self._retention)

    def _schedule(self) -> None:
        # The first run is at start-up; then every interval.
        while True:
            try:
                self.cleanup()
            except (VocalisError, OSError):
                log.warning("clean-up failed; trying again at the next interval", exc_info=True)
            if self._stop.wait(self._retention.interval_minutes * 60):
                return
