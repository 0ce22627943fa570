"""Inputs a user really sends: nothing, silence, noise, too much, corrupt files, phone audio, stereo."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
import soundfile as sf

from tests.analysis.talks import Talk, load_noise
from tests.conftest import word_error_rate
from vocalis.analysis import MAX_SECONDS, SpeechAnalysis, SpeechAnalyzer
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.resample import resample
from vocalis.errors import InvalidInput, TooLarge, UnsupportedMedia


def wav_bytes(samples: np.ndarray, rate: int) -> bytes:
    buffer = io.BytesIO()
    sf.write(buffer, samples, rate, format="WAV", subtype="PCM_16")
    return buffer.getvalue()


def assert_no_speech(result: SpeechAnalysis, language: str = "en") -> None:
    assert not result.speech_detected
    assert result.transcript.text == "" and result.transcript.words == []
    assert result.pace is None and result.pauses is None and result.fillers is None and result.scores is None
    (item,) = result.feedback
    assert item.type == "notice" and item.category == "speech"
    assert ("No speech" if language == "en" else "Aucune parole") in item.message
    json.dumps(result.to_dict(), allow_nan=False)


@pytest.mark.parametrize(
    "audio",
    [
        AudioChunk(np.zeros(0, np.float32), 16_000),
        AudioChunk(np.zeros(5, np.float32), 16_000),
        AudioChunk.silence(4.0, 44_100),
        AudioChunk((np.random.default_rng(0).standard_normal(4 * 16_000) * 0.1).astype(np.float32), 16_000),
    ],
    ids=["empty", "five-samples", "silence", "white-noise"],
)
def test_no_speech_is_an_honest_result(analyzer: SpeechAnalyzer, audio: AudioChunk) -> None:
    assert_no_speech(analyzer.analyze(audio, language="en"))


@pytest.mark.parametrize("name", ["noise1", "noise3", "noise5"])
def test_real_background_noise_alone_is_not_speech(analyzer: SpeechAnalyzer, name: str) -> None:
    noise = load_noise(name)
    result = analyzer.analyze(
        AudioChunk(noise.samples[: 8 * noise.sample_rate], noise.sample_rate), language="fr"
    )
    assert_no_speech(result, "fr")
    assert result.volume.integrated_lufs > -70  # the noise itself is still measured


def test_unsupported_language_names_the_supported_ones(analyzer: SpeechAnalyzer) -> None:
    with pytest.raises(InvalidInput) as info:
        analyzer.analyze(AudioChunk.silence(1.0, 16_000), language="de")
    assert info.value.status == 400
    assert info.value.details["supported"] == ["en", "fr"]
    assert "en and fr" in info.value.message
    with pytest.raises(InvalidInput):  # checked before the upload is even decoded
        analyzer.analyze_bytes(b"not audio at all", language="auto")


def test_too_long_is_refused_before_decoding(analyzer: SpeechAnalyzer) -> None:
    # 31 minutes at a low rate keeps the file small; its header alone says it is too long.
    data = wav_bytes(np.zeros(31 * 60 * 1000, np.float32), 1000)
    with pytest.raises(TooLarge) as info:
        analyzer.analyze_bytes(data, language="en")
    assert info.value.status == 413 and info.value.details["max_seconds"] == MAX_SECONDS
    assert info.value.details["measured_by"] == "header"
    with pytest.raises(TooLarge):  # and an in-memory chunk that is too long
        analyzer.analyze(AudioChunk(np.zeros(round(MAX_SECONDS + 1) * 1000, np.float32), 1000), language="en")


@pytest.mark.parametrize("data", [b"RIFF\x00\x00garbage" * 10, b"\x00" * 1000, b""])
def test_corrupt_upload_is_unsupported_media(analyzer: SpeechAnalyzer, data: bytes) -> None:
    with pytest.raises(UnsupportedMedia) as info:
        analyzer.analyze_bytes(data, language="en", filename="talk.wav")
    assert info.value.status == 415


def test_phone_audio_at_8_khz(analyzer: SpeechAnalyzer, talk: Talk, clean_analysis: SpeechAnalysis) -> None:
    half = talk.head(7)  # half a minute is enough to show the narrow band changes nothing that matters
    phone = resample(half.audio, 8_000)
    result = analyzer.analyze_bytes(wav_bytes(phone.samples, 8_000), language="en", filename="call.wav")
    assert result.speech_detected and result.duration == pytest.approx(half.audio.duration, abs=0.01)
    assert word_error_rate(half.text, result.transcript.text) <= 0.15
    assert result.pauses is not None and result.pauses.count == len(half.pauses) == 3
    assert result.pace is not None and result.pace.words_per_minute == pytest.approx(
        half.words_per_minute, rel=0.05
    )
    assert result.pitch is not None and clean_analysis.pitch is not None
    assert result.pitch.median_hz == pytest.approx(clean_analysis.pitch.median_hz, rel=0.05)


def test_stereo_upload_is_downmixed(analyzer: SpeechAnalyzer, talk: Talk) -> None:
    first = talk.lines[0]
    rate = talk.audio.sample_rate
    mono = talk.audio.samples[: round((talk.lines[1].end + 0.5) * rate)]
    # Speech on the left only, the right channel silent: still one clear talk after downmixing.
    stereo = np.stack([mono, np.zeros_like(mono)], axis=1)
    result = analyzer.analyze_bytes(wav_bytes(stereo, rate), language="en", filename="stereo.wav")
    expected = f"{first.text} {talk.lines[1].text}"
    assert word_error_rate(expected, result.transcript.text) <= 0.10
    assert result.volume.integrated_lufs < -25  # half the power: about 6 dB under the mono talk
