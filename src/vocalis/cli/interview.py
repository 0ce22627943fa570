"""`vocalis scenarios` and `vocalis interview`: browse and check interview scenarios, and run a whole
interview from recorded answers (one audio file per answer, in order), printing the conversation and
the report. A follow-up from the interviewer is answered by the next file."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import click

from vocalis.analysis.fillers import FILLER_PROMPTS
from vocalis.audio.decode import decode_file
from vocalis.cli.context import load_graph
from vocalis.errors import NotFound
from vocalis.interview.interviewer import Line
from vocalis.interview.scenarios import CATEGORIES, LANGUAGES, Scenario, load_library, load_scenario
from vocalis.interview.service import InterviewService, Reply

WIDTH = 100


@click.group()
def scenarios() -> None:
    """Interview scenarios: list the library, show one, validate a scenario file."""


@scenarios.command("list")
@click.option("-l", "--language", type=click.Choice(LANGUAGES), help="Only this language.")
@click.option("--category", type=click.Choice(CATEGORIES), help="Only this kind of interview.")
@click.option("--difficulty", type=click.Choice(["easy", "medium", "hard"]), help="Only this level.")
def list_scenarios(language: str | None, category: str | None, difficulty: str | None) -> None:
    """The built-in scenarios: id, language, category, difficulty, minutes and title."""
    for s in sorted(load_library().values(), key=lambda s: (s.language, s.category, s.id)):
        if (
            (language or s.language) == s.language
            and (category or s.category) == s.category
            and (difficulty or s.difficulty) == s.difficulty
        ):
            minutes = f"{s.target_minutes:4g} min"
            click.echo(f"{s.id:28} {s.language}  {s.category:22} {s.difficulty:6} {minutes}  {s.title}")


@scenarios.command("show")
@click.argument("scenario_id")
@click.option("-l", "--language", type=click.Choice(LANGUAGES), default="en", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="The scenario file as JSON.")
def show_scenario(scenario_id: str, language: str, as_json: bool) -> None:
    """One scenario: its questions with their key points, structure, target length and follow-ups."""
    found = load_library().get((scenario_id, language))
    if found is None:
        raise NotFound(f"no scenario {scenario_id!r} in {language!r} (see: vocalis scenarios list)")
    if as_json:
        click.echo(json.dumps(found.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    _print_scenario(found)


@scenarios.command("validate")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
def validate(files: tuple[Path, ...]) -> None:
    """Check scenario files (LANGUAGE/ID.json): each is valid, or the field that is wrong is named."""
    for file in files:
        scenario = load_scenario(file)
        click.echo(f"ok: {file} ({scenario.id}, {scenario.language}, {len(scenario.questions)} questions)")


@click.command()
@click.option(
    "-s", "--scenario", "scenario_id", required=True, help="The scenario id (vocalis scenarios list)."
)
@click.option("-l", "--language", type=click.Choice(LANGUAGES), default="en", show_default=True)
@click.option(
    "--answers", "answer_files", required=True, multiple=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Audio of each answer, in order (repeat the option, or give several files after it).",
)  # fmt: skip
@click.argument("more_answers", nargs=-1, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def interview(
    scenario_id: str,
    language: str,
    answer_files: tuple[Path, ...],
    more_answers: tuple[Path, ...],
    as_json: bool,
) -> None:
    """Run an interview non-interactively from recorded answers: the transcript, then the report."""
    graph = load_graph()
    service: InterviewService = graph.interviews
    started = service.create(None, scenario_id, language, None, "text")
    for turn in service.turns(started.id, None):
        _say("Interviewer", turn.text)
    stt = graph.transcriber
    reply: Reply | None = None
    for path in (*answer_files, *more_answers):
        audio = decode_file(path)
        transcript = stt.transcribe(audio, language=language, prompt=FILLER_PROMPTS.get(language))
        words = transcript.words
        _say(f"You ({path.name})", transcript.text.strip() or "(nothing heard)")
        if not transcript.text.strip():
            continue
        reply = service.answer(started.id, None, transcript.text, words=words, audio=audio)
        _lines(reply.lines)
        if reply.report is not None:
            break
    if reply is None or reply.report is None:
        reply = service.finish(started.id, None)
        _lines(reply.lines)
    assert reply.report is not None
    if as_json:
        click.echo(json.dumps(reply.report, ensure_ascii=False, indent=2, default=str))
    else:
        _print_report(reply.report)


def _say(who: str, text: str) -> None:
    click.echo(
        textwrap.fill(
            text, WIDTH, initial_indent=f"{who}: ", subsequent_indent="    ", break_on_hyphens=False
        )
    )


def _lines(lines: tuple[Line, ...]) -> None:
    for line in lines:
        note = f" [follow-up: {line.reason}]" if line.kind in ("follow_up", "rephrase") else ""
        _say("Interviewer", line.text + note)


def _print_scenario(s: Scenario) -> None:
    click.echo(f"{s.title} ({s.id}, {s.language}, {s.difficulty}, {s.target_minutes:g} min)")
    click.echo(textwrap.fill(s.description, WIDTH))
    for n, q in enumerate(s.questions, 1):
        click.echo(f"\n{n}. {q.text}")
        click.echo(f"   structure: {q.structure}; {q.target_seconds.min}-{q.target_seconds.max} s")
        for point in q.key_points:
            click.echo(f"   - {point}")
        for f in q.follow_ups:
            click.echo(f"   if {f.when}: {f.text}")


def _print_report(report: dict[str, Any]) -> None:
    answered = f"{report['answered']} of {report['questions']} questions answered"
    click.echo(f"\nOverall: {report['overall']}/100 ({answered})")
    click.echo("  " + ", ".join(f"{k} {v}" for k, v in report["dimensions"].items() if v is not None))
    for text in report["strengths"]:
        click.echo(f"  + {text}")
    for text in report["improvements"]:
        click.echo(f"  - {text}")
    for answer in report["answers"]:
        if not answer["answered"]:
            click.echo(f"\n{answer['question']}\n  (not answered)")
            continue
        scores = answer["scores"]
        click.echo(f"\n{answer['question']}\n  score {scores['overall']}: " + ", ".join(
            f"{k} {v}" for k, v in scores.items() if k != "overall" and v is not None))  # fmt: skip
        covered = [k["point"] for k in answer["key_points"] if k["covered"]]
        missed = [k["point"] for k in answer["key_points"] if not k["covered"]]
        if covered:
            click.echo("  covered: " + "; ".join(covered))
        if missed:
            click.echo("  missed: " + "; ".join(missed))
        if answer["structure"]["missing"]:
            click.echo("  structure missing: " + ", ".join(answer["structure"]["missing"]))
        click.echo(
            textwrap.fill(answer["suggestion"], WIDTH, initial_indent="  try: ", subsequent_indent="       ")
        )
    comparison = report.get("comparison", {})
    if comparison.get("previous_runs"):
        change, best = comparison["overall_change"], comparison["best_overall"]
        click.echo(f"\nSince your last run: {change:+d} (best so far {best})")
