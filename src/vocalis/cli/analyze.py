"""`vocalis analyze`: how a recording was delivered: pace, pauses, fillers, volume, pitch, clarity."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import click

from vocalis.analysis.analyzer import SpeechAnalyzer
from vocalis.analysis.messages import clock
from vocalis.analysis.model import SpeechAnalysis
from vocalis.analysis.report import SUPPORTED_LANGUAGES, check_language
from vocalis.cli.context import load_graph

LANGUAGE_NAMES = {"en": "English", "fr": "French"}


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-l",
    "--language",
    default="en",
    show_default=True,
    help=f"The talk's language: {', '.join(SUPPORTED_LANGUAGES)}. Feedback is written in it.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the full analysis as JSON.")
def analyze(file: Path, language: str, as_json: bool) -> None:
    """Analyse the delivery of the talk in FILE (at most 30 minutes) and suggest improvements."""
    check_language(language)  # before loading models or decoding anything
    analyzer = SpeechAnalyzer.from_engines(load_graph().engines)
    result = analyzer.analyze_file(file, language=language)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(summary(result, file.name))


def summary(result: SpeechAnalysis, name: str) -> str:
    lines = [f"{name}: {clock(result.duration)}, {LANGUAGE_NAMES[result.language]}"]
    if not result.speech_detected or result.scores is None:
        lines += [f"  {f.message}" for f in result.feedback]
        return "\n".join(lines)
    lines.append(f"Overall score: {result.scores.overall}/100")
    for dim in result.scores.dimensions:
        lines.append(f"  {dim.dimension:<8} {dim.score:>3}/100  {_measure(result, dim.dimension)}")
    lines.append("Feedback:")
    for item in result.feedback:
        mark = "+" if item.type == "strength" else "-"
        lines.append(textwrap.fill(item.message, 100, initial_indent=f"  {mark} ", subsequent_indent="    "))
        lines += [
            textwrap.fill(s, 100, initial_indent="      > ", subsequent_indent="        ")
            for s in item.suggestions
        ]
    lines.append("Transcript:")
    lines.append(textwrap.fill(result.transcript.text, 100, initial_indent="  ", subsequent_indent="  "))
    return "\n".join(lines)


def _measure(r: SpeechAnalysis, dimension: str) -> str:
    """One line of the numbers behind a dimension's score."""
    if dimension == "pace" and r.pace:
        return f"{r.pace.words_per_minute:.0f} words/min ({r.pace.articulation_rate:.0f} while speaking)"
    if dimension == "pauses" and r.pauses:
        pauses = r.pauses
        return (
            f"{pauses.count} pauses, {pauses.long_count} long, longest {pauses.longest_seconds:.1f} s, "
            f"{pauses.pause_ratio:.0%} of the talk"
        )
    if dimension == "fillers" and r.fillers:
        top = ", ".join(f"{c.text} x{c.count}" for c in r.fillers.by_word[:4])
        return f"{r.fillers.count} fillers, {r.fillers.per_minute:.1f}/min" + (f" ({top})" if top else "")
    if dimension == "volume":
        v = r.volume
        return f"{v.integrated_lufs:.1f} LUFS, peak {v.peak_dbfs:.1f} dBFS" + (
            ", clipped" if v.clipping else ""
        )
    if dimension == "pitch" and r.pitch:
        p = r.pitch
        return f"median {p.median_hz:.0f} Hz, ±{p.variation_semitones:.1f} semitones" + (
            ", monotone" if p.monotone else ""
        )
    if dimension == "clarity" and r.clarity:
        c = r.clarity
        snr = f"SNR {c.snr_db:.0f} dB, " if c.snr_db is not None else ""
        return f"{snr}confidence {c.mean_confidence:.0%}, {len(c.mumbled)} unclear passages"
    return ""
