"""Serving the built web app next to the API, and dumping the OpenAI schema the web app is typed from.

The app's source lives in ``web/`` at the repository root; ``npm run build`` writes it to
``src/vocalis/web/dist``. Web pages live at paths the API does not use (``/``, ``/studio``,
``/library``, later ``/app/...``): any GET for such a path that is not a built file gets ``index.html``,
so deep links and reloads work, but only for a browser navigating to a page (Accept: text/html):
any other client gets a JSON 404 for an unknown path. Paths under the API's top-level names
(:data:`API_PREFIXES`) are never answered with the web app: they keep their JSON 404s. When the app
is not built, pages get a short HTML note saying how to build it.

``mount_web_app`` adds a catch-all route, so it must be the last route added to the app.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match
from starlette.types import Receive, Scope, Send

from vocalis.api.errors import error_body

DIST_DIR = Path(__file__).resolve().parent.parent / "web" / "dist"

# Top-level path segments that belong to the API (now or in the design): never served by the web app.
API_PREFIXES = frozenset(
    {
        "v1",
        "v2",
        "api",
        "tts",
        "voices",
        "health",
        "docs",
        "openapi.json",
        "redoc",
        "jobs",
        "history",
        "export",
        "analytics",
        "models",
        "synthesize",
        "ws",
    }
)

NOT_BUILT_STYLE = """body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;
color:#1a1a2e}
code{background:#eef;padding:.1rem .3rem;border-radius:4px}"""
NOT_BUILT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Vocalis: web app not built</title>
<style>{style}</style></head>
<body><h1>Vocalis is running, but its web app is not built</h1>
<p>The API works: see <a href="/docs">/docs</a>. To build the web app (needs Node.js 20.19+ and npm), run
<code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code> in the repository, or start the server with
<code>./scripts/serve</code>, which builds it for you. Then reload this page.</p></body></html>
""".replace("{style}", NOT_BUILT_STYLE)

# The Content-Security-Policy allows this one inline style by its hash.
NOT_BUILT_STYLE_HASH = (
    "'sha256-" + base64.b64encode(hashlib.sha256(NOT_BUILT_STYLE.encode()).digest()).decode() + "'"
)
IMMUTABLE = "public, max-age=31536000, immutable"


def is_api_path(path: str) -> bool:
    first = path.lstrip("/").split("/", 1)[0]
    return first in API_PREFIXES


class WebAppRoute(BaseRoute):
    """GET/HEAD for any non-API path: a built file if one matches, else ``index.html``.

    A plain ``@app.get("/{path:path}")`` would also match POSTs to unknown paths and turn their 404
    into a 405; this route does not match at all for other methods or API paths.
    """

    def __init__(self, dist: Path) -> None:
        self.dist = dist

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return Match.NONE, {}
        if is_api_path(scope["path"]):
            return Match.NONE, {}
        return Match.FULL, {}

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        response = self.respond(request.url.path, page="text/html" in request.headers.get("accept", ""))
        await response(scope, receive, send)

    def respond(self, path: str, *, page: bool = True) -> Response:
        """``page``: the client navigates to a page (a browser's Accept has text/html). Anything else
        (an SDK, curl, fetch) asking for an unknown path gets a JSON 404, never the app's HTML."""
        root = self.dist.resolve()
        index = root / "index.html"
        relative = path.lstrip("/")
        if relative:
            candidate = (root / relative).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                cache = IMMUTABLE if relative.startswith("assets/") else "no-cache"
                return FileResponse(candidate, headers={"Cache-Control": cache})
            if "." in relative.rsplit("/", 1)[-1]:
                # A missing file (an old hashed asset, a favicon): a real 404, not the app's HTML.
                return JSONResponse(error_body("not_found", f"no such file: /{relative}"), status_code=404)
        if not page:
            return JSONResponse(error_body("not_found", f"no such path: /{relative}"), status_code=404)
        if not index.is_file():
            return HTMLResponse(NOT_BUILT_PAGE)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})


def mount_web_app(app: FastAPI, dist: Path | None = None) -> None:
    """Serve the web app for every non-API GET path. Call after every router is included."""
    app.router.routes.append(WebAppRoute(dist or DIST_DIR))
