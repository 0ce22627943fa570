"""Every route of the OpenAPI schema, walked by a second user with the first user's object ids."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.api.conftest import new_user_key
from tests.api.test_jobs import wait_finished

# Path parameters that name shared things (stock voices), not objects someone owns.
SHARED_PARAMETERS = {"voice_id"}


def test_nobody_reads_changes_or_deletes_another_users_objects(client: TestClient) -> None:
    state = client.app.state.vocalis  # type: ignore[attr-defined]
    alice = client.headers["Authorization"]
    alice_id = client.get("/api/v1/user/profile").json()["id"]
    key = client.post("/api/v1/keys", json={"name": "alice's"})
    assert key.status_code == 403  # an API key cannot create keys; use the directory directly
    alice_user = state.accounts.directory.get(alice_id)
    alice_key = state.accounts.keys.create(alice_user, "alice's", None).info.id
    assert client.post("/tts", json={"text": "Alice only.", "voice": "heart"}).status_code == 200
    job = client.post(
        "/v1/jobs", json={"text": "Alice's job.", "voice": "heart", "options": {"timestamps": False}}
    )
    assert wait_finished(client, job.json()["id"])["status"] == "succeeded"
    synthesis, _job_result = state.history.list(owner_id=alice_id)[::-1]
    session = client.post("/api/v1/sessions", json={"title": "Alice's rehearsal"}).json()["id"]
    alice_ids = {alice_id, alice_key, synthesis.id, job.json()["id"], session}

    bob = {"Authorization": f"Bearer {new_user_key(client, 'bob@example.org')}"}
    schema = client.get("/openapi.json").json()
    probed = 0
    for path, operations in schema["paths"].items():
        parameters = re.findall(r"{(\w+)}", path)
        if not parameters or set(parameters) <= SHARED_PARAMETERS:
            continue
        for method in operations:
            for object_id in alice_ids:
                url = path
                for name in parameters:
                    url = url.replace(f"{{{name}}}", object_id)
                if probed and probed % 100 == 0:  # a fresh stranger before the per-minute limit
                    bob = {"Authorization": f"Bearer {new_user_key(client, f'bob{probed}@example.org')}"}
                r = client.request(method.upper(), url, headers=bob, json={})
                probed += 1
                assert r.status_code in {403, 404, 422}, (method, url, r.status_code, r.text)
    assert probed >= 6
    # Lists show only the caller's own objects.
    bob_keys = client.get("/api/v1/keys", headers=bob).json()
    assert alice_key not in {k["id"] for k in bob_keys}
    assert len(state.history.list(owner_id=alice_id)) == 2  # nothing of Alice's was deleted
    assert client.get(f"/v1/jobs/{job.json()['id']}").json()["status"] == "succeeded"
    assert client.get("/v1/jobs", headers=bob).json()["total"] == 0
    assert state.accounts.keys.list(alice_id)[0].revoked_at is None
    assert client.get(f"/api/v1/sessions/{session}").json()["title"] == "Alice's rehearsal"
    client.headers["Authorization"] = alice
