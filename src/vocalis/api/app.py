"""The FastAPI app factory: everything is built in the lifespan, nothing at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from vocalis import __version__
from vocalis.api.errors import install_error_handlers
from vocalis.api.middleware import BodySizeLimit, SecurityHeaders
from vocalis.api.routes import (
    admin,
    analytics,
    auth,
    brief,
    elevenlabs,
    history,
    jobs,
    listening,
    maintenance,
    openai,
    stream_input,
    user,
    voices,
)
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
        await run_in_threadpool(state.background.start)
        try:
            yield
        finally:
            await run_in_threadpool(state.background.stop)
            state.database.dispose()

    app = FastAPI(title="Vocalis", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    install_error_handlers(app)
    for module in (
        openai,
        elevenlabs,
        stream_input,
        brief,
        auth,
        user,
        admin,
        listening,
        jobs,
        history,
        analytics,
        maintenance,
        voices,
    ):
        app.include_router(module.router)
    app.add_middleware(
        BodySizeLimit, json_bytes=settings.limits.request_bytes, upload_bytes=settings.limits.upload_bytes
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
        )
    app.add_middleware(SecurityHeaders)
    mount_web_app(app)  # last: it answers every GET the routes above do not
    return app
