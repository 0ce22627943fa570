"""Live analysis of a stream of short PCM chunks (100 ms at 16 kHz), for coaching while someone talks.

``push`` does only cheap work per chunk: voice activity, K-weighted loudness and pitch, all with
state carried across chunks. Recognition is the costly part (tens to hundreds of ms per group of
speech), so finished groups of speech wait in a queue until the caller runs ``transcribe_pending``,
typically in a worker thread between chunks; ``auto_transcribe=True`` does it inside ``push`` for
callers that do not mind the occasional slow chunk. An analyser serves one stream from one thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from vocalis.analysis import loudness
from vocalis.analysis.fillers import FILLER_PROMPTS, find_fillers
from vocalis.analysis.grouping import LIVE_GROUPING, GroupingSettings, SpanGrouper, SpeechGroup
from vocalis.analysis.model import SpeechAnalysis
from vocalis.analysis.pitch import PitchFrames, PitchTracker, clean_voiced, semitones
from vocalis.analysis.report import MAX_SECONDS, assemble, check_language
from vocalis.analysis.scoring import Targets
from vocalis.analysis.timing import counted_words, find_pauses, spoken_words
from vocalis.analysis.transcription import SAMPLE_RATE, Clip, join_transcripts, transcribe_clips
from vocalis.audio.chunk import AudioChunk, Samples
from vocalis.engines.protocols import SpeechSpan, SpeechToText, TranscribedWord, Transcript, VoiceActivity
from vocalis.engines.vad import SpeechSegmenter
from vocalis.errors import InvalidInput, TooLarge

RECENT_PITCH_S = 1.0


@dataclass(frozen=True)
class LiveMetrics:
    elapsed_seconds: float
    speaking: bool
    speech_seconds: float  # closed speech segments so far
    loudness_lufs: float | None  # momentary: the last 400 ms
    talk_loudness_lufs: float | None  # gated integrated loudness of everything so far
    pitch_hz: float | None  # median of the last second's voiced frames
    pitch_median_hz: float | None
    pitch_variation_semitones: float | None
    pause_count: int
    long_pause_count: int
    longest_pause_seconds: float
    silence_seconds: float  # since the last speech ended; 0 while speaking
    word_count: int
    words_per_minute: float | None  # over the stretch transcribed so far
    filler_count: int
    fillers_per_minute: float | None
    transcript: str
    pending_speech_seconds: float  # finished speech waiting for transcription


class IncrementalAnalyzer:
    def __init__(
        self,
        *,
        stt: SpeechToText,
        vad: VoiceActivity,
        language: str,
        targets: Targets | None = None,
        grouping: GroupingSettings = LIVE_GROUPING,
        auto_transcribe: bool = False,
    ) -> None:
        self.language = check_language(language)
        self._stt = stt
        self._targets = targets or Targets()
        self._auto = auto_transcribe
        self._vad = vad.open_stream()
        # The same segmentation rules as the engine's whole-file segments, so live and batch agree.
        self._segmenter = SpeechSegmenter(
            vad.capabilities.window_samples / vad.capabilities.sample_rate, vad.segmentation
        )
        self._grouper = SpanGrouper(grouping)
        self._kfilter = loudness.KWeightingFilter(SAMPLE_RATE)
        self._step = round(loudness.STEP_S * SAMPLE_RATE)
        self._weighted_tail = np.zeros(0)
        self._steps: list[float] = []
        self._pitch = PitchTracker(SAMPLE_RATE)
        self._pitch_times: list[np.ndarray] = []
        self._pitch_f0: list[np.ndarray] = []
        self._audio = np.zeros(SAMPLE_RATE * 10, np.float32)
        self._length = 0
        self._spans: list[SpeechSpan] = []
        self._pending: list[SpeechGroup] = []
        self._parts: list[Transcript] = []
        self._finished = False

    @property
    def elapsed(self) -> float:
        return self._length / SAMPLE_RATE

    @property
    def words(self) -> tuple[TranscribedWord, ...]:
        """Every word recognised so far, in talk time."""
        return tuple(w for p in self._parts for w in p.words)

    @property
    def pending(self) -> tuple[SpeechGroup, ...]:
        return tuple(self._pending)

    def push(self, chunk: bytes | bytearray | memoryview | Samples) -> None:
        """Add audio: 16 kHz mono, as float32 samples or as 16-bit little-endian PCM bytes."""
        if self._finished:
            raise InvalidInput("this live analysis is finished; start a new one")
        samples = _as_float32(chunk)
        if self._length + len(samples) > MAX_SECONDS * SAMPLE_RATE:
            raise TooLarge(
                f"a live analysis takes at most {MAX_SECONDS:g} s of audio", max_seconds=MAX_SECONDS
            )
        self._store(samples)
        self._measure_level(samples)
        frames = self._pitch.push(samples)
        self._pitch_times.append(frames.times)
        self._pitch_f0.append(frames.f0)
        for span in self._segmenter.feed(self._vad.process(samples)):
            self._spans.append(span)
            self._pending.extend(self._grouper.add(span))
        if not self._segmenter.in_speech:
            self._pending.extend(self._grouper.idle(self._segmenter.elapsed))
        if self._auto:
            self.transcribe_pending()

    @property
    def stt(self) -> SpeechToText:
        return self._stt

    @property
    def prompt(self) -> str:
        """What the recogniser is told first, so it writes the fillers down."""
        return FILLER_PROMPTS[self.language]

    def take_pending(self) -> list[Clip]:
        """The finished groups of speech waiting, as clips to recognise (elsewhere, e.g. in a shared
        pool); hand their transcripts back, in order, to ``add_heard``."""
        audio = AudioChunk(self._audio[: self._length], SAMPLE_RATE)
        clips = [Clip(audio, group) for group in self._pending]
        self._pending = []
        return clips

    def add_heard(self, parts: Sequence[Transcript]) -> None:
        """The transcripts of clips from ``take_pending`` (kept in talk order whatever order they come
        back in)."""
        self._parts.extend(parts)
        self._parts.sort(key=lambda p: p.segments[0].start if p.segments else 0.0)

    def transcribe_pending(self) -> int:
        """Transcribe the finished groups of speech waiting so far; returns how many there were."""
        clips = self.take_pending()
        for clip in clips:
            self.add_heard(transcribe_clips(self._stt, [clip], language=self.language, prompt=self.prompt))
        return len(clips)

    def open_clip(self, since: float | None = None, min_seconds: float = 1.0) -> Clip | None:
        """The speech not yet in a finished group (the group still growing and the span still open),
        from ``since`` when given, as a clip for a provisional caption; the final words come from
        ``take_pending``. None when there is less than ``min_seconds`` of it."""
        spans = list(self._grouper.open_spans)
        start = self._segmenter.open_start
        if start is not None:
            spans.append(SpeechSpan(start, round(self.elapsed, 3)))
        if since is not None:
            spans = [SpeechSpan(max(s.start, since), s.end) for s in spans if s.end > since]
        if not spans or spans[-1].end - spans[0].start < min_seconds:
            return None
        audio = AudioChunk(self._audio[: self._length], SAMPLE_RATE)
        return Clip(audio, SpeechGroup(spans[0].start, spans[-1].end, tuple(spans)))

    def transcribe_partial(self, min_seconds: float = 1.0) -> Transcript | None:
        """A provisional transcript of the speech still open (see ``open_clip``), for live captions."""
        clip = self.open_clip(min_seconds=min_seconds)
        if clip is None:
            return None
        return transcribe_clips(
            self._stt, [clip], language=self.language, prompt=self.prompt, provisional=True
        )[0]

    @property
    def speaking(self) -> bool:
        """Inside a span of speech (the VAD has not heard it end)."""
        return self._segmenter.in_speech

    @property
    def open_speech_end(self) -> float | None:
        """Where the speech not yet in a finished group ends (now, while the speaker is talking); None
        when there is none."""
        if self._segmenter.open_start is not None:
            return round(self.elapsed, 3)
        spans = self._grouper.open_spans
        return spans[-1].end if spans else None

    def snapshot(self) -> LiveMetrics:
        """The metrics so far; cheap enough to call after every chunk."""
        steps = np.array(self._steps)
        momentary = float(loudness.to_lufs(float(np.mean(steps[-4:])))) if len(steps) >= 4 else None
        blocks = loudness.block_energies(steps)
        talk_lufs = loudness.gated_loudness(blocks) if len(blocks) else None
        times, f0 = self._pitch_frames()
        voiced = clean_voiced(f0)
        recent = f0[(times >= self.elapsed - RECENT_PITCH_S) & np.isfinite(f0)]
        median = float(np.median(voiced)) if len(voiced) else None
        pauses = find_pauses(self._spans)
        last_end = self._spans[-1].end if self._spans else None
        speaking = self._segmenter.in_speech
        words = [w for p in self._parts for w in spoken_words(p.words)]
        counted = counted_words(words, self.language)
        fillers = find_fillers(words, self.language)
        heard_seconds = (words[-1].end - words[0].start) if words else 0.0
        minutes = heard_seconds / 60.0
        return LiveMetrics(
            elapsed_seconds=self.elapsed,
            speaking=speaking,
            speech_seconds=sum(s.duration for s in self._spans),
            loudness_lufs=momentary,
            talk_loudness_lufs=talk_lufs,
            pitch_hz=float(np.median(recent)) if len(recent) else None,
            pitch_median_hz=median,
            pitch_variation_semitones=float(np.std(semitones(voiced, median))) if median else None,
            pause_count=len(pauses),
            long_pause_count=sum(p.long for p in pauses),
            longest_pause_seconds=max((p.duration for p in pauses), default=0.0),
            silence_seconds=0.0
            if speaking or last_end is None
            else max(0.0, self._segmenter.elapsed - last_end),
            word_count=len(counted),
            words_per_minute=len(counted) / minutes if minutes >= 0.1 else None,
            filler_count=len(fillers),
            fillers_per_minute=len(fillers) / minutes if minutes >= 0.1 else None,
            transcript=" ".join(p.text for p in self._parts if p.text),
            pending_speech_seconds=sum(g.end - g.start for g in self._pending),
        )

    def finish(self) -> SpeechAnalysis:
        """Close the stream, transcribe what is left and return the full analysis."""
        if not self._finished:
            window = self._segmenter.window_seconds
            partial = self._length - round(self._segmenter.elapsed / window) * round(window * SAMPLE_RATE)
            if partial > 0:  # judge the last partial window, zero-padded, as whole-file analysis does
                padding = np.zeros(round(window * SAMPLE_RATE) - partial, np.float32)
                self._segmenter.feed(self._vad.process(padding))
            closed = [*self._segmenter.flush()]
            closed = [SpeechSpan(s.start, min(s.end, round(self.elapsed, 3))) for s in closed]
            self._spans.extend(closed)
            for span in closed:
                self._pending.extend(self._grouper.add(span))
            self._pending.extend(self._grouper.flush())
            self._finished = True
        self.transcribe_pending()
        audio = AudioChunk(self._audio[: self._length].copy(), SAMPLE_RATE)
        transcript = join_transcripts(self._parts, language=self.language, duration=audio.duration)
        times, f0 = self._pitch_frames()
        return assemble(
            audio, audio, self._spans, transcript, self.language, self._targets, PitchFrames(times, f0)
        )

    def _store(self, samples: Samples) -> None:
        needed = self._length + len(samples)
        if needed > len(self._audio):
            # Doubling keeps appends amortised O(1) without a list of pieces to join at every read.
            grown = np.zeros(max(needed, 2 * len(self._audio)), np.float32)
            grown[: self._length] = self._audio[: self._length]
            self._audio = grown
        self._audio[self._length : needed] = samples
        self._length = needed

    def _measure_level(self, samples: Samples) -> None:
        weighted = np.concatenate([self._weighted_tail, self._kfilter.process(samples)])
        whole = len(weighted) // self._step
        if whole:
            energies = np.mean(np.square(weighted[: whole * self._step]).reshape(whole, self._step), axis=1)
            self._steps.extend(float(e) for e in energies)
        self._weighted_tail = weighted[whole * self._step :]

    def _pitch_frames(self) -> tuple[np.ndarray, np.ndarray]:
        if not self._pitch_times:
            return np.zeros(0), np.zeros(0)
        return np.concatenate(self._pitch_times), np.concatenate(self._pitch_f0)


def _as_float32(chunk: bytes | bytearray | memoryview | Samples) -> Samples:
    if isinstance(chunk, bytes | bytearray | memoryview):
        raw = bytes(chunk)
        if len(raw) % 2:
            raise InvalidInput("16-bit PCM chunks hold an even number of bytes")
        return (np.frombuffer(raw, dtype="<i2").astype(np.float32) / np.float32(32768.0)).astype(np.float32)
    array = np.asarray(chunk)
    if array.ndim != 1:
        raise InvalidInput("live audio chunks are mono: one-dimensional sample arrays")
    if array.dtype == np.int16:
        return (array.astype(np.float32) / np.float32(32768.0)).astype(np.float32)
    if array.dtype != np.float32:
        raise InvalidInput(f"live audio chunks are float32 or int16 samples, not {array.dtype}")
    return array
