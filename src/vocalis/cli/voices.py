"""`vocalis voices`: list every voice."""

from __future__ import annotations

import dataclasses
import json

import click

from vocalis.cli.context import load_services


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--language", help="Only voices whose language starts with this, e.g. en, en-GB, ja.")
@click.option("--engine", help="Only voices of this engine (kokoro, hibari, piper).")
def voices(as_json: bool, language: str | None, engine: str | None) -> None:
    """List voices with id, name, language, accent, gender, engine and sample rate."""
    found = load_services().voices.list()
    if language:
        found = [v for v in found if v.language.lower().startswith(language.lower())]
    if engine:
        found = [v for v in found if v.engine == engine]
    if as_json:
        click.echo(json.dumps([dataclasses.asdict(v) for v in found], indent=2))
        return
    header = ("ID", "NAME", "LANGUAGE", "ACCENT", "GENDER", "ENGINE", "RATE")
    rows = [(v.id, v.name, v.language, v.accent, v.gender, v.engine, str(v.sample_rate)) for v in found]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    click.echo(f"\n{len(rows)} voices", err=True)
