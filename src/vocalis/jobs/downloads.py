"""Model downloads started from the API: one background thread per model, progress kept in memory."""

from __future__ import annotations

import dataclasses
import logging
import threading
from dataclasses import dataclass
from typing import Literal

from vocalis.config import Settings
from vocalis.engines.catalog import find_model
from vocalis.engines.hub import PullProgress, pull
from vocalis.errors import ModelUnavailable, VocalisError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DownloadState:
    model: str
    state: Literal["downloading", "done", "failed"]
    files_done: int = 0
    files_total: int = 0
    file: str | None = None
    file_bytes_done: int = 0
    file_bytes_total: int | None = None
    error: str | None = None


class ModelDownloads:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._lock = threading.Lock()
        self._states: dict[str, DownloadState] = {}
        self._threads: list[threading.Thread] = []

    def start(self, name: str) -> DownloadState:
        """Start pulling ``name`` unless it is already being pulled; its state either way."""
        spec = find_model(name)
        if not spec.hub_files:
            raise ModelUnavailable(
                f"model {name!r} ships in packages ({', '.join(spec.packages)}), nothing to download",
                model=name,
            )
        with self._lock:
            current = self._states.get(name)
            if current is not None and current.state == "downloading":
                return current
            state = DownloadState(model=name, state="downloading", files_total=len(spec.hub_files))
            self._states[name] = state
            thread = threading.Thread(
                target=self._pull, args=(name,), name=f"vocalis-pull-{name}", daemon=True
            )
            self._threads.append(thread)
        thread.start()
        return state

    def _pull(self, name: str) -> None:
        def progress(p: PullProgress) -> None:
            self._update(
                name,
                files_done=p.files_done,
                files_total=p.files_total,
                file=p.file,
                file_bytes_done=p.done_bytes,
                file_bytes_total=p.total_bytes,
            )

        try:
            pull(find_model(name), self._settings, progress=progress)
        except VocalisError as error:
            self._update(name, state="failed", error=error.message)
        except Exception as error:
            log.exception("pulling %s failed", name)
            self._update(name, state="failed", error=f"{type(error).__name__}: {error}")
        else:
            self._update(name, state="done", file=None)

    def _update(self, name: str, **changes: object) -> None:
        with self._lock:
            self._states[name] = dataclasses.replace(self._states[name], **changes)  # type: ignore[arg-type]

    def state(self, name: str) -> DownloadState | None:
        with self._lock:
            return self._states.get(name)

    def wait(self, timeout: float | None = None) -> None:
        """Wait for downloads in progress (tests, shutdown)."""
        for thread in list(self._threads):
            thread.join(timeout)
