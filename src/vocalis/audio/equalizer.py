"""Tone matching: an equaliser that gives one voice the long-term spectrum (the "tone") of another.

A voice's long-term average spectrum, measured over its loud frames in mel bands up to 8 kHz, carries
much of what listeners and speaker encoders hear as its timbre (and the recording's colour). The gains
that move a rendered voice's spectrum onto a sample's are smoothed, centred on 0 dB and limited, and
applied as a linear-phase FIR filter that keeps each chunk's length and loudness (RMS).

Measured on held-out sentences by an independent speaker encoder: matching the tone of the nearest
stock voice to a left-out Kokoro voice's sample raised its similarity by +0.03 to +0.07; on a real
recording by +0.01 to +0.09.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.mel import mel_filters  # the Slaney filterbank the speaker encoders use
from vocalis.audio.resample import resample

ANALYSIS_RATE = 16_000
N_FFT = 512
HOP = 128
BANDS = 24  # mel bands over 0-8 kHz: ~4 per octave above 1 kHz, no finer than the spectrum is stable
LOUD_DB = 30.0  # frames within this of the loudest frame are speech; quieter ones are pauses
# A band this much quieter (relative to the source) than the bands typically are was cut off by the
# recording's channel (a telephone line, an 8 kHz file): there is no tone there to match.
CUT_DB = 20.0
TAPS = 1023  # at 24 kHz: 23 Hz resolution, 21 ms of delay compensated by a centred convolution
MAX_GAIN_DB = 6.0

Floats = npt.NDArray[np.float64]


@functools.cache
def _filterbank() -> tuple[Floats, Floats]:
    """Triangular mel filters over the FFT bins at ANALYSIS_RATE, and each band's centre in Hz."""
    filters = mel_filters(ANALYSIS_RATE, N_FFT, BANDS).astype(np.float64)
    bins = np.fft.rfftfreq(N_FFT, 1.0 / ANALYSIS_RATE)
    centres = (filters * bins).sum(axis=1) / np.maximum(filters.sum(axis=1), 1e-12)
    return filters, centres


def band_centres() -> Floats:
    return _filterbank()[1]


def long_term_spectrum(audio: AudioChunk) -> Floats:
    """Mean power of the loud frames in each band, in dB (BANDS values)."""
    samples = resample(audio, ANALYSIS_RATE).samples.astype(np.float64)
    if len(samples) < N_FFT:
        samples = np.pad(samples, (0, N_FFT - len(samples)))
    frames = np.lib.stride_tricks.sliding_window_view(samples, N_FFT)[::HOP] * np.hanning(N_FFT)
    power = np.abs(np.fft.rfft(frames, axis=1)) ** 2
    energy = 10.0 * np.log10(power.sum(axis=1) + 1e-20)
    loud = power[energy > energy.max() - LOUD_DB]
    filters, _ = _filterbank()
    return np.asarray(10.0 * np.log10(filters @ loud.mean(axis=0) + 1e-20))


@dataclass(frozen=True, eq=False)
class Tone:
    """A recording's long-term spectrum, measured once (a search matches many renders to one sample)."""

    spectrum_db: Floats
    sample_rate: int

    @classmethod
    def of(cls, audio: AudioChunk) -> Tone:
        return cls(long_term_spectrum(audio), audio.sample_rate)


@dataclass(frozen=True)
class Equalizer:
    """Gains in dB at :func:`band_centres` (held flat below the first and above the last band)."""

    gains_db: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.gains_db) != BANDS or not all(np.isfinite(self.gains_db)):
            raise ValueError(f"an equaliser has {BANDS} finite gains, got {self.gains_db!r}")

    @classmethod
    def flat(cls) -> Equalizer:
        return cls((0.0,) * BANDS)

    @property
    def is_flat(self) -> bool:
        return not any(self.gains_db)

    @classmethod
    def matching(
        cls, target: AudioChunk | Tone, source: AudioChunk, *, max_gain_db: float = MAX_GAIN_DB
    ) -> Equalizer:
        """The equaliser that moves ``source``'s tone towards ``target``'s.

        Only bands where the target has sound count: above its Nyquist frequency, or above the
        cut-off of a band-limited recording, there is nothing to match, so those bands keep the gain
        of the last band below (copying the cut would muffle the voice, not make it more alike).
        """
        wanted = target if isinstance(target, Tone) else Tone.of(target)
        gains = wanted.spectrum_db - long_term_spectrum(source)
        centres = band_centres()
        valid = (centres < 0.45 * min(wanted.sample_rate, source.sample_rate)) & (
            gains > np.median(gains) - CUT_DB
        )
        top = BANDS - int(np.argmax(valid[::-1])) - 1 if valid.any() else -1
        if 0 <= top < BANDS - 1:
            valid[top] = False  # a cut-off's slope dims the band just below it too
        if max_gain_db <= 0 or valid.sum() < 2:
            return cls.flat()
        gains -= gains[valid].mean()  # tone, not loudness
        index = np.arange(BANDS)
        gains = np.interp(index, index[valid], gains[valid])  # edge bands hold the nearest valid gain
        gains = np.convolve(np.pad(gains, 1, mode="edge"), [0.25, 0.5, 0.25], mode="valid")
        gains = np.clip(gains, -max_gain_db, max_gain_db)
        return cls(tuple(round(float(g), 2) for g in gains))

    @classmethod
    def mix(cls, parts: Sequence[tuple[Equalizer, float]]) -> Equalizer:
        """The weighted sum of gains (in dB): a blend sounds between its voices' tones."""
        total = np.zeros(BANDS)
        for equalizer, weight in parts:
            total += weight * np.asarray(equalizer.gains_db)
        return cls(tuple(round(float(g), 2) for g in total))

    def apply(self, audio: AudioChunk) -> AudioChunk:
        """The filtered audio: same length and RMS, peaks kept under full scale."""
        samples = audio.samples
        if self.is_flat or not len(samples) or not samples.any():
            return audio
        kernel = _kernel(self.gains_db, audio.sample_rate)
        size = len(samples) + len(kernel) - 1
        full = np.fft.irfft(np.fft.rfft(samples, size) * np.fft.rfft(kernel, size), size)
        start = (len(kernel) - 1) // 2
        out = full[start : start + len(samples)]
        before = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
        after = float(np.sqrt(np.mean(np.square(out))))
        out = out * (before / after if after > 0 else 1.0)
        loudest = float(np.max(np.abs(out)))
        if loudest > 0.99:
            out = out * (0.99 / loudest)
        return AudioChunk(out.astype(np.float32), audio.sample_rate)


@functools.lru_cache(maxsize=64)
def _kernel(gains_db: tuple[float, ...], rate: int) -> Floats:
    """Linear-phase FIR by frequency sampling: the gain curve, interpolated, made symmetric, windowed."""
    frequencies = np.fft.rfftfreq(2 * (TAPS - 1), 1.0 / rate)
    curve = 10.0 ** (np.interp(frequencies, band_centres(), np.asarray(gains_db)) / 20.0)
    impulse = np.fft.irfft(curve)  # zero-phase, centred on sample 0
    return np.asarray(np.roll(impulse, TAPS // 2)[:TAPS] * np.hanning(TAPS))  # taps -511..511
