"""Which methods a path answers: a complete ``Allow`` header, and ``OPTIONS`` that says it.

Starlette answers 405 from the first route whose path matches, so ``Allow`` named only that route's
methods (``GET`` for ``/v1/history/{id}``, though ``DELETE`` works too). Here every route is asked
about every method, through the routes' own matching.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(app: FastAPI, request: Request) -> list[str]:
    allowed = {
        method
        for method in METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in app.router.routes
        )
    }
    if "GET" in allowed:
        allowed.add("HEAD")
    if allowed:
        allowed.add("OPTIONS")
    return sorted(allowed)


def options_response(methods: list[str]) -> Response:
    return Response(status_code=204, headers={"Allow": ", ".join(methods)})
