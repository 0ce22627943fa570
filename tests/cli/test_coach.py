"""`vocalis coach FILE --live` as a user runs it: cues as the talk plays at real speed, then the
report; `vocalis sessions list|show` find it again."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import soundfile as sf

from tests.coaching.talks import filler_talk
from vocalis.graph import Vocalis

VOCALIS = [str(Path(sys.executable).parent / "vocalis")]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*VOCALIS, *args], capture_output=True, text=True, timeout=240, check=False)


@pytest.fixture(scope="module")
def talk_file(services: Vocalis, tmp_path_factory: pytest.TempPathFactory) -> Path:
    talk = filler_talk(services)
    path = tmp_path_factory.mktemp("coach") / "pitch.wav"
    sf.write(path, talk.audio.samples, talk.audio.sample_rate)
    return path


def test_live_coaching_of_a_file_prints_cues_as_they_come_then_the_report(talk_file: Path) -> None:
    started = time.monotonic()
    result = run("coach", str(talk_file), "--live", "--every", "5")
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert elapsed >= sf.info(talk_file).duration  # streamed at real speed, not faster
    lines = result.stdout.splitlines()
    cues = [line for line in lines if line.startswith("[")]
    assert any("filler" in line.lower() for line in cues), result.stdout
    assert any(line.startswith("Score: ") for line in lines)
    assert (
        "Work on first:" in result.stdout and "Milestone:" not in result.stdout
    )  # no account, no milestones
    session_id = (
        lines[lines.index(next(line for line in lines if line.startswith("Session ")))].split()[1].rstrip(":")
    )

    listed = run("sessions", "list")
    assert session_id in listed.stdout and "completed" in listed.stdout
    shown = run("sessions", "show", session_id, "--json")
    report = json.loads(shown.stdout)
    assert report["speech_detected"] and report["summary"]["fillers_per_minute"] > 5


def test_a_file_analysed_at_once_in_french_and_errors_in_one_line(talk_file: Path, tmp_path: Path) -> None:
    result = run("coach", str(talk_file), "--language", "fr", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["language"] == "fr" and report["target_wpm"] == [120, 150]
    assert all(item["message"] for item in report["feedback"])
    missing = run("sessions", "show", "nope")
    assert missing.returncode == 2 and missing.stderr.startswith("error: ")
    bad = tmp_path / "notes.wav"
    bad.write_text("not audio")
    refused = run("coach", str(bad))
    assert refused.returncode == 2 and refused.stderr.startswith("error: "), refused.stderr
