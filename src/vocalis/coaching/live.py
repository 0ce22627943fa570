"""One live session's state: the audio received, the incremental analysis, the cues, the checks.

Synchronous and cheap per chunk (the caller runs it off the event loop). ``accept`` refuses what a
client must fix, with a clear error and nothing half-taken: an unsupported rate, an odd or oversized
chunk, a timestamp going backwards, audio much faster than real time, audio while paused. Recognition
is the slow part and runs apart from ``accept``, in the process's shared recognition pool (every live
session's speech read together): ``recognise_final`` and ``recognise_caption`` return futures, and
``transcribe``/``caption`` wait for them.
"""

from __future__ import annotations

import base64
import binascii
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Future
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import soxr

from vocalis.analysis.fillers import find_fillers
from vocalis.analysis.incremental import IncrementalAnalyzer, LiveMetrics
from vocalis.analysis.model import SpeechAnalysis
from vocalis.analysis.recognition_pool import RecognitionPool
from vocalis.analysis.timing import counted_words
from vocalis.analysis.transcription import Clip, transcribe_clips
from vocalis.coaching.cues import Cue, CuePolicy
from vocalis.coaching.sessions import CoachingSession, SessionConfig, SessionStatus
from vocalis.engines.protocols import TranscribedWord, Transcript
from vocalis.errors import ChunkRefused, TooLarge

SAMPLE_RATE = 16_000
SUPPORTED_RATES = (8_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000)
MAX_CHUNK_SECONDS = 2.0  # clients send 20-250 ms; more in one message is a client bug or an upload
# Live audio comes at the speed it is spoken. A client may catch up after a network stall (burst), but
# a stream far faster than real time is an upload in disguise and would starve the other sessions.
FAST_FACTOR = 1.5
BURST_SECONDS = 10.0
RECENT_WPM_S = 60.0  # the pace shown live: words of the last minute of transcribed speech
PITCH_TREND_S = 10.0
PITCH_TREND_ST = 1.0  # semitones over the trend window that count as rising or falling
# A caption reads again only the last few seconds of the speech still going on, from a word the last
# caption heard: the words before were shown already, and a short clip packs with other sessions'.
CAPTION_TAIL_S = 4.0


@dataclass(frozen=True)
class Heard:
    """Words recognised since the last call, in talk time."""

    words: tuple[TranscribedWord, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


class LiveCoach:
    def __init__(
        self,
        session: CoachingSession,
        analyzer: IncrementalAnalyzer,
        *,
        cues: CuePolicy,
        recognition: RecognitionPool | None = None,
        spool: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session = session
        self._cues = cues
        # Shared by every live session of the process (None: recognise on the calling thread).
        self._pool = recognition
        self._finals: set[Future[Heard]] = set()  # final words being recognised
        self._caption: tuple[TranscribedWord, ...] = ()  # the last caption's words
        self.captioned_to = 0.0  # talk time up to which the last caption read
        self.status = SessionStatus.ACTIVE
        self._analyzer = analyzer
        self._clock = clock
        self._lock = threading.Lock()
        self._resamplers: dict[int, soxr.ResampleStream] = {}
        self._active_since: float | None = None
        self._active_before = 0.0  # wall seconds spent active before the last pause
        self._last_timestamp_ms: float | None = None
        self._words: list[TranscribedWord] = []
        self._pitch: deque[tuple[float, float]] = deque()
        self._pcm: list[bytes] = []  # the recording, 16 kHz 16-bit, for the Opus file at the end
        self.connections = 0  # WebSockets attached now (a dropped one leaves the session paused)
        self._chunk_ms: list[float] = []  # time each chunk took to take in, since the last metrics
        # Every chunk taken also goes to disk at once: a server that dies mid-talk loses nothing.
        self.spool = spool
        self._spool: BinaryIO | None = None
        if spool is not None:
            spool.parent.mkdir(parents=True, exist_ok=True)
            self._spool = spool.open("ab")

    @property
    def received_seconds(self) -> float:
        return self._analyzer.elapsed

    @property
    def words(self) -> tuple[TranscribedWord, ...]:
        return tuple(self._words)

    @property
    def has_pending(self) -> bool:
        """Finished speech waits for recognition."""
        return bool(self._analyzer.pending)

    def pcm16(self) -> bytes:
        return b"".join(self._pcm)

    def accept(self, pcm: bytes, sample_rate: int, timestamp_ms: float | None = None) -> float:
        """Take one chunk of 16-bit mono PCM; returns its duration in seconds."""
        if self.status is SessionStatus.PAUSED:
            raise ChunkRefused("the session is paused: send `resume` before more audio", reason="paused")
        if self.status not in (SessionStatus.ACTIVE, SessionStatus.CREATED):
            raise ChunkRefused(f"the session is {self.status.value}", reason=self.status.value)
        if sample_rate not in SUPPORTED_RATES:
            raise ChunkRefused(
                f"sample rate {sample_rate} Hz is not supported",
                reason="sample_rate",
                supported=list(SUPPORTED_RATES),
            )
        if len(pcm) % 2:
            raise ChunkRefused(
                f"16-bit PCM holds whole samples: {len(pcm)} bytes is an odd length", reason="odd_length"
            )
        seconds = len(pcm) / 2 / sample_rate
        if seconds > MAX_CHUNK_SECONDS:
            raise ChunkRefused(
                f"a chunk holds at most {MAX_CHUNK_SECONDS:g} s of audio ({seconds:.1f} s sent): send it in "
                "smaller pieces, or upload a recording to /audio/upload",
                reason="chunk_too_long",
                max_seconds=MAX_CHUNK_SECONDS,
            )
        if (
            timestamp_ms is not None
            and self._last_timestamp_ms is not None
            and timestamp_ms < self._last_timestamp_ms
        ):
            raise ChunkRefused(
                f"timestamp {timestamp_ms:g} ms goes back before the last chunk's "
                f"({self._last_timestamp_ms:g} ms)",
                reason="timestamp_backwards",
            )
        with self._lock:
            self._check_pace(seconds)
            if self.session.config.max_duration < self.received_seconds + seconds:
                raise TooLarge(
                    f"the session's limit of {self.session.config.max_duration:g} s of audio is reached",
                    reason="max_duration",
                    max_seconds=self.session.config.max_duration,
                )
            started = time.perf_counter()
            samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / np.float32(32768.0)
            if sample_rate != SAMPLE_RATE:
                stream = self._resamplers.setdefault(
                    sample_rate, soxr.ResampleStream(sample_rate, SAMPLE_RATE, 1, dtype="float32")
                )
                samples = stream.resample_chunk(samples)
            self._analyzer.push(samples)
            kept = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
            self._pcm.append(kept)
            if self._spool is not None:
                self._spool.write(kept)
                self._spool.flush()
            if timestamp_ms is not None:
                self._last_timestamp_ms = timestamp_ms
            if self.status is SessionStatus.CREATED:
                self.status = SessionStatus.ACTIVE
            self._chunk_ms.append((time.perf_counter() - started) * 1000)
        return seconds

    def chunk_timings(self) -> list[float]:
        """Milliseconds each chunk took to take in (measure, analyse) since the last call."""
        with self._lock:
            timings, self._chunk_ms = self._chunk_ms, []
        return timings

    def _check_pace(self, seconds: float) -> None:
        now = self._clock()
        if self._active_since is None:
            self._active_since = now
        active = self._active_before + (now - self._active_since)
        allowed = active * FAST_FACTOR + BURST_SECONDS
        if self.received_seconds + seconds > allowed:
            raise ChunkRefused(
                f"audio is arriving faster than it can be spoken ({self.received_seconds + seconds:.1f} s of "
                f"audio in {active:.1f} s): stream it in real time, or upload the recording instead",
                reason="too_fast",
            )

    def pause(self) -> None:
        with self._lock:
            if self.status is SessionStatus.ACTIVE and self._active_since is not None:
                self._active_before += self._clock() - self._active_since
                self._active_since = None
            self.status = SessionStatus.PAUSED

    def resume(self) -> None:
        with self._lock:
            if self.status is SessionStatus.PAUSED:
                self.status = SessionStatus.ACTIVE
                self._active_since = self._clock()

    def transcribe(self) -> Heard:
        """Recognise the finished speech waiting so far (slow: run it apart from ``accept``)."""
        return self.recognise_final().result()

    def caption(self) -> Heard:
        """Provisional words of the speech still going on (a live caption; the final words replace
        them once the speaker pauses)."""
        return self.recognise_caption().result()

    def recognise_final(self) -> Future[Heard]:
        """The words of the finished speech waiting so far, once recognised."""
        with self._lock:
            clips = self._analyzer.take_pending()
        if not clips:
            return _done(Heard(()))

        def heard(parts: list[Transcript]) -> Heard:
            with self._lock:
                self._analyzer.add_heard(parts)
                self._words = list(self._analyzer.words)
            return Heard(tuple(w for part in parts for w in part.words))

        future = self._recognise(clips, heard, shared=False)
        self._finals.add(future)
        future.add_done_callback(self._finals.discard)
        return future

    def recognise_caption(self) -> Future[Heard]:
        """A provisional caption of the speech still going on: its last few seconds, from the first word
        of the last caption that ended within CAPTION_TAIL_S of where that caption stopped."""
        with self._lock:
            since = next(
                (w.start for w in self._caption if w.end >= self.captioned_to - CAPTION_TAIL_S), None
            )
            clip = self._analyzer.open_clip(since=since)
            if clip is not None and since is not None and clip.group.start > since:
                clip = self._analyzer.open_clip()  # a new stretch of speech: read all of it
            if clip is None:
                return _done(Heard(()))
            self.captioned_to = clip.group.end

        def heard(parts: list[Transcript]) -> Heard:
            self._caption = tuple(parts[0].words)
            return Heard(self._caption)

        return self._recognise([clip], heard, shared=True)

    @property
    def uncaptioned_seconds(self) -> float:
        """Speech still going on that no caption has read yet."""
        end = self._analyzer.open_speech_end
        if end is None:
            return 0.0
        return max(0.0, end - max(self.captioned_to, self._last_final_end()))

    @property
    def speaking(self) -> bool:
        return self._analyzer.speaking

    def _last_final_end(self) -> float:
        return self._words[-1].end if self._words else 0.0

    def _recognise(
        self, clips: Sequence[Clip], then: Callable[[list[Transcript]], Heard], *, shared: bool
    ) -> Future[Heard]:
        analyzer = self._analyzer
        result: Future[Heard] = Future()
        language, prompt = analyzer.language, analyzer.prompt
        if self._pool is None:
            try:
                read = [
                    part
                    for clip in clips
                    for part in transcribe_clips(
                        analyzer.stt, [clip], language=language, prompt=prompt, provisional=shared
                    )
                ]
                result.set_result(then(read))
            except Exception as exc:
                result.set_exception(exc)
            return result

        def done(future: Future[list[Transcript]]) -> None:
            try:
                result.set_result(then(future.result()))
            except Exception as exc:
                result.set_exception(exc)

        submitted = self._pool.submit(analyzer.stt, clips, language=language, prompt=prompt, shared=shared)
        submitted.add_done_callback(done)
        return result

    def metrics(self) -> tuple[LiveMetrics, float | None, str | None, str | None]:
        """(the analyser's metrics, pace over the last minute, pitch trend, the last filler heard)."""
        with self._lock:
            snapshot = self._analyzer.snapshot()
        if snapshot.pitch_hz is not None:
            self._pitch.append((snapshot.elapsed_seconds, snapshot.pitch_hz))
        while self._pitch and self._pitch[0][0] < snapshot.elapsed_seconds - PITCH_TREND_S:
            self._pitch.popleft()
        words = self._words
        recent = [w for w in words if words and w.end >= words[-1].end - RECENT_WPM_S]
        counted = counted_words(recent, self.session.language)
        span = (recent[-1].end - recent[0].start) if recent else 0.0
        wpm = len(counted) / (span / 60.0) if span >= 6.0 else None
        fillers = find_fillers(words[-40:], self.session.language)
        return snapshot, wpm, self._pitch_trend(), fillers[-1].text if fillers else None

    def _pitch_trend(self) -> str | None:
        if len(self._pitch) < 5:
            return None
        times = np.array([t for t, _ in self._pitch])
        tones = 12 * np.log2(np.array([p for _, p in self._pitch]) / self._pitch[0][1])
        if times[-1] - times[0] < PITCH_TREND_S / 2:
            return None
        change = float(np.polyfit(times, tones, 1)[0]) * (times[-1] - times[0])
        return "rising" if change > PITCH_TREND_ST else "falling" if change < -PITCH_TREND_ST else "steady"

    def cue(self, metrics: LiveMetrics, heard: Heard) -> Cue | None:
        """The one cue to give now, if any (the policy keeps its own pace of at most one per
        feedback_frequency); ``heard`` are the words recognised since the last call."""
        self._cues.hear(heard.words)
        return self._cues.update(metrics)

    def reconfigure(self, config: SessionConfig, cues: CuePolicy) -> None:
        """New focus, frequency or target mid-session: the policy starts afresh on the words so far."""
        cues.hear(self._words)
        self._cues = cues
        self.session = replace(self.session, config=config)

    def finish(self) -> SpeechAnalysis:
        settle(list(self._finals))  # words being recognised belong in the report
        with self._lock:
            self.status = SessionStatus.COMPLETED
            return self._analyzer.finish()

    def close_spool(self) -> None:
        with self._lock:
            if self._spool is not None:
                self._spool.close()
                self._spool = None

    def discard_spool(self) -> None:
        """Once the session's results are stored, its copy on disk is no longer needed."""
        with self._lock:
            if self._spool is not None:
                self._spool.close()
                self._spool = None
            if self.spool is not None:
                self.spool.unlink(missing_ok=True)


def _done(heard: Heard) -> Future[Heard]:
    future: Future[Heard] = Future()
    future.set_result(heard)
    return future


def settle(futures: Sequence[Future[Any]]) -> None:
    """Wait until every future is done, failed or cancelled (a failed read leaves its words out).

    Not ``concurrent.futures.wait``: it waits for ever on a future cancelled by hand (only an
    executor marks a cancelled future as notified), which is what cancelling an ``asyncio.wrap_future``
    of it does: eight live sessions stopped at once hung in ``finish`` that way."""
    for future in futures:
        with suppress(CancelledError, Exception):
            future.result()


def decode_audio_data(data: str) -> bytes:
    """The PCM bytes of an ``audio_chunk``'s base64 ``audio_data``."""
    if len(data) > MAX_CHUNK_SECONDS * max(SUPPORTED_RATES) * 2 * 4 // 3 + 8:
        raise TooLarge(
            f"an audio_chunk holds at most {MAX_CHUNK_SECONDS:g} s of audio", reason="chunk_too_long"
        )
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ChunkRefused("audio_data is not valid base64", reason="base64") from exc
