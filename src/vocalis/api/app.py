"""The FastAPI app factory: everything is built in the lifespan, nothing at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from vocalis import __version__
from vocalis.api.errors import install_error_handlers
from vocalis.api.routes import brief, elevenlabs, openai, stream_input
from vocalis.api.state import build_state
from vocalis.api.web import mount_web_app
from vocalis.config import Settings
from vocalis.engines.registry import EngineRegistry

DESCRIPTION = """Self-hosted text to speech with OpenAI- and ElevenLabs-compatible endpoints.

Errors are JSON: `{"error": {"code", "message", "details"}}`."""


def create_app(settings: Settings, *, engines: EngineRegistry | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = await run_in_threadpool(build_state, settings, engines=engines)
        app.state.vocalis = state
        try:
            yield
        finally:
            state.database.dispose()

    app = FastAPI(title="Vocalis", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    install_error_handlers(app)
    for module in (openai, elevenlabs, stream_input, brief):
        app.include_router(module.router)
    mount_web_app(app)  # last: it answers every GET the routes above do not
    return app
