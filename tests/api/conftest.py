"""API fixtures: the real app on the session's engines, in-process or behind a real uvicorn server."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.servers import serving
from vocalis.api.app import create_app
from vocalis.config import Settings
from vocalis.engines.registry import EngineRegistry
from vocalis.graph import Vocalis


@pytest.fixture
def api_settings(tmp_path: Path, settings: Settings) -> Settings:
    return settings.model_copy(update={"data_dir": tmp_path / "api-data"})


@pytest.fixture
def client(api_settings: Settings, services: Vocalis) -> Iterator[TestClient]:
    """A client signed in with an API key of a fresh user (all scopes but admin)."""
    with TestClient(create_app(api_settings, engines=services.engines)) as test_client:
        test_client.headers["Authorization"] = f"Bearer {new_user_key(test_client, 'owner@example.org')}"
        yield test_client


def new_user_key(client: TestClient, email: str, *, scopes: list[str] | None = None) -> str:
    accounts = client.app.state.vocalis.accounts  # type: ignore[attr-defined]
    user = accounts.directory.create(email, "correct horse battery", actor_id=None)
    return str(accounts.keys.create(user, "tests", scopes).key)


@contextmanager
def running_server(
    settings: Settings,
    engines: EngineRegistry,
    *,
    local_mode: bool = True,
    tls: tuple[Path, Path] | None = None,
) -> Iterator[str]:
    """A real uvicorn server on a loopback port, by default in local mode (requests from here act as the
    local admin); ``local_mode=False`` makes every API call sign in. ``tls`` (certificate, key): https."""
    auth = settings.auth.model_copy(update={"local_mode": local_mode})
    settings = settings.model_copy(update={"auth": auth})
    options = {"ssl_certfile": str(tls[0]), "ssl_keyfile": str(tls[1])} if tls else {}
    with serving(create_app(settings, engines=engines), "https" if tls else "http", **options) as base:
        yield base
