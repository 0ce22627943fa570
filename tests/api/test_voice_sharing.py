"""Sharing a cloned voice by e-mail tells the owner nothing about who is registered: an e-mail with an
account and one without answer alike, and whoever signs up with the second sees the voice.
On SQLite and PostgreSQL; the voice is stored directly (its clone job is not what is tested here)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import new_user_key
from vocalis.api.app import create_app
from vocalis.cloning.consent import Consent
from vocalis.cloning.repository import NewClonedVoice
from vocalis.cloning.result import new_voice_id
from vocalis.config import Settings
from vocalis.graph import Vocalis

CONSENT = "I, Ana Lopez, consent to Vocalis cloning my voice for my course videos, on 2026-11-22"


@pytest.fixture
def client(api_settings: Settings, services: Vocalis, database_url: str) -> Iterator[TestClient]:
    database = api_settings.database.model_copy(update={"url": database_url})
    settings = api_settings.model_copy(update={"database": database})
    with TestClient(create_app(settings, engines=services.engines)) as test_client:
        yield test_client


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def stored_voice(client: TestClient, owner_email: str) -> str:
    state: Any = client.app.state.vocalis  # type: ignore[attr-defined]
    owner = state.accounts.directory.find_by_email(owner_email)
    voice_id = new_voice_id()
    state.cloned_voice_repository.create(
        voice_id,
        NewClonedVoice(
            owner_id=owner.id,
            name="Ana",
            description="",
            labels={},
            consent=Consent.from_statement(CONSENT),
            filename="ana.wav",
            sample_wav=b"RIFF....WAVE",
            sample_seconds=20.0,
            sample_rate=24000,
        ),
    )
    return voice_id


def share(client: TestClient, owner: dict[str, str], voice_id: str, emails: list[str]) -> Any:
    return client.patch(f"/voices/{voice_id}", headers=owner, json={"shared_with": emails})


def test_known_and_unknown_emails_answer_alike(client: TestClient) -> None:
    owner = bearer(new_user_key(client, "owner@example.org"))
    new_user_key(client, "bo@example.org")
    voice_id = stored_voice(client, "owner@example.org")
    known = share(client, owner, voice_id, ["Bo@example.org"])
    unknown = share(client, owner, voice_id, ["Nobody@example.org"])
    assert known.status_code == unknown.status_code == 200
    assert known.json()["shared_with"] == ["bo@example.org"]
    assert unknown.json()["shared_with"] == ["nobody@example.org"]
    assert set(known.json()) == set(unknown.json())
    # The ElevenLabs-shaped route too, and both at once; reading it back shows what was typed.
    both = client.patch(
        f"/v1/voices/{voice_id}",
        headers=owner,
        json={"shared_with": ["nobody@example.org", "bo@example.org"]},
    )
    assert both.status_code == 200
    again = client.get(f"/voices/{voice_id}", headers=owner).json()
    assert again["shared_with"] == ["bo@example.org", "nobody@example.org"]
    # A malformed address is bad input whoever it might be: that tells nothing about accounts.
    malformed = share(client, owner, voice_id, ["not an e-mail"])
    assert malformed.status_code == 400 and malformed.json()["error"]["details"]["field"] == "shared_with"


def test_whoever_signs_up_with_an_invited_email_sees_the_voice(client: TestClient) -> None:
    owner = bearer(new_user_key(client, "owner2@example.org"))
    voice_id = stored_voice(client, "owner2@example.org")
    assert share(client, owner, voice_id, ["later@example.org"]).status_code == 200
    later = bearer(new_user_key(client, "later@example.org"))
    seen = client.get(f"/voices/{voice_id}", headers=later)
    assert seen.status_code == 200 and seen.json()["is_owner"] is False and seen.json()["shared_with"] == []
    assert client.patch(f"/voices/{voice_id}", headers=later, json={"name": "Mine"}).status_code == 403
    # Private again: the invitation goes with the share.
    assert share(client, owner, voice_id, []).status_code == 200
    assert client.get(f"/voices/{voice_id}", headers=later).status_code == 404
