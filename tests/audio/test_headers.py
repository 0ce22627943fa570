"""What a player reads from a file's header is the audio that went in: every format at every rate it offers.

A decoder that trusts the header (soundfile's ``frames``) must see the input's length within one codec
frame. ADTS (aac) has no length field at all, so there the decoded length is checked instead, and it
is always 1-2 frames long: the encoder's 1024 priming samples plus the last frame's padding, which an
ADTS stream has nowhere to record (an mp4 edit list would; ADTS is kept because it streams).
Streams whose length is unknown when their header leaves are covered too: a streamed FLAC still
ends up with its total samples (it is sent whole at the end), a streamed wav says "until the data
ends".
"""

from __future__ import annotations

import io

import av
import numpy as np
import pytest
import soundfile as sf

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.encode import StreamEncoder, encode
from vocalis.audio.formats import MPEG_RATES, OPUS_RATES, AudioFormat

SOURCE_RATE = 24_000
LOSSLESS_RATES = (8000, 16000, 22050, 24000, 44100, 48000)
# One codec frame, in samples at the encoded rate: mp3 1152 (576 below 32 kHz), aac 1024, opus 20 ms.
FRAME = {
    AudioFormat.MP3: 1152,
    AudioFormat.AAC: 1024,
    AudioFormat.OPUS: 960,
    AudioFormat.FLAC: 0,
    AudioFormat.WAV: 0,
}
CASES = [
    *((AudioFormat.WAV, r) for r in LOSSLESS_RATES),
    *((AudioFormat.FLAC, r) for r in LOSSLESS_RATES),
    *((AudioFormat.MP3, r) for r in MPEG_RATES),
    *((AudioFormat.AAC, r) for r in MPEG_RATES),
    *((AudioFormat.OPUS, r) for r in OPUS_RATES),
]


def speechlike(seconds: float = 1.3) -> AudioChunk:
    t = np.arange(round(seconds * SOURCE_RATE)) / SOURCE_RATE
    samples = 0.3 * np.sin(2 * np.pi * 220 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 3 * t))
    return AudioChunk(samples.astype(np.float32), SOURCE_RATE)


def header_seconds(data: bytes, fmt: AudioFormat) -> float:
    """The duration a player shows before decoding: from the header, or decoded where there is none."""
    if fmt is AudioFormat.AAC:
        with av.open(io.BytesIO(data)) as container:
            decoded = sum(frame.samples for frame in container.decode(audio=0))
            rate = container.streams.audio[0].rate
        return decoded / rate
    info = sf.info(io.BytesIO(data))
    return info.frames / info.samplerate


def tolerance(fmt: AudioFormat, rate: int) -> float:
    if fmt is AudioFormat.OPUS:
        return 960 / 48_000  # Opus frames are counted at 48 kHz whatever it encoded at
    if fmt is AudioFormat.AAC:
        return 2 * FRAME[fmt] / rate  # priming + padding, see the module docstring
    return max(1, FRAME[fmt]) / rate


def streamed(audio: AudioChunk, fmt: AudioFormat, rate: int) -> bytes:
    encoder = StreamEncoder(fmt, audio.sample_rate, sample_rate=rate)
    half = len(audio.samples) // 2
    first = AudioChunk(audio.samples[:half], audio.sample_rate)
    second = AudioChunk(audio.samples[half:], audio.sample_rate)
    return encoder.write(first) + encoder.write(second) + encoder.close()


@pytest.mark.parametrize(("fmt", "rate"), CASES, ids=[f"{f.value}-{r}" for f, r in CASES])
def test_a_file_header_gives_the_audio_duration_within_one_frame(fmt: AudioFormat, rate: int) -> None:
    audio = speechlike()
    assert header_seconds(encode(audio, fmt, sample_rate=rate), fmt) == pytest.approx(
        audio.duration, abs=tolerance(fmt, rate)
    )


@pytest.mark.parametrize("rate", LOSSLESS_RATES)
@pytest.mark.parametrize("fmt", [AudioFormat.FLAC, AudioFormat.WAV, AudioFormat.OPUS])
def test_a_streamed_file_header_gives_the_audio_duration(fmt: AudioFormat, rate: int) -> None:
    audio = speechlike()
    rate = min((r for r in OPUS_RATES if r >= rate), default=48_000) if fmt is AudioFormat.OPUS else rate
    assert header_seconds(streamed(audio, fmt, rate), fmt) == pytest.approx(
        audio.duration, abs=tolerance(fmt, rate)
    )


@pytest.mark.parametrize("rate", LOSSLESS_RATES)
def test_streamed_flac_streaminfo_has_total_samples_and_frame_sizes(rate: int) -> None:
    data = streamed(speechlike(), AudioFormat.FLAC, rate)
    assert data[:4] == b"fLaC"
    streaminfo = data[8:42]  # after the 4-byte block header
    min_frame = int.from_bytes(streaminfo[4:7], "big")
    max_frame = int.from_bytes(streaminfo[7:10], "big")
    packed = int.from_bytes(streaminfo[10:18], "big")
    total_samples = packed & ((1 << 36) - 1)
    assert total_samples == round(speechlike().duration * rate)
    assert 0 < min_frame <= max_frame
