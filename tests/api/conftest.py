"""API fixtures: the real app on the session's engines, in-process or behind a real uvicorn server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from vocalis.api.app import create_app
from vocalis.config import Settings
from vocalis.engines.registry import EngineRegistry
from vocalis.services import Services


@pytest.fixture
def api_settings(tmp_path: Path, settings: Settings) -> Settings:
    return settings.model_copy(update={"data_dir": tmp_path / "api-data"})


@pytest.fixture
def client(api_settings: Settings, services: Services) -> Iterator[TestClient]:
    """A client signed in with an API key of a fresh user (all scopes but admin)."""
    with TestClient(create_app(api_settings, engines=services.engines)) as test_client:
        test_client.headers["Authorization"] = f"Bearer {new_user_key(test_client, 'owner@example.org')}"
        yield test_client


def new_user_key(client: TestClient, email: str, *, scopes: list[str] | None = None) -> str:
    accounts = client.app.state.vocalis.accounts  # type: ignore[attr-defined]
    user = accounts.directory.create(email, "correct horse battery", actor_id=None)
    return str(accounts.keys.create(user, "tests", scopes).key)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def running_server(settings: Settings, engines: EngineRegistry, *, local_mode: bool = True) -> Iterator[str]:
    """A real uvicorn server on a loopback port, by default in local mode (requests from here act as the
    local admin); ``local_mode=False`` makes every API call sign in."""
    port = free_port()
    auth = settings.auth.model_copy(update={"local_mode": local_mode})
    settings = settings.model_copy(update={"auth": auth})
    config = uvicorn.Config(
        create_app(settings, engines=engines), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
