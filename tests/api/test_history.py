"""History over HTTP: filters, search, sort, pages; audio; deletes; the streamed zip export."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

from fastapi.testclient import TestClient

from tests.api.conftest import new_user_key
from vocalis.store.history import NewSynthesis, SynthesisRecord
from vocalis.store.tables import SynthesisRow, utcnow


def _record(
    client: TestClient, owner: str, text: str, voice: str, days_ago: float, audio: bytes
) -> SynthesisRecord:
    state = client.app.state.vocalis  # type: ignore[attr-defined]
    key = state.blobs.new_key("mp3")
    state.blobs.write_bytes(key, audio)
    record: SynthesisRecord = state.history.record(
        NewSynthesis(
            owner, "openai", text, voice, "kokoro", "mp3", 24000, 1.0, len(text) / 10, 0.1, key, len(audio)
        )
    )
    with state.database.session() as session:
        row = session.get(SynthesisRow, record.id)
        row.created_at = utcnow() - timedelta(days=days_ago)
    return record


def test_filters_search_sort_and_pages(client: TestClient) -> None:
    me = client.get("/api/v1/user/profile").json()["id"]
    a = _record(client, me, "A quiet morning in the valley.", "af_heart", 3, b"a")
    b = _record(client, me, "100% of the 5_000 tickets sold.", "bm_lewis", 2, b"b")
    c = _record(client, me, "Morning news, read slowly and clearly.", "af_heart", 1, b"c")
    _record(client, "someone-else", "Morning for someone else.", "af_heart", 1, b"d")

    def ids(**params: object) -> list[str]:
        r = client.get("/v1/history", params=params)
        assert r.status_code == 200, r.text
        return [item["id"] for item in r.json()["history"]]

    assert ids() == [c.id, b.id, a.id]
    assert ids(sort="created_at") == [a.id, b.id, c.id]
    assert ids(sort="-characters") == [c.id, b.id, a.id]
    assert ids(voice="af_heart") == [c.id, a.id]
    assert ids(q="MORNING") == [c.id, a.id]
    assert ids(q="100%") == [b.id] and ids(q="5_0") == [b.id]  # wildcards are plain characters
    since = (utcnow() - timedelta(days=2, hours=12)).isoformat()
    until = (utcnow() - timedelta(hours=12)).isoformat()
    assert ids(since=since, until=until) == [c.id, b.id]
    page = client.get("/history", params={"limit": 2, "offset": 0}).json()
    assert (page["total"], page["has_more"], page["last_history_item_id"]) == (3, True, b.id)
    assert [i["id"] for i in client.get("/history", params={"limit": 2, "offset": 2}).json()["history"]] == [
        a.id
    ]
    r = client.get("/history", params={"sort": "text"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_input"


def test_one_item_its_audio_and_deletes(client: TestClient) -> None:
    assert client.post("/tts", json={"text": "Keep me around.", "voice": "heart"}).status_code == 200
    (item,) = client.get("/history").json()["history"]
    assert item == client.get(f"/history/{item['id']}").json()
    assert (item["source"], item["voice_id"], item["content_type"]) == ("tts", "heart", "audio/wav")
    audio = client.get(item["audio_url"])
    assert (
        audio.status_code == 200
        and audio.content[:4] == b"RIFF"
        and len(audio.content) == item["audio_bytes"]
    )
    state = client.app.state.vocalis  # type: ignore[attr-defined]
    me = client.get("/api/v1/user/profile").json()["id"]
    path = state.blobs.path(state.history.get(item["id"], owner_id=me).audio_key)
    assert client.delete(f"/v1/history/{item['id']}").json() == {"id": item["id"], "status": "ok"}
    assert not path.exists() and client.get(f"/history/{item['id']}").status_code == 404
    x, y = (_record(client, me, t, "af_heart", 0, t.encode()) for t in ("X.", "Y."))
    r = client.post("/history/batch_delete", json={"ids": [x.id, "nope", y.id]}).json()
    assert r == {"deleted": [x.id, y.id], "not_found": ["nope"]}
    assert client.get("/history").json()["total"] == 0


def test_zip_export_streams_audio_and_a_manifest(client: TestClient) -> None:
    me = client.get("/api/v1/user/profile").json()["id"]
    big = bytes(range(256)) * 8192  # 2 MB: leaves in several pieces
    first = _record(client, me, "First clip.", "af_heart", 1, big)
    second = _record(client, me, "Second clip.", "bm_lewis", 0, b"second")
    with client.stream("POST", "/export/zip", json={"ids": [second.id, first.id]}) as response:
        assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
        pieces = list(response.iter_raw())
    assert len(pieces) > 2
    archive = zipfile.ZipFile(io.BytesIO(b"".join(pieces)))
    manifest = json.loads(archive.read("manifest.json"))["items"]
    assert [(m["id"], m["text"], m["voice"]) for m in manifest] == [
        (second.id, "Second clip.", "bm_lewis"), (first.id, "First clip.", "af_heart"),
    ]  # fmt: skip
    assert archive.read(manifest[0]["file"]) == b"second" and archive.read(manifest[1]["file"]) == big
    eleven = client.post("/v1/history/download", json={"history_item_ids": [first.id]})
    assert zipfile.ZipFile(io.BytesIO(eleven.content)).namelist() == [
        f"audio/0001-{first.id}.mp3",
        "manifest.json",
    ]


def test_other_users_history_is_invisible(client: TestClient) -> None:
    me = client.get("/api/v1/user/profile").json()["id"]
    mine = _record(client, me, "Private words.", "af_heart", 0, b"mine")
    bob = {"Authorization": f"Bearer {new_user_key(client, 'bob@example.org')}"}
    assert client.get("/history", headers=bob).json()["total"] == 0
    assert client.post("/export/zip", json={"ids": [mine.id]}, headers=bob).status_code == 404
    r = client.post("/history/batch_delete", json={"ids": [mine.id]}, headers=bob).json()
    assert r == {"deleted": [], "not_found": [mine.id]}
    assert client.get(f"/history/{mine.id}").status_code == 200
