"""Realtime fixtures: the plumbing app in-process or behind a real uvicorn server on a loopback port."""

from __future__ import annotations

import time
from typing import Any


def wait_for(condition: Any, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return bool(condition())


# The API's fixtures, for the stream-input session on the real app and engines.
from tests.api.conftest import api_settings, client  # noqa: E402, F401
