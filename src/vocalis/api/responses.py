"""The error statuses each operation can answer, declared in its OpenAPI entry.

Derived from what a route takes, since that is what decides them: signing in (401, 403 for a missing
scope, 429 past the rate limit), path parameters (404 for an unknown id), a body or query (400 for bad
input, 413 for too much of it, 415 for an upload it cannot read), and for every route 503 (the
database or the synthesis queue is unavailable; ``Retry-After`` says when to try again). A few routes
answer more (409 for a job without a result yet, 401 from signing in): :data:`EXTRA` lists them.
Every error has one shape, ``{"error": {"code", "message", "details"}}``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from vocalis.api.deps import current_principal

ERROR_REF = "#/components/schemas/Error"
ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "description": "Every error: a stable code, a message for people, and details.",
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "description": "What went wrong.",
            "required": ["code", "message", "details"],
            "properties": {
                "code": {"type": "string", "description": "Stable machine code, e.g. unknown_voice."},
                "message": {"type": "string", "description": "What went wrong, for people."},
                "details": {"type": "object", "description": "Facts about it: the limit, the field..."},
            },
        }
    },
}
DESCRIPTIONS = {
    400: "Bad input (the error code says which: empty_text, out_of_range, unsupported_format, ...).",
    401: "Not signed in: send an API key (Authorization: Bearer vk_... or xi-api-key) or sign in.",
    403: "Signed in, but the key or role lacks the scope, or a quota is used up.",
    404: "No such object, or it is not yours.",
    409: "Not possible in the object's current state (e.g. a job without a result yet).",
    413: "The request or the text is too large.",
    415: "An upload of a format that cannot be read.",
    422: "Invalid request: the fields, or text with NUL characters or unpaired surrogates.",
    429: "Too many requests: wait Retry-After seconds.",
    503: "Unavailable for now (storage down, overloaded, a model missing): retry later.",
}
# Statuses some routes answer beyond what their inputs imply, by path prefix.
EXTRA: dict[str, set[int]] = {
    "/api/v1/auth/": {401, 403, 409, 429},
    "/v1/jobs/": {409},
    "/jobs/": {409},
    "/voices": {409, 415},
    "/v1/voices": {409, 415},
    # 404 unknown_model (and unknown_voice for speech): ids named in the body
    "/v1/audio/speech": {404},
    "/v1/audio/transcriptions": {404, 415},
    "/v1/audio/translations": {404, 415},
    "/v1/speech-to-text": {404, 415},
    "/api/v1/analysis": {415},
    "/api/v1/user": {409},
    "/api/v1/admin/": {409},
    "/export/zip": {404},  # ids in the body that are not yours
    "/v1/history/download": {404},
    "/v1/history": {404},  # a start_after_history_item_id that is not yours
    "/history": {404},
}


def with_error_schema(app: FastAPI) -> None:
    """The schema the declared errors refer to, added to the app's OpenAPI components."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        schema.setdefault("components", {}).setdefault("schemas", {}).setdefault("Error", ERROR_SCHEMA)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _calls(dependant: Dependant) -> set[Any]:
    found = {dependant.call}
    for child in dependant.dependencies:
        found |= _calls(child)
    return found


def error_statuses(route: APIRoute) -> set[int]:
    dependant = route.dependant
    codes = {503}
    if current_principal in _calls(dependant):
        codes |= {401, 403, 429}
    if dependant.path_params:
        codes.add(404)
    if dependant.body_params or dependant.query_params:
        codes |= {400, 422}
    if dependant.body_params:
        codes.add(413)
    for prefix, extra in EXTRA.items():
        if route.path.startswith(prefix):
            codes |= extra
    return codes


def declare_errors(router: APIRouter) -> None:
    """Add the error statuses to each route's ``responses`` (what a route declares itself is kept)."""
    for route in router.routes:
        if isinstance(route, APIRoute):
            for code in sorted(error_statuses(route)):
                route.responses.setdefault(
                    code,
                    {
                        "description": DESCRIPTIONS[code],
                        "content": {"application/json": {"schema": {"$ref": ERROR_REF}}},
                    },
                )
