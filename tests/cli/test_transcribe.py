"""`vocalis transcribe` as a user runs it: a real process, real files, OpenAI's output shapes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import soundfile as sf

from tests.analysis.talks import Line, build_talk, french_speech
from tests.conftest import word_error_rate
from vocalis.graph import Vocalis

VOCALIS = [str(Path(sys.executable).parent / "vocalis")]
SCRIPT = [
    Line("Welcome to the quarterly review of our support team.", 1.2),
    Line("We answered more tickets than ever, and customers noticed.", 0.15),
]
TEXT = " ".join(line.text for line in SCRIPT)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*VOCALIS, *args], capture_output=True, text=True, timeout=240, check=False)


@pytest.fixture(scope="module")
def talk_file(services: Vocalis, tmp_path_factory: pytest.TempPathFactory) -> Path:
    talk = build_talk(services, SCRIPT)
    path = tmp_path_factory.mktemp("transcribe") / "review.wav"
    sf.write(path, talk.audio.samples, talk.audio.sample_rate)
    return path


def test_srt_with_word_timed_english(talk_file: Path, tmp_path: Path) -> None:
    srt = tmp_path / "review.srt"
    result = run("transcribe", str(talk_file), "--language", "en", "--format", "srt", "-o", str(srt))
    assert result.returncode == 0, result.stderr
    assert "whisper-tiny-en" in result.stderr and result.stdout == ""
    cues = srt.read_text(encoding="utf-8")
    assert cues.startswith("1\n00:00:0")
    times = re.findall(r"(\d\d):(\d\d):(\d\d),(\d{3}) --> ", cues)
    starts = [int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000 for h, m, s, ms in times]
    # The second sentence starts after the 1.2 s pause that follows the first (which ends near 3.5 s).
    assert len(starts) >= 2 and starts[-1] > 0.6 + 1.2
    text = " ".join(line for line in cues.splitlines() if line and "-->" not in line and not line.isdigit())
    assert word_error_rate(TEXT, text) <= 0.10
    assert not list(tmp_path.glob("*.part"))


def test_verbose_json_detects_french_by_default(services: Vocalis, tmp_path: Path) -> None:
    text, audio = french_speech(services)
    path = tmp_path / "bonjour.wav"
    sf.write(path, audio.samples, audio.sample_rate)
    result = run("transcribe", str(path), "--format", "verbose_json")  # --language defaults to auto
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["task"] == "transcribe" and data["language"] == "fr"
    assert data["duration"] == pytest.approx(audio.duration, abs=0.01)
    assert word_error_rate(text, data["text"]) <= 0.15
    assert [s["id"] for s in data["segments"]] == list(range(len(data["segments"])))
    assert all({"id", "start", "end", "text"} <= s.keys() for s in data["segments"])
    words = data["words"]
    assert len(words) >= 15 and words[0].keys() >= {"word", "start", "end"}
    assert all(0 <= w["start"] <= w["end"] <= data["duration"] for w in words)
    assert "whisper-base" in result.stderr


def test_errors_are_one_line_and_exit_2(talk_file: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF this is not audio")
    for args in (
        ["transcribe", str(talk_file), "--language", "klingon"],
        ["transcribe", str(tmp_path / "missing.wav")],
        ["transcribe", str(broken), "-l", "en"],
    ):
        result = run(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
