"""`vocalis`: one entry point; every Vocalis error becomes a one-line message and exit code 2."""

from __future__ import annotations

import sys
from typing import Any

import click

from vocalis import __version__
from vocalis.cli.analyze import analyze
from vocalis.cli.coach import coach, sessions
from vocalis.cli.db import db
from vocalis.cli.interview import interview, scenarios
from vocalis.cli.models import models
from vocalis.cli.say import say
from vocalis.cli.serve import serve
from vocalis.cli.transcribe import transcribe
from vocalis.cli.users import users
from vocalis.cli.voices import voices
from vocalis.cli.worker import worker
from vocalis.cli.wyoming import wyoming
from vocalis.errors import VocalisError

EXIT_USER_ERROR = 2


class VocalisGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except VocalisError as exc:
            click.echo(f"error: {exc.message}", err=True)
            sys.exit(EXIT_USER_ERROR)


@click.group(cls=VocalisGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vocalis")
def cli() -> None:
    """Vocalis: a self-hosted voice platform (text to speech, offline, on a CPU).

    Settings come from VOCALIS_* environment variables, e.g. VOCALIS_DATA_DIR (default ./data)
    and VOCALIS_VOICES_DIR (a directory of Kokoro NAME.pt voice packs).
    """


cli.add_command(say)
cli.add_command(voices)
cli.add_command(models)
cli.add_command(serve)
cli.add_command(transcribe)
cli.add_command(analyze)
cli.add_command(coach)
cli.add_command(sessions)
cli.add_command(scenarios)
cli.add_command(interview)
cli.add_command(db)
cli.add_command(users)
cli.add_command(worker)
cli.add_command(wyoming)


def main() -> None:
    cli(prog_name="vocalis")
