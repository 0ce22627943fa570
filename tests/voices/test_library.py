from __future__ import annotations

import pytest

from vocalis.errors import InvalidBlend, UnknownVoice
from vocalis.graph import Vocalis

BRIEF_VOICES = [
    "af_sky",
    "af_bella",
    "af_sarah",
    "af_nicole",
    "bf_emma",
    "bf_isabella",
    "am_adam",
    "am_michael",
    "bm_george",
    "bm_lewis",
    "af",
]


def test_brief_voices_exist(services: Vocalis) -> None:
    ids = {v.id for v in services.voices.list()}
    assert set(BRIEF_VOICES) <= ids


def test_listing_covers_every_engine(services: Vocalis) -> None:
    voices = services.voices.list()
    assert {v.engine for v in voices} == {"kokoro", "hibari", "piper"}
    assert len([v for v in voices if v.engine == "kokoro"]) == 56  # 55 packs + the "af" preset


def test_af_is_bella_plus_sarah(services: Vocalis) -> None:
    mix = services.voices.resolve("af")
    assert {p.voice_id: p.weight for p in mix.parts} == {"af_bella": 0.5, "af_sarah": 0.5}
    assert services.voices.get("af").gender == "female"


def test_unknown_voice_lists_near_matches(services: Vocalis) -> None:
    with pytest.raises(UnknownVoice) as info:
        services.voices.resolve("af_bela")
    assert "af_bella" in info.value.details["suggestions"]
    assert "af_bella" in info.value.message


def test_blend_of_unknown_voice(services: Vocalis) -> None:
    with pytest.raises(UnknownVoice):
        services.voices.resolve("af_bella(1)+zz_nobody(1)")


def test_blends_across_engines_are_refused(services: Vocalis) -> None:
    with pytest.raises(InvalidBlend, match="one engine"):
        services.voices.resolve("af_bella+heart")
