"""The model catalog: what ships where, and what `vocalis models` reports on this machine."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import shutil
from pathlib import Path

import pytest

from vocalis.config import Settings
from vocalis.engines.catalog import (
    KOKORO_VOICE_PACKS,
    SourceKind,
    builtin_models,
    find_model,
    model_status,
)
from vocalis.errors import UnknownModel

SHARED_VOICES = Path("/work/shared/models/kokoro-voices")
NAMES = ["kokoro-82m", "kokoro-voices", "hibari-heart", "whisper-tiny-en", "piper-joe"]


def settings_for(tmp_path: Path, voices_dir: Path | None = None) -> Settings:
    return Settings(data_dir=tmp_path / "data", voices_dir=voices_dir)


def test_builtin_models_are_the_known_five_with_licences() -> None:
    specs = builtin_models()
    assert [s.name for s in specs] == NAMES
    assert {s.name: s.license for s in specs} == {
        "kokoro-82m": "Apache-2.0",
        "kokoro-voices": "Apache-2.0",
        "hibari-heart": "Apache-2.0",
        "whisper-tiny-en": "MIT",
        "piper-joe": "GPL-3.0",
    }
    assert find_model("piper-joe").extra == "piper"


def test_find_model_unknown_lists_known_names() -> None:
    with pytest.raises(UnknownModel) as failed:
        find_model("nope")
    assert failed.value.status == 404
    for name in NAMES:
        assert name in failed.value.message
    assert failed.value.details == {"model": "nope", "known": NAMES}


def test_voice_pack_table_matches_the_real_files() -> None:
    spec = find_model("kokoro-voices")
    assert spec.hub_repo == "hexgrad/Kokoro-82M"
    assert spec.target_subdir == "kokoro-voices"
    assert len(spec.hub_files) == len(KOKORO_VOICE_PACKS) == 55
    assert {f.path for f in spec.hub_files} == {f"voices/{p.name}" for p in SHARED_VOICES.glob("*.pt")}
    for hub_file in spec.hub_files[:5]:  # all 55 are checked by status below (sizes); digests spot-checked
        data = (SHARED_VOICES / hub_file.filename).read_bytes()
        assert (hashlib.sha256(data).hexdigest(), len(data)) == (hub_file.sha256, hub_file.size)


@pytest.mark.parametrize("name", ["kokoro-82m", "hibari-heart", "whisper-tiny-en"])
def test_packaged_models_are_ready_from_their_packages(tmp_path: Path, name: str) -> None:
    spec = find_model(name)
    status = model_status(spec, settings_for(tmp_path))
    assert status.ready
    assert status.source is SourceKind.PACKAGE
    assert status.location is not None and spec.packages[0] in status.location
    assert status.size_bytes is not None and status.size_bytes > 1_000_000


def test_kokoro_82m_size_covers_all_four_weight_packages(tmp_path: Path) -> None:
    status = model_status(find_model("kokoro-82m"), settings_for(tmp_path))
    assert status.size_bytes is not None and status.size_bytes > 80_000_000  # int8 model is ~88 MB


def test_kokoro_voices_from_the_voices_dir(tmp_path: Path) -> None:
    status = model_status(find_model("kokoro-voices"), settings_for(tmp_path, SHARED_VOICES))
    assert status.ready
    assert status.source is SourceKind.DIRECTORY
    assert status.location == str(SHARED_VOICES)
    assert status.detail == "55 of 55 voice packs present"
    assert status.size_bytes == sum(size for _, _, size in KOKORO_VOICE_PACKS)


def test_kokoro_voices_with_an_empty_dir(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    status = model_status(find_model("kokoro-voices"), settings_for(tmp_path, empty))
    assert not status.ready
    assert status.source is None and status.location is None
    assert status.detail.startswith("0 of 55 voice packs present")
    assert "vocalis models pull kokoro-voices" in status.detail


def test_kokoro_voices_partial_across_configured_and_pulled_dirs(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, tmp_path / "mine")
    pulled = settings.models_dir / "kokoro-voices"
    for directory, names in ((tmp_path / "mine", ["af_bella", "af_sky"]), (pulled, ["af_sky", "bm_george"])):
        directory.mkdir(parents=True)
        for name in names:
            shutil.copyfile(SHARED_VOICES / f"{name}.pt", directory / f"{name}.pt")
    (pulled / "am_adam.pt").write_bytes(b"truncated")  # wrong size: not counted
    status = model_status(find_model("kokoro-voices"), settings)
    assert not status.ready
    assert status.source is SourceKind.DIRECTORY
    assert status.detail == "3 of 55 voice packs present"
    assert status.location is not None and str(pulled) in status.location


def test_missing_optional_extra_explains_how_to_install(tmp_path: Path) -> None:
    # the shared test venv may or may not have the piper extra, so make "not installed" certain
    spec = dataclasses.replace(find_model("piper-joe"), packages=("vocalis-test-no-such-distribution",))
    status = model_status(spec, settings_for(tmp_path))
    assert not status.ready
    assert status.source is None
    assert "pip install 'vocalis[piper]'" in status.detail


def test_piper_status_follows_what_is_installed(tmp_path: Path) -> None:
    spec = find_model("piper-joe")
    try:
        installed = all(importlib.metadata.distribution(p) for p in spec.packages)
    except importlib.metadata.PackageNotFoundError:
        installed = False
    status = model_status(spec, settings_for(tmp_path))
    assert status.ready is installed
    if not installed:
        assert "vocalis[piper]" in status.detail
