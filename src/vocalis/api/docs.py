"""Interactive API docs (``/docs``) that work offline: Swagger UI is served from this server, not a CDN.

The web build (``cd web && npm run build``) copies ``swagger-ui-bundle.js`` and ``swagger-ui.css`` from
the pinned ``swagger-ui-dist`` npm package into ``src/vocalis/web/dist/swagger-ui/``. The page starts
Swagger UI from an external script (no inline script), so the Content-Security-Policy stays strict.
Without a build, ``/docs`` says how to make one; ``/openapi.json`` works either way.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from vocalis.api.errors import error_body
from vocalis.api.web import DIST_DIR

ASSETS_URL = "/docs/assets"
INIT_SCRIPT = """window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  showExtensions: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
});
"""
PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Vocalis API</title><link rel="stylesheet" href="{ASSETS_URL}/swagger-ui.css">
<link rel="icon" type="image/svg+xml" href="/favicon.svg"></head>
<body><div id="swagger-ui"></div>
<script src="{ASSETS_URL}/swagger-ui-bundle.js"></script>
<script src="{ASSETS_URL}/init.js"></script></body></html>
"""
NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vocalis API docs: not built</title></head>
<body><h1>The interactive API docs are part of the web build</h1>
<p>Run <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code> (or <code>./scripts/serve</code>),
then reload. The schema itself is at <a href="/openapi.json">/openapi.json</a>.</p></body></html>
"""
ASSET_TYPES = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css"}


def mount_docs(app: FastAPI, dist: Path | None = None) -> None:
    """``/docs`` and its assets; create the app with ``docs_url=None`` so FastAPI's CDN page is not added."""
    folder = (dist or DIST_DIR) / "swagger-ui"

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        if not (folder / "swagger-ui-bundle.js").is_file():
            return HTMLResponse(NOT_BUILT)
        return HTMLResponse(PAGE, headers={"Cache-Control": "no-cache"})

    @app.get(f"{ASSETS_URL}/{{name}}", include_in_schema=False)
    async def docs_asset(name: str) -> Response:
        if name == "init.js":
            return Response(INIT_SCRIPT, media_type="text/javascript")
        path = folder / name
        if name not in ASSET_TYPES or not path.is_file():
            return JSONResponse(
                error_body("not_found", f"no such file: {ASSETS_URL}/{name}"), status_code=404
            )
        return FileResponse(path, media_type=ASSET_TYPES[name], headers={"Cache-Control": "no-cache"})
