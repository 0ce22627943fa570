"""`vocalis analyze` as a user runs it: a readable report, or the full analysis as JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.analysis.talks import Line, build_talk
from vocalis.graph import Vocalis

VOCALIS = [str(Path(sys.executable).parent / "vocalis")]
SCRIPT = [
    Line("[Um], thanks for joining the call this morning.", 0.15),
    Line("Our new office opens next month, [uh], right next to the station.", 2.4),
    Line("Please send me your questions before Friday.", 0.15),
]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*VOCALIS, *args], capture_output=True, text=True, timeout=240, check=False)


@pytest.fixture(scope="module")
def talk_file(services: Vocalis, tmp_path_factory: pytest.TempPathFactory) -> Path:
    talk = build_talk(services, SCRIPT)
    path = tmp_path_factory.mktemp("analyze") / "call.wav"
    sf.write(path, talk.audio.samples, talk.audio.sample_rate)
    return path


def test_readable_report(talk_file: Path) -> None:
    result = run("analyze", str(talk_file))
    assert result.returncode == 0, result.stderr
    report = result.stdout
    assert report.startswith("call.wav: 0:1") and "English" in report
    assert "Overall score:" in report
    for dimension in ("pace", "pauses", "fillers", "volume", "pitch", "clarity"):
        assert f"\n  {dimension}" in report
    assert "1 long" in report and "Feedback:" in report and "A long pause of 2." in report
    assert "Transcript:\n  Um, thanks for joining" in report


def test_json_report(talk_file: Path) -> None:
    result = run("analyze", str(talk_file), "--language", "en", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["speech_detected"] and data["language"] == "en"
    assert data["pauses"]["count"] == 1 and data["pauses"]["long_count"] == 1
    assert {f["text"] for f in data["fillers"]["occurrences"]} == {"um", "uh"}
    assert 0 <= data["scores"]["overall"] <= 100 and data["feedback"]


def test_silence_is_reported_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "quiet.wav"
    sf.write(path, np.zeros(3 * 16_000, np.float32), 16_000)
    result = run("analyze", str(path), "--language", "fr")
    assert result.returncode == 0, result.stderr
    assert "Aucune parole" in result.stdout


def test_unsupported_language(talk_file: Path) -> None:
    result = run("analyze", str(talk_file), "--language", "de")
    assert result.returncode == 2
    assert result.stderr == "error: speech analysis supports en and fr, not 'de'\n"
