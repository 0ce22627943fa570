"""Speech recognition shared by every live stream of a process, read together when they wait together.

Whisper's encoder costs a whole 30 s window however little audio it holds, and a live caption holds a
few seconds. So the pool does not run one window per request: a worker takes every request waiting
for the same recogniser, language and prompt, packs their clips into one window (up to
``window_seconds`` of audio), reads it in one pass, and hands each request its own words, in its own
stream's time (``transcribe_clips``). Under load, requests pile up while a window is read and the
next window carries them all, so four sessions cost about one window per round instead of four.
With ``workers`` > 1 (as many as the recogniser runs at once), that many windows are read at once:
a short window keeps two cores busy badly, and two reads at once on 2 cores took 0.12 s each against
0.21 s one after the other.

Only provisional words are read with other streams' (``shared=True``): at a seam Whisper may give a
phrase of one clip to its neighbour, measured with four sessions of the same talk ("our new plan. Uh,
our new plan."), which a caption can afford and a report cannot. Final words are read in windows of
their own stream.

Callers get a ``concurrent.futures.Future``: a thread waits with ``result()``, an event loop awaits
``asyncio.wrap_future``; nobody holds a thread of the loop's executor while the pool is busy.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

import numpy as np

from vocalis.analysis.grouping import PAD_S, SpeechGroup
from vocalis.analysis.transcription import SAMPLE_RATE, Clip, transcribe_clips
from vocalis.audio.chunk import AudioChunk
from vocalis.engines.protocols import SpeechSpan, SpeechToText, Transcript

WINDOW_SECONDS = 28.0  # Whisper reads 30 s at a time


@dataclass(eq=False)
class _Request:
    stt: SpeechToText
    language: str | None
    prompt: str | None
    clips: tuple[Clip, ...]
    shared: bool
    future: Future[list[Transcript]] = field(default_factory=Future)
    results: dict[int, Transcript] = field(default_factory=dict)

    @property
    def key(self) -> tuple[int, str | None, str | None]:
        return id(self.stt), self.language, self.prompt


@dataclass(frozen=True)
class _Item:
    request: _Request
    index: int  # of the clip in its request

    @property
    def clip(self) -> Clip:
        return self.request.clips[self.index]

    @property
    def seconds(self) -> float:
        return self.clip.group.end - self.clip.group.start + 2 * PAD_S


class RecognitionPool:
    def __init__(self, *, workers: int = 1, window_seconds: float = WINDOW_SECONDS) -> None:
        self._workers = max(1, workers)
        self._window = window_seconds
        self._queue: list[_Item] = []
        self._changed = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._closed = False
        self._warm: set[int] = set()
        self.windows_read = 0  # how many passes the recogniser made (for benchmarks and tests)
        self.clips_read = 0

    def submit(
        self,
        stt: SpeechToText,
        clips: Sequence[Clip],
        *,
        language: str | None,
        prompt: str | None,
        shared: bool = False,
    ) -> Future[list[Transcript]]:
        """Recognise ``clips`` (one transcript each, in order); ``shared``: in a window with other
        streams' shared clips (provisional words), else in windows of this request's own."""
        request = _Request(stt, language, prompt, tuple(clips), shared)
        if not request.clips:
            request.future.set_result([])
            return request.future
        with self._changed:
            self._queue.extend(_Item(request, i) for i in range(len(request.clips)))
            if len(self._threads) < self._workers:
                thread = threading.Thread(target=self._work, name="vocalis-recognition", daemon=True)
                self._threads.append(thread)
                thread.start()
            self._changed.notify()
        return request.future

    def warm(self, stt: SpeechToText, *, language: str | None) -> None:
        """Load ``stt`` in the background, once, before the first words wait for it (a model loads in
        a second or two: the first caption of a server's first session came 3.6 s late)."""
        with self._changed:
            if id(stt) in self._warm:
                return
            self._warm.add(id(stt))
        silence = AudioChunk(np.zeros(SAMPLE_RATE // 2, np.float32), SAMPLE_RATE)
        group = SpeechGroup(0.2, 0.3, (SpeechSpan(0.2, 0.3),))
        self.submit(stt, [Clip(silence, group)], language=language, prompt=None)

    def close(self) -> None:
        """Finish what is queued, then stop the workers (a later ``submit`` starts new ones)."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout=60)
        with self._changed:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._closed = False

    def _work(self) -> None:
        while True:
            with self._changed:
                while not self._queue and not self._closed:
                    self._changed.wait()
                if not self._queue:
                    return
                batch = self._take()
            self._read(batch)

    def _take(self) -> list[_Item]:
        """The first waiting clip and every later one that may share its window and still fits."""
        first = self._queue[0]
        batch, room = [first], self._window - first.seconds

        def joins(item: _Item) -> bool:
            if first.request.shared:
                return item.request.shared and item.request.key == first.request.key
            return item.request is first.request

        for item in self._queue[1:]:
            if joins(item) and item.seconds <= room:
                batch.append(item)
                room -= item.seconds
        taken = set(map(id, batch))
        self._queue = [item for item in self._queue if id(item) not in taken]
        return batch

    def _read(self, batch: list[_Item]) -> None:
        head = batch[0].request
        try:
            parts = transcribe_clips(
                head.stt,
                [item.clip for item in batch],
                language=head.language,
                prompt=head.prompt,
                provisional=head.shared,
            )
        except BaseException as exc:  # every waiting request hears of it; the worker goes on
            for request in {id(item.request): item.request for item in batch}.values():
                if not request.future.done():
                    request.future.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
            return
        with self._changed:  # (workers count together)
            self.windows_read += 1
            self.clips_read += len(batch)
        for item, part in zip(batch, parts, strict=True):
            request = item.request
            request.results[item.index] = part
            if len(request.results) == len(request.clips) and not request.future.done():
                request.future.set_result([request.results[i] for i in range(len(request.clips))])
