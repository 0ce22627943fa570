"""`vocalis voices` and `vocalis voices clone` as a user runs them: a real process, real files."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import soundfile as sf

from tests.cloning.conftest import SAMPLE_TEXT, SAMPLE_VOICE
from tests.conftest import voices_dir, word_error_rate
from tests.shared_renders import rendered_once
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode
from vocalis.graph import Vocalis
from vocalis.speech.request import SpeechRequest

VOCALIS = [str(Path(sys.executable).parent / "vocalis")]
CONSENT = "I, Ana Lopez, consent to Vocalis cloning my voice for my course videos, on 2026-11-22"


PROFILE_CACHE: list[Path] = []


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    # Set here too: the module-scoped clone runs before the autouse environment fixture.
    env = {
        **os.environ,
        "VOCALIS_DATA_DIR": str(data_dir),
        "VOCALIS_VOICES_DIR": str(voices_dir()),
        "VOCALIS_CLONING__JUDGED_STOCK": "1",  # not all 28 stock voices: ~90 s of renders saved
    }
    if PROFILE_CACHE:
        env["VOCALIS_CLONING__PROFILE_CACHE"] = str(PROFILE_CACHE[0])
    return subprocess.run(
        [*VOCALIS, *args], capture_output=True, text=True, timeout=400, check=False, env=env
    )


def wav_file(path: Path, audio: AudioChunk) -> Path:
    buffer = io.BytesIO()
    sf.write(buffer, audio.samples, audio.sample_rate, format="WAV", subtype="PCM_16")
    path.write_bytes(buffer.getvalue())
    return path


def synthesize(services: Vocalis, text: str, voice: str) -> AudioChunk:
    return services.speech.synthesize(services.speech.plan(SpeechRequest(text=text, voice=voice)))


@dataclass(frozen=True)
class CloneRun:
    data_dir: Path
    result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def clone_run(tmp_path_factory: pytest.TempPathFactory, services: Vocalis, profile_cache: Path) -> CloneRun:
    """One real `vocalis voices clone` with a small budget, sharing the stock-voice profile cache."""
    PROFILE_CACHE[:] = [profile_cache]
    data_dir = tmp_path_factory.mktemp("cli-clone")
    sample = wav_file(
        data_dir / "ana.wav", rendered_once(tmp_path_factory, services, SAMPLE_TEXT, SAMPLE_VOICE)
    )
    result = run(
        "voices", "clone", str(sample), "--name", "Ana", "--consent", CONSENT, "--evaluations", "8",
        data_dir=data_dir,
    )  # fmt: skip
    return CloneRun(data_dir, result)


def test_clone_end_to_end(clone_run: CloneRun) -> None:
    result = clone_run.result
    assert result.returncode == 0, result.stderr
    assert "closest match built from the built-in voices" in result.stdout
    assert "nearest stock voice" in result.stdout and "judged by" in result.stdout
    assert "searching" in result.stderr  # the progress bar
    voice_id = result.stdout.split()[0]
    assert voice_id.startswith("clone_")


def test_the_clone_speaks_in_a_new_process(
    clone_run: CloneRun, tmp_path: Path, transcribe: Callable[[AudioChunk], str]
) -> None:
    voice_id = clone_run.result.stdout.split()[0]
    out = tmp_path / "hello.wav"
    text = "Please call Stella and ask her to bring these things with her."
    said = run("say", "--voice", voice_id, "--output", str(out), text, data_dir=clone_run.data_dir)
    assert said.returncode == 0, said.stderr
    audio = decode(out.read_bytes())
    assert audio.sample_rate == 24_000 and 2.0 < audio.duration < 8.0
    assert word_error_rate(text, transcribe(audio)) <= 0.1


def test_clones_are_listed_and_marked(clone_run: CloneRun) -> None:
    voice_id = clone_run.result.stdout.split()[0]
    listed = run("voices", "--json", "--engine", "kokoro", data_dir=clone_run.data_dir)
    assert listed.returncode == 0, listed.stderr
    by_id = {v["id"]: v for v in json.loads(listed.stdout)}
    assert by_id[voice_id]["cloned"] is True and by_id[voice_id]["engine"] == "kokoro"
    assert by_id["af_heart"]["cloned"] is False
    table = run("voices", data_dir=clone_run.data_dir)
    assert table.returncode == 0 and "Ana (cloned)" in table.stdout


def test_listing_without_a_subcommand_keeps_its_options(tmp_path: Path) -> None:
    result = run("voices", "--engine", "kokoro", "--language", "en-GB", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "bm_george" in result.stdout and "af_heart" not in result.stdout
    assert "(cloned)" not in result.stdout


def test_clone_refuses_without_consent_or_with_a_bad_sample(tmp_path: Path, services: Vocalis) -> None:
    sample = wav_file(tmp_path / "short.wav", synthesize(services, "Only a few words here.", "af_heart"))
    missing = run("voices", "clone", str(sample), "--name", "Ana", data_dir=tmp_path)
    assert missing.returncode == 2 and "consent" in missing.stderr
    short = run("voices", "clone", str(sample), "--name", "Ana", "--consent", CONSENT, data_dir=tmp_path)
    assert short.returncode == 2 and "s of speech" in short.stderr
    corrupt = tmp_path / "corrupt.wav"
    corrupt.write_bytes(b"RIFF....WAVE" * 100)
    broken = run("voices", "clone", str(corrupt), "--name", "Ana", "--consent", CONSENT, data_dir=tmp_path)
    assert broken.returncode == 2 and "error:" in broken.stderr
    listed = run("voices", "--json", data_dir=tmp_path)
    assert not [v for v in json.loads(listed.stdout) if v["cloned"]]  # nothing half-made was kept
