"""One synthesis from plan to encoded bytes: render, encode, align words, record. Synchronous.

The same run serves the CLI and every HTTP route (whole file, chunked stream, SSE, timestamps,
WebSocket): callers only choose how to deliver its pieces.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from vocalis.audio.encode import StreamEncoder
from vocalis.audio.formats import AudioFormat
from vocalis.engines.protocols import SpeechToText
from vocalis.speech.recorder import RecordingSink, RunStats
from vocalis.speech.request import SpeechChunk
from vocalis.speech.service import PlannedSpeech, SpeechService
from vocalis.speech.timestamps import WordTimestamp, chunk_word_times


@dataclass(frozen=True)
class OutputSpec:
    format: AudioFormat
    sample_rate: int | None = None  # None: the engine's own rate
    bitrate: int | None = None


@dataclass(frozen=True)
class EncodedPiece:
    data: bytes
    chunk: SpeechChunk | None  # None for the encoder's final flush
    words: tuple[WordTimestamp, ...] = ()


class SynthesisRun:
    """Iterate to synthesise. ``cancel()`` (from any thread) stops before the next chunk is rendered."""

    def __init__(
        self,
        speech: SpeechService,
        plan: PlannedSpeech,
        output: OutputSpec,
        *,
        aligner: SpeechToText | None = None,
        recorder: RecordingSink | None = None,
    ) -> None:
        self._speech = speech
        self.plan = plan
        self.output = output
        self._aligner = aligner
        self._recorder = recorder
        # Built now so a bad format/rate/bitrate combination fails before any audio is made.
        self._encoder = StreamEncoder(
            output.format, plan.sample_rate, sample_rate=output.sample_rate, bitrate=output.bitrate
        )
        self._cancelled = threading.Event()
        self.stats = RunStats()

    @property
    def sample_rate(self) -> int:
        return self._encoder.sample_rate

    def cancel(self) -> None:
        self._cancelled.set()

    def __iter__(self) -> Iterator[EncodedPiece]:
        completed = False
        chunks = iter(self._speech.stream(self.plan))
        try:
            while not self._cancelled.is_set():
                # Only time spent working counts as compute, not time the consumer keeps us suspended.
                started = time.perf_counter()
                chunk = next(chunks, None)
                if chunk is None:
                    break
                words = tuple(chunk_word_times(self._aligner, chunk)) if self._aligner else ()
                data = self._encoder.write(chunk.audio)
                self._account(chunk, data, words, time.perf_counter() - started)
                yield EncodedPiece(data=data, chunk=chunk, words=words)
            if self._cancelled.is_set():
                return
            tail = self._encoder.close()
            self.stats.bytes += len(tail)
            if self._recorder is not None:
                self._recorder.write(tail)
            completed = True
            yield EncodedPiece(data=tail, chunk=None)
        finally:
            if self._recorder is not None:
                if completed:
                    self._recorder.commit(self.stats)
                else:
                    self._recorder.discard()

    def _account(
        self, chunk: SpeechChunk, data: bytes, words: tuple[WordTimestamp, ...], spent: float
    ) -> None:
        stats = self.stats
        stats.audio_seconds += chunk.audio.duration
        stats.compute_seconds += spent
        stats.chunks += 1
        stats.bytes += len(data)
        stats.words.extend(words)
        if stats.first_chunk_seconds is None:
            stats.first_chunk_seconds = spent
        if self._recorder is not None:
            self._recorder.write(data)

    def read_all(self) -> bytes:
        return b"".join(piece.data for piece in self)
