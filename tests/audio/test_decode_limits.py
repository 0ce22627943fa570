"""What decoding may cost: set by the decoded samples kept, not by how well the upload compresses."""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pytest
import soundfile as sf

from vocalis.audio.decode import MAX_INPUT_RATE, MAX_OUTPUT_RATE, decode
from vocalis.errors import TooLarge, TooManyChannels, UnsupportedSampleRate


def silent_flac(seconds: float, rate: int, channels: int = 1) -> bytes:
    """Digital silence compresses to almost nothing: the worst case of samples per byte."""
    buffer = io.BytesIO()
    block = np.zeros((rate, channels), np.float32)
    with sf.SoundFile(buffer, "w", rate, channels, format="FLAC", subtype="PCM_16") as out:
        for _ in range(round(seconds)):
            out.write(block)
    return buffer.getvalue()


def sine_wav(seconds: float, rate: int, channels: int = 1, amplitude: float = 0.4) -> bytes:
    t = np.arange(round(seconds * rate)) / rate
    tone = (amplitude * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    buffer = io.BytesIO()
    sf.write(buffer, np.repeat(tone[:, None], channels, axis=1), rate, format="WAV", subtype="PCM_16")
    return buffer.getvalue()


def peak_bytes(work: Callable[[], object]) -> tuple[object, int]:
    """The result of ``work`` and the most Python and numpy memory it held at once."""
    tracemalloc.start()
    try:
        result = work()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_rate_above_the_cap_is_refused_before_decoding() -> None:
    data = silent_flac(180, 384_000)  # 69 million samples in about 250 KB
    assert len(data) < 400_000
    with pytest.raises(UnsupportedSampleRate) as caught:
        peak_bytes(lambda: decode(data, max_seconds=300, filename="dxd.flac"))
    error = caught.value
    assert (error.status, error.code) == (415, "unsupported_sample_rate")
    assert error.details == {
        "sample_rate": 384_000,
        "max_sample_rate": MAX_INPUT_RATE,
        "filename": "dxd.flac",
    }


def test_the_refusal_costs_nothing() -> None:
    data = silent_flac(180, 384_000)

    def refuse() -> None:
        with pytest.raises(UnsupportedSampleRate):
            decode(data)

    _, peak = peak_bytes(refuse)
    assert peak < 5_000_000, peak  # the bytes themselves and the container's header, no samples


def test_high_rates_come_back_at_48k_unless_a_rate_is_asked_for() -> None:
    data = sine_wav(1.0, 96_000, channels=2)
    native = decode(data)
    assert native.sample_rate == MAX_OUTPUT_RATE
    assert native.duration == pytest.approx(1.0, abs=0.005)
    assert float(np.max(np.abs(native.samples))) == pytest.approx(0.4, abs=0.02)
    asked = decode(data, sample_rate=16_000)
    assert asked.sample_rate == 16_000
    assert asked.duration == pytest.approx(1.0, abs=0.005)
    assert float(np.max(np.abs(asked.samples))) == pytest.approx(0.4, abs=0.02)
    # Resampled frame by frame, the pieces join up: the spectrum is one clean 440 Hz line.
    spectrum = np.abs(np.fft.rfft(asked.samples[1000:-1000]))
    assert spectrum.argmax() * 16_000 / (len(asked.samples) - 2000) == pytest.approx(440, abs=2)
    assert np.sort(spectrum)[-20] < spectrum.max() / 50


def test_a_rate_below_the_cap_is_upsampled_only_when_asked() -> None:
    data = sine_wav(0.5, 8_000)
    assert decode(data).sample_rate == 8_000
    assert decode(data, sample_rate=16_000).duration == pytest.approx(0.5, abs=0.005)


def test_decoding_holds_the_output_once_and_nothing_at_the_upload_rate() -> None:
    data = silent_flac(300, 48_000, channels=2)  # five minutes of 48 kHz stereo
    _, peak = peak_bytes(lambda: decode(data, max_seconds=300, sample_rate=16_000))
    output = 300 * 16_000 * 4
    # One float32 copy of the 16 kHz mono output and a few frames in flight; the whole 48 kHz
    # stereo signal would be 115 MB as float32, its mono join 58 MB twice over.
    assert peak < 1.5 * output, (peak, output)


def test_the_limit_counts_seconds_at_the_output_rate() -> None:
    data = sine_wav(2.0, 96_000)
    assert decode(data, max_seconds=2.0).duration == pytest.approx(2.0, abs=0.001)
    assert decode(data, max_seconds=2.0, sample_rate=16_000).duration <= 2.0
    with pytest.raises(TooLarge):
        decode(data, max_seconds=1.5, sample_rate=16_000)


def test_a_tiny_declared_rate_is_refused_before_it_is_stretched() -> None:
    """Found by the fuzz tests: 8,000 samples declared at 1 Hz, asked for at 16 kHz, were resampled to
    128 million samples (103 MB) before the length limit refused them."""
    data = bytearray(sine_wav(0.5, 16_000))
    assert data[12:16] == b"fmt "
    data[24:28] = (1).to_bytes(4, "little")  # the sample rate field: 1 Hz
    assert data[36:40] == b"data"
    data[40:44] = (2**32 - 1).to_bytes(4, "little")  # length unknown, as a streamed WAV says

    def attempt() -> TooLarge | None:
        try:
            decode(bytes(data), max_seconds=20, sample_rate=16_000)
        except TooLarge as exc:
            return exc
        return None

    refused, peak = peak_bytes(attempt)
    assert isinstance(refused, TooLarge) and refused.details["max_seconds"] == 20
    assert peak < 8 * 1024 * 1024, peak


def test_too_many_channels_are_refused() -> None:
    with pytest.raises(TooManyChannels) as caught:
        decode(sine_wav(0.1, 16_000, channels=40))
    assert (caught.value.status, caught.value.code) == (415, "too_many_channels")
    assert caught.value.details["channels"] == 40


def test_many_channels_are_averaged_one_at_a_time() -> None:
    rate = 16_000
    t = np.arange(rate) / rate
    channels: npt.NDArray[np.float32] = np.stack(
        [(0.05 * (c + 1) * np.sin(2 * np.pi * 300 * t)).astype(np.float32) for c in range(8)], axis=1
    )
    buffer = io.BytesIO()
    sf.write(buffer, channels, rate, format="WAV", subtype="PCM_32")
    mono = decode(buffer.getvalue())
    assert np.allclose(mono.samples, channels.mean(axis=1), atol=1e-6)
