"""How the server serves the web app next to the API: deep links, API paths untouched, no build, schema."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from playwright.sync_api import Page

from vocalis.api.openapi import dump_openapi
from vocalis.api.web import mount_web_app

REPO = Path(__file__).resolve().parents[2]
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_pages_and_deep_links_get_the_app(web_url: str) -> None:
    with httpx.Client(base_url=web_url, headers=BROWSER) as http:
        for path in ("/", "/studio", "/library", "/library/", "/app/history", "/some/deep/link"):
            response = http.get(path)
            assert response.status_code == 200, path
            assert response.headers["content-type"].startswith("text/html"), path
            assert '<div id="root">' in response.text, path
        index = http.get("/")
        asset = index.text.split('src="', 1)[1].split('"', 1)[0]
        assert asset.startswith("/assets/")
        built = http.get(asset)
        assert built.status_code == 200
        assert "immutable" in built.headers["cache-control"]
        assert index.headers["cache-control"] == "no-cache"


def test_api_paths_keep_their_api_behaviour(web_url: str) -> None:
    with httpx.Client(base_url=web_url) as http:
        voices = http.get("/voices")
        assert voices.headers["content-type"] == "application/json"
        assert len(voices.json()) >= 55
        assert http.get("/health").json()["status"] == "ok"
        assert http.get("/openapi.json").json()["info"]["title"] == "Vocalis"
        assert "swagger" in http.get("/docs").text.lower()
        for path in ("/v1/nope", "/api/v1/nope", "/ws/x", "/assets/gone.js"):
            response = http.get(path)
            assert response.status_code == 404, path
            assert response.json()["error"]["code"] == "not_found", path
        # The API's names, routed now or later: JSON (the route's answer or a 404), never the app's page.
        for path in ("/history", "/jobs", "/models/status", "/export/nope", "/analytics/nope"):
            response = http.get(path)
            assert response.headers["content-type"].startswith("application/json"), path
            assert '<div id="root">' not in response.text, path
        # Other methods are not swallowed by the app's catch-all (a 404, not a 405).
        assert http.post("/studio").status_code == 404
        assert http.post("/v1/nope").json()["error"]["code"] == "not_found"


def test_without_a_build_pages_say_how_to_build(tmp_path: Path) -> None:
    app = FastAPI()
    mount_web_app(app, tmp_path / "dist")
    with TestClient(app) as client:
        for path in ("/", "/studio"):
            response = client.get(path, headers=BROWSER)
            assert response.status_code == 200
            assert "npm run build" in response.text
            assert "./scripts/serve" in response.text


def test_the_web_apps_schema_matches_the_server() -> None:
    committed = (REPO / "web" / "openapi.json").read_text(encoding="utf-8")
    assert dump_openapi() == committed, (
        "web/openapi.json is out of date: run `cd web && npm run api:sync`, then `npm run typecheck`"
    )


def test_the_api_docs_and_the_app_work_offline_under_the_content_security_policy(page: Page) -> None:
    """Swagger UI renders from this server's own assets, and nothing the app or the docs load is blocked."""
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("requestfailed", lambda r: refused.append(f"failed: {r.url}"))
    page.goto("/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    assert page.locator(".opblock").count() > 30  # every operation, rendered
    page.locator(".opblock-summary", has_text="/v1/models").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.wait_for_selector(".live-responses-table .response-col_status", timeout=30_000)
    page.goto("/studio")
    page.get_by_role("heading", level=1).wait_for()
    assert refused == []
