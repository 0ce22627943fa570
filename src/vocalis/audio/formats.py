"""Output audio formats, their media types and the sample rates and bitrates each one accepts.

Rate rules, applied by :func:`encoding_rate`:

- Every requested rate must lie in ``MIN_SAMPLE_RATE..MAX_SAMPLE_RATE`` (8-48 kHz).
- wav, pcm and flac encode at exactly the requested rate.
- opus: libopus only runs at 8, 12, 16, 24 or 48 kHz, so the audio is resampled to the nearest of
  those at or above the requested rate (22050 -> 24000, 44100 -> 48000). Every Opus decoder plays
  the stream back at 48 kHz whatever the encoder ran at, so nothing a listener can observe depends on
  hitting the requested rate exactly.
- mp3 and aac: only the standard MPEG rates (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100,
  48000) exist in these bitstreams. A non-standard requested rate (say 10000) is rejected with
  :class:`OutOfRange` listing the allowed rates, because unlike opus the rate is visible in the file
  and silently delivering a different one would surprise the caller. When no rate is requested and
  the source rate is non-standard, the nearest allowed rate at or above it is used instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from vocalis.errors import OutOfRange, UnsupportedFormat

MIN_SAMPLE_RATE = 8000
MAX_SAMPLE_RATE = 48000
OPUS_RATES = (8000, 12000, 16000, 24000, 48000)
MPEG_RATES = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000)


@dataclass(frozen=True)
class FormatSpec:
    media_type: str
    extension: str
    lossless: bool
    # None: any rate in MIN_SAMPLE_RATE..MAX_SAMPLE_RATE is encoded as is.
    native_rates: tuple[int, ...] | None = None
    # Requested rates outside native_rates are rounded up (opus) instead of rejected (mp3, aac).
    rounds_rate_up: bool = False
    default_bitrate: int | None = None
    min_bitrate: int = 0
    max_bitrate: int = 0


class AudioFormat(StrEnum):
    WAV = "wav"
    MP3 = "mp3"
    OPUS = "opus"
    AAC = "aac"
    FLAC = "flac"
    PCM = "pcm"

    @property
    def spec(self) -> FormatSpec:
        return _SPECS[self]

    @property
    def media_type(self) -> str:
        return self.spec.media_type

    @property
    def extension(self) -> str:
        return self.spec.extension


_SPECS: dict[AudioFormat, FormatSpec] = {
    AudioFormat.WAV: FormatSpec("audio/wav", "wav", lossless=True),
    # Codecs clamp a bitrate to what the bitstream allows at the chosen rate (mp3 at 8 kHz tops out at
    # 64 kbps, aac at 8 kHz near 26 kbps), so the ranges below are only the outer sanity bounds.
    AudioFormat.MP3: FormatSpec(
        "audio/mpeg",
        "mp3",
        lossless=False,
        native_rates=MPEG_RATES,
        default_bitrate=64_000,
        min_bitrate=8_000,
        max_bitrate=320_000,
    ),
    AudioFormat.OPUS: FormatSpec(
        "audio/ogg",
        "opus",
        lossless=False,
        native_rates=OPUS_RATES,
        rounds_rate_up=True,
        default_bitrate=32_000,
        min_bitrate=6_000,
        max_bitrate=510_000,
    ),
    AudioFormat.AAC: FormatSpec(
        "audio/aac",
        "aac",
        lossless=False,
        native_rates=MPEG_RATES,
        default_bitrate=64_000,
        min_bitrate=8_000,
        max_bitrate=320_000,
    ),
    AudioFormat.FLAC: FormatSpec("audio/flac", "flac", lossless=True),
    # Raw s16le: "audio/L16" would be wrong, RFC 2586 defines L16 as big-endian.
    AudioFormat.PCM: FormatSpec("application/octet-stream", "pcm", lossless=True),
}


def parse_format(name: str) -> AudioFormat:
    """Read a format name such as ``"mp3"`` (case-insensitive)."""
    try:
        return AudioFormat(name.strip().lower())
    except ValueError:
        allowed = [f.value for f in AudioFormat]
        raise UnsupportedFormat(
            f"unsupported audio format {name!r}; choose one of {', '.join(allowed)}",
            format=name,
            allowed=allowed,
        ) from None


def check_sample_rate(rate: int) -> int:
    """Return ``rate`` if it lies in the supported range, else raise :class:`OutOfRange`."""
    if not MIN_SAMPLE_RATE <= rate <= MAX_SAMPLE_RATE:
        raise OutOfRange(
            f"sample rate {rate} Hz is out of range; use {MIN_SAMPLE_RATE}..{MAX_SAMPLE_RATE} Hz",
            field="sample_rate",
            value=rate,
            min=MIN_SAMPLE_RATE,
            max=MAX_SAMPLE_RATE,
        )
    return rate


def encoding_rate(fmt: AudioFormat, source_rate: int, requested: int | None = None) -> int:
    """The rate ``fmt`` is encoded at, given the audio's rate and the caller's request (module doc)."""
    spec = fmt.spec
    if requested is not None:
        check_sample_rate(requested)
        if spec.native_rates is None or requested in spec.native_rates:
            return requested
        if not spec.rounds_rate_up:
            raise OutOfRange(
                f"{fmt.value} cannot be encoded at {requested} Hz; "
                f"use one of {', '.join(map(str, spec.native_rates))} Hz",
                field="sample_rate",
                value=requested,
                allowed=list(spec.native_rates),
            )
        return _round_up(requested, spec.native_rates)
    if spec.native_rates is None or source_rate in spec.native_rates:
        return source_rate
    return _round_up(source_rate, spec.native_rates)


def check_bitrate(fmt: AudioFormat, bitrate: int | None) -> int | None:
    """The bitrate to encode ``fmt`` with: the default when None; always None for lossless formats.

    A bitrate given for a lossless format is ignored rather than rejected, so clients can send one
    setting for every format they offer.
    """
    spec = fmt.spec
    if spec.lossless:
        return None
    if bitrate is None:
        return spec.default_bitrate
    if not spec.min_bitrate <= bitrate <= spec.max_bitrate:
        raise OutOfRange(
            f"bitrate {bitrate} bps is out of range for {fmt.value}; "
            f"use {spec.min_bitrate}..{spec.max_bitrate} bps",
            field="bitrate",
            value=bitrate,
            min=spec.min_bitrate,
            max=spec.max_bitrate,
        )
    return bitrate


def _round_up(rate: int, rates: tuple[int, ...]) -> int:
    return next((r for r in rates if r >= rate), rates[-1])
