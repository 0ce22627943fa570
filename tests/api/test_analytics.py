"""Analytics, maintenance and the model registry over HTTP."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from tests.api.conftest import new_user_key
from tests.api.test_jobs import wait_finished
from tests.engines.test_hub import SHARED_VOICES, FakeHub, hub  # noqa: F401  (the fake hub fixture)
from vocalis.accounts.roles import Role
from vocalis.api.app import create_app
from vocalis.config import HubSettings, RetentionSettings, Settings
from vocalis.engines.catalog import find_model
from vocalis.graph import Vocalis


def admin_headers(client: TestClient, email: str = "admin@example.org") -> dict[str, str]:
    accounts = client.app.state.vocalis.accounts  # type: ignore[attr-defined]
    user = accounts.directory.create(email, "correct horse battery", role=Role.ADMIN, actor_id=None)
    key = accounts.keys.create(user, "admin", ["admin", "speech", "jobs"]).key
    return {"Authorization": f"Bearer {key}"}


def test_usage_per_voice_model_day_user_and_key(client: TestClient) -> None:
    me = client.get("/api/v1/user/profile").json()["id"]
    assert client.post("/tts", json={"text": "One two three.", "voice": "heart"}).status_code == 200
    job = client.post(
        "/v1/jobs", json={"text": "Four five.", "voice": "heart", "options": {"timestamps": False}}
    )
    assert wait_finished(client, job.json()["id"])["status"] == "succeeded"
    other = {"Authorization": f"Bearer {new_user_key(client, 'other@example.org')}"}
    assert (
        client.post("/tts", json={"text": "Not mine at all.", "voice": "heart"}, headers=other).status_code
        == 200
    )

    mine = client.get("/analytics").json()
    assert (mine["scope"], mine["user_id"]) == ("user", me)
    assert mine["totals"]["requests"] == 2 and mine["totals"]["characters"] == len("One two three.Four five.")
    assert [row["key"] for row in mine["by_voice"]] == ["heart"]
    assert {row["key"]: row["requests"] for row in mine["by_source"]} == {"job": 1, "tts": 1}
    assert [row["key"] for row in mine["by_user"]] == [me]
    (key_row,) = mine["by_api_key"]
    assert key_row["key"] is not None and key_row["requests"] == 2
    assert 0 < mine["real_time_factor"]["hibari"] < 1
    assert len(mine["by_day"]) == 1 and mine["by_day"][0]["key"] == time.strftime("%Y-%m-%d", time.gmtime())
    assert mine["jobs"]["succeeded"] == 1 and mine["queue"] == {"queued": 0, "running": 0}
    assert client.get("/v1/usage").json()["totals"] == mine["totals"]
    assert client.get("/analytics", params={"user_id": "someone"}).status_code == 403

    admin = admin_headers(client)
    everyone = client.get("/analytics", headers=admin).json()
    assert everyone["scope"] == "everyone" and everyone["totals"]["requests"] == 3
    assert len(everyone["by_user"]) == 2
    just_me = client.get("/analytics", headers=admin, params={"user_id": me}).json()
    assert just_me["totals"] == mine["totals"]
    later = client.get("/analytics", params={"since": "2999-01-01T00:00:00Z"}).json()
    assert later["totals"]["requests"] == 0


def test_cleanup_is_for_admins_and_applies_retention(client: TestClient) -> None:
    for text in ("First.", "Second.", "Third."):
        assert client.post("/tts", json={"text": text, "voice": "heart"}).status_code == 200
    assert client.post("/maintenance/cleanup").status_code == 403
    admin = admin_headers(client)
    report = client.post("/maintenance/cleanup", headers=admin).json()
    assert report["syntheses_deleted"] == 0  # no retention configured
    report = client.post("/maintenance/cleanup", headers=admin, json={"max_items": 1}).json()
    assert report["syntheses_deleted"] == 2
    assert [i["text"] for i in client.get("/history").json()["history"]] == ["Third."]


def test_models_status_and_download(api_settings: Settings, services: Vocalis, hub: FakeHub) -> None:  # noqa: F811
    spec = find_model("kokoro-voices")
    assert spec.hub_repo is not None
    for hub_file in spec.hub_files:  # the real packs, served by a local hub
        served = hub.root / hub.url_path(spec.hub_repo, hub_file.path).lstrip("/")
        served.parent.mkdir(parents=True, exist_ok=True)
        served.symlink_to(SHARED_VOICES / hub_file.filename)
    settings = api_settings.model_copy(update={"hub": HubSettings(base_url=hub.base_url)})
    with TestClient(create_app(settings, engines=services.engines)) as client:
        client.headers["Authorization"] = f"Bearer {new_user_key(client, 'user@example.org')}"
        statuses = {m["name"]: m for m in client.get("/models/status").json()}
        assert statuses["hibari-heart"]["ready"] and statuses["hibari-heart"]["source"] == "package"
        assert statuses["kokoro-voices"]["downloadable"] and not statuses["hibari-heart"]["downloadable"]
        assert client.post("/models/download", json={"model": "kokoro-voices"}).status_code == 403
        admin = admin_headers(client)
        assert client.post("/models/download", headers=admin, json={"model": "nope"}).status_code == 404
        assert (
            client.post("/models/download", headers=admin, json={"model": "hibari-heart"}).status_code == 503
        )

        r = client.post("/models/download", headers=admin, json={"model": "kokoro-voices"})
        assert r.status_code == 202 and r.json()["state"] == "downloading"
        client.app.state.vocalis.downloads.wait(60)  # type: ignore[attr-defined]
        status = {m["name"]: m for m in client.get("/models/status").json()}["kokoro-voices"]
        assert status["download"]["state"] == "done" and status["download"]["files_done"] == 55
    pulled = settings.models_dir / "kokoro-voices" / "af_heart.pt"
    assert pulled.read_bytes() == (SHARED_VOICES / "af_heart.pt").read_bytes()


def test_retention_runs_at_start_up(api_settings: Settings, services: Vocalis) -> None:
    with TestClient(create_app(api_settings, engines=services.engines)) as client:
        client.headers["Authorization"] = f"Bearer {new_user_key(client, 'keeper@example.org')}"
        for text in ("Old.", "Older.", "Newest."):
            assert client.post("/tts", json={"text": text, "voice": "heart"}).status_code == 200
        key = client.headers["Authorization"]
    settings = api_settings.model_copy(update={"retention": RetentionSettings(max_items=1)})
    with TestClient(create_app(settings, engines=services.engines)) as client:
        client.headers["Authorization"] = key
        deadline = time.monotonic() + 10
        while client.get("/history").json()["total"] > 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [i["text"] for i in client.get("/history").json()["history"]] == ["Newest."]
