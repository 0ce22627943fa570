"""Whatever bytes arrive, decoding answers with audio within its limits or with a refusal a user can read.

Every upload route (analysis, transcription at 16 kHz, voice samples) decodes through ``decode``. Its
inputs here: random bytes, real files of every format cut anywhere, and those files with bytes of
their headers overwritten, including the fields that declare rate, channels and length. The outcome
is an AudioChunk within the limits, or UnsupportedMedia / TooLarge / InvalidInput; never another
exception, and never much more memory than the limits allow.
"""

from __future__ import annotations

import functools
import struct
import tracemalloc
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.audio.test_decode import av_file, soundfile_bytes, wave
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import MAX_OUTPUT_RATE, decode
from vocalis.audio.encode import encode
from vocalis.audio.formats import AudioFormat
from vocalis.errors import InvalidInput, TooLarge, UnsupportedMedia

MAX_SECONDS = 20.0
# The largest output the limits allow is 20 s of 48 kHz float32 (3.8 MB); the buffer is sized from
# the declared length, at most that. Inputs are a few KB. Anything near this means something was
# decoded or allocated past the limits.
MEMORY_CEILING = 24 * 1024 * 1024
FUZZ = settings(
    max_examples=100,
    deadline=None,
    database=None,  # nothing written into the repository
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@functools.cache
def seeds() -> dict[str, bytes]:
    """Half a second of a tone in every format users upload."""
    tone = wave(0.5, 16_000)
    return {
        "wav": soundfile_bytes(tone, "WAV", "PCM_16", 16_000),
        "wav float": soundfile_bytes(tone, "WAV", "FLOAT", 16_000),
        "flac": soundfile_bytes(tone, "FLAC", "PCM_16", 16_000),
        "ogg vorbis": soundfile_bytes(tone, "OGG", "VORBIS", 16_000),
        "ogg opus": encode(AudioChunk(tone, 16_000), AudioFormat.OPUS),
        "mp3": encode(AudioChunk(tone, 16_000), AudioFormat.MP3),
        "webm opus": av_file("webm", "libopus", wave(0.5, 48_000)[None], 48_000, seekable=False),
        "m4a": av_file("ipod", "aac", tone[None], 16_000),
    }


@pytest.fixture(scope="module", autouse=True)
def traced() -> Iterator[None]:
    tracemalloc.start()
    yield
    tracemalloc.stop()


def check(data: bytes, sample_rate: int | None) -> None:
    """The property: a chunk within the limits or one of the refusals, at bounded memory."""
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    try:
        chunk = decode(data, max_seconds=MAX_SECONDS, filename="upload", sample_rate=sample_rate)
    except (InvalidInput, TooLarge) as refusal:  # UnsupportedMedia and its kinds are InvalidInput
        assert refusal.status in {400, 413, 415}
        assert refusal.message
        chunk = None
    peak = tracemalloc.get_traced_memory()[1] - before
    assert peak < MEMORY_CEILING, f"{peak / 1e6:.1f} MB to decode {len(data)} bytes"
    if chunk is not None:
        assert chunk.samples.ndim == 1 and chunk.samples.dtype == np.float32
        assert chunk.sample_rate == (sample_rate or chunk.sample_rate) <= MAX_OUTPUT_RATE
        assert 0 < chunk.duration <= MAX_SECONDS
        assert np.all(np.isfinite(chunk.samples))
        # Downmixed and resampled full-scale audio overshoots a little; never by orders of magnitude.
        assert float(np.max(np.abs(chunk.samples))) < 4.0


rates = st.sampled_from([None, 16_000])
formats = st.sampled_from(sorted(seeds()))


def test_every_seed_decodes() -> None:
    for name, data in seeds().items():
        assert decode(data).duration == pytest.approx(0.5, abs=0.1), name


@FUZZ
@given(data=st.binary(max_size=4096), sample_rate=rates)
def test_random_bytes(data: bytes, sample_rate: int | None) -> None:
    check(data, sample_rate)


@FUZZ
@given(name=formats, keep=st.floats(0.0, 1.0), sample_rate=rates)
def test_truncated_files(name: str, keep: float, sample_rate: int | None) -> None:
    data = seeds()[name]
    check(data[: int(len(data) * keep)], sample_rate)


@FUZZ
@given(
    name=formats,
    changes=st.lists(st.tuples(st.integers(0, 255), st.integers(0, 255)), min_size=1, max_size=8),
    sample_rate=rates,
)
def test_overwritten_header_bytes(name: str, changes: list[tuple[int, int]], sample_rate: int | None) -> None:
    data = bytearray(seeds()[name])
    for offset, value in changes:
        if offset < len(data):
            data[offset] = value
    check(bytes(data), sample_rate)


@FUZZ
@given(
    name=formats,
    changes=st.lists(st.tuples(st.floats(0.0, 1.0, exclude_max=True), st.integers(0, 255)), max_size=16),
    sample_rate=rates,
)
def test_overwritten_bytes_anywhere(
    name: str, changes: list[tuple[float, int]], sample_rate: int | None
) -> None:
    data = bytearray(seeds()[name])
    for where, value in changes:
        data[int(where * len(data))] = value
    check(bytes(data), sample_rate)


@FUZZ
@given(samples=st.binary(min_size=4, max_size=4096), channels=st.integers(1, 4), sample_rate=rates)
def test_float_wav_holding_any_sample_bits(samples: bytes, channels: int, sample_rate: int | None) -> None:
    # NaN, infinities and 1e38 are all valid float32 bit patterns: a corrupt float WAV decodes to them.
    data = bytearray(seeds()["wav float"])
    start = data.index(b"data") + 8
    frames = len(samples) // (4 * channels)
    body = samples[: frames * 4 * channels]
    struct.pack_into("<HIIH", data, 22, channels, 16_000, 16_000 * 4 * channels, 4 * channels)
    struct.pack_into("<I", data, start - 4, len(body))
    check(bytes(data[:start]) + body, sample_rate)


@FUZZ
@given(
    channels=st.integers(0, 0xFFFF),
    rate=st.sampled_from([0, 1, 8_000, 192_000, 192_001, 384_000, 2**31 - 1, 2**32 - 1]),
    data_size=st.sampled_from([0, 1, 16_000, 2**31, 2**32 - 1]),
    sample_rate=rates,
)
def test_wav_declaring_huge_rates_channels_and_lengths(
    channels: int, rate: int, data_size: int, sample_rate: int | None
) -> None:
    data = bytearray(seeds()["wav"])
    assert data[12:16] == b"fmt " and data[36:40] == b"data"
    struct.pack_into("<HI", data, 22, channels, rate)  # fmt: channels, sample rate
    struct.pack_into("<I", data, 40, data_size)  # data chunk size
    check(bytes(data), sample_rate)


@FUZZ
@given(streaminfo=st.binary(min_size=8, max_size=8), sample_rate=rates)
def test_flac_declaring_any_rate_channels_depth_and_length(
    streaminfo: bytes, sample_rate: int | None
) -> None:
    # STREAMINFO after "fLaC" and its block header: block sizes (4), frame sizes (6), then 64 bits of
    # sample rate (20), channels - 1 (3), bits per sample - 1 (5) and total samples (36).
    data = bytearray(seeds()["flac"])
    assert data[:4] == b"fLaC"
    data[18:26] = streaminfo
    check(bytes(data), sample_rate)


def test_a_flac_claiming_hours_is_refused_from_its_header() -> None:
    data = bytearray(seeds()["flac"])
    packed = int.from_bytes(data[18:26], "big")
    packed = (packed & ~((1 << 36) - 1)) | (16_000 * 3600 * 10)  # ten hours at 16 kHz
    data[18:26] = packed.to_bytes(8, "big")
    with pytest.raises(TooLarge) as caught:
        decode(bytes(data), max_seconds=MAX_SECONDS)
    assert caught.value.details["measured_by"] == "header"


@pytest.mark.parametrize("tag", [0x0000, 0x9999, 0xFFFE])
def test_a_codec_without_a_decoder_is_unsupported_media(tag: int) -> None:
    # Found by test_overwritten_header_bytes: a WAV format tag ffmpeg has no decoder for.
    data = bytearray(seeds()["wav"])
    struct.pack_into("<H", data, 20, tag)
    with pytest.raises(UnsupportedMedia, match="codec"):
        decode(bytes(data))
