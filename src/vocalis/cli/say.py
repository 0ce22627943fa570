"""`vocalis say`: text to an audio file (or stdout), streamed chunk by chunk."""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import BinaryIO

import click

from vocalis.audio.encode import StreamEncoder
from vocalis.audio.formats import AudioFormat, check_sample_rate, parse_format
from vocalis.cli.context import load_graph
from vocalis.cli.files import write_atomically
from vocalis.errors import InvalidInput
from vocalis.speech.language import base_of
from vocalis.speech.request import SpeechChunk, SpeechRequest
from vocalis.speech.timestamps import WordTimestamp, chunk_word_times

FORMAT_NAMES = [f.value for f in AudioFormat]


def _read_text(text: str | None, file: Path | None) -> str:
    if text is not None and file is not None:
        raise InvalidInput("give the text as an argument or with --file, not both")
    if file is not None:
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"cannot read {file}: {exc}") from exc
    if text is not None:
        return text
    if sys.stdin.isatty():
        raise InvalidInput("no text: pass TEXT, --file PATH, or pipe text on stdin")
    return sys.stdin.read()


def _choose_format(fmt: str | None, output: str | None) -> AudioFormat:
    if fmt is not None:
        return parse_format(fmt)
    if output and output != "-" and Path(output).suffix:
        suffix = Path(output).suffix.lstrip(".").lower()
        aliases = {"ogg": "opus", "raw": "pcm", "m4a": "aac"}
        return parse_format(aliases.get(suffix, suffix))
    return AudioFormat.WAV


@click.command()
@click.argument("text", required=False)
@click.option(
    "-f", "--file", "file", type=click.Path(path_type=Path, dir_okay=False), help="Read text from a file."
)
@click.option("-v", "--voice", help="Voice id or blend, e.g. bm_george or 'af_bella(2)+af_sky(1)'.")
@click.option("-s", "--speed", type=float, default=1.0, show_default=True, help="0.25 to 4.0.")
@click.option(
    "--format", "fmt", type=click.Choice(FORMAT_NAMES), help="Audio format (default: from -o, else wav)."
)
@click.option("--sample-rate", type=int, help="Output sample rate, 8000-48000 (default: the voice's own).")
@click.option("--bitrate", type=int, help="Bitrate in bits/s for mp3, opus and aac.")
@click.option("-o", "--output", help="Output file, or - for stdout (default: speech.FORMAT).")
@click.option(
    "--timestamps",
    "timestamps_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write word timestamps (JSON) for every word of the text to this file.",
)
@click.option(
    "-l",
    "--language",
    help="Read the text in this language: en-US, en-GB, fr-FR, es-ES, it-IT, pt-BR, zh-CN, ja-JP (or fr, es, "
    "...). Default: the voice's language.",
)
@click.option(
    "--ssml/--no-ssml",
    default=None,
    help="Read the text as SSML (default: when it starts with <speak>).",
)
def say(
    text: str | None,
    file: Path | None,
    voice: str | None,
    speed: float,
    fmt: str | None,
    sample_rate: int | None,
    bitrate: int | None,
    output: str | None,
    timestamps_path: Path | None,
    language: str | None,
    ssml: bool | None,
) -> None:
    """Say TEXT (or --file, or stdin) and write the audio."""
    audio_format = _choose_format(fmt, output)
    if sample_rate is not None:
        check_sample_rate(sample_rate)
    source = _read_text(text, file)
    services = load_graph()
    request = SpeechRequest(
        text=source, voice=voice or services.default_voice, speed=speed, language=language, ssml=ssml
    )
    plan = services.speech.plan(request)
    for ignored in plan.ignored:
        click.echo(
            f"SSML line {ignored.line}, column {ignored.column}: {ignored.name}: {ignored.reason}", err=True
        )
    stt = services.engines.speech_to_text(base_of(plan.language)) if timestamps_path else None
    encoder = StreamEncoder(audio_format, plan.sample_rate, sample_rate=sample_rate, bitrate=bitrate)
    stamps: list[WordTimestamp] = []
    started = time.perf_counter()
    seconds = 0.0

    def run(sink: BinaryIO) -> None:
        nonlocal seconds
        chunk: SpeechChunk
        for chunk in services.speech.stream(plan):
            sink.write(encoder.write(chunk.audio))
            sink.flush()
            seconds += chunk.audio.duration
            if stt is not None:
                stamps.extend(chunk_word_times(stt, chunk))
        sink.write(encoder.close())

    destination = output or f"speech.{audio_format.extension}"
    if destination == "-":
        run(sys.stdout.buffer)
    else:
        write_atomically(Path(destination), run)
    if timestamps_path is not None:
        payload = {"text": source, "voice": request.voice, "words": [dataclasses.asdict(s) for s in stamps]}
        timestamps_path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    elapsed = time.perf_counter() - started
    where = "stdout" if destination == "-" else destination
    click.echo(
        f"{where}: {seconds:.1f} s of {audio_format.value} audio, voice {request.voice}, "
        f"in {elapsed:.1f} s ({elapsed / max(seconds, 1e-9):.2f}x real time)",
        err=True,
    )
