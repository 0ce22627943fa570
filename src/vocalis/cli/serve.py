"""`vocalis serve`: run the HTTP server."""

from __future__ import annotations

import click

from vocalis.cli.context import load_settings


@click.command()
@click.option("--host", help="Interface to bind (default 127.0.0.1: only this machine).")
@click.option("--port", type=int, help="Port (default 8000).")
def serve(host: str | None, port: int | None) -> None:
    """Start the Vocalis server."""
    import uvicorn

    from vocalis.api.app import create_app

    settings = load_settings()
    if host:
        settings = settings.model_copy(update={"host": host})
    if port:
        settings = settings.model_copy(update={"port": port})
    from vocalis.accounts.authenticate import is_loopback

    if settings.auth.local_mode and not is_loopback(settings.host):
        click.echo(
            f"warning: local mode is off because {settings.host} is not a loopback address: "
            "every request must sign in or send an API key",
            err=True,
        )
    click.echo(f"Vocalis on http://{settings.host}:{settings.port}", err=True)
    from vocalis.api.logging import install_redaction

    app = create_app(settings)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level="info",
        # X-Forwarded-For/-Proto from these proxies only: the client address and https (Secure cookies).
        proxy_headers=True,
        forwarded_allow_ips=settings.trusted_proxies,
    )
    server = uvicorn.Server(config)  # the config sets up uvicorn's loggers; filter them afterwards
    install_redaction()
    server.run()
