from __future__ import annotations

import itertools

import numpy as np
import pytest

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.resample import StreamResampler, resample
from vocalis.errors import OutOfRange


def tone(rate: int, seconds: float = 1.5) -> AudioChunk:
    t = np.arange(round(seconds * rate)) / rate
    return AudioChunk(
        (0.4 * np.sin(2 * np.pi * 440 * t) + 0.2 * np.sin(2 * np.pi * 1000 * t)).astype(np.float32), rate
    )


def dominant_frequency(chunk: AudioChunk) -> float:
    spectrum = np.abs(np.fft.rfft(chunk.samples * np.hanning(len(chunk.samples))))
    return float(np.argmax(spectrum) * chunk.sample_rate / len(chunk.samples))


def test_same_rate_is_a_no_op() -> None:
    chunk = tone(24000)
    assert resample(chunk, 24000) is chunk


@pytest.mark.parametrize(
    ("source", "target"), [(24000, 16000), (24000, 48000), (22050, 44100), (48000, 8000)]
)
def test_resample_keeps_duration_and_pitch(source: int, target: int) -> None:
    out = resample(tone(source), target)
    assert out.sample_rate == target
    assert out.samples.dtype == np.float32
    assert abs(len(out.samples) - 1.5 * target) <= 2
    assert dominant_frequency(out) == pytest.approx(440, abs=2)


def test_empty_chunk() -> None:
    assert len(resample(AudioChunk.silence(0, 24000), 16000).samples) == 0


@pytest.mark.parametrize(("source", "target"), [(24000, 16000), (22050, 48000), (16000, 16000)])
def test_streaming_matches_one_shot(source: int, target: int) -> None:
    chunk = tone(source)
    whole = resample(chunk, target)
    stream = StreamResampler(source, target)
    cuts = [0, 1, 333, 334, 5000, 5001, 17000, len(chunk.samples)]
    parts = [stream.process(AudioChunk(chunk.samples[a:b], source)) for a, b in itertools.pairwise(cuts)]
    parts.append(stream.flush())
    joined = AudioChunk.concat(parts, target)
    assert abs(len(joined.samples) - len(whole.samples)) <= 3
    # The pieces join without glitches: the streamed signal equals the one-shot one.
    n = min(len(joined.samples), len(whole.samples))
    assert np.max(np.abs(joined.samples[100 : n - 100] - whole.samples[100 : n - 100])) < 1e-3


def test_stream_resampler_guards() -> None:
    stream = StreamResampler(24000, 16000)
    with pytest.raises(ValueError, match="24000"):
        stream.process(tone(16000))
    stream.flush()
    with pytest.raises(ValueError, match="flushed"):
        stream.flush()
    with pytest.raises(OutOfRange):
        StreamResampler(0, 16000)
    with pytest.raises(OutOfRange):
        resample(tone(16000), -1)
