"""Encode a two-tone signal in every format at every common rate and decode it back."""

from __future__ import annotations

import io
import itertools
import struct

import numpy as np
import pytest
import soundfile as sf

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode
from vocalis.audio.encode import UNKNOWN_WAV_SIZE, StreamEncoder, encode
from vocalis.audio.formats import AudioFormat
from vocalis.errors import OutOfRange

RATES = [8000, 16000, 22050, 24000, 44100, 48000]
SECONDS = 1.5
# Codec frame lengths in samples. Streams without gapless metadata (streamed mp3, any ADTS aac) decode
# with the encoder delay and the last frame's padding still in: under two frames of extra audio.
CODEC_FRAME = {AudioFormat.MP3: 1152, AudioFormat.AAC: 1024}


def tone(rate: int, seconds: float = SECONDS) -> AudioChunk:
    t = np.arange(round(seconds * rate)) / rate
    return AudioChunk(
        (0.4 * np.sin(2 * np.pi * 440 * t) + 0.2 * np.sin(2 * np.pi * 1000 * t)).astype(np.float32), rate
    )


def dominant_frequency(chunk: AudioChunk) -> float:
    spectrum = np.abs(np.fft.rfft(chunk.samples * np.hanning(len(chunk.samples))))
    return float(np.argmax(spectrum) * chunk.sample_rate / len(chunk.samples))


def decode_any(data: bytes, fmt: AudioFormat, rate: int) -> AudioChunk:
    if fmt is AudioFormat.PCM:
        return AudioChunk((np.frombuffer(data, "<i2") / 32768.0).astype(np.float32), rate)
    return decode(data)


def uneven_chunks(chunk: AudioChunk) -> list[AudioChunk]:
    """Ten pieces of awkward lengths: empty, one sample, primes, one big remainder."""
    n = len(chunk.samples)
    cuts = [0, 0, 1, 8, 1005, 3004, n // 3, n // 2 + 13, n - 1001, n - 1000, n]
    return [AudioChunk(chunk.samples[a:b], chunk.sample_rate) for a, b in itertools.pairwise(cuts)]


def check_roundtrip(decoded: AudioChunk, fmt: AudioFormat, rate: int, *, gapless: bool) -> None:
    expected_rate = 48000 if fmt is AudioFormat.OPUS else rate  # Opus always decodes at 48 kHz
    assert decoded.sample_rate == expected_rate
    extra = decoded.duration - SECONDS
    allowed_extra = 0.05 if gapless or fmt not in CODEC_FRAME else 0.05 + 2 * CODEC_FRAME[fmt] / rate
    assert -0.05 <= extra <= allowed_extra, f"{fmt} at {rate} Hz decodes to {decoded.duration:.3f} s"
    assert dominant_frequency(decoded) == pytest.approx(440, abs=5)


@pytest.mark.parametrize("rate", RATES)
@pytest.mark.parametrize("fmt", list(AudioFormat))
def test_encode_roundtrip(fmt: AudioFormat, rate: int) -> None:
    source = tone(24000)
    data = encode(source, fmt, sample_rate=rate)
    assert data
    # One-shot mp3 carries a LAME header, so it decodes gaplessly; aac (ADTS) cannot.
    check_roundtrip(decode_any(data, fmt, rate), fmt, rate, gapless=fmt is not AudioFormat.AAC)


@pytest.mark.parametrize("rate", RATES)
@pytest.mark.parametrize("fmt", list(AudioFormat))
def test_stream_encode_roundtrip(fmt: AudioFormat, rate: int) -> None:
    source = tone(24000)
    encoder = StreamEncoder(fmt, 24000, sample_rate=rate)
    pieces = uneven_chunks(source)
    assert len(pieces) == 10
    assert sum(len(p.samples) for p in pieces) == len(source.samples)
    before_close = [encoder.write(piece) for piece in pieces]
    data = b"".join(before_close) + encoder.close()
    if fmt in (AudioFormat.MP3, AudioFormat.AAC, AudioFormat.OPUS):
        assert b"".join(before_close), "a streaming encoder must emit audio before close()"
    check_roundtrip(decode_any(data, fmt, rate), fmt, rate, gapless=fmt not in CODEC_FRAME)


@pytest.mark.parametrize("fmt", [AudioFormat.MP3, AudioFormat.AAC, AudioFormat.OPUS])
def test_streaming_emits_bytes_steadily(fmt: AudioFormat) -> None:
    source = tone(24000, seconds=3.0)
    encoder = StreamEncoder(fmt, 24000)
    step = 3600  # 150 ms, a short streamed sentence fragment
    sizes = [
        len(encoder.write(AudioChunk(source.samples[i : i + step], 24000)))
        for i in range(0, len(source.samples), step)
    ]
    encoder.close()
    after_first_second = sizes[24000 // step :]
    assert all(after_first_second), sizes


def test_wav_stream_header_has_unknown_size_and_still_decodes() -> None:
    source = tone(24000)
    encoder = StreamEncoder(AudioFormat.WAV, 24000)
    data = b"".join(encoder.write(p) for p in uneven_chunks(source)) + encoder.close()
    riff_size, data_size = struct.unpack("<I", data[4:8])[0], struct.unpack("<I", data[40:44])[0]
    assert riff_size == data_size == UNKNOWN_WAV_SIZE
    samples, rate = sf.read(io.BytesIO(data), dtype="float32")
    assert rate == 24000
    assert len(samples) == len(source.samples)
    assert len(decode(data).samples) == len(source.samples)


def test_wav_file_is_16_bit_mono_with_exact_sizes() -> None:
    data = encode(tone(24000), AudioFormat.WAV)
    info = sf.info(io.BytesIO(data))
    assert (info.samplerate, info.channels, info.subtype, info.frames) == (24000, 1, "PCM_16", 36000)
    assert struct.unpack("<I", data[4:8])[0] == len(data) - 8


def test_pcm_is_raw_s16le_and_clipped() -> None:
    loud = AudioChunk(np.array([0.0, 0.5, -0.5, 1.7, -3.0], np.float32), 8000)
    assert np.frombuffer(encode(loud, AudioFormat.PCM), "<i2").tolist() == [0, 16384, -16384, 32767, -32767]


def test_empty_stream_is_a_valid_empty_wav() -> None:
    data = StreamEncoder(AudioFormat.WAV, 24000).close()
    assert data[:4] == b"RIFF" and len(data) == 44


def test_bitrate_changes_size() -> None:
    source = tone(24000)
    small = encode(source, AudioFormat.MP3, bitrate=32_000)
    large = encode(source, AudioFormat.MP3, bitrate=128_000)
    assert len(large) > 3 * len(small)


def test_invalid_arguments_fail_before_any_audio() -> None:
    with pytest.raises(OutOfRange):
        encode(tone(24000), AudioFormat.WAV, sample_rate=7999)
    with pytest.raises(OutOfRange):
        StreamEncoder(AudioFormat.OPUS, 24000, sample_rate=96000)
    with pytest.raises(OutOfRange):
        StreamEncoder(AudioFormat.MP3, 24000, sample_rate=10000)
    with pytest.raises(OutOfRange):
        StreamEncoder(AudioFormat.MP3, 24000, bitrate=1)


def test_stream_encoder_guards() -> None:
    encoder = StreamEncoder(AudioFormat.MP3, 24000)
    with pytest.raises(ValueError, match="24000"):
        encoder.write(tone(16000))
    encoder.close()
    with pytest.raises(ValueError, match="closed"):
        encoder.write(tone(24000))


def test_opus_at_a_non_native_rate_is_resampled() -> None:
    encoder = StreamEncoder(AudioFormat.OPUS, 24000, sample_rate=10000)
    assert encoder.sample_rate == 12000
    data = encoder.write(tone(24000)) + encoder.close()
    assert decode(data).duration == pytest.approx(SECONDS, abs=0.01)
