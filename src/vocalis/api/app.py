"""The FastAPI app factory: everything is built in the lifespan, nothing at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from vocalis import __version__
from vocalis.config import Settings
from vocalis.engines.registry import EngineRegistry
from vocalis.errors import VocalisError
from vocalis.services import build_services


def create_app(settings: Settings, *, engines: EngineRegistry | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.services = build_services(settings, engines=engines)
        yield

    app = FastAPI(title="Vocalis", version=__version__, lifespan=lifespan)

    @app.exception_handler(VocalisError)
    async def vocalis_error(request: Request, exc: VocalisError) -> JSONResponse:
        return JSONResponse(status_code=exc.status, content={"error": exc.to_dict()})

    @app.get("/health", summary="Liveness and readiness")
    async def health(request: Request) -> dict[str, object]:
        services = request.app.state.services
        return {"status": "ok", "version": __version__, "voices": len(services.voices.list())}

    return app
