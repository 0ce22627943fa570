"""`vocalis wyoming`: serve text to speech and transcription to Home Assistant over Wyoming."""

from __future__ import annotations

import asyncio
import contextlib
import signal

import click

from vocalis.cli.context import load_graph


@click.command()
@click.option(
    "--host",
    help="Interface to bind (default 127.0.0.1: only this machine). Wyoming has no authentication: "
    "with --host 0.0.0.0 anyone who reaches the port can use it.",
)
@click.option("--port", type=click.IntRange(1, 65535), help="TCP port (default 10200, like wyoming-piper).")
def wyoming(host: str | None, port: int | None) -> None:
    """Serve Home Assistant over the Wyoming protocol: text to speech in every voice of the library
    (cloned voices of the local user included) and transcription with Whisper.

    In Home Assistant: Settings -> Devices & services -> Add integration -> Wyoming Protocol, then
    this machine's host and port. VOCALIS_WYOMING__HOST / __PORT set the defaults; with
    VOCALIS_WYOMING__PORT set, `vocalis serve` speaks Wyoming too.
    """
    from vocalis.accounts.authenticate import is_loopback
    from vocalis.wyoming.server import start_wyoming

    graph = load_graph()
    bind = host or graph.settings.wyoming.host
    if not is_loopback(bind):
        click.echo(
            f"warning: Wyoming has no authentication; anyone who reaches {bind} can use this server",
            err=True,
        )

    async def run() -> None:
        server = await start_wyoming(graph, host=host, port=port)
        click.echo(f"Vocalis Wyoming on tcp://{bind}:{server.port}", err=True)

        async def report_ready() -> None:
            seconds = await server.warmed_up()
            if seconds is not None:
                click.echo(f"models ready in {seconds:.1f} s", err=True)

        reporting = asyncio.create_task(report_ready())
        stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signum, stopping.set)
        try:
            await stopping.wait()
        finally:
            reporting.cancel()
            await server.stop()

    try:
        asyncio.run(run())
    finally:
        graph.close()
