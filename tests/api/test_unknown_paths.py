"""Unknown paths: only a browser navigating to a page gets the web app; everything else a JSON 404."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from vocalis.api.errors import install_error_handlers
from vocalis.api.web import mount_web_app

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture
def web(tmp_path: Path) -> TestClient:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text('<div id="root"></div>')
    (dist / "assets" / "app.js").write_text("console.log(1)")
    app = FastAPI()
    install_error_handlers(app)
    mount_web_app(app, dist)
    return TestClient(app)


@pytest.mark.parametrize("path", ["/v2/voices", "/v2/anything", "/v3/models", "/studio", "/no/such/page"])
@pytest.mark.parametrize("accept", [None, "application/json", "*/*"])
def test_a_non_browser_client_gets_a_json_404(web: TestClient, path: str, accept: str | None) -> None:
    response = web.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_other_methods_on_unknown_paths_are_json_404s(web: TestClient, method: str) -> None:
    response = web.request(method, "/studio", headers={"Accept": BROWSER})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_browser_navigation_gets_the_app_and_built_files_are_served_to_anyone(web: TestClient) -> None:
    page = web.get("/library/some-voice", headers={"Accept": BROWSER})
    assert page.status_code == 200
    assert '<div id="root">' in page.text
    assert web.get("/assets/app.js", headers={"Accept": "*/*"}).text == "console.log(1)"
    api = web.get("/v2/voices", headers={"Accept": BROWSER})  # an API prefix: never the app
    assert api.status_code == 404
    assert api.json()["error"]["code"] == "not_found"
