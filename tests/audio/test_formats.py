from __future__ import annotations

import pytest

from vocalis.audio.formats import (
    MAX_SAMPLE_RATE,
    MIN_SAMPLE_RATE,
    AudioFormat,
    check_bitrate,
    check_sample_rate,
    encoding_rate,
    parse_format,
)
from vocalis.errors import OutOfRange, UnsupportedFormat


@pytest.mark.parametrize(
    ("name", "fmt", "media_type", "extension"),
    [
        ("wav", AudioFormat.WAV, "audio/wav", "wav"),
        ("MP3", AudioFormat.MP3, "audio/mpeg", "mp3"),
        (" opus ", AudioFormat.OPUS, "audio/ogg", "opus"),
        ("aac", AudioFormat.AAC, "audio/aac", "aac"),
        ("flac", AudioFormat.FLAC, "audio/flac", "flac"),
        ("pcm", AudioFormat.PCM, "application/octet-stream", "pcm"),
    ],
)
def test_parse_format_and_media_types(name: str, fmt: AudioFormat, media_type: str, extension: str) -> None:
    parsed = parse_format(name)
    assert parsed is fmt
    assert parsed.media_type == media_type
    assert parsed.extension == extension
    assert parsed == fmt.value  # a str enum: usable wherever the name is


@pytest.mark.parametrize("name", ["ogg", "m4a", "", "wav;", "mpeg"])
def test_unknown_format_lists_the_allowed_ones(name: str) -> None:
    with pytest.raises(UnsupportedFormat) as caught:
        parse_format(name)
    assert caught.value.status == 400
    assert caught.value.code == "unsupported_format"
    assert caught.value.details["allowed"] == ["wav", "mp3", "opus", "aac", "flac", "pcm"]
    assert "mp3" in caught.value.message


@pytest.mark.parametrize("rate", [MIN_SAMPLE_RATE, 22050, MAX_SAMPLE_RATE])
def test_sample_rates_in_range_pass(rate: int) -> None:
    assert check_sample_rate(rate) == rate


@pytest.mark.parametrize("rate", [7999, 48001, 96000, 0, -16000])
def test_sample_rates_out_of_range_fail(rate: int) -> None:
    with pytest.raises(OutOfRange) as caught:
        check_sample_rate(rate)
    assert caught.value.details == {
        "field": "sample_rate",
        "value": rate,
        "min": MIN_SAMPLE_RATE,
        "max": MAX_SAMPLE_RATE,
    }
    assert "8000..48000" in caught.value.message


@pytest.mark.parametrize(
    ("requested", "expected"),
    [(8000, 8000), (10000, 12000), (16000, 16000), (22050, 24000), (24000, 24000), (44100, 48000)],
)
def test_opus_rounds_requested_rate_up_to_a_native_one(requested: int, expected: int) -> None:
    assert encoding_rate(AudioFormat.OPUS, 24000, requested) == expected


@pytest.mark.parametrize("fmt", [AudioFormat.MP3, AudioFormat.AAC])
def test_mpeg_formats_reject_non_standard_rates(fmt: AudioFormat) -> None:
    with pytest.raises(OutOfRange) as caught:
        encoding_rate(fmt, 24000, 10000)
    assert caught.value.details["allowed"] == [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000]
    assert "10000" in caught.value.message


@pytest.mark.parametrize("fmt", list(AudioFormat))
def test_every_format_checks_the_range_first(fmt: AudioFormat) -> None:
    with pytest.raises(OutOfRange):
        encoding_rate(fmt, 24000, 7999)


@pytest.mark.parametrize("fmt", [AudioFormat.WAV, AudioFormat.PCM, AudioFormat.FLAC])
def test_lossless_formats_take_any_rate(fmt: AudioFormat) -> None:
    assert encoding_rate(fmt, 24000, 10000) == 10000
    assert encoding_rate(fmt, 10000) == 10000


def test_unrequested_rate_keeps_the_source_or_rounds_up() -> None:
    assert encoding_rate(AudioFormat.MP3, 22050) == 22050
    assert encoding_rate(AudioFormat.MP3, 10000) == 11025
    assert encoding_rate(AudioFormat.OPUS, 22050) == 24000
    assert encoding_rate(AudioFormat.OPUS, 96000) == 48000


def test_bitrates() -> None:
    assert check_bitrate(AudioFormat.MP3, None) == 64_000
    assert check_bitrate(AudioFormat.OPUS, 24_000) == 24_000
    assert check_bitrate(AudioFormat.WAV, 128_000) is None  # ignored for lossless formats
    with pytest.raises(OutOfRange) as caught:
        check_bitrate(AudioFormat.AAC, 1_000_000)
    assert caught.value.details["field"] == "bitrate"
