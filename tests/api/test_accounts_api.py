"""Accounts over HTTP: sign-up to deletion, keys, admin, limits, headers, and privacy between users."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import new_user_key
from tests.conftest import quick_auth
from tests.databases import redis_test_url
from vocalis.api.app import create_app
from vocalis.config import LimitSettings, QueueSettings, Settings
from vocalis.graph import Vocalis

PASSWORD = "correct horse battery"


@pytest.fixture
def anonymous(api_settings: Settings, services: Vocalis) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings, engines=services.engines)) as test_client:
        yield test_client


def register(client: TestClient, email: str) -> dict[str, object]:
    r = client.post(
        "/api/v1/auth/register", json={"email": email, "password": PASSWORD, "display_name": "Ana"}
    )
    assert r.status_code == 201, r.text
    body: dict[str, object] = r.json()
    return body


def test_the_account_lifecycle_with_cookies(anonymous: TestClient) -> None:
    tokens = register(anonymous, "ana@example.org")
    assert anonymous.cookies.get("vocalis_access") == tokens["access_token"]
    # The web app: cookies only, no header.
    assert anonymous.get("/api/v1/user/profile").json()["email"] == "ana@example.org"
    assert anonymous.post("/tts", json={"text": "Cookie powered.", "voice": "heart"}).status_code == 200
    refreshed = anonymous.post("/api/v1/auth/refresh", json={}).json()
    assert refreshed["access_token"] != tokens["access_token"]
    assert anonymous.post("/api/v1/auth/logout").status_code == 200
    anonymous.cookies.clear()
    r = anonymous.get(
        "/api/v1/user/profile", headers={"Authorization": f"Bearer {refreshed['access_token']}"}
    )
    assert r.status_code == 401


def test_login_errors_and_brute_force(anonymous: TestClient) -> None:
    register(anonymous, "bo@example.org")
    anonymous.cookies.clear()
    statuses = [
        anonymous.post(
            "/api/v1/auth/login", json={"email": "bo@example.org", "password": "nope nope nope"}
        ).status_code
        for _ in range(5)
    ]
    assert statuses == [401, 401, 401, 401, 401]
    # This address guessed enough: it waits, right password or not (the owner elsewhere does not).
    r = anonymous.post("/api/v1/auth/login", json={"email": "bo@example.org", "password": PASSWORD})
    assert r.status_code == 429 and "this address" in r.json()["error"]["message"]
    assert int(r.headers["retry-after"]) >= 1
    # Past the per-address limit (10 a minute, one sign-up counted separately): 429 with Retry-After.
    for _ in range(5):
        r = anonymous.post("/api/v1/auth/login", json={"email": "x@example.org", "password": PASSWORD})
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    assert r.json()["error"]["code"] == "rate_limited" and "a minute" in r.json()["error"]["message"]


def test_password_change_signs_other_sessions_out(anonymous: TestClient) -> None:
    other = register(anonymous, "cy@example.org")
    first = anonymous.post(
        "/api/v1/auth/login", json={"email": "cy@example.org", "password": PASSWORD}
    ).json()
    anonymous.cookies.clear()
    headers = {"Authorization": f"Bearer {first['access_token']}"}
    body = {"current_password": "wrong wrong wrong", "new_password": "another good passphrase"}
    assert anonymous.post("/api/v1/user/password", json=body, headers=headers).status_code == 401
    body["current_password"] = PASSWORD
    assert anonymous.post("/api/v1/user/password", json=body, headers=headers).status_code == 200
    assert anonymous.get("/api/v1/user/profile", headers=headers).status_code == 200  # this session stays
    other_headers = {"Authorization": f"Bearer {other['access_token']}"}
    assert anonymous.get("/api/v1/user/profile", headers=other_headers).status_code == 401
    login = {"email": "cy@example.org", "password": "another good passphrase"}
    assert anonymous.post("/api/v1/auth/login", json=login).status_code == 200


def test_api_keys_over_http(anonymous: TestClient) -> None:
    tokens = register(anonymous, "di@example.org")
    session = {"Authorization": f"Bearer {tokens['access_token']}"}
    created = anonymous.post(
        "/api/v1/keys", json={"name": "voices only", "scopes": ["voices"]}, headers=session
    )
    assert created.status_code == 201
    key = created.json()["key"]
    anonymous.cookies.clear()
    listed = anonymous.get("/api/v1/keys", headers=session).json()
    assert [k["prefix"] for k in listed] == [created.json()["prefix"]] and "key" not in listed[0]
    with_key = {"xi-api-key": key}
    assert anonymous.get("/v1/voices", headers=with_key).status_code == 200
    r = anonymous.post("/tts", json={"text": "Hi"}, headers=with_key)
    assert r.status_code == 403 and "speech" in r.json()["error"]["message"]
    assert anonymous.post("/api/v1/keys", json={"name": "k"}, headers=with_key).status_code == 403
    assert anonymous.delete(f"/api/v1/keys/{listed[0]['id']}", headers=session).status_code == 200
    assert anonymous.get("/v1/voices", headers=with_key).status_code == 401


def test_export_holds_exactly_my_data_and_deletion_removes_it(anonymous: TestClient) -> None:
    mine = {"Authorization": f"Bearer {register(anonymous, 'ed@example.org')['access_token']}"}
    theirs = {"Authorization": f"Bearer {register(anonymous, 'fi@example.org')['access_token']}"}
    anonymous.cookies.clear()
    for text, headers in (("Mine one.", mine), ("Mine two.", mine), ("Theirs.", theirs)):
        assert (
            anonymous.post("/tts", json={"text": text, "voice": "heart"}, headers=headers).status_code == 200
        )
    r = anonymous.get("/api/v1/user/export", headers=mine)
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(r.content))
    records = json.loads(archive.read("syntheses.json"))
    assert sorted(rec["text"] for rec in records) == ["Mine one.", "Mine two."]
    audio = [n for n in archive.namelist() if n.startswith("audio/")]
    assert len(audio) == 2 and all(archive.read(n)[:4] == b"RIFF" for n in audio)
    assert json.loads(archive.read("profile.json"))["email"] == "ed@example.org"
    state = anonymous.app.state.vocalis  # type: ignore[attr-defined]
    keys = [rec["audio_key"] for rec in records]
    assert all(state.blobs.exists(k) for k in keys)
    r = anonymous.request(
        "DELETE", "/api/v1/user", json={"password": "wrong wrong wrong", "confirm": True}, headers=mine
    )
    assert r.status_code == 401
    r = anonymous.request(
        "DELETE", "/api/v1/user", json={"password": PASSWORD, "confirm": True}, headers=mine
    )
    assert r.status_code == 200
    assert not any(state.blobs.exists(k) for k in keys)
    assert anonymous.get("/api/v1/user/profile", headers=mine).status_code == 401
    assert anonymous.get("/api/v1/user/profile", headers=theirs).status_code == 200


def test_admin_manages_users(api_settings: Settings, services: Vocalis) -> None:
    settings = api_settings.model_copy(
        update={
            "auth": quick_auth(bootstrap_admin_email="root@example.org", bootstrap_admin_password=PASSWORD)
        }
    )
    with TestClient(create_app(settings, engines=services.engines)) as client:
        user_token = register(client, "gu@example.org")
        client.cookies.clear()
        user = {"Authorization": f"Bearer {user_token['access_token']}"}
        assert client.get("/api/v1/admin/users", headers=user).status_code == 403
        login = client.post(
            "/api/v1/auth/login", json={"email": "root@example.org", "password": PASSWORD}
        ).json()
        client.cookies.clear()
        admin = {"Authorization": f"Bearer {login['access_token']}"}
        users = {u["email"]: u for u in client.get("/api/v1/admin/users", headers=admin).json()}
        target = users["gu@example.org"]["id"]
        r = client.patch(f"/api/v1/admin/users/{target}", json={"role": "recruiter"}, headers=admin)
        assert r.json()["role"] == "recruiter"
        client.patch(f"/api/v1/admin/users/{target}", json={"disabled": True}, headers=admin)
        assert client.get("/api/v1/user/profile", headers=user).status_code == 401
        assert (
            client.patch(f"/api/v1/admin/users/{target}", json={"role": "god"}, headers=admin).status_code
            == 422
        )
        assert client.delete(f"/api/v1/admin/users/{target}", headers=admin).status_code == 200
        assert client.delete(f"/api/v1/admin/users/{target}", headers=admin).status_code == 404
        actions = [e["action"] for e in client.get("/api/v1/admin/audit", headers=admin).json()]
        assert {"login", "user_updated", "user_deleted", "user_created"} <= set(actions)


def test_security_headers_size_limits_and_no_cors(client: TestClient) -> None:
    r = client.get("/health")
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    assert (
        "access-control-allow-origin"
        not in client.options(
            "/v1/audio/speech",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        ).headers
    )
    huge = b'{"input": "' + b"a" * (9 * 1024 * 1024) + b'"}'
    r = client.post("/v1/audio/speech", content=huge, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"

    def chunks() -> Iterator[bytes]:
        for _ in range(90):
            yield b"a" * 100_000

    r = client.post("/v1/audio/speech", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_daily_character_quota(api_settings: Settings, services: Vocalis) -> None:
    settings = api_settings.model_copy(update={"limits": LimitSettings(characters_per_day=30)})
    with TestClient(create_app(settings, engines=services.engines)) as client:
        client.headers["Authorization"] = f"Bearer {new_user_key(client, 'q@example.org')}"
        assert client.post("/tts", json={"text": "Twenty characters ok", "voice": "heart"}).status_code == 200
        r = client.post("/tts", json={"text": "Another twenty chars", "voice": "heart"})
        assert r.status_code == 403
        assert r.json()["error"]["code"] == "quota_exceeded"
        assert r.json()["error"]["details"]["limit"] == "characters_per_day"


def test_rate_limits_are_shared_through_redis(
    api_settings: Settings, services: Vocalis, tmp_path: Path
) -> None:
    """Two replicas on one database and one Redis: the per-minute budget is counted once."""
    from redis import Redis

    redis_url = redis_test_url("rate_limits")
    Redis.from_url(redis_url).flushdb()
    settings = api_settings.model_copy(
        update={
            "limits": LimitSettings(requests_per_minute=4),
            "queue": QueueSettings(url=redis_url),
            "database": api_settings.database.model_copy(
                update={"url": f"sqlite:///{tmp_path / 'shared.db'}"}
            ),
        }
    )
    with (
        TestClient(create_app(settings, engines=services.engines)) as one,
        TestClient(create_app(settings, engines=services.engines)) as two,
    ):
        key = new_user_key(one, "r@example.org")
        headers = {"Authorization": f"Bearer {key}"}
        statuses = [(one if i % 2 else two).get("/v1/voices", headers=headers).status_code for i in range(6)]
    assert statuses == [200, 200, 200, 200, 429, 429]


def test_everything_runs_on_postgresql(api_settings: Settings, services: Vocalis, postgres_url: str) -> None:
    settings = api_settings.model_copy(
        update={"database": api_settings.database.model_copy(update={"url": postgres_url})}
    )
    with TestClient(create_app(settings, engines=services.engines)) as client:
        headers = {"Authorization": f"Bearer {register(client, 'pg@example.org')['access_token']}"}
        assert (
            client.post(
                "/tts", json={"text": "Stored in Postgres.", "voice": "heart"}, headers=headers
            ).status_code
            == 200
        )
        assert client.get("/health").json()["database"] is True
        archive = zipfile.ZipFile(io.BytesIO(client.get("/api/v1/user/export", headers=headers).content))
        assert json.loads(archive.read("syntheses.json"))[0]["text"] == "Stored in Postgres."
