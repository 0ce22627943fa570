"""Raw PCM as Wyoming carries it (little-endian signed integers, interleaved channels) to mono float32.

Every audio-chunk names its own rate, width and channels; chunks of one stream may differ, and a frame
may be split across two chunks, so a :class:`PcmCollector` keeps the odd bytes until the next chunk.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeGuard

import numpy as np

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.resample import resample
from vocalis.errors import InvalidEventField, TooLarge

MAX_RATE = 384_000
MAX_CHANNELS = 32
WIDTHS = (1, 2, 3, 4)  # bytes per sample: 8-, 16-, 24- and 32-bit signed, as the wyoming package converts
_DTYPES: dict[int, np.dtype[Any]] = {1: np.dtype("i1"), 2: np.dtype("<i2"), 4: np.dtype("<i4")}


@dataclass(frozen=True)
class PcmFormat:
    rate: int
    width: int
    channels: int

    @classmethod
    def checked(cls, rate: object, width: object, channels: object) -> PcmFormat:
        if not _whole(rate) or not 1 <= rate <= MAX_RATE:
            raise InvalidEventField(f"rate must be 1-{MAX_RATE} Hz, not {rate!r}", field="rate")
        if not _whole(width) or width not in WIDTHS:
            raise InvalidEventField(f"width must be 1, 2, 3 or 4 bytes, not {width!r}", field="width")
        if not _whole(channels) or not 1 <= channels <= MAX_CHANNELS:
            raise InvalidEventField(f"channels must be 1-{MAX_CHANNELS}, not {channels!r}", field="channels")
        return cls(rate, width, channels)

    @property
    def frame_bytes(self) -> int:
        return self.width * self.channels


def _whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def to_mono(data: bytes, fmt: PcmFormat) -> AudioChunk:
    """Whole frames of ``data`` as mono float32 in [-1, 1) at the format's rate (channels averaged)."""
    frames = len(data) // fmt.frame_bytes
    raw = np.frombuffer(data, np.uint8, count=frames * fmt.frame_bytes)
    if fmt.width == 3:  # no numpy dtype: widen each 24-bit sample to 32 bits, sign in the top byte
        triples = raw.reshape(-1, 3)
        padded = np.zeros((len(triples), 4), np.uint8)
        padded[:, 1:] = triples
        values = padded.view("<i4").ravel().astype(np.float32) / 2.0**31
    else:
        values = raw.view(_DTYPES[fmt.width]).astype(np.float32) / float(2 ** (8 * fmt.width - 1))
    mono = values.reshape(frames, fmt.channels).mean(axis=1, dtype=np.float32)
    return AudioChunk(np.ascontiguousarray(mono, np.float32), fmt.rate)


class PcmCollector:
    """Audio of one transcription, in whatever formats its chunks come, up to ``max_seconds``."""

    def __init__(self, *, max_seconds: float) -> None:
        self._max_seconds = max_seconds
        self._pieces: list[AudioChunk] = []
        self._seconds = 0.0
        self._format: PcmFormat | None = None
        self._partial = b""

    @property
    def seconds(self) -> float:
        return self._seconds

    def add(self, data: bytes, fmt: PcmFormat) -> None:
        """TooLarge once the audio passes ``max_seconds`` (what was collected is dropped)."""
        if fmt != self._format:
            self._partial = b""  # half a frame of another format is noise, not audio
            self._format = fmt
        data = self._partial + data
        whole = len(data) - len(data) % fmt.frame_bytes
        self._partial = data[whole:]
        if not whole:
            return
        piece = to_mono(data[:whole], fmt)
        self._seconds += piece.duration
        if self._seconds > self._max_seconds:
            self.clear()
            raise TooLarge(
                f"more than {self._max_seconds:g} s of audio in one transcription",
                max_seconds=self._max_seconds,
            )
        self._pieces.append(piece)

    def audio(self) -> AudioChunk:
        """Everything collected, at the first chunk's rate (pieces at other rates resampled to it)."""
        if not self._pieces:
            return AudioChunk(np.zeros(0, np.float32), 16_000)
        rate = self._pieces[0].sample_rate
        same = [p if p.sample_rate == rate else resample(p, rate) for p in self._pieces]
        return AudioChunk.concat(same, rate)

    def clear(self) -> None:
        self._pieces.clear()
        self._seconds = 0.0
        self._partial = b""
        self._format = None
