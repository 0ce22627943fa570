"""`vocalis worker`: run jobs outside the server, on as many machines as needed."""

from __future__ import annotations

import logging
import signal
import threading
from typing import TYPE_CHECKING

import click

from vocalis.cli.context import load_settings

if TYPE_CHECKING:
    from vocalis.jobs.runtime import JobsRuntime


@click.command()
@click.option("-c", "--concurrency", type=click.IntRange(min=1), default=1, show_default=True,
              help="Jobs this worker runs at once.")  # fmt: skip
@click.option("--loglevel", type=click.Choice(["debug", "info", "warning", "error"]), default="info",
              show_default=True, help="How much to log.")  # fmt: skip
def worker(concurrency: int, loglevel: str) -> None:
    """Run synthesis jobs.

    With VOCALIS_QUEUE__URL (redis://...) set, jobs arrive through Celery; without it the worker
    takes queued jobs straight from the database (VOCALIS_DATABASE__URL, shared with the servers).
    Audio goes to VOCALIS_DATA_DIR, which must be storage the servers share. Stop with Ctrl-C or
    SIGTERM: jobs in progress go back to the queue with their finished chunks kept.
    """
    from vocalis.graph import build_graph

    settings = load_settings()
    logging.basicConfig(level=loglevel.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    graph = build_graph(settings)
    runtime = graph.jobs_runtime
    try:
        if settings.queue.url:
            from vocalis.jobs.celery_worker import CeleryJobWorker

            click.echo(f"Vocalis worker: Celery on {settings.queue.url}, {concurrency} at a time", err=True)
            CeleryJobWorker(runtime).run(concurrency=concurrency, loglevel=loglevel.upper())
        else:
            _run_embedded(runtime, concurrency)
    finally:
        graph.close()


def _run_embedded(runtime: JobsRuntime, concurrency: int) -> None:
    from vocalis.jobs.worker import EmbeddedWorker

    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    embedded = EmbeddedWorker(runtime, concurrency)
    click.echo(f"Vocalis worker: jobs from {runtime.database.display_url}, {concurrency} at a time", err=True)
    embedded.start()
    stop.wait()
    embedded.stop()
