"""Decode any uploaded audio (wav, mp3, m4a/aac, ogg/opus, webm, flac, ...) to mono float32.

The container is recognised from its content, never from the file name: browsers and phones often
upload e.g. webm named ``.wav``. Audio keeps its native rate (up to 48 kHz) unless the caller
asks for one, except Opus, which every decoder produces at 48 kHz whatever rate it was encoded at
(so an Opus upload always comes back at 48000).
Multi-channel audio is downmixed by averaging the channels; float samples past full scale are
clipped and NaN reads as silence.

Length limits: when the container records the duration in its header, a too-long upload is rejected
before any audio is decoded; otherwise decoding stops as soon as the limit is passed. Raw mp3
without a Xing/Info/VBRI header and raw ADTS aac have no such record (ffmpeg guesses from the first
frame's bitrate, off by 4x on VBR files), so only the decoded length counts for them.

Cost limits: what decoding costs is set by the decoded samples, not the upload's bytes (30 minutes of
silence compress to 90 KB of FLAC). So the sample rate and channel count the container declares are
checked before any audio is decoded (above ``MAX_INPUT_RATE`` or ``MAX_CHANNELS``: 415), each frame is
downmixed and resampled as it arrives to the rate the caller asks for (by default the native rate,
at most ``MAX_OUTPUT_RATE``), and ``max_seconds`` bounds the samples kept. A decode thus holds at
most ``max_seconds * rate`` float32 samples, whatever the upload declares.
"""

from __future__ import annotations

import io
import os

import av

from vocalis.audio.accumulate import MonoAccumulator, frame_to_mono
from vocalis.audio.chunk import AudioChunk
from vocalis.errors import InvalidInput, TooLarge, TooManyChannels, UnsupportedMedia, UnsupportedSampleRate

# Studio masters go up to 192 kHz; above that (384 kHz, DXD) an upload costs too much to be worth it.
MAX_INPUT_RATE = 192_000
# Nothing downstream hears above 24 kHz; a 96 kHz upload is kept at 48 kHz unless a rate is asked for.
MAX_OUTPUT_RATE = 48_000
MAX_CHANNELS = 32

# Demuxers whose duration comes from the file's own header or index rather than a bitrate guess.
_EXACT_LENGTH_FORMATS = frozenset(
    {"wav", "w64", "flac", "ogg", "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "aiff", "caf"}
)
# Audio this much shorter than its header promises is cut off (an interrupted upload, say).
_TRUNCATION_SLACK_S = 0.25
_TRUNCATION_SLACK_FRACTION = 0.02


def decode(
    data: bytes,
    *,
    max_seconds: float | None = None,
    filename: str | None = None,
    sample_rate: int | None = None,
) -> AudioChunk:
    """Decode an audio file's bytes to a mono float32 chunk at ``sample_rate``.

    Without ``sample_rate`` the audio keeps its native rate, brought down to ``MAX_OUTPUT_RATE``
    when higher. Raises :class:`UnsupportedMedia` for empty, non-audio or corrupt/truncated data
    (:class:`UnsupportedSampleRate` and :class:`TooManyChannels` for audio too costly to decode) and
    :class:`TooLarge` when the audio is longer than ``max_seconds``. ``filename`` only labels errors.
    """
    label = {"filename": filename} if filename else {}
    if not data:
        raise UnsupportedMedia("the uploaded file is empty", **label)
    try:
        container = av.open(io.BytesIO(data), "r", metadata_errors="replace")
    except av.FFmpegError as exc:
        raise UnsupportedMedia("the file is not audio in a format we can read", **label) from exc
    with container:
        if not container.streams.audio:
            raise UnsupportedMedia("the file contains no audio stream", **label)
        stream = container.streams.audio[0]
        if stream.codec_context is None:  # a codec ffmpeg knows no decoder for
            raise UnsupportedMedia("the audio is in a codec we cannot decode", **label)
        _check_layout(stream.rate, stream.channels, label)
        declared = _declared_seconds(container, stream, data)
        if max_seconds is not None and declared is not None and declared > max_seconds:
            raise TooLarge(
                f"the audio is {declared:.1f} s long; the limit is {max_seconds:g} s",
                duration=round(declared, 3),
                max_seconds=max_seconds,
                measured_by="header",
                **label,
            )
        rate = sample_rate or min(stream.rate, MAX_OUTPUT_RATE)
        sink = MonoAccumulator(rate, max_seconds=max_seconds, expected_seconds=declared, label=label)
        chunk = _decode_stream(container, stream, sink, label)
    if declared is not None and declared - chunk.duration > max(
        _TRUNCATION_SLACK_S, _TRUNCATION_SLACK_FRACTION * declared
    ):
        raise UnsupportedMedia(
            f"the audio is truncated or corrupt: {chunk.duration:.2f} s of the {declared:.2f} s "
            "its header announces could be decoded",
            duration=round(declared, 3),
            decoded_seconds=round(chunk.duration, 3),
            **label,
        )
    return chunk


def decode_file(
    path: str | os.PathLike[str], *, max_seconds: float | None = None, sample_rate: int | None = None
) -> AudioChunk:
    """Decode the audio file at ``path`` (see :func:`decode`)."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as exc:
        raise InvalidInput(f"cannot read audio file {os.fspath(path)!r}", path=os.fspath(path)) from exc
    return decode(data, max_seconds=max_seconds, filename=os.path.basename(path), sample_rate=sample_rate)


def _decode_stream(
    container: av.container.InputContainer,
    stream: av.audio.stream.AudioStream,
    sink: MonoAccumulator,
    label: dict[str, str],
) -> AudioChunk:
    decoded = 0
    try:
        for frame in container.decode(stream):
            # A frame may disagree with the header (chained streams, crafted files): check each one.
            _check_layout(frame.sample_rate, frame.layout.nb_channels, label)
            samples = frame_to_mono(frame, label)
            decoded += len(samples)
            sink.add(samples, frame.sample_rate)
    except av.FFmpegError as exc:
        raise UnsupportedMedia("the audio is corrupt and cannot be decoded", **label) from exc
    if decoded == 0:
        raise UnsupportedMedia("the file contains no decodable audio", **label)
    return sink.finish()


def _check_layout(rate: int | None, channels: int | None, label: dict[str, str]) -> None:
    """Refuse, before decoding, audio whose rate or channel count makes decoding too costly."""
    if not rate or rate <= 0:
        raise UnsupportedMedia("the audio stream declares no valid sample rate", **label)
    if rate > MAX_INPUT_RATE:
        raise UnsupportedSampleRate(
            f"the audio is sampled at {rate} Hz; the limit is {MAX_INPUT_RATE} Hz: "
            f"export it at {MAX_OUTPUT_RATE} Hz or lower",
            sample_rate=rate,
            max_sample_rate=MAX_INPUT_RATE,
            **label,
        )
    if channels is not None and channels > MAX_CHANNELS:
        raise TooManyChannels(
            f"the audio has {channels} channels; at most {MAX_CHANNELS} are accepted",
            channels=channels,
            max_channels=MAX_CHANNELS,
            **label,
        )


def _declared_seconds(
    container: av.container.InputContainer, stream: av.audio.stream.AudioStream, data: bytes
) -> float | None:
    """The duration the file's header records, or None when there is none to trust."""
    name = container.format.name
    trusted = name in _EXACT_LENGTH_FORMATS or (name == "mp3" and _mp3_has_length_header(data))
    if not trusted:
        return None
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / av.time_base
    return None


def _mp3_has_length_header(data: bytes) -> bool:
    """Whether the first MPEG audio frame is a Xing/Info or VBRI frame recording the frame count."""
    offset = 0
    if data[:3] == b"ID3" and len(data) >= 10:
        size = 0
        for byte in data[6:10]:
            size = (size << 7) | (byte & 0x7F)
        offset = 10 + size + (10 if data[5] & 0x10 else 0)
    header = data[offset : offset + 4]
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return False
    mpeg1 = (header[1] >> 3) & 0x3 == 0x3
    mono = (header[3] >> 6) & 0x3 == 0x3
    side_info = (17 if mono else 32) if mpeg1 else (9 if mono else 17)
    xing = offset + 4 + side_info
    if data[xing : xing + 4] in (b"Xing", b"Info"):
        flags = int.from_bytes(data[xing + 4 : xing + 8], "big")
        return bool(flags & 0x1)
    vbri = offset + 4 + 32
    return data[vbri : vbri + 4] == b"VBRI"
