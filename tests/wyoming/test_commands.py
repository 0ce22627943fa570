"""`vocalis wyoming` as a user runs it, and `vocalis serve` speaking Wyoming beside HTTP."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from wyoming.client import AsyncTcpClient
from wyoming.info import Describe, Info

from tests.servers import free_port, run_client, serving
from vocalis.api.app import create_app
from vocalis.config import Settings, WyomingSettings
from vocalis.graph import Vocalis

VOCALIS = str(Path(sys.executable).parent / "vocalis")
START_TIMEOUT_S = 120.0


async def describe_when_up(port: int) -> Info:
    """The server's info, retrying the connection until the process listens."""
    deadline = asyncio.get_running_loop().time() + START_TIMEOUT_S
    while True:
        try:
            async with AsyncTcpClient("127.0.0.1", port, read_timeout=60) as client:
                await client.write_event(Describe().event())
                event = await client.read_event()
                assert event is not None
                return Info.from_event(event)
        except ConnectionRefusedError:
            if asyncio.get_running_loop().time() > deadline:
                raise
            await asyncio.sleep(0.2)


def test_wyoming_help_names_the_port_the_loopback_default_and_the_missing_authentication() -> None:
    result = subprocess.run([VOCALIS, "wyoming", "--help"], capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr
    assert "--host" in result.stdout and "--port" in result.stdout
    assert "10200" in result.stdout and "127.0.0.1" in result.stdout
    assert "no authentication" in result.stdout
    assert "Wyoming Protocol" in result.stdout  # how to add it in Home Assistant


def test_vocalis_wyoming_serves_until_terminated_and_loads_its_models_at_start(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "wyoming.log"
    with log.open("w") as sink:
        process = subprocess.Popen(
            [VOCALIS, "wyoming", "--port", str(port)], stdout=sink, stderr=sink, text=True
        )
        try:
            info = run_client(describe_when_up(port))
            deadline = time.monotonic() + 120
            while "models ready" not in log.read_text() and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
    stderr = log.read_text()
    assert {"af_heart", "heart"} <= {v.name for v in info.tts[0].voices}
    assert process.returncode == 0, stderr
    assert f"tcp://127.0.0.1:{port}" in stderr
    assert "models ready in" in stderr  # warmed up without waiting for a first request
    assert "Traceback" not in stderr


def test_serve_speaks_wyoming_beside_http_when_its_port_is_set(
    settings: Settings, services: Vocalis, tmp_path: Path
) -> None:
    port = free_port()
    both = settings.model_copy(
        update={"data_dir": tmp_path / "serve-data", "wyoming": WyomingSettings(port=port)}
    )
    with serving(create_app(both, engines=services.engines)) as base:
        health = httpx.get(f"{base}/v1/models", timeout=60)
        info = run_client(describe_when_up(port))

    assert health.status_code in (200, 401)  # the HTTP API answers (this route may want a key)
    assert "af_heart" in {v.name for v in info.tts[0].voices}
    assert info.asr[0].models
