"""Decoded frames to one mono float32 signal at one rate, at a memory cost set by the output alone.

Each frame is downmixed channel by channel into one float32 row (never an N-channel float copy) and
resampled as it arrives, so a 192 kHz stereo upload wanted at 16 kHz only ever holds 16 kHz mono.
The output lives in one buffer sized from the container's declared length (grown by doubling when
there is none), so the whole signal is never held twice, as a list of frames and their join would.
"""

from __future__ import annotations

import math
from typing import NoReturn

import av
import numpy as np

from vocalis.audio.chunk import AudioChunk, Samples
from vocalis.audio.resample import StreamResampler
from vocalis.errors import TooLarge, UnsupportedMedia

# Sample formats and the scale of their integers (u8 is offset binary around 128).
_SCALES = {"flt": 1.0, "dbl": 1.0, "s16": 32768.0, "s32": 2147483648.0, "u8": 128.0}
_FIRST_GUESS_S = 10.0  # buffer size without a declared length; doubled as needed
_LARGEST_GUESS_S = 1800.0  # a header may lie: beyond this the buffer grows only as audio arrives
_RESAMPLER_SLACK_S = 0.01  # a stream resampler's flush may run a few samples past the exact length


def frame_to_mono(frame: av.AudioFrame, label: dict[str, str]) -> Samples:
    """The frame's samples as float32 in [-1, 1], channels averaged, one channel converted at a time."""
    kind = frame.format.name.rstrip("p")
    if kind not in _SCALES:
        raise UnsupportedMedia(f"audio sample format {frame.format.name!r} is not supported", **label)
    channels = frame.layout.nb_channels
    array = frame.to_ndarray()
    if channels <= 0 or array.size % channels:
        raise UnsupportedMedia("the audio frame's channel layout is inconsistent", **label)
    # Planar frames are (channels, n); packed ones one interleaved row: strided views either way.
    rows = list(array) if frame.format.is_planar else [array[0, c::channels] for c in range(channels)]
    mono = np.zeros(len(rows[0]), np.float32)
    with np.errstate(over="ignore", invalid="ignore"):  # corrupt float data: mended below
        for row in rows:
            np.add(mono, row, out=mono, casting="unsafe")
    if kind == "u8":
        mono -= np.float32(128.0 * channels)
    mono *= np.float32(1.0 / (_SCALES[kind] * channels))
    if kind in ("flt", "dbl"):
        # Float data can hold anything (NaN, 1e38): what a player would make of it, silence or full
        # scale, so no measure downstream meets a non-finite or overflowing sample.
        np.nan_to_num(mono, copy=False, nan=0.0, posinf=1.0, neginf=-1.0)
        np.clip(mono, -1.0, 1.0, out=mono)
    return mono


class MonoAccumulator:
    """Frames in, one :class:`AudioChunk` out at ``rate``; :class:`TooLarge` past ``max_seconds``."""

    def __init__(
        self,
        rate: int,
        *,
        max_seconds: float | None,
        expected_seconds: float | None,
        label: dict[str, str],
    ) -> None:
        self.rate = rate
        self._max_seconds = max_seconds
        self._limit = math.inf if max_seconds is None else max_seconds * rate
        self._label = label
        guess = min(_LARGEST_GUESS_S, expected_seconds if expected_seconds is not None else _FIRST_GUESS_S)
        if max_seconds is not None:
            guess = min(guess, max_seconds + _RESAMPLER_SLACK_S)
        self._buffer = np.empty(max(1024, math.ceil(guess * rate) + 1024), np.float32)
        self._length = 0
        self._arriving = 0.0  # output samples the input so far will make
        self._resampler: StreamResampler | None = None

    @property
    def seconds(self) -> float:
        return self._length / self.rate

    def add(self, samples: Samples, rate: int) -> None:
        """Append one frame's mono samples recorded at ``rate``."""
        # Refused before resampling: a frame at a tiny declared rate (1 Hz) would otherwise be
        # stretched into hundreds of megabytes first (and the resampler's own buffers with it).
        # Counted from the input, since the resampler may hold back thousands of tiny frames.
        self._arriving += len(samples) * self.rate / rate
        if self._arriving > self._limit + _RESAMPLER_SLACK_S * self.rate:
            self._too_long()
        if self._resampler is None or self._resampler.in_rate != rate:
            # A chained stream may switch rate midway: finish the old resampler, start a new one.
            self._flush()
            self._resampler = StreamResampler(rate, self.rate)
        self._append(self._resampler.process(AudioChunk(samples, rate)).samples)
        if self._length > self._limit:
            self._too_long()

    def _too_long(self) -> NoReturn:
        raise TooLarge(
            f"the audio is longer than the limit of {self._max_seconds:g} s",
            max_seconds=self._max_seconds,
            measured_by="decoding",
            **self._label,
        )

    def finish(self) -> AudioChunk:
        """The signal so far; the accumulator is spent."""
        self._flush()
        # The resampler's tail may pass an exact-length limit by a sample or two: that is not audio
        # the upload held, so it is cut rather than refused.
        length = min(self._length, math.floor(self._limit)) if self._limit < math.inf else self._length
        samples = self._buffer[:length]
        if length < len(self._buffer) // 2:
            samples = samples.copy()  # do not keep a mostly empty buffer alive
        self._buffer = np.empty(0, np.float32)
        return AudioChunk(samples, self.rate)

    def _flush(self) -> None:
        if self._resampler is not None:
            self._append(self._resampler.flush().samples)
            self._resampler = None

    def _append(self, samples: Samples) -> None:
        end = self._length + len(samples)
        if end > len(self._buffer):
            ceiling = self._limit + _RESAMPLER_SLACK_S * self.rate
            grown = np.empty(max(end, int(min(2 * len(self._buffer), ceiling))), np.float32)
            grown[: self._length] = self._buffer[: self._length]
            self._buffer = grown
        self._buffer[self._length : end] = samples
        self._length = end
