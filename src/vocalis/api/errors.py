"""The one place errors become HTTP responses: ``{"error": {"code", "message", "details"}}``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from vocalis.api.methods import allowed_methods, options_response
from vocalis.errors import StorageUnavailable, Unauthorized, VocalisError

log = logging.getLogger(__name__)


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def _plain(context: dict[str, Any]) -> dict[str, Any]:
    return {k: v if isinstance(v, int | float | str | bool) else str(v) for k, v in context.items()}


def error_response(exc: VocalisError) -> JSONResponse:
    """The response for one of our errors (also used by middleware, which runs outside the handlers)."""
    headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after is not None else None
    if isinstance(exc, Unauthorized):
        headers = {"WWW-Authenticate": "Bearer"}
    return JSONResponse(status_code=exc.status, content={"error": exc.to_dict()}, headers=headers)


def _problem(error: Any) -> dict[str, Any]:
    """One validation error as the client sees it. A validator that checks a whole list or object may
    say which item inside it is wrong (its ValueError's ``path``, e.g. ``("min",)`` under
    ``target_seconds``): the field then names that item, so a form can put the message next to it."""
    loc = [part for part in error["loc"] if part != "body"]
    message = error["msg"]
    cause = (error.get("ctx") or {}).get("error")
    below = getattr(cause, "path", None)
    if isinstance(cause, ValueError) and isinstance(below, tuple):
        loc, message = [*loc, *below], str(cause)
        return {"field": ".".join(str(part) for part in loc), "message": message}
    return {
        "field": ".".join(str(part) for part in loc),
        "message": message,
        **({"limit": _plain(error["ctx"])} if "ctx" in error else {}),
    }


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(VocalisError)
    async def vocalis_error(request: Request, exc: VocalisError) -> JSONResponse:
        if isinstance(exc, StorageUnavailable):
            # The operator's message (host, port, reason) goes to the log; the client gets to_dict().
            log.warning("%s %s answered 503: %s", request.method, request.url.path, exc.message)
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [_problem(error) for error in exc.errors()]
        summary = "; ".join(f"{p['field'] or 'body'}: {p['message']}" for p in problems)
        return JSONResponse(
            status_code=422,
            content=error_body("validation_error", f"invalid request: {summary}", {"errors": problems}),
        )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 403: "forbidden"}
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            allowed = allowed_methods(app, request)
            if request.method == "OPTIONS":
                return options_response(allowed)
            headers = {**(headers or {}), "Allow": ", ".join(allowed)}
        return JSONResponse(
            status_code=exc.status_code,
            content=error_body(codes.get(exc.status_code, "http_error"), str(exc.detail)),
            headers=headers,
        )
