"""Real servers on loopback ports for tests that need a socket (uvicorn, started and stopped in-process)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from typing import Any, TypeVar

import uvicorn

T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serving(app: Any, scheme: str = "http", **options: Any) -> Iterator[str]:
    """``app`` behind a real uvicorn server; yields its base URL (``scheme://127.0.0.1:port``).
    ``options`` go to ``uvicorn.Config`` (``ssl_certfile``/``ssl_keyfile`` for https)."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"{scheme}://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def run_client(scenario: Coroutine[Any, Any, T]) -> T:
    """Run an async client scenario on a fresh event loop in its own thread: the browser tests leave a
    loop running in the main thread, where ``asyncio.run`` refuses to start another."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, scenario).result()


@contextmanager
def silent_server() -> Iterator[int]:
    """A TCP server on loopback that accepts connections and never answers (a hung Redis, say);
    yields its port."""
    loop = asyncio.new_event_loop()
    started = threading.Event()
    port: list[int] = []
    held: set[asyncio.StreamWriter] = set()

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.add(writer)
        try:
            while await reader.read(65536):
                pass  # read and discard, never reply
        finally:
            held.discard(writer)
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(hold, "127.0.0.1", 0, backlog=512)
        port.append(server.sockets[0].getsockname()[1])
        started.set()
        try:
            await server.serve_forever()
        finally:
            server.close()
            for writer in list(held):
                writer.close()
            await asyncio.sleep(0.05)  # let the handlers see their connections close

    task = loop.create_task(main())

    def run() -> None:
        with suppress(asyncio.CancelledError):
            loop.run_until_complete(task)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    if not started.wait(10):
        raise RuntimeError("the silent server did not start")
    try:
        yield port[0]
    finally:
        loop.call_soon_threadsafe(task.cancel)
        thread.join(timeout=10)
        loop.close()
