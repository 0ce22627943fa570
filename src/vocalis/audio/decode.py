"""Decode any uploaded audio (wav, mp3, m4a/aac, ogg/opus, webm, flac, ...) to mono float32.

The container is recognised from its content, never from the file name: browsers and phones often
upload e.g. webm named ``.wav``. Audio keeps its native rate, except Opus, which every decoder
produces at 48 kHz whatever rate it was encoded at (so an Opus upload always comes back at 48000).
Multi-channel audio is downmixed by averaging the channels.

Length limits: when the container records the duration in its header, a too-long upload is rejected
before any audio is decoded; otherwise decoding stops as soon as the limit is passed. Raw mp3
without a Xing/Info/VBRI header and raw ADTS aac have no such record (ffmpeg guesses from the first
frame's bitrate, off by 4x on VBR files), so only the decoded length counts for them.
"""

from __future__ import annotations

import io
import os

import av
import numpy as np
import soxr

from vocalis.audio.chunk import AudioChunk, Samples
from vocalis.errors import InvalidInput, TooLarge, UnsupportedMedia

# Demuxers whose duration comes from the file's own header or index rather than a bitrate guess.
_EXACT_LENGTH_FORMATS = frozenset(
    {"wav", "w64", "flac", "ogg", "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "aiff", "caf"}
)
# Audio this much shorter than its header promises is cut off (an interrupted upload, say).
_TRUNCATION_SLACK_S = 0.25
_TRUNCATION_SLACK_FRACTION = 0.02
_INT_SCALES = {np.dtype("int16"): 32768.0, np.dtype("int32"): 2147483648.0}


def decode(data: bytes, *, max_seconds: float | None = None, filename: str | None = None) -> AudioChunk:
    """Decode an audio file's bytes to a mono float32 chunk at its native sample rate.

    Raises :class:`UnsupportedMedia` for empty, non-audio or corrupt/truncated data and
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
        declared = _declared_seconds(container, stream, data)
        if max_seconds is not None and declared is not None and declared > max_seconds:
            raise TooLarge(
                f"the audio is {declared:.1f} s long; the limit is {max_seconds:g} s",
                duration=round(declared, 3),
                max_seconds=max_seconds,
                measured_by="header",
                **label,
            )
        chunk = _decode_stream(container, stream, max_seconds, label)
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


def decode_file(path: str | os.PathLike[str], *, max_seconds: float | None = None) -> AudioChunk:
    """Decode the audio file at ``path`` (see :func:`decode`)."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as exc:
        raise InvalidInput(f"cannot read audio file {os.fspath(path)!r}", path=os.fspath(path)) from exc
    return decode(data, max_seconds=max_seconds, filename=os.path.basename(path))


def _decode_stream(
    container: av.container.InputContainer,
    stream: av.audio.stream.AudioStream,
    max_seconds: float | None,
    label: dict[str, str],
) -> AudioChunk:
    parts: list[Samples] = []
    rate = 0
    total = 0
    try:
        for frame in container.decode(stream):
            samples = _mono(frame, label)
            if rate == 0:
                rate = frame.sample_rate
            elif frame.sample_rate != rate:
                # Chained streams may switch rate midway; keep the first one.
                samples = np.asarray(soxr.resample(samples, frame.sample_rate, rate), dtype=np.float32)
            parts.append(samples)
            total += len(samples)
            if max_seconds is not None and total > max_seconds * rate:
                raise TooLarge(
                    f"the audio is longer than the limit of {max_seconds:g} s",
                    max_seconds=max_seconds,
                    measured_by="decoding",
                    **label,
                )
    except av.FFmpegError as exc:
        raise UnsupportedMedia("the audio is corrupt and cannot be decoded", **label) from exc
    if total == 0:
        raise UnsupportedMedia("the file contains no decodable audio", **label)
    return AudioChunk(np.concatenate(parts), rate)


def _mono(frame: av.AudioFrame, label: dict[str, str]) -> Samples:
    """The frame's samples as float32 in [-1, 1], channels averaged."""
    if frame.format.name.rstrip("p") not in {"flt", "dbl", "s16", "s32", "u8"}:
        raise UnsupportedMedia(f"audio sample format {frame.format.name!r} is not supported", **label)
    channels = frame.layout.nb_channels
    array = frame.to_ndarray()
    if not frame.format.is_planar:
        # Packed formats come back as one interleaved row.
        array = array.reshape(-1, channels).T
    if array.dtype.kind == "f":
        floats = array.astype(np.float32, copy=False)
    elif array.dtype == np.uint8:
        floats = (array.astype(np.float32) - 128.0) / 128.0
    else:
        floats = array.astype(np.float32) / np.float32(_INT_SCALES[array.dtype])
    mono = floats[0] if channels == 1 else floats.mean(axis=0, dtype=np.float32)
    return np.ascontiguousarray(mono, dtype=np.float32)


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
