"""Mel spectrograms as both speaker encoders were trained on them (librosa's Slaney filterbank and
frames), in numpy: no librosa (and numba) at run time."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float32]


def _hz_to_mel(hz: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    # Slaney's scale (librosa's default): linear below 1 kHz, logarithmic above.
    linear = hz / (200.0 / 3)
    log = 15.0 + np.log(np.maximum(hz, 1e-10) / 1000.0) / (np.log(6.4) / 27.0)
    return np.where(hz >= 1000.0, log, linear)


def _mel_to_hz(mel: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    linear = mel * (200.0 / 3)
    log = 1000.0 * np.exp((np.log(6.4) / 27.0) * (mel - 15.0))
    return np.where(mel >= 15.0, log, linear)


def mel_filters(rate: int, n_fft: int, n_mels: int) -> Floats:
    """librosa.filters.mel(sr=rate, n_fft=n_fft, n_mels=n_mels) (Slaney scale and area norm): the
    filterbank both models were trained with, without importing librosa (and numba) at run time."""
    fft_hz = np.linspace(0.0, rate / 2, 1 + n_fft // 2)
    edges = _mel_to_hz(np.linspace(_hz_to_mel(np.array(0.0)), _hz_to_mel(np.array(rate / 2.0)), n_mels + 2))
    widths = np.diff(edges)
    ramps = edges[:, None] - fft_hz[None, :]
    lower = -ramps[:-2] / widths[:-1, None]
    upper = ramps[2:] / widths[1:, None]
    weights = np.maximum(0.0, np.minimum(lower, upper)) * (2.0 / (edges[2:] - edges[:-2]))[:, None]
    return weights.astype(np.float32)


def power_mel(samples: Floats, *, n_fft: int, win: int, hop: int, window: Floats, filters: Floats) -> Floats:
    """(frames, mels) mel power spectrogram of un-centred frames (librosa ``center=False``)."""
    if len(samples) < n_fft:
        samples = np.concatenate([samples, np.zeros(n_fft - len(samples), np.float32)])
    padded_window = np.zeros(n_fft, np.float32)
    offset = (n_fft - win) // 2
    padded_window[offset : offset + win] = window
    frames = np.lib.stride_tricks.sliding_window_view(samples, n_fft)[::hop]
    spectrum = np.abs(np.fft.rfft(frames * padded_window, axis=1)) ** 2
    return np.asarray(spectrum @ filters.T, dtype=np.float32)


def periodic_window(kind: str, length: int) -> Floats:
    phase = 2.0 * np.pi * np.arange(length) / length
    a = 0.54 if kind == "hamming" else 0.5
    return (a - (1.0 - a) * np.cos(phase)).astype(np.float32)


WHISPER_RATE = 16_000
_WHISPER_FFT = 400
_WHISPER_HOP = 160


def whisper_log_mel(samples: Floats, *, seconds: int, mels: int = 80) -> Floats:
    """(mels, frames) log-mel features as Whisper's feature extractor computes them for ``seconds`` of
    16 kHz audio (zero-padded at the end or cut): waveform normalised to zero mean and unit variance,
    a centred STFT (400-point Hann, hop 160, reflected edges), Slaney mel power, log10 floored 8
    decades under the peak, scaled to about [-1, 1]."""
    length = seconds * WHISPER_RATE
    x = np.zeros(length, np.float32)
    x[: min(len(samples), length)] = samples[:length]
    x = (x - x.mean()) / np.sqrt(x.var() + 1e-7)
    padded = np.pad(x, _WHISPER_FFT // 2, mode="reflect")
    frames = np.lib.stride_tricks.sliding_window_view(padded, _WHISPER_FFT)[::_WHISPER_HOP]
    power = np.abs(np.fft.rfft(frames * periodic_window("hann", _WHISPER_FFT), axis=1)) ** 2
    spec = mel_filters(WHISPER_RATE, _WHISPER_FFT, mels) @ power.T  # (mels, frames + 1)
    log_spec = np.log10(np.maximum(spec, 1e-10))[:, :-1]
    log_spec = np.maximum(log_spec, log_spec.max() - 8.0)
    return np.asarray((log_spec + 4.0) / 4.0, dtype=np.float32)
