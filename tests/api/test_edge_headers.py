"""The small things at the edge: no Host-built redirects, server paths for admins only, a strict CSP,
API docs without a CDN, complete Allow headers, sizes in MiB."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.e2e.conftest import require_build
from vocalis.accounts.roles import Role, Scope
from vocalis.api.app import create_app
from vocalis.config import Settings
from vocalis.graph import Vocalis


def test_a_trailing_slash_never_redirects_to_the_host_header(client: TestClient) -> None:
    for path in ("/voices/", "/v1/voices/", "/history/"):
        r = client.get(path, headers={"Host": "evil.example"}, follow_redirects=False)
        assert r.status_code == 404, (path, r.status_code, r.headers.get("location"))
        assert "location" not in r.headers
        assert r.json()["error"]["code"] == "not_found"


def test_model_directories_are_shown_to_admins_only(client: TestClient, settings: Settings) -> None:
    state = client.app.state.vocalis  # type: ignore[attr-defined]
    user_view = client.get("/models/status").json()
    voices_dir = str(settings.voices_dir)
    assert all(voices_dir not in str(m["location"]) + m["detail"] for m in user_view)
    assert all(m["location"] is None for m in user_view if m["source"] != "package")
    admin = state.accounts.directory.create("root@example.org", "correct horse battery", role=Role.ADMIN,
                                            actor_id=None)  # fmt: skip
    key = state.accounts.keys.create(admin, "ops", [s.value for s in Scope]).key
    admin_view = client.get("/models/status", headers={"Authorization": f"Bearer {key}"}).json()
    assert any(voices_dir in str(m["location"]) for m in admin_view)


def test_every_response_carries_a_strict_content_security_policy(client: TestClient) -> None:
    for path in ("/", "/studio", "/v1/models", "/docs", "/v1/nope"):
        policy = client.get(path).headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["script-src"] == "'self'", path
        assert directives["default-src"] == "'self'", path
        assert directives["frame-ancestors"] == "'none'", path
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path


def test_the_api_docs_load_swagger_ui_from_this_server(client: TestClient) -> None:
    require_build()
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/docs/assets/swagger-ui-bundle.js" in page.text and "/docs/assets/swagger-ui.css" in page.text
    assert "cdn" not in page.text.lower() and "<script>" not in page.text  # no CDN, no inline script
    for asset, media in (("swagger-ui-bundle.js", "text/javascript"), ("swagger-ui.css", "text/css"),
                         ("init.js", "text/javascript")):  # fmt: skip
        r = client.get(f"/docs/assets/{asset}")
        assert r.status_code == 200 and r.headers["content-type"].startswith(media), asset
    assert client.get("/docs/assets/../../pyproject.toml").status_code == 404
    assert client.get("/docs/assets/index.html").status_code == 404
    assert client.get("/redoc").status_code == 404  # ReDoc needs a CDN: not offered


def test_options_and_405_name_every_method_of_a_path(client: TestClient) -> None:
    r = client.options("/v1/history/some-id")
    assert r.status_code == 204
    assert set(r.headers["allow"].split(", ")) == {"GET", "HEAD", "DELETE", "OPTIONS"}
    r = client.put("/v1/history/some-id")
    assert r.status_code == 405
    assert r.json()["error"]["code"] == "method_not_allowed"
    assert set(r.headers["allow"].split(", ")) == {"GET", "HEAD", "DELETE", "OPTIONS"}
    assert set(client.options("/v1/jobs").headers["allow"].split(", ")) == {"GET", "HEAD", "POST", "OPTIONS"}
    assert client.options("/v1/nope").status_code == 404


@pytest.fixture
def small_limit_client(api_settings: Settings, services: Vocalis, tmp_path: Path) -> TestClient:
    limits = api_settings.limits.model_copy(update={"request_bytes": 3 * 1024 * 1024})
    return TestClient(
        create_app(api_settings.model_copy(update={"limits": limits}), engines=services.engines)
    )


def test_size_limits_are_told_in_mib(small_limit_client: TestClient) -> None:
    with small_limit_client as c:
        r = c.post("/tts", content=b"x" * (3 * 1024 * 1024 + 1), headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert "3.0 MiB" in r.json()["error"]["message"]
