"""The other side of the conversation: their audio kept on one timeline, their turns found by the
endpointer, and their words transcribed as they go.

Each pause inside a turn (the detector heard an unfinished thought) sends the speech since the last
one to the recogniser in the background, so when the turn ends only its last stretch remains to be
read: the answer's words are ready a fraction of a second after the speaker stops.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass

import numpy as np

from vocalis.audio.chunk import AudioChunk
from vocalis.conversation.endpointing import (
    Endpointer,
    EndpointEvent,
    Paused,
    Samples,
    SpeechStarted,
    TurnEnded,
)
from vocalis.engines.protocols import SpeechToText, TranscribedWord

RATE = 16_000
PAD_S = 0.2  # audio kept either side of speech sent to the recogniser
MIN_PIECE_S = 1.0  # shorter speech waits for the next pause: a recogniser pass costs the same


@dataclass(frozen=True)
class HeardTurn:
    """A finished turn: its words with times on the stream's timeline (seconds since it began)."""

    start: float
    end: float
    text: str
    words: tuple[TranscribedWord, ...]


@dataclass(frozen=True)
class HeardSoFar:
    """The words of the turn in progress, read at its pauses."""

    text: str  # the stretches read so far, in order, up to the first one still being read
    # Nothing is being read and what is unread is too short to read yet: ``text`` is all there is.
    complete: bool
    up_to_date: bool  # complete, and reaching the latest pause (no short stretch left unread)


@dataclass(frozen=True)
class _Piece:
    start: float
    end: float
    words: Future[tuple[TranscribedWord, ...]]


class Listener:
    """Audio in (16 kHz mono); endpoint events out; each turn's words on request."""

    def __init__(
        self,
        endpointer: Endpointer,
        stt: SpeechToText,
        *,
        language: str,
        prompt: str | None,
        submit: Callable[[Callable[[], tuple[TranscribedWord, ...]]], Future[tuple[TranscribedWord, ...]]],
    ) -> None:
        self.endpointer = endpointer
        self._stt = stt
        self._language = language
        self._prompt = prompt
        self._submit = submit
        self._chunks: list[np.ndarray] = []  # int16, the whole stream
        self._samples = 0
        self._lock = threading.Lock()
        self._pieces: list[_Piece] = []
        self._read_until = 0.0  # stream time up to which speech was sent to the recogniser
        # Called (on the recogniser's thread) when a stretch has been read: the turn may end now (``poll``).
        self.on_read: Callable[[], None] | None = None
        self._speech_from = 0.0  # where the turn in progress began

    @classmethod
    def on_executor(
        cls,
        endpointer: Endpointer,
        stt: SpeechToText,
        executor: Executor,
        *,
        language: str,
        prompt: str | None,
    ) -> Listener:
        return cls(endpointer, stt, language=language, prompt=prompt, submit=executor.submit)

    @property
    def seconds(self) -> float:
        return self._samples / RATE

    def hear(self, samples: Samples, *, we_are_speaking: bool = False) -> list[EndpointEvent]:
        with self._lock:
            self._chunks.append(np.round(np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16))
            self._samples += len(samples)
        return self._track(self.endpointer.feed(samples, we_are_speaking=we_are_speaking))

    def poll(self) -> list[EndpointEvent]:
        """The endpointer's judgement of the pause under way, again, with no new audio (``on_read``)."""
        return self._track(self.endpointer.poll())

    def _track(self, events: list[EndpointEvent]) -> list[EndpointEvent]:
        for event in events:
            if isinstance(event, SpeechStarted):
                self._speech_from = max(self._read_until, event.at)
            elif isinstance(event, Paused) and event.at - self._unread_from() >= MIN_PIECE_S:
                self._read(self._unread_from(), event.at)
                # The turn may wait for these words before it ends: the detector judges the pause
                # meanwhile, on this thread, while the recogniser reads on its own.
                self.endpointer.judge_pause()
        return events

    def turn(self, ended: TurnEnded) -> Future[HeardTurn]:
        """The turn's words, once the recogniser has read its last stretch."""
        if ended.end > self._read_until:
            self._read(max(self._read_until, ended.start, self._speech_from), ended.end)
        pieces = [p for p in self._pieces if p.end > ended.start - PAD_S]
        self._pieces = []
        self._read_until = max(self._read_until, ended.end)
        result: Future[HeardTurn] = Future()

        def gather() -> None:
            try:
                words = tuple(w for p in pieces for w in p.words.result())
            except BaseException as exc:  # the recogniser's failure reaches whoever waits for the turn
                result.set_exception(exc)
                return
            text = " ".join(w.text.strip() for w in words).strip()
            result.set_result(HeardTurn(ended.start, ended.end, text, words))

        if not pieces:
            gather()
        else:
            remaining = [len(pieces)]
            lock = threading.Lock()

            def done(_: Future[tuple[TranscribedWord, ...]]) -> None:
                with lock:
                    remaining[0] -= 1
                    last = remaining[0] == 0
                if last:
                    gather()

            for piece in pieces:
                piece.words.add_done_callback(done)
        return result

    def heard_so_far(self) -> HeardSoFar:
        """What the turn in progress has said so far: the stretches read, up to the first still being
        read (a fraction of a second after each pause, longer on a busy machine)."""
        words: list[str] = []
        reading = False
        for piece in (p for p in self._pieces if p.end > self._speech_from - PAD_S):
            if not piece.words.done():
                reading = True
                break
            if piece.words.exception() is None:
                words.extend(w.text.strip() for w in piece.words.result())
        last = self.endpointer.last_speech
        unread = 0.0 if last is None else last - self._unread_from()
        complete = not reading and unread < MIN_PIECE_S  # else read at this pause: wait for it
        return HeardSoFar(" ".join(words).strip(), complete, up_to_date=complete and unread <= 0.05)

    def forget_turn(self) -> None:
        """Drop what was heard of the turn in progress (we cut in; it will not be answered)."""
        self._pieces = []
        self._read_until = self.seconds
        self.endpointer.reset()

    def audio(self) -> AudioChunk:
        """Everything heard, on one timeline."""
        with self._lock:
            data = np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.int16)
        return AudioChunk(data.astype(np.float32) / 32768.0, RATE)

    def _unread_from(self) -> float:
        return max(self._read_until, self._speech_from)

    def _read(self, start: float, end: float) -> None:
        clip_start = max(0.0, start - PAD_S)
        clip = self.clip(clip_start, end + PAD_S)
        self._read_until = end

        def read() -> tuple[TranscribedWord, ...]:
            transcript = self._stt.transcribe(
                clip, language=self._language, word_timestamps=True, initial_prompt=self._prompt
            )
            return tuple(
                TranscribedWord(
                    w.text, round(w.start + clip_start, 3), round(w.end + clip_start, 3), w.probability
                )
                for w in transcript.words
            )

        words = self._submit(read)
        words.add_done_callback(self._read_done)
        self._pieces.append(_Piece(start, end, words))

    def _read_done(self, _: Future[tuple[TranscribedWord, ...]]) -> None:
        if self.on_read is not None:
            self.on_read()

    def clip(self, start: float, end: float) -> AudioChunk:
        """What was heard from ``start`` to ``end`` (seconds on the stream)."""
        with self._lock:
            data = np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.int16)
        first, last = int(start * RATE), min(len(data), int(end * RATE))
        return AudioChunk(data[first:last].astype(np.float32) / 32768.0, RATE)
