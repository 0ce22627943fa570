"""The API's OpenAPI schema as stable JSON: the web app's types are generated from it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vocalis.api.app import create_app
from vocalis.config import Settings


def openapi_schema() -> dict[str, Any]:
    """The API's OpenAPI schema, built without starting the app (no engines, no database)."""
    return create_app(Settings()).openapi()


def dump_openapi(path: str | None = None) -> str:
    """Write the schema as stable JSON to ``path`` (or return it): the web app's types are generated
    from this file (``cd web && npm run api:sync``) and the tests check it matches the server."""
    text = json.dumps(openapi_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
