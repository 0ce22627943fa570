"""Uploads decoded and heard at once are bounded: the rest wait in a short queue, then get 503."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import numpy as np
import pytest
import soundfile as sf
from fastapi.testclient import TestClient

from tests.api.conftest import new_user_key
from vocalis.analysis.admission import UploadSlot, UploadSlots
from vocalis.api.app import create_app
from vocalis.config import AnalysisSettings, Settings
from vocalis.graph import Vocalis

CONSENT = "I, Ana Lopez, consent to Vocalis cloning my voice for my course videos, on 2026-11-22."


def tone_wav(seconds: float = 1.0, rate: int = 16_000) -> bytes:
    t = np.arange(round(seconds * rate)) / rate
    buffer = io.BytesIO()
    sf.write(buffer, (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32), rate, format="WAV")
    return buffer.getvalue()


UPLOADS: dict[str, tuple[str, dict[str, Any]]] = {
    "analysis": ("/api/v1/analysis", {"data": {"language": "en"}}),
    "transcription": ("/v1/audio/transcriptions", {"data": {"language": "en"}}),
    "streamed transcription": ("/v1/audio/transcriptions", {"data": {"language": "en", "stream": "true"}}),
    "voice sample": ("/voices", {"data": {"name": "Ana", "consent": CONSENT}}),
    "voice samples (ElevenLabs)": ("/v1/voices/add", {"data": {"name": "Ana", "consent": CONSENT}}),
}


def post(client: TestClient | httpx.Client, route: str) -> httpx.Response:
    path, extra = UPLOADS[route]
    field = "files" if path == "/v1/voices/add" else "file"
    return client.post(path, files={field: ("tone.wav", tone_wav())}, **extra)


def limited_client(
    api_settings: Settings, services: Vocalis, *, max_queued: int
) -> Iterator[tuple[TestClient, UploadSlots]]:
    analysis = AnalysisSettings(max_concurrent=1, max_queued=max_queued, retry_after_s=7)
    settings = api_settings.model_copy(update={"analysis": analysis})
    with TestClient(create_app(settings, engines=services.engines)) as client:
        client.headers["Authorization"] = f"Bearer {new_user_key(client, 'busy@example.org')}"
        yield client, client.app.state.vocalis.upload_slots  # type: ignore[attr-defined]


@pytest.fixture
def no_queue(api_settings: Settings, services: Vocalis) -> Iterator[tuple[TestClient, UploadSlots]]:
    yield from limited_client(api_settings, services, max_queued=0)


@pytest.fixture
def one_queued(api_settings: Settings, services: Vocalis) -> Iterator[tuple[TestClient, UploadSlots]]:
    yield from limited_client(api_settings, services, max_queued=1)


def hold(client: TestClient, slots: UploadSlots) -> UploadSlot:
    """Take the only slot on the app's own event loop, as a long analysis would."""
    assert client.portal is not None
    slot: UploadSlot = client.portal.call(slots.acquire)
    return slot


def let_go(client: TestClient, slot: UploadSlot) -> None:
    assert client.portal is not None
    client.portal.call(slot.release)


@pytest.mark.parametrize("route", list(UPLOADS))
def test_a_full_server_refuses_uploads_with_503_and_retry_after(
    no_queue: tuple[TestClient, UploadSlots], route: str
) -> None:
    client, slots = no_queue
    slot = hold(client, slots)
    r = post(client, route)
    assert r.status_code == 503, r.text
    assert r.headers["retry-after"] == "7"
    assert r.headers["content-type"].startswith("application/json")  # not a stream that started
    error = r.json()["error"]
    assert error["code"] == "overloaded"
    assert error["details"] == {"retry_after": 7, "running": 1, "waiting": 0}
    let_go(client, slot)
    assert post(client, route).status_code != 503  # free again: served (or refused for its content)
    assert (slots.running, slots.waiting) == (0, 0)


def test_a_queued_upload_waits_for_the_slot(one_queued: tuple[TestClient, UploadSlots]) -> None:
    client, slots = one_queued
    slot = hold(client, slots)
    answers: list[httpx.Response] = []
    waiter = threading.Thread(target=lambda: answers.append(post(client, "analysis")))
    waiter.start()
    deadline = time.monotonic() + 30
    while slots.waiting == 0:
        assert time.monotonic() < deadline, "the upload never queued"
        time.sleep(0.01)
    assert post(client, "transcription").status_code == 503  # the queue of one is full
    assert not answers
    let_go(client, slot)
    waiter.join(timeout=120)
    assert [r.status_code for r in answers] == [200], [r.text for r in answers]
    assert answers[0].json()["duration"] == pytest.approx(1.0, abs=0.01)


@pytest.mark.parametrize(
    ("route", "data", "status"),
    [
        ("analysis", b"not audio at all", 415),
        ("transcription", b"not audio at all", 415),
        ("streamed transcription", b"not audio at all", 415),
        ("voice sample", b"not audio at all", 415),
        ("streamed transcription", None, 200),
        ("transcription", None, 200),
    ],
)
def test_every_way_an_upload_ends_gives_its_slot_back(
    no_queue: tuple[TestClient, UploadSlots], route: str, data: bytes | None, status: int
) -> None:
    client, slots = no_queue
    path, extra = UPLOADS[route]
    for _ in range(2):  # with one slot and no queue, a slot kept would refuse the second with 503
        r = client.post(path, files={"file": ("x.wav", data if data is not None else tone_wav())}, **extra)
        assert r.status_code == status, r.text
        assert (slots.running, slots.waiting) == (0, 0)
