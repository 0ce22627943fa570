"""Request rate limits (moving window, shared through Redis when configured) and daily quotas."""

from __future__ import annotations

import math
import time
from datetime import UTC, datetime

from limits import RateLimitItemPerMinute
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from redis.exceptions import RedisError
from sqlalchemy import func, select

from vocalis.errors import QuotaExceeded, RateLimited, StorageUnavailable
from vocalis.store.db import Database
from vocalis.store.tables import SynthesisRow


class RateLimits:
    """``hit`` counts a request against a per-minute budget and raises RateLimited past it."""

    def __init__(self, storage_url: str | None) -> None:
        self._storage = storage_from_string(storage_url or "memory://")
        self._limiter = MovingWindowRateLimiter(self._storage)

    def hit(self, key: str, per_minute: int, *, what: str = "requests") -> None:
        item = RateLimitItemPerMinute(per_minute)
        try:
            allowed = self._limiter.hit(item, "vocalis", key)
            if allowed:
                return
            stats = self._limiter.get_window_stats(item, "vocalis", key)
        except RedisError as exc:
            raise StorageUnavailable(f"the rate-limit store is unreachable: {exc}") from exc
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        raise RateLimited(
            f"too many {what}: the limit is {per_minute} a minute; retry in {retry_after} s",
            retry_after=retry_after,
            limit=per_minute,
            window="minute",
        )

    def reset(self) -> None:
        self._storage.reset()


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
