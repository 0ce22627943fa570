"""Request rate limits (moving window, shared through Redis when configured) and daily quotas."""

from __future__ import annotations

import math
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from limits import RateLimitItemPerMinute
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry
from sqlalchemy import func, select

from vocalis.errors import QuotaExceeded, RateLimited, StorageUnavailable
from vocalis.store.db import Database
from vocalis.store.tables import SynthesisRow


class RateLimits:
    """``hit`` counts a request against a per-minute budget and raises RateLimited past it.

    With Redis configured, every call waits at most ``socket_timeout_s`` (once, no retries: the client
    retries after Retry-After). After a failure Redis is not asked again for ``cooldown_s``: requests
    are refused at once instead of each tying up a worker thread on a Redis that does not answer.
    """

    def __init__(
        self,
        storage_url: str | None,
        *,
        socket_timeout_s: float = 0.5,
        connect_timeout_s: float = 0.5,
        cooldown_s: float = 1.0,
    ) -> None:
        self._url = storage_url
        options: dict[str, Any] = {}
        if storage_url:
            options = {
                "socket_timeout": socket_timeout_s,
                "socket_connect_timeout": connect_timeout_s,
                "retry": Retry(NoBackoff(), 0),
            }
        self._storage = storage_from_string(storage_url or "memory://", **options)
        self._limiter = MovingWindowRateLimiter(self._storage)
        self._cooldown = cooldown_s
        self._down_until = 0.0

    @property
    def shared(self) -> bool:
        """Counted in Redis (shared by replicas), not in this process's memory."""
        return self._url is not None

    def reachable(self) -> bool:
        """One round trip to the store (a PING), bounded by the socket timeouts; no round trip at all
        while a recent failure keeps requests from asking (the answer would be "down" anyway)."""
        if self._cooling_down():
            return False
        if self._storage.check():
            return True
        self._failed()
        return False

    def _cooling_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _failed(self) -> None:
        self._down_until = time.monotonic() + self._cooldown

    def hit(self, key: str, per_minute: int, *, what: str = "requests") -> None:
        item = RateLimitItemPerMinute(per_minute)
        if self._cooling_down():
            raise StorageUnavailable(
                "the rate-limit store failed moments ago; not asking again yet", dependency="redis"
            )
        try:
            allowed = self._limiter.hit(item, "vocalis", key)
            if allowed:
                return
            stats = self._limiter.get_window_stats(item, "vocalis", key)
        except RedisError as exc:
            self._failed()
            raise StorageUnavailable(
                f"the rate-limit store at {_where(self._url)} is unreachable: {exc}", dependency="redis"
            ) from exc
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        raise RateLimited(
            f"too many {what}: the limit is {per_minute} a minute; retry in {retry_after} s",
            retry_after=retry_after,
            limit=per_minute,
            window="minute",
        )

    def reset(self) -> None:
        self._storage.reset()


def _where(url: str | None) -> str:
    """host:port of a Redis URL, without the password (for the log, never the client)."""
    parts = urlsplit(url or "")
    return f"{parts.hostname}:{parts.port or 6379}"


def start_of_day() -> datetime:
    now = datetime.now(UTC)
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


class Quotas:
    """Daily character budget and stored-audio budget, counted from the synthesis history."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def characters_today(self, owner_id: str) -> int:
        with self._db.session() as session:
            total = session.scalar(
                select(func.coalesce(func.sum(SynthesisRow.characters), 0)).where(
                    SynthesisRow.owner_id == owner_id, SynthesisRow.created_at >= start_of_day()
                )
            )
            return int(total or 0)

    def stored_audio_bytes(self, owner_id: str) -> int:
        with self._db.session() as session:
            total = session.scalar(
                select(func.coalesce(func.sum(SynthesisRow.audio_bytes), 0)).where(
                    SynthesisRow.owner_id == owner_id
                )
            )
            return int(total or 0)

    def check_characters(self, owner_id: str, requested: int, per_day: int) -> None:
        used = self.characters_today(owner_id)
        if used + requested > per_day:
            raise QuotaExceeded(
                f"daily character quota reached: {used} of {per_day} used today, "
                f"this request needs {requested}",
                limit="characters_per_day",
                used=used,
                allowed=per_day,
            )

    def check_storage(self, owner_id: str, allowed: int) -> None:
        used = self.stored_audio_bytes(owner_id)
        if used >= allowed:
            raise QuotaExceeded(
                f"stored audio quota reached: {used} of {allowed} bytes; delete some history first",
                limit="stored_audio_bytes",
                used=used,
                allowed=allowed,
            )
