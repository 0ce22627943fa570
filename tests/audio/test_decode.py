"""Decode uploads of every common kind, and refuse what is not audio, too long or cut off."""

from __future__ import annotations

import io
from pathlib import Path

import av
import numpy as np
import numpy.typing as npt
import pytest
import soundfile as sf

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode, decode_file
from vocalis.audio.encode import StreamEncoder, encode
from vocalis.audio.formats import AudioFormat
from vocalis.errors import InvalidInput, TooLarge, UnsupportedMedia

RATE = 24000


def wave(seconds: float, rate: int = RATE, amplitude: float = 0.4) -> npt.NDArray[np.float32]:
    t = np.arange(round(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * 440 * t)).astype(np.float32)


def av_file(
    container: str, codec: str, channels: npt.NDArray[np.float32], rate: int = RATE, *, seekable: bool = True
) -> bytes:
    """Write a (channels, samples) array with PyAV, as other software would produce an upload."""
    layout = "mono" if len(channels) == 1 else "stereo"
    parts: list[bytes] = []

    class ForwardOnly:
        def write(self, data: bytes) -> int:
            parts.append(bytes(data))
            return len(data)

    sink: io.BytesIO | ForwardOnly = io.BytesIO() if seekable else ForwardOnly()
    with av.open(sink, "w", format=container) as out:
        stream = out.add_stream(codec, rate=rate)
        stream.codec_context.layout = layout
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(channels.T).reshape(1, -1), format="flt", layout=layout
        )
        frame.sample_rate = rate
        frame.pts = 0
        out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return sink.getvalue() if isinstance(sink, io.BytesIO) else b"".join(parts)


def soundfile_bytes(samples: npt.NDArray[np.float32], fmt: str, subtype: str, rate: int = RATE) -> bytes:
    buffer = io.BytesIO()
    sf.write(buffer, samples, rate, format=fmt, subtype=subtype)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "rate"),
    [
        ("wav s16", lambda: soundfile_bytes(wave(1.0), "WAV", "PCM_16"), RATE),
        ("wav u8", lambda: soundfile_bytes(wave(1.0), "WAV", "PCM_U8"), RATE),
        ("wav s32", lambda: soundfile_bytes(wave(1.0), "WAV", "PCM_32"), RATE),
        ("wav float", lambda: soundfile_bytes(wave(1.0), "WAV", "FLOAT"), RATE),
        ("flac 24-bit", lambda: soundfile_bytes(wave(1.0), "FLAC", "PCM_24"), RATE),
        ("m4a", lambda: av_file("ipod", "aac", wave(1.0)[None]), RATE),
        (
            "webm opus",
            lambda: av_file("webm", "libopus", wave(1.0, 48000)[None], 48000, seekable=False),
            48000,
        ),
        ("ogg vorbis", lambda: soundfile_bytes(wave(1.0), "OGG", "VORBIS"), RATE),
        ("ogg opus 16k", lambda: encode(AudioChunk(wave(1.0, 16000), 16000), AudioFormat.OPUS), 48000),
        ("mp3", lambda: encode(AudioChunk(wave(1.0), RATE), AudioFormat.MP3), RATE),
    ],
)
def test_uploads_decode_to_mono_float(name: str, data: object, rate: int) -> None:
    assert callable(data)
    chunk = decode(data())
    assert chunk.sample_rate == rate
    assert chunk.samples.dtype == np.float32
    assert chunk.duration == pytest.approx(1.0, abs=0.07), name
    # Every sample format lands on the same scale: a 0.4 sine peaks near 0.4.
    assert float(np.max(np.abs(chunk.samples))) == pytest.approx(0.4, abs=0.05), name


def test_stereo_is_averaged_to_mono() -> None:
    left, right = wave(1.0, amplitude=0.6), wave(1.0, amplitude=0.2)
    packed = decode(soundfile_bytes(np.stack([left, right], axis=1), "WAV", "FLOAT"))
    assert np.allclose(packed.samples, (left + right) / 2, atol=1e-6)
    planar = decode(av_file("flac", "flac", np.stack([left, right])))
    assert planar.samples.ndim == 1
    assert np.allclose(planar.samples, (left + right) / 2, atol=1e-4)
    mp3 = decode(av_file("mp3", "libmp3lame", np.stack([left, -left])))  # opposite phases cancel
    assert float(np.max(np.abs(mp3.samples))) < 0.05


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"", None),
        (np.random.default_rng(7).bytes(20_000), "upload.bin"),
        (b"Hello, this is a plain text file and not audio at all.\n" * 20, "speech.wav"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "header-only.wav"),
    ],
)
def test_non_audio_is_unsupported_media(data: bytes, filename: str | None) -> None:
    with pytest.raises(UnsupportedMedia) as caught:
        decode(data, filename=filename)
    assert caught.value.status == 415
    assert caught.value.code == "unsupported_media"
    if filename:
        assert caught.value.details["filename"] == filename


@pytest.mark.parametrize(("keep", "reason"), [(0.5, "truncated"), (0.1, "truncated"), (0.01, "not audio")])
def test_truncated_mp3_is_unsupported_media(keep: float, reason: str) -> None:
    mp3 = encode(AudioChunk(wave(3.0), RATE), AudioFormat.MP3)
    with pytest.raises(UnsupportedMedia, match=reason):
        decode(mp3[: int(len(mp3) * keep)], filename="cut.mp3")


def test_mp3_without_a_length_header_decodes_what_is_there() -> None:
    # A streamed mp3 has no Xing header, so a cut-off copy is indistinguishable from a shorter file.
    encoder = StreamEncoder(AudioFormat.MP3, RATE)
    mp3 = encoder.write(AudioChunk(wave(3.0), RATE)) + encoder.close()
    assert decode(mp3[: len(mp3) // 2]).duration == pytest.approx(1.5, abs=0.1)


def test_cut_m4a_is_unsupported_media() -> None:
    m4a = av_file("mp4", "aac", wave(3.0)[None])  # moov index at the end
    with pytest.raises(UnsupportedMedia):
        decode(m4a[: len(m4a) // 2])


def test_too_long_is_rejected_from_the_header() -> None:
    data = encode(AudioChunk(wave(3.0), RATE), AudioFormat.WAV)
    with pytest.raises(TooLarge) as caught:
        decode(data, max_seconds=2.0)
    assert caught.value.status == 413
    assert caught.value.details["measured_by"] == "header"
    assert caught.value.details["duration"] == pytest.approx(3.0)
    assert decode(data, max_seconds=3.0).duration == pytest.approx(3.0)


@pytest.mark.parametrize("fmt", [AudioFormat.MP3, AudioFormat.AAC, AudioFormat.WAV])
def test_too_long_without_a_trusted_header_stops_while_decoding(fmt: AudioFormat) -> None:
    encoder = StreamEncoder(fmt, RATE)
    data = encoder.write(AudioChunk(wave(3.0), RATE)) + encoder.close()
    with pytest.raises(TooLarge) as caught:
        decode(data, max_seconds=2.0)
    # A streamed wav's size is 0xFFFFFFFF, so ffmpeg measures the data and the header check fires.
    assert caught.value.details["measured_by"] == ("header" if fmt is AudioFormat.WAV else "decoding")


def test_a_bitrate_guess_never_rejects_a_vbr_mp3() -> None:
    # Quiet first frames make ffmpeg guess a duration far longer than the real 4 s.
    audio = np.concatenate([np.zeros(RATE * 2, np.float32), wave(2.0)])
    parts: list[bytes] = []

    class ForwardOnly:
        def write(self, data: bytes) -> int:
            parts.append(bytes(data))
            return len(data)

    with av.open(ForwardOnly(), "w", format="mp3") as out:
        stream = out.add_stream("libmp3lame", rate=RATE)
        stream.codec_context.layout = "mono"
        stream.codec_context.qscale = 2
        stream.codec_context.flags |= av.codec.context.Flags.qscale
        frame = av.AudioFrame.from_ndarray(audio[None], format="flt", layout="mono")
        frame.sample_rate = RATE
        out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    data = b"".join(parts)
    with av.open(io.BytesIO(data)) as probe:
        assert probe.duration is not None and probe.duration / 1e6 > 5.0  # the misleading guess
    assert decode(data, max_seconds=5.0).duration == pytest.approx(4.0, abs=0.2)


def test_decode_file(tmp_path: Path) -> None:
    path = tmp_path / "clip.flac"
    path.write_bytes(encode(AudioChunk(wave(1.0), RATE), AudioFormat.FLAC))
    assert decode_file(path).duration == pytest.approx(1.0)
    with pytest.raises(TooLarge):
        decode_file(path, max_seconds=0.5)
    with pytest.raises(InvalidInput):
        decode_file(tmp_path / "missing.wav")
    (tmp_path / "notes.wav").write_text("not audio")
    with pytest.raises(UnsupportedMedia) as caught:
        decode_file(tmp_path / "notes.wav")
    assert caught.value.details["filename"] == "notes.wav"


def test_video_without_audio_is_unsupported_media() -> None:
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="matroska") as out:
        stream = out.add_stream("ffv1", rate=5)
        stream.width, stream.height = 16, 16
        frame = av.VideoFrame.from_ndarray(np.zeros((16, 16, 3), np.uint8), format="rgb24")
        out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    with pytest.raises(UnsupportedMedia, match="no audio"):
        decode(buffer.getvalue())
