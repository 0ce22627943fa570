"""The audio value passed between modules: mono float32 samples and their rate."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Samples = npt.NDArray[np.float32]


@dataclass(frozen=True, eq=False)
class AudioChunk:
    samples: Samples
    sample_rate: int

    def __post_init__(self) -> None:
        if self.samples.ndim != 1 or self.samples.dtype != np.float32:
            raise ValueError("AudioChunk holds 1-D float32 samples")
        if self.sample_rate <= 0:
            raise ValueError("sample_rate must be positive")

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate

    @classmethod
    def silence(cls, seconds: float, sample_rate: int) -> AudioChunk:
        return cls(np.zeros(round(seconds * sample_rate), np.float32), sample_rate)

    @classmethod
    def concat(cls, chunks: list[AudioChunk], sample_rate: int) -> AudioChunk:
        if any(c.sample_rate != sample_rate for c in chunks):
            raise ValueError("cannot concatenate chunks of different sample rates")
        if not chunks:
            return cls(np.zeros(0, np.float32), sample_rate)
        return cls(np.concatenate([c.samples for c in chunks]).astype(np.float32, copy=False), sample_rate)
