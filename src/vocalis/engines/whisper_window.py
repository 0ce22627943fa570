"""Shorter Whisper windows for short speech: the encoder reads the speech, not 30 s of padding.

faster-whisper pads every window to Whisper's 30 s (3000 mel frames) before the encoder, so reading a
3 s clip costs as much as reading 30 s: ~0.45 s for tiny.en on 2 cores, the encoder ~0.2-0.28 s of it
(CTranslate2 encodes 1000 frames in 0.03 s, 1500 in 0.05 s, 3000 in 0.2 s on a 2-core Intel Xeon).
CTranslate2 takes fewer frames, so while ``short_windows()`` is active a window of speech is padded to
its own length plus 1 s, at least ``MIN_WINDOW_S``; a first stretch shorter than the policy's
``from_s`` gets its ``below_s`` window (Whisper's 30 s unless the engine measured better).

Two things make short windows safe, both measured on Kokoro speech cut at sentences with 0.2 s of
padding and real noise at 20 dB, tiny.en with its filler prompt (2-core Intel Xeon, 2 threads):

- The tail. With a prompt, Whisper often ends a short window without its closing timestamp, and
  faster-whisper then reads the last 0.1-0.4 s after the last word again, in a window of its own. Read
  in 30 s, that tail cost a second full encode; read in 10 s, it made tiny.en loop (temperature
  fallbacks: 5.5 s and 11 s for one 4-6 s sentence) or invent words ("Thank you.", "Bye."). A tail
  under ``TAIL_FRAMES`` is not read: the transcription ends there (``until_tail``). Read as a blank
  window, it cost a second encode and decode: 0.30 s instead of 0.22 s for 4 s of speech (AMD EPYC).
- Short stretches. Under 3 s of speech in a 10 s window tiny.en said sentences twice ("Honestly, I
  think I could have done better. Honestly, ..."); in a 15 s window it did not.

With both, against 30 s windows (word error, seconds for the set):

- 24 phrases of 0.6-1.8 s: 0.194 -> 0.160, 11.7 -> 5.8 s (in 30 s windows the tail read invented
  words);
- 24 sentences of 1.4-3.4 s: 0.018 -> 0.021 ("Lyon" heard "lion"), 9.4 -> 6.6 s;
- 22 stretches of 3.2-7 s: 0.020 -> 0.014, 10.5 -> 4.7 s.

Earlier, on a 2-core AMD EPYC: base, 16 French stretches of 1.4-12.6 s, short windows from 5 s: 2.0 s
-> 1.2 s each, word error 0.148 -> 0.144 (with 10 s windows for every stretch, 0.257: base invented
words after short ones, "Batou de suite. de la suite."); windows under 10 s made Whisper repeat itself
("Je vois. Je vois. Je vois...", 17 s to read one second), hence the floor.

- A read that repeats itself. On a 2-core AMD EPYC with AVX2 only (no AVX-512), tiny.en read 5.6 s of
  denoised speech in a 10 s window as its sentence twice, every time; in 30 s it read it once. A
  transcript with a run of ``REPEAT_WORDS`` or more words said twice back to back (``repeats_itself``)
  is read again in 30 s windows, and that reading stands. Real speech seldom repeats four words in a row;
  when it does, the cost is one more read, not a word lost.

faster-whisper (pinned at 1.2.1) has no option for this: its window loop calls the name
``pad_or_trim`` of its ``transcribe`` module. ``short_windows()`` puts a wrapper there once; outside
the context (and for every other caller) the wrapper is exactly the original.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
FRAMES_PER_S = 100
FULL_WINDOW_FRAMES = 3000
FULL_WINDOW_S = 30.0
MIN_WINDOW_S = 10.0
MARGIN_S = 1.0  # silence after the speech inside its window
# What is left of a stretch after the words read, shorter than this, is its padding: not read.
TAIL_FRAMES = 50
# A run of this many words or more said twice back to back is taken for Whisper repeating itself.
REPEAT_WORDS = 4
REPEAT_MAX_WORDS = 60  # longer than a sentence Whisper says again (one window holds ~30 s of words)


@dataclass(frozen=True)
class ShortWindows:
    """An engine's short-window policy: a first stretch of speech from ``from_s`` seconds is read in a
    window of its length plus ``MARGIN_S`` (at least ``MIN_WINDOW_S``); a shorter one in ``below_s``."""

    from_s: float = 0.0
    below_s: float = FULL_WINDOW_S

    def frames(self, frames: int) -> int:
        """The window (mel frames) for a first stretch of ``frames`` frames."""
        if frames < self.from_s * FRAMES_PER_S:
            return max(frames, min(FULL_WINDOW_FRAMES, round(self.below_s * FRAMES_PER_S)))
        return window_frames(frames)


def window_frames(frames: int) -> int:
    """The window (mel frames) of a stretch of ``frames`` frames: its length plus ``MARGIN_S``, at
    least ``MIN_WINDOW_S``, at most Whisper's 30 s."""
    if frames >= FULL_WINDOW_FRAMES:
        return FULL_WINDOW_FRAMES
    seconds = math.ceil(frames / FRAMES_PER_S + MARGIN_S)
    return int(min(FULL_WINDOW_FRAMES, max(MIN_WINDOW_S, seconds) * FRAMES_PER_S))


def repeats_itself(text: str, min_words: int = REPEAT_WORDS, max_words: int = REPEAT_MAX_WORDS) -> bool:
    """Whether ``text`` holds a run of ``min_words`` to ``max_words`` words twice in a row ("A B C D A B
    C D"), ignoring case and punctuation. Linear in the words (a 30-minute transcript is read once)."""
    words = [w for w in (token.strip(".,;:!?\"'()").lower() for token in text.split()) if w]
    for start, word in enumerate(words):
        for size in range(min_words, min(max_words, (len(words) - start) // 2) + 1):
            if (
                words[start + size] == word
                and words[start : start + size] == words[start + size : start + 2 * size]
            ):
                return True
    return False


@dataclass
class _Reading:
    """One transcription inside ``short_windows``: its policy and how many windows it has read."""

    policy: ShortWindows
    windows: int = 0

    def window(self, frames: int) -> tuple[int, bool]:
        """(the window for the next stretch of ``frames``, whether it is a tail to leave unread). Only the
        first stretch follows the policy: a later one is what is left after the words already read."""
        self.windows += 1
        if self.windows == 1:
            return self.policy.frames(frames), False
        return window_frames(frames), frames < TAIL_FRAMES


# While active: how this transcription reads its windows; None: every window is 30 s.
_active: ContextVar[_Reading | None] = ContextVar("vocalis_whisper_short_windows", default=None)
_install_lock = threading.Lock()


class _TailUnread(Exception):
    """Raised where faster-whisper would read a stretch's tail: its padding, which holds no word."""


def until_tail(segments: Iterable[T]) -> Iterator[T]:
    """faster-whisper's segments up to the tail of the speech, which is not read (``_TailUnread``)."""
    with suppress(_TailUnread):
        yield from segments


@contextmanager
def short_windows(policy: ShortWindows | None = None) -> Iterator[None]:
    """Within this context (this thread or task), faster-whisper reads short speech in short windows
    (``policy``, by default every stretch in its own length). Use one context per transcription, and
    consume the segments inside it: faster-whisper decodes lazily."""
    _install()
    token = _active.set(_Reading(policy or ShortWindows()))
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
            reading = _active.get()
            if reading is None or length != FULL_WINDOW_FRAMES:
                return original(array, length, axis=axis)
            frames, tail = reading.window(int(array.shape[axis]))
            if tail:
                raise _TailUnread
            return original(array, frames, axis=axis)

        pad_or_trim.vocalis_short_windows = True  # type: ignore[attr-defined]
        module.pad_or_trim = pad_or_trim
