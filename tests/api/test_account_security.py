"""What a stranger learns and can do over HTTP: no locking an owner out, one answer for registered and
unknown e-mails, Secure cookies over HTTPS, and no cookie-signed-in changes from foreign pages.
On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.types import ASGIApp
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from vocalis.api.app import create_app
from vocalis.config import Settings
from vocalis.graph import Vocalis

PASSWORD = "correct horse battery"
LOGIN = "/api/v1/auth/login"
REGISTER = "/api/v1/auth/register"
PROFILE = "/api/v1/user/profile"
EVIL = "https://evil.example"


@pytest.fixture
def app_settings(api_settings: Settings, database_url: str) -> Settings:
    auth = api_settings.auth.model_copy(
        update={"local_mode": False, "max_failed_logins": 3, "failed_logins_per_address": 6}
    )
    database = api_settings.database.model_copy(update={"url": database_url})
    return api_settings.model_copy(update={"auth": auth, "database": database})


@pytest.fixture
def app(app_settings: Settings, services: Vocalis) -> Iterator[ASGIApp]:
    application = create_app(app_settings, engines=services.engines)
    with TestClient(application):  # the lifespan runs once; clients below share the app
        yield application


def client_at(app: ASGIApp, address: str, base_url: str = "http://testserver") -> TestClient:
    return TestClient(app, client=(address, 40000), base_url=base_url)


def register(client: TestClient, email: str) -> dict[str, Any]:
    r = client.post(REGISTER, json={"email": email, "password": PASSWORD})
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


def login(client: TestClient, email: str, password: str = PASSWORD) -> Any:
    return client.post(LOGIN, json={"email": email, "password": password})


def test_a_stranger_cannot_lock_the_owner_out_nor_tell_emails_apart(app: ASGIApp) -> None:
    owner, scout, attacker = (client_at(app, ip) for ip in ("198.51.100.7", "203.0.113.8", "203.0.113.9"))
    register(owner, "ana@example.org")
    admin = app.state.vocalis.accounts  # type: ignore[attr-defined]
    off = admin.directory.create("off@example.org", PASSWORD, actor_id=None)
    root = admin.directory.create("root@example.org", PASSWORD, actor_id=None)
    admin.directory.update(off.id, actor_id=root.id, disabled=True)
    refusals = [
        login(scout, "ana@example.org", "wrong guess!!"),
        login(scout, "nobody@example.org", PASSWORD),
        login(scout, "off@example.org", PASSWORD),  # the right password of a disabled account
        login(scout, "not an e-mail", PASSWORD),
    ]
    assert {r.status_code for r in refusals} == {401}
    assert {r.text for r in refusals} == {refusals[0].text}
    assert refusals[0].json()["error"] == {
        "code": "unauthorized",
        "message": "wrong email or password",
        "details": {},
    }
    # Three failures each: the attacker's address waits, for the known and the unknown e-mail alike.
    waits = []
    for email in ("ana@example.org", "nobody@example.org"):
        for _ in range(3):
            assert login(attacker, email, "wrong guess!!").status_code == 401
        waited = login(attacker, email, PASSWORD)
        waits.append(
            (waited.status_code, waited.json()["error"]["code"], int(waited.headers["retry-after"]) > 0)
        )
    assert waits == [(429, "rate_limited", True)] * 2
    # The owner, from her own address, signs in at once.
    assert login(owner, "ana@example.org").status_code == 200


def test_sign_ups_with_taken_emails_spend_the_address_budget(app: ASGIApp) -> None:
    """Sign-up must say an e-mail is taken (there is no e-mail round trip); probing that is throttled."""
    register(client_at(app, "198.51.100.7"), "bo@example.org")
    prober = client_at(app, "203.0.113.10")
    statuses = [
        prober.post(REGISTER, json={"email": "bo@example.org", "password": PASSWORD}).status_code
        for _ in range(7)
    ]
    assert statuses == [409] * 6 + [429]
    assert login(prober, "bo@example.org").status_code == 429  # the same budget as sign-in
    assert login(client_at(app, "198.51.100.8"), "bo@example.org").status_code == 200


def secure_flags(response: Any) -> list[bool]:
    cookies = response.headers.get_list("set-cookie")
    assert len(cookies) == 2, cookies
    return ["secure" in [part.strip().lower() for part in c.split(";")] for c in cookies]


def test_cookies_are_secure_over_https_also_behind_a_trusted_proxy(
    app: ASGIApp, app_settings: Settings, services: Vocalis
) -> None:
    plain = client_at(app, "10.0.0.1")
    register(plain, "plain@example.org")
    assert secure_flags(login(plain, "plain@example.org")) == [False, False]
    https = client_at(app, "10.0.0.2", base_url="https://testserver")
    assert secure_flags(https.post(REGISTER, json={"email": "tls@example.org", "password": PASSWORD})) == [
        True,
        True,
    ]
    assert secure_flags(https.post("/api/v1/auth/logout")) == [True, True]
    # TLS ends at a proxy on this machine that says X-Forwarded-Proto: believed from it only.
    proxied = ProxyHeadersMiddleware(app, trusted_hosts=["127.0.0.1"])  # what `vocalis serve` sets up
    forwarded = {"X-Forwarded-Proto": "https"}
    body = {"email": "tls@example.org", "password": PASSWORD}
    trusted = client_at(proxied, "127.0.0.1").post(LOGIN, json=body, headers=forwarded)
    assert secure_flags(trusted) == [True, True]
    stranger = client_at(proxied, "203.0.113.11").post(LOGIN, json=body, headers=forwarded)
    assert secure_flags(stranger) == [False, False]
    # A setting forces it, for a proxy that does not say.
    forced_auth = app_settings.auth.model_copy(update={"secure_cookies": True})
    forced = create_app(app_settings.model_copy(update={"auth": forced_auth}), engines=services.engines)
    with TestClient(forced) as client:
        assert secure_flags(login(client, "tls@example.org")) == [True, True]


@pytest.fixture
def signed_in(app: ASGIApp) -> TestClient:
    """The web app's way: cookies only."""
    client = client_at(app, "198.51.100.20")
    register(client, "cookie@example.org")
    assert client.get(PROFILE).status_code == 200
    return client


def rename(client: TestClient, name: str, **headers: str) -> Any:
    return client.patch(PROFILE, json={"display_name": name}, headers=headers)


def test_cookie_signed_in_changes_from_foreign_pages_are_refused(signed_in: TestClient) -> None:
    client = signed_in
    refused = rename(client, "Hacked", origin=EVIL)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "cross_origin_request"
    assert rename(client, "Hacked", origin="null", **{"sec-fetch-site": "cross-site"}).status_code == 403
    assert rename(client, "Hacked", referer=f"{EVIL}/page").status_code == 403
    assert rename(client, "Hacked", origin="http://testserver:8080").status_code == 403  # another port
    deleted = client.request(
        "DELETE", "/api/v1/user", json={"password": PASSWORD, "confirm": True}, headers={"origin": EVIL}
    )
    assert deleted.status_code == 403
    profile = client.get(PROFILE, headers={"origin": EVIL})  # reading is CORS's business, not refused
    assert profile.status_code == 200 and profile.json()["display_name"] == "cookie"


def test_a_foreign_multipart_upload_is_refused_before_it_is_read(signed_in: TestClient, app: ASGIApp) -> None:
    files = {"file": ("sample.wav", b"RIFF" + b"\0" * 4000, "audio/wav")}
    form = {"name": "Stolen", "consent": "I, Ana Lopez, consent to Vocalis cloning my voice, on 2026-11-22"}
    refused = signed_in.post("/voices", files=files, data=form, headers={"origin": EVIL})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "cross_origin_request"
    own = signed_in.post("/voices", files=files, data=form, headers={"origin": "http://testserver"})
    assert own.status_code != 403  # the route judged it (the sample is no audio), not the guard
    user = app.state.vocalis.accounts.directory.find_by_email("cookie@example.org")  # type: ignore[attr-defined]
    assert app.state.vocalis.cloned_voice_repository.owned(user.id) == []  # type: ignore[attr-defined]


def test_own_pages_allowed_origins_and_keys_still_work(
    signed_in: TestClient, app: ASGIApp, app_settings: Settings, services: Vocalis
) -> None:
    client = signed_in
    # The web app's own fetch under Referrer-Policy: no-referrer sends Origin: null, Sec-Fetch-Site says.
    assert rename(client, "One", origin="null", **{"sec-fetch-site": "same-origin"}).status_code == 200
    assert rename(client, "Two", origin="http://testserver").status_code == 200
    assert rename(client, "Three", origin="https://testserver").status_code == 200  # TLS at a quiet proxy
    assert rename(client, "Four", referer="http://testserver/app/account").status_code == 200
    assert rename(client, "Five").status_code == 200  # no browser at all: nothing forged it
    # An API key is no cookie: a foreign page's request with one is its own.
    key = app.state.vocalis.accounts.keys  # type: ignore[attr-defined]
    user = app.state.vocalis.accounts.directory.find_by_email("cookie@example.org")  # type: ignore[attr-defined]
    issued = key.create(user, "page", None).key
    assert rename(client, "Six", origin=EVIL, authorization=f"Bearer {issued}").status_code == 200
    assert client.get(PROFILE).json()["display_name"] == "Six"
    # An allowed CORS origin may act with the cookie.
    settings = app_settings.model_copy(update={"cors_origins": ["https://studio.example"]})
    with TestClient(create_app(settings, engines=services.engines)) as other:
        other.cookies.update(dict(client.cookies))
        assert rename(other, "Seven", origin="https://studio.example").status_code == 200
        assert rename(other, "Eight", origin=EVIL).status_code == 403


def test_a_foreign_websocket_does_not_get_the_cookie(signed_in: TestClient) -> None:
    url = "/v1/text-to-speech/af_heart/stream-input"
    with signed_in.websocket_connect(url, headers={"origin": "http://testserver"}) as ws:
        ws.send_json({"text": ""})
        assert ws.receive_json() == {"isFinal": True}
    with signed_in.websocket_connect(url, headers={"origin": EVIL}) as ws:
        ws.send_json({"text": ""})
        assert ws.receive_json()["error"]["code"] == "unauthorized"
