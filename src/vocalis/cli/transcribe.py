"""`vocalis transcribe`: an audio file to text, JSON, SRT or WebVTT (OpenAI's output shapes)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from vocalis.analysis.formats import TranscriptFormat, parse_transcript_format, render
from vocalis.analysis.report import MAX_SECONDS
from vocalis.analysis.transcriber import AUTO
from vocalis.analysis.transcription import SAMPLE_RATE
from vocalis.audio.decode import decode_file
from vocalis.cli.context import load_graph
from vocalis.cli.files import write_atomically


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-l",
    "--language",
    default=AUTO,
    show_default=True,
    help="en (fast English model), fr, another Whisper language code, or auto to detect it.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in TranscriptFormat]),
    default=TranscriptFormat.TEXT.value,
    show_default=True,
    help="json is {text}; verbose_json adds language, duration, segments and word timings.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write here, not stdout."
)
def transcribe(file: Path, language: str, fmt: str, output: Path | None) -> None:
    """Transcribe FILE (wav, mp3, m4a, ogg, webm, flac; at most 30 minutes)."""
    transcript_format = parse_transcript_format(fmt)
    transcriber = load_graph().transcriber
    stt = transcriber.engine(language)  # an unknown language fails before decoding
    started = time.perf_counter()
    audio = decode_file(file, max_seconds=MAX_SECONDS, sample_rate=SAMPLE_RATE)  # as the API does
    transcript = transcriber.transcribe(audio, language=language)
    text = render(transcript, transcript_format)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomically(output, lambda sink: sink.write(text.encode()))
    elapsed = time.perf_counter() - started
    click.echo(
        f"{file.name}: {audio.duration:.1f} s, language {transcript.language}, {stt.name}, "
        f"in {elapsed:.1f} s ({elapsed / max(audio.duration, 1e-9):.2f}x real time)",
        err=True,
    )
