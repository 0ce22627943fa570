"""Models built in the background: their compute threads run below the live audio path; the caller's
thread, and every thread it starts later, keep their priority."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from vocalis.audio.chunk import AudioChunk
from vocalis.engines.background_priority import build_in_background
from vocalis.engines.whisper import WhisperEngine

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread niceness is Linux's")


def niceness(tid: int | None = None) -> int:
    return os.getpriority(os.PRIO_PROCESS, tid if tid is not None else threading.get_native_id())


def thread_niceness() -> dict[str, int]:
    """Every thread of this process: its id and niceness."""
    out = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            stat = Path(f"/proc/self/task/{tid}/stat").read_text()
        except FileNotFoundError:  # it ended meanwhile
            continue
        out[tid] = int(stat[stat.rindex(")") + 2 :].split()[16])
    return out


def test_threads_a_factory_starts_run_lower_and_the_caller_is_untouched() -> None:
    before = niceness()
    seen: list[int] = []

    def factory() -> threading.Thread:
        worker = threading.Thread(target=lambda: seen.append(niceness()))  # as a library's pool would
        worker.start()
        worker.join()
        return worker

    build_in_background(factory, 5)
    assert seen == [min(19, before + 5)]
    assert niceness() == before
    later: list[int] = []
    threading.Thread(target=lambda: later.append(niceness())).start()
    assert not later or later == [before]


def test_a_failing_factory_raises_in_the_caller() -> None:
    def factory() -> None:
        raise ValueError("no model here")

    with pytest.raises(ValueError, match="no model here"):
        build_in_background(factory, 5)


def test_whisper_computes_in_threads_below_the_caller() -> None:
    own = niceness()
    before = set(thread_niceness())
    engine = WhisperEngine(threads=1, workers=2, niceness=7)
    engine.transcribe(AudioChunk(np.zeros(16_000, np.float32), 16_000), language="en")
    started = {tid: nice for tid, nice in thread_niceness().items() if tid not in before}
    # CTranslate2's two workers, each computing on its own thread
    assert sum(nice == min(19, own + 7) for nice in started.values()) >= 2, started
    assert niceness() == own
