"""Is each dependency the server needs answering? Cheap checks for ``/health``, never starved.

The checks run in a small thread pool of their own, not the shared one requests use: when a
dependency hangs, requests can fill the shared pool, and a health check queued behind them would say
nothing useful for seconds. Each check is bounded by ``timeout_s``; one that takes longer counts as
down. The bound is generous: a busy 2-core machine (four renders, the test suite's other worker)
once took more than 0.8 s to answer ``SELECT 1`` from SQLite, and a health check that says
"degraded" because the machine is busy takes a healthy replica out of its load balancer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

PROBE_TIMEOUT_S = 1.5


@dataclass(frozen=True)
class Probe:
    name: str  # "database", "redis"
    check: Callable[[], bool]  # True when the dependency answered; never raises


class Readiness:
    def __init__(self, probes: list[Probe], *, timeout_s: float = PROBE_TIMEOUT_S) -> None:
        self._probes = probes
        self._timeout = timeout_s
        # A hung check holds its thread until its own socket timeout; a few spare threads keep
        # back-to-back health checks answering meanwhile (a full pool answers "down" at the timeout).
        self._pool = ThreadPoolExecutor(max_workers=4 * max(1, len(probes)), thread_name_prefix="health")

    @property
    def names(self) -> list[str]:
        return [p.name for p in self._probes]

    async def check(self) -> Mapping[str, bool]:
        """Every dependency at once, each within the timeout: name -> answered."""
        answers = await asyncio.gather(*(self._answered(p) for p in self._probes))
        return dict(zip(self.names, answers, strict=True))

    async def _answered(self, probe: Probe) -> bool:
        loop = asyncio.get_running_loop()
        try:
            return await asyncio.wait_for(loop.run_in_executor(self._pool, probe.check), self._timeout)
        except TimeoutError:
            return False

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
