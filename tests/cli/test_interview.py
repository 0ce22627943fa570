"""`vocalis scenarios` and `vocalis interview` as a user runs them: browse and validate scenarios, then a
whole interview from recorded answers, with the follow-up asked when a story leaves out its result."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import words_of
from tests.interview.voice_client import CANDIDATE_VOICE

VOCALIS = [str(Path(sys.executable).parent / "vocalis")]
NO_RESULT = (
    "At my last job at a travel agency, I decided to freeze new features for three weeks, which my team of "
    "six hated. My job was to get a late release out. I explained the reasons openly in a team meeting: two "
    "customers had threatened to leave over bugs. I listened to their objections one by one, and I let them "
    "choose which bugs to fix first."
)
RESULT = (
    "In the end we shipped on time, bugs fell by forty percent, and the team asked to keep a quality week."
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*VOCALIS, *args], capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("answers")
    paths = []
    for n, text in enumerate((NO_RESULT, RESULT), 1):
        path = folder / f"answer{n}.wav"
        said = run("say", text, "--voice", CANDIDATE_VOICE, "-o", str(path))
        assert said.returncode == 0, said.stderr
        paths.append(path)
    return paths


def test_scenarios_are_listed_shown_and_validated(tmp_path: Path) -> None:
    listed = run("scenarios", "list", "--language", "fr", "--category", "sales")
    assert listed.returncode == 0, listed.stderr
    rows = listed.stdout.splitlines()
    assert rows and all(" fr " in row and "sales" in row for row in rows)
    shown = json.loads(run("scenarios", "show", "leading-a-team", "--json").stdout)
    assert shown["id"] == "leading-a-team" and shown["questions"][0]["follow_ups"]
    (tmp_path / "en").mkdir()
    good = tmp_path / "en" / "leading-a-team.json"
    good.write_text(json.dumps(shown), encoding="utf-8")
    assert run("scenarios", "validate", str(good)).returncode == 0
    shown["questions"][1]["target_seconds"]["min"] = 500
    bad = tmp_path / "en" / "leading-a-team.json"
    bad.write_text(json.dumps(shown), encoding="utf-8")
    refused = run("scenarios", "validate", str(bad))
    assert refused.returncode == 2 and "questions.1.target_seconds.min" in refused.stderr
    missing = run("scenarios", "show", "nope")
    assert missing.returncode == 2 and "no scenario 'nope'" in missing.stderr


def test_an_interview_runs_from_recorded_answers(answers: list[Path]) -> None:
    result = run("interview", "--scenario", "leading-a-team", "--answers", *(str(p) for p in answers))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Interviewer: Good morning")
    heard = words_of(out.split("You (answer1.wav): ", 1)[1].split("Interviewer:", 1)[0])
    assert len(set(heard.split()) & set(words_of(NO_RESULT).split())) >= 30  # Whisper heard the answer
    follow_up = out.split("You (answer1.wav): ", 1)[1].split("Interviewer: ", 1)[1]
    assert (
        follow_up.startswith("What was the result of that decision") and "[follow-up: no_result]" in follow_up
    )
    assert "Overall: " in out and "(1 of 5 questions answered)" in out
    assert "covered: " in out and "(not answered)" in out

    as_json = run("interview", "-s", "leading-a-team", "--answers", str(answers[0]), "--json")
    report = json.loads(as_json.stdout[as_json.stdout.index("{") :])
    first = report["answers"][0]
    assert first["structure"]["missing"] == ["result"] or "result" in first["structure"]["missing"]
    assert first["delivery"]["spoken"] and 110 < first["delivery"]["words_per_minute"] < 220
