"""`vocalis voices`: list every voice (stock, presets, clones); `vocalis voices clone`: clone one."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import click

from vocalis.accounts.directory import UserDirectory
from vocalis.audio.encode import encode
from vocalis.audio.formats import AudioFormat
from vocalis.cli.context import load_graph
from vocalis.cloning.consent import Consent
from vocalis.cloning.record import FEATURE_NAME, MIN_USEFUL_GAIN, CloneRecord
from vocalis.cloning.repository import NewClonedVoice
from vocalis.cloning.result import new_voice_id
from vocalis.cloning.sample import MAX_BYTES
from vocalis.cloning.search import Progress, SearchSettings
from vocalis.cloning.service import check_name
from vocalis.errors import NotFound, TooLarge


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--language", help="Only voices whose language starts with this, e.g. en, en-GB, ja.")
@click.option("--engine", help="Only voices of this engine (kokoro, hibari, piper).")
@click.pass_context
def voices(ctx: click.Context, as_json: bool, language: str | None, engine: str | None) -> None:
    """List voices with id, name, language, accent, gender, engine and sample rate.

    Cloned voices are listed too, marked "(cloned)". `vocalis voices clone --help` makes one.
    """
    if ctx.invoked_subcommand is not None:
        return
    graph = load_graph()
    clones = graph.cloned_voice_repository
    found = [*graph.voices.list(), *(c.info() for c in clones.visible(viewer=None, status="ready"))]
    if language:
        found = [v for v in found if v.language.lower().startswith(language.lower())]
    if engine:
        found = [v for v in found if v.engine == engine]
    cloned = {v.id for v in found if v.id.startswith("clone_")}
    if as_json:
        click.echo(json.dumps([{**dataclasses.asdict(v), "cloned": v.id in cloned} for v in found], indent=2))
        return
    header = ("ID", "NAME", "LANGUAGE", "ACCENT", "GENDER", "ENGINE", "RATE")
    rows = [
        (v.id, v.name + (" (cloned)" if v.id in cloned else ""), v.language, v.accent, v.gender, v.engine,
         str(v.sample_rate))
        for v in found
    ]  # fmt: skip
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    click.echo(f"\n{len(rows)} voices", err=True)


@voices.command()
@click.argument("sample", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", required=True, help="A name for the new voice, e.g. 'Ana'.")
@click.option(
    "--consent",
    help="The speaker's consent in their words: who, to what, when, e.g. \"I, Ana Lopez, consent to "
    'Vocalis cloning my voice for my course videos, on 2026-11-22".',
)
@click.option(
    "--evaluations",
    type=click.IntRange(8, 400),
    default=50,
    show_default=True,
    help="Renders the search may spend (~1.2 s each on 2 cores); more mostly overfits.",
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Seed of the search (same seed, same voice)."
)
@click.option("--owner", help="E-mail of the account that owns the voice (default: the local user).")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
def clone(
    sample: Path,
    name: str,
    consent: str | None,
    evaluations: int,
    seed: int,
    owner: str | None,
    as_json: bool,
) -> None:
    """Make a voice like the speaker in SAMPLE (15 s to 5 min of one person speaking, <= 10 MiB).

    The result is the closest match built from the built-in English voices, reported with its
    similarity to the sample next to the nearest stock voice's, both scored by an encoder the
    search did not use, on sentences it never heard.
    """
    agreement = Consent.from_statement(consent)  # refuse before loading anything
    name = check_name(name)
    if sample.stat().st_size > MAX_BYTES:
        raise TooLarge(f"{sample} is larger than {MAX_BYTES / 2**20:.0f} MiB", reason="file_too_large")
    graph = load_graph()
    clones = graph.cloned_voice_repository
    owner_id = _owner_id(graph.accounts.directory, owner)
    cloner = graph.cloner()
    cloner.require_voices()
    checked = cloner.check(sample.read_bytes(), filename=sample.name)
    voice_id = new_voice_id()
    clones.create(
        voice_id,
        NewClonedVoice(
            owner_id=owner_id, name=name, description="", labels={}, consent=agreement, filename=sample.name,
            sample_wav=encode(checked.audio, AudioFormat.WAV), sample_seconds=checked.audio.duration,
            sample_rate=checked.audio.sample_rate,
        ),
    )  # fmt: skip
    settings = SearchSettings.for_budget(
        evaluations, seed=seed, judged_stock=graph.settings.cloning.judged_stock
    )
    with click.progressbar(
        length=settings.total,
        label="checking the sample",
        file=sys.stderr,
        show_eta=False,
    ) as bar:
        done = 0

        def report(progress: Progress) -> None:
            nonlocal done
            best = f"best {progress.best:.3f}" if progress.best is not None else ""
            eta = f"~{progress.eta_s:.0f} s left" if progress.eta_s is not None else ""
            bar.label = " ".join(x for x in (f"{progress.stage:<10}", best, eta) if x)
            bar.update(progress.done - done)
            done = progress.done

        # Ctrl-C interrupts the render in progress: the voice is removed again, nothing half-made stays.
        try:
            result = cloner.clone(
                checked.audio, voice_id=voice_id, name=name, consent=agreement, filename=sample.name,
                settings=settings, progress=report,
            )  # fmt: skip
            clones.finish(voice_id, result.record, result.table)
        except BaseException:
            clones.delete(voice_id, owner_id=None)
            raise
    record = result.record
    if as_json:
        click.echo(json.dumps(record.to_dict(), indent=2, ensure_ascii=False))
        return
    for line in describe(record):
        click.echo(line)


def _owner_id(directory: UserDirectory, email: str | None) -> str:
    if email is None:
        return directory.local_user().id
    found = [u for u in directory.list(query=email) if u.email == email.lower()]
    if not found:
        raise NotFound(f"no account with e-mail {email!r}; `vocalis users list` shows them", email=email)
    return found[0].id


def describe(record: CloneRecord) -> list[str]:
    """The honest summary a person reads after cloning."""
    sim, voicing = record.similarity, record.voicing
    judged = f"judged by {sim.judge} on held-out sentences" + (
        "" if sim.independent else " (NOT independent)"
    )
    lines = [
        f'{record.id}  "{record.name}": {FEATURE_NAME}',
        f"  similarity to the sample   {sim.clone:.3f}  ({judged})",
        f"  nearest stock voice        {sim.stock:.3f}  {sim.stock_voice}  (gain {sim.gain:+.3f})",
    ]
    if sim.anchor is not None:
        lines.append(f"  the sample against itself  {sim.anchor:.3f}  (what a perfect copy would score)")
    lines.append(
        f"  search encoder             {sim.search_clone:.3f} vs {sim.search_stock:.3f}  "
        f"({sim.search_encoder}, probe sentences: optimistic, not independent)"
    )
    pitch = f"{voicing.clone.median_f0:.0f} Hz" if voicing.clone.median_f0 else "no pitch"
    stock_pitch = f"{voicing.stock.median_f0:.0f} Hz" if voicing.stock.median_f0 else "no pitch"
    lines.append(
        f"  voicing                    {voicing.clone.voiced_fraction:.0%} voiced, {pitch} "
        f"(stock {voicing.stock.voiced_fraction:.0%}, {stock_pitch})"
        + ("" if voicing.passed else "; " + "; ".join(voicing.problems))
    )
    if record.recommend_stock:
        lines.append(
            f"  recommendation: the clone is not measurably closer than {sim.stock_voice} "
            f"(gain under {MIN_USEFUL_GAIN}); {sim.stock_voice} is the honest choice."
        )
    lines.append(f'  try it: vocalis say --voice {record.id} "Hello there."')
    return lines
