"""`vocalis`: one entry point; every Vocalis error becomes a one-line message and exit code 2."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from vocalis import __version__
from vocalis.errors import VocalisError

EXIT_USER_ERROR = 2
# Each command's module, imported only when the command runs (or help lists it): `vocalis say` need
# not import the coaching, interview and analysis services, ~0.5 s of a ~2 s start on a busy 2-core CPU.
COMMANDS = {
    "say": "vocalis.cli.say",
    "voices": "vocalis.cli.voices",
    "models": "vocalis.cli.models",
    "serve": "vocalis.cli.serve",
    "transcribe": "vocalis.cli.transcribe",
    "analyze": "vocalis.cli.analyze",
    "coach": "vocalis.cli.coach",
    "sessions": "vocalis.cli.coach",
    "scenarios": "vocalis.cli.interview",
    "interview": "vocalis.cli.interview",
    "db": "vocalis.cli.db",
    "users": "vocalis.cli.users",
    "worker": "vocalis.cli.worker",
    "wyoming": "vocalis.cli.wyoming",
}


class VocalisGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        command = getattr(importlib.import_module(module), cmd_name)
        assert isinstance(command, click.Command)
        return command

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


def main() -> None:
    cli(prog_name="vocalis")
