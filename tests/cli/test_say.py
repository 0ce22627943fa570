"""The CLI as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import word_error_rate
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode, decode_file

VOCALIS = [str(Path(sys.executable).parent / "vocalis")]
SENTENCE = "Please call Stella and ask her to bring these things with her from the store."


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*VOCALIS, *args], input=stdin, capture_output=True, timeout=240, check=False)


def test_say_mp3_with_voice_speed_and_rate(tmp_path: Path, transcribe: Callable[[AudioChunk], str]) -> None:
    out = tmp_path / "out.mp3"
    result = run(
        "say",
        SENTENCE,
        "--voice",
        "bm_george",
        "--speed",
        "1.25",
        "--format",
        "mp3",
        "--sample-rate",
        "22050",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr.decode()
    audio = decode_file(out)
    assert audio.sample_rate == 22050
    assert 2.0 < audio.duration < 6.0
    assert word_error_rate(SENTENCE, transcribe(audio)) <= 0.10
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("fmt", ["wav", "mp3", "opus", "aac", "flac", "pcm"])
def test_every_format_from_stdin_to_stdout(fmt: str) -> None:
    result = run("say", "--voice", "heart", "--format", fmt, "-o", "-", stdin=b"Short and sweet.")
    assert result.returncode == 0, result.stderr.decode()
    seconds = len(result.stdout) / 2 / 24000 if fmt == "pcm" else decode(result.stdout).duration
    assert 0.5 < seconds < 3.0


def test_text_from_file_and_timestamps(tmp_path: Path) -> None:
    text_file = tmp_path / "chapter.txt"
    text_file.write_text("It was 9:45 am.\n\nThe train left on time, as always.", encoding="utf-8")
    out, stamps = tmp_path / "chapter.wav", tmp_path / "words.json"
    result = run(
        "say", "--file", str(text_file), "--voice", "af_heart", "-o", str(out), "--timestamps", str(stamps)
    )
    assert result.returncode == 0, result.stderr.decode()
    duration = decode_file(out).duration
    words = json.loads(stamps.read_text())["words"]
    assert [w["word"] for w in words] == [
        "It",
        "was",
        "9:45",
        "am",
        "The",
        "train",
        "left",
        "on",
        "time",
        "as",
        "always",
    ]
    assert all(0 <= w["start"] <= w["end"] <= duration + 0.01 for w in words)


def test_format_follows_the_output_extension(tmp_path: Path) -> None:
    out = tmp_path / "hello.flac"
    assert run("say", "Hello.", "--voice", "heart", "-o", str(out)).returncode == 0
    assert out.read_bytes()[:4] == b"fLaC"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["say", ""], "empty"),
        (["say", "🙂🙂"], "nothing to say"),
        (["say", "Hi.", "--voice", "af_bela"], "af_bella"),
        (["say", "Hi.", "--voice", "af_bella(2+af_sky"], "blend"),
        (["say", "Hi.", "--speed", "9"], "speed"),
        (["say", "Hi.", "--sample-rate", "96000"], "48000"),
        (["say", "Hi.", "--format", "ogg"], "ogg"),
        (["say", "Hi.", "-o", "x.xyz"], "xyz"),
        (["say", "--file", "/nonexistent/file.txt"], "cannot read"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(args: list[str], message: str, tmp_path: Path) -> None:
    result = run(*[a if a != "x.xyz" else str(tmp_path / "x.xyz") for a in args])
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert message.lower() in stderr.lower()
    assert "Traceback" not in stderr


def test_voices_json_lists_everything() -> None:
    result = run("voices", "--json")
    assert result.returncode == 0, result.stderr.decode()
    voices = json.loads(result.stdout)
    assert len(voices) >= 58  # 55 packs, the af preset, hibari heart, piper joe
    assert set(voices[0]) == {
        "id",
        "name",
        "language",
        "accent",
        "gender",
        "engine",
        "sample_rate",
        "description",
        "cloned",
    }


def test_voices_table() -> None:
    result = run("voices", "--language", "en-GB")
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert lines[0].split() == ["ID", "NAME", "LANGUAGE", "ACCENT", "GENDER", "ENGINE", "RATE"]
    assert len(lines) == 9


def test_models_list() -> None:
    result = run("models", "list", "--json")
    assert result.returncode == 0, result.stderr.decode()
    models = {m["name"]: m for m in json.loads(result.stdout)}
    assert models["kokoro-82m"]["ready"] and models["kokoro-82m"]["source"] == "package"
    assert models["kokoro-voices"]["ready"]
    assert models["whisper-tiny-en"]["license"] == "MIT"


def test_models_pull_unreachable_hub_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOCALIS_HUB__BASE_URL", "http://127.0.0.1:9")
    result = run("models", "pull", "kokoro-voices")
    assert result.returncode == 2
    assert "127.0.0.1:9" in result.stderr.decode()
    assert run("models", "pull", "nope").returncode == 2


def test_users_create_admin_then_list(tmp_path: Path) -> None:
    admin = ("users", "create-admin", "--email", "root@example.org", "--password", "correct horse battery")
    created = run(*admin)
    assert created.returncode == 0, created.stderr.decode()
    listed = run("users", "list").stdout.decode()
    assert "root@example.org" in listed and "admin" in listed
    again = run(*admin)
    assert again.returncode == 2 and "already exists" in again.stderr.decode()
    weak = run("users", "create-admin", "--email", "b@example.org", "--password", "short")
    assert weak.returncode == 2 and "at least 10" in weak.stderr.decode()


def test_say_french_with_timestamps_and_ssml_with_a_report_of_what_was_ignored(tmp_path: Path) -> None:
    out, stamps = tmp_path / "fr.wav", tmp_path / "fr.json"
    result = run(
        "say", "Le billet coûte 12,50 €.", "-v", "ff_siwis", "-o", str(out), "--timestamps", str(stamps)
    )
    assert result.returncode == 0, result.stderr.decode()
    words = [w["word"] for w in json.loads(stamps.read_text())["words"]]
    assert words == ["Le", "billet", "coûte", "12,50"]  # "€" is read with its amount
    document = '<speak>Hello <break time="1s"/> <audio src="x.wav">there</audio>.</speak>'
    result = run("say", document, "-o", str(tmp_path / "ssml.wav"))
    assert result.returncode == 0, result.stderr.decode()
    assert "SSML line 1, column 33: audio: unsupported element" in result.stderr.decode()
    assert decode_file(tmp_path / "ssml.wav").duration > 1.5
    plain = run(
        "say", '<speak><audio src="x"/>Hi</speak>', "--no-ssml", "-l", "en", "-o", str(tmp_path / "p.wav")
    )
    assert plain.returncode == 0 and "SSML" not in plain.stderr.decode()  # read as text, markup and all
    bad = run("say", "Bonjour", "--language", "klingon", "-o", str(tmp_path / "x.wav"))
    assert bad.returncode == 2 and "cannot read text in language 'klingon'" in bad.stderr.decode()
