"""`vocalis coach` and `vocalis sessions`: rehearse a talk from a file, as the live coach hears it.

`vocalis coach FILE --live` streams the file at real speed through the same live path as the
microphone (``WS /ws/session/{id}``) and prints each cue as it comes, then the report; without
``--live`` the file is analysed at once, as an upload is. Sessions made here belong to no account
(``--user EMAIL`` files them under a user's, as if uploaded by them).
"""

from __future__ import annotations

import json
import textwrap
import time
from pathlib import Path
from typing import Any

import click
import numpy as np

from vocalis.analysis.messages import clock
from vocalis.audio.decode import decode_file
from vocalis.cli.context import load_graph
from vocalis.coaching.live import Heard, LiveCoach
from vocalis.coaching.repository import SessionFilter
from vocalis.coaching.service import CoachingService
from vocalis.coaching.sessions import LANGUAGES, NewSession, SessionConfig, SessionType
from vocalis.errors import NotFound

CHUNK_S = 0.1
METRICS_EVERY_S = 0.25
RECOGNISE_EVERY_S = 0.5


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("-l", "--language", type=click.Choice(LANGUAGES), default="en", show_default=True)
@click.option(
    "--type", "session_type", type=click.Choice([t.value for t in SessionType]), default="presentation",
    show_default=True,
)  # fmt: skip
@click.option("--title", help="The session's title (default: the file's name).")
@click.option("--live", is_flag=True, help="Stream the file at real speed and print cues as they come.")
@click.option(
    "--every", type=float, default=10.0, show_default=True, help="At most one live cue per this many s."
)
@click.option("--user", "email", help="File the session under this user's account.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def coach(
    file: Path, language: str, session_type: str, title: str | None, live: bool, every: float,
    email: str | None, as_json: bool,
) -> None:  # fmt: skip
    """Rehearse the talk in FILE: cues while it plays (--live), then the report."""
    graph = load_graph()
    owner = _owner(graph, email)
    service: CoachingService = graph.coaching
    config = SessionConfig(feedback_frequency=every)
    session = service.create(
        owner, NewSession(title or file.name, SessionType(session_type), language, config)
    )
    if live:
        report = _stream(service, service.open_live(session.id, owner), file)
    else:
        analysed = service.analyse_recording(session.id, owner, file.read_bytes(), filename=file.name)
        assert analysed is not None  # without job_after_s a recording is always analysed at once
        report = analysed
    click.echo(json.dumps(report, ensure_ascii=False, indent=1) if as_json else describe(report, session.id))


def _stream(service: CoachingService, live: LiveCoach, file: Path) -> dict[str, Any]:
    audio = decode_file(file, sample_rate=16_000)
    pcm = (np.clip(audio.samples, -1, 1) * 32767).astype("<i2").tobytes()
    step = round(CHUNK_S * 16_000) * 2
    started = time.monotonic()
    next_metrics = next_recognition = started
    heard: list[Any] = []
    for offset in range(0, len(pcm), step):
        live.accept(pcm[offset : offset + step], 16_000)
        now = time.monotonic()
        if now >= next_recognition and live.has_pending:
            heard.append(live.transcribe())
            next_recognition = now + RECOGNISE_EVERY_S
        if now >= next_metrics:
            metrics, *_ = live.metrics()
            words = tuple(w for h in heard for w in h.words)
            heard.clear()
            cue = live.cue(metrics, Heard(words))
            if cue is not None:
                click.echo(f"[{clock(cue.at)}] {cue.severity.upper():<8} {cue.message}")
            next_metrics = now + METRICS_EVERY_S
        wait = started + (offset + step) / 2 / 16_000 - time.monotonic()
        if wait > 0:
            time.sleep(wait)
    return service.finish_live(live)


def describe(report: dict[str, Any], session_id: str) -> str:
    lines = [f"Session {session_id}: {clock(report['duration_seconds'])}, {report['language']}"]
    if not report["speech_detected"]:
        return "\n".join([*lines, *(f"  {i['message']}" for i in report["feedback"])])
    summary = report["summary"]
    lines.append(f"Score: {report['score']}/100")
    lines.append(
        f"  pace {summary['words_per_minute']:.0f} wpm "
        f"(target {report['target_wpm'][0]}-{report['target_wpm'][1]}), "
        f"fillers {summary['fillers_per_minute']:.1f}/min, pauses {summary['pause_ratio']:.0%} of the talk"
    )
    lines.append("Work on first:")
    for item in report["priorities"] or [{"message": "nothing pressing", "suggestions": []}]:
        lines.append(textwrap.fill(item["message"], 100, initial_indent="  - ", subsequent_indent="    "))
        lines += [
            textwrap.fill(s, 100, initial_indent="      > ", subsequent_indent="        ")
            for s in item["suggestions"]
        ]
    if report["strengths"]:
        lines.append("Strengths:")
        lines += [
            textwrap.fill(i["message"], 100, initial_indent="  + ", subsequent_indent="    ")
            for i in report["strengths"]
        ]
    for milestone in report["milestones"]:
        lines.append(f"Milestone: {milestone['title']}: {milestone['description']}")
    if report.get("ai_summary"):
        lines.append("Coach: " + report["ai_summary"]["text"])
    return "\n".join(lines)


@click.group()
def sessions() -> None:
    """Coaching sessions: list them, show one's report."""


@sessions.command("list")
@click.option("--user", "email", help="A user's sessions (default: those made on the command line).")
@click.option("--limit", type=int, default=20, show_default=True)
def list_sessions(email: str | None, limit: int) -> None:
    graph = load_graph()
    found, total = graph.coaching.page(_owner(graph, email), SessionFilter(), limit=limit, offset=0)
    for s in found:
        click.echo(f"{s.id}  {s.created_at:%Y-%m-%d %H:%M}  {s.status.value:<11} {s.session_type.value:<12} "
                   f"{s.language}  {clock(s.audio_seconds)}  {s.title}")  # fmt: skip
    click.echo(f"{total} session(s)")


@sessions.command("show")
@click.argument("session_id")
@click.option("--user", "email", help="The user whose session it is (default: made on the command line).")
@click.option("--json", "as_json", is_flag=True)
def show_session(session_id: str, email: str | None, as_json: bool) -> None:
    graph = load_graph()
    results = graph.coaching.results(session_id, _owner(graph, email))
    if results.report is None:
        raise NotFound(f"session {session_id} has no report yet")
    click.echo(
        json.dumps(results.report, ensure_ascii=False, indent=1)
        if as_json
        else describe(results.report, session_id)
    )


def _owner(graph: Any, email: str | None) -> str | None:
    if email is None:
        return None
    user = graph.accounts.directory.find_by_email(email)
    if user is None:
        raise NotFound(f"no user {email}")
    return str(user.id)
