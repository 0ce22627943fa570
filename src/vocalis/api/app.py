"""The FastAPI app factory: everything is built in the lifespan, nothing at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from vocalis import __version__
from vocalis.api.csrf import CrossOriginGuard
from vocalis.api.dialect import RULE
from vocalis.api.docs import mount_docs
from vocalis.api.errors import install_error_handlers
from vocalis.api.guard import TextGuard
from vocalis.api.middleware import BodySizeLimit, SecurityHeaders
from vocalis.api.responses import declare_errors, with_error_schema
from vocalis.api.routes import (
    admin,
    analytics,
    auth,
    brief,
    coaching,
    coaching_live,
    elevenlabs,
    elevenlabs_account,
    elevenlabs_voices,
    history,
    interview_live,
    interviews,
    jobs,
    listening,
    maintenance,
    models,
    openai,
    progress,
    recruiter,
    scenarios,
    speech_to_text,
    stream_input,
    user,
    voices,
)
from vocalis.api.web import mount_web_app
from vocalis.cloning.consent import CONSENT_VIA_LABELS
from vocalis.config import Settings
from vocalis.engines.registry import EngineRegistry
from vocalis.graph import build_graph
from vocalis.wyoming.server import start_wyoming

DESCRIPTION = f"""Self-hosted text to speech with OpenAI- and ElevenLabs-compatible endpoints.

Errors are JSON: `{{"error": {{"code", "message", "details"}}}}`.

`GET /v1/models` serves both SDKs: {RULE}

Cloning through the ElevenLabs SDK (`voices.ivc.create`): {CONSENT_VIA_LABELS}"""


def create_app(settings: Settings, *, engines: EngineRegistry | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        graph = build_graph(settings, engines=engines)
        await run_in_threadpool(graph.open_for_serving)
        app.state.vocalis = graph
        await run_in_threadpool(graph.background.start)
        # VOCALIS_WYOMING__PORT: Home Assistant's protocol beside HTTP, on this loop and this graph.
        wyoming = await start_wyoming(graph) if settings.wyoming.port else None
        try:
            yield
        finally:
            if wyoming is not None:
                await wyoming.stop()
            await run_in_threadpool(graph.background.stop)
            graph.close()

    # No trailing-slash redirects: Starlette builds them from the Host header (an open redirect).
    # /docs is served from local assets (vocalis.api.docs); ReDoc would load from a CDN, so it is off.
    app = FastAPI(
        title="Vocalis",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        redirect_slashes=False,
    )
    install_error_handlers(app)
    with_error_schema(app)
    for module in (
        openai,
        models,
        elevenlabs,
        elevenlabs_voices,
        elevenlabs_account,
        speech_to_text,
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
        coaching,
        coaching_live,
        progress,
        scenarios,
        interviews,
        interview_live,
        recruiter,
    ):
        declare_errors(module.router)
        app.include_router(module.router)
    declare_errors(recruiter.mine)
    app.include_router(recruiter.mine)
    app.add_middleware(TextGuard)  # inside the size limit: it reads bodies whole
    app.add_middleware(
        BodySizeLimit, json_bytes=settings.limits.request_bytes, upload_bytes=settings.limits.upload_bytes
    )
    app.add_middleware(CrossOriginGuard, allowed_origins=settings.cors_origins)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
        )
    app.add_middleware(SecurityHeaders)
    mount_docs(app)
    mount_web_app(app)  # last: it answers every GET the routes above do not
    return app
