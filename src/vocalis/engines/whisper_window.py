"""Shorter Whisper windows for short speech: the encoder reads the speech, not 30 s of padding.

faster-whisper pads every window to Whisper's 30 s (3000 mel frames) before the encoder, so reading a
3 s clip costs as much as reading 30 s: ~0.47 s of one core for tiny.en, almost all of it the encoder
(CTranslate2 encodes 1000 frames in 0.07 s and 500 in 0.025 s). CTranslate2 takes fewer frames, so
while ``short_windows()`` is active a window of speech is padded to its own length plus 1 s, at least
``MIN_WINDOW_S``. Measured on a 2-core AMD EPYC, one thread, Kokoro speech cut at sentences with 0.2 s
of silence either side (as the live listener reads it):

- tiny.en, 24 English stretches of 2.3-7 s: 0.69 s -> 0.28 s each, word error 0.020 -> 0.009;
- base, 16 French stretches of 1.4-12.6 s, short windows from 5 s: 2.0 s -> 1.2 s each, word error
  0.148 -> 0.144 (with short windows for every stretch, 0.257: base invented words after short ones,
  "Batou de suite. de la suite.");
- ten 31-55 s English answers (only their last window is short): word error 0.146 -> 0.110;
- windows under 10 s made Whisper repeat itself ("Je vois. Je vois. Je vois...", 17 s to read one
  second), hence the floor.

It is off by default (``engines.whisper_short_windows``): in live coaching (bench.coaching, a 19 s talk
with real noise at 20 dB) the live transcript then held 66 words against 58 for the whole file (54
said), and the lag did not improve; with stretches under 2 s kept at 30 s, 1-2 words too many.

faster-whisper (pinned at 1.2.1) has no option for this: its window loop calls the name
``pad_or_trim`` of its ``transcribe`` module. ``short_windows()`` puts a wrapper there once; outside
the context (and for every other caller) the wrapper is exactly the original.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

FRAMES_PER_S = 100
FULL_WINDOW_FRAMES = 3000
MIN_WINDOW_S = 10.0
MARGIN_S = 1.0  # silence after the speech inside its window

# While active: the shortest stretch (seconds) read in a short window; None: every window is 30 s.
_active: ContextVar[float | None] = ContextVar("vocalis_whisper_short_windows", default=None)
_install_lock = threading.Lock()


def window_frames(frames: int, min_speech_s: float = 0.0) -> int:
    """The window (mel frames) a stretch of ``frames`` frames is read in while short windows are on:
    Whisper's 30 s for stretches under ``min_speech_s``."""
    if frames >= FULL_WINDOW_FRAMES or frames < min_speech_s * FRAMES_PER_S:
        return FULL_WINDOW_FRAMES
    seconds = math.ceil(frames / FRAMES_PER_S + MARGIN_S)
    return int(min(FULL_WINDOW_FRAMES, max(MIN_WINDOW_S, seconds) * FRAMES_PER_S))


@contextmanager
def short_windows(min_speech_s: float = 0.0) -> Iterator[None]:
    """Within this context (this thread or task), faster-whisper reads stretches of speech from
    ``min_speech_s`` in short windows. Consume the segments inside it: faster-whisper decodes lazily."""
    _install()
    token = _active.set(min_speech_s)
    try:
        yield
    finally:
        _active.reset(token)


def _install() -> None:
    import faster_whisper.transcribe as module

    with _install_lock:
        original = module.pad_or_trim
        if getattr(original, "vocalis_short_windows", False):
            return

        def pad_or_trim(array: Any, length: int = FULL_WINDOW_FRAMES, *, axis: int = -1) -> Any:
            min_speech_s = _active.get()
            if min_speech_s is not None and length == FULL_WINDOW_FRAMES:
                length = window_frames(int(array.shape[axis]), min_speech_s)
            return original(array, length, axis=axis)

        pad_or_trim.vocalis_short_windows = True  # type: ignore[attr-defined]
        module.pad_or_trim = pad_or_trim
