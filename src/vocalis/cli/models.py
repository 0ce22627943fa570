"""`vocalis models`: what models exist, where they come from, and pulling hub files."""

from __future__ import annotations

import json

import click

from vocalis.cli.context import load_settings
from vocalis.engines.catalog import builtin_models, find_model, model_status
from vocalis.engines.hub import PullProgress, pull


@click.group()
def models() -> None:
    """List models or pull optional files from the model hub."""


def _size(n: int | None) -> str:
    if n is None:
        return "-"
    size = float(n)
    for unit in ("B", "KiB", "MiB"):
        if size < 1024:
            return f"{size:.0f} B" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GiB"


@models.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_models(as_json: bool) -> None:
    """Each model: source (package, directory, hub), size, licence, readiness."""
    settings = load_settings()
    statuses = [model_status(spec, settings) for spec in builtin_models()]
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "name": s.spec.name,
                        "capability": s.spec.capability,
                        "description": s.spec.description,
                        "license": s.spec.license,
                        "source": s.source.value if s.source else None,
                        "location": s.location,
                        "size_bytes": s.size_bytes,
                        "ready": s.ready,
                        "detail": s.detail,
                    }
                    for s in statuses
                ],
                indent=2,
            )
        )
        return
    header = ("NAME", "CAPABILITY", "SOURCE", "SIZE", "LICENSE", "READY", "DETAIL")
    rows = [
        (
            s.spec.name,
            s.spec.capability,
            s.source.value if s.source else "-",
            _size(s.size_bytes),
            s.spec.license,
            "yes" if s.ready else "no",
            s.detail,
        )
        for s in statuses
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


@models.command("pull")
@click.argument("name")
def pull_model(name: str) -> None:
    """Download NAME's files from the model hub (checksummed, resumable)."""
    settings = load_settings()
    spec = find_model(name)
    last = {"file": ""}

    def show(p: PullProgress) -> None:
        if p.file != last["file"]:
            last["file"] = p.file
            click.echo(f"[{p.files_done + 1}/{p.files_total}] {p.file}", err=True)

    result = pull(spec, settings, progress=show)
    click.echo(
        f"{spec.name}: {len(result.downloaded)} downloaded, {len(result.skipped)} already present, "
        f"in {result.directory}",
        err=True,
    )
