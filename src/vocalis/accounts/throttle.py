"""Slowing password guessing down without letting anyone lock an account (OWASP Authentication Cheat
Sheet: throttle the attacker, not the account).

Failed sign-ins are counted over a sliding window of ``lockout_minutes``, under three keys:

- an address and an e-mail: after ``max_failed_logins`` failures that address must wait before it tries
  that e-mail again (``first_wait_seconds``, doubling with each further failure, at most the window).
  The owner, signing in from anywhere else, is not affected; a success from the address clears it.
- an address, whatever the e-mails (password spraying, probing which e-mails have accounts): after
  ``failed_logins_per_address`` failures the address waits the same way for every e-mail.
- an e-mail, from any addresses (guessing spread over many addresses): after
  ``account_slowdown_after`` failures every sign-in at it is held a moment before it is answered
  (1 s, doubling, at most ``account_hold_seconds``); the right password still passes.

Keys hold a digest of the e-mail as typed (lower-cased), registered or not, so the throttle answers the
same for e-mails with and without an account. The counts live in Redis when VOCALIS_QUEUE__URL is set,
else in the database (table ``login_failures``): either way every replica sees the same counts.
"""

from __future__ import annotations

import hashlib
import math
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import redis
from redis.exceptions import RedisError
from sqlalchemy import delete, func, select

from vocalis.accounts.audit import AuditLog
from vocalis.config import AuthSettings
from vocalis.errors import RateLimited, StorageUnavailable
from vocalis.store.account_tables import LoginFailureRow
from vocalis.store.db import Database

REDIS_PREFIX = "vocalis:login:"
MOST_KEPT = 1000  # failures remembered per key: the wait is long capped well before this


@dataclass(frozen=True)
class Failures:
    count: int
    last: float  # when the latest was (epoch seconds); 0.0 when there is none


NONE = Failures(0, 0.0)


class FailureStore(Protocol):
    def read(self, keys: Sequence[str], since: float) -> dict[str, Failures]: ...

    def add(self, keys: Sequence[str], at: float, *, keep_s: float) -> None: ...

    def clear(self, keys: Sequence[str]) -> None: ...


def _datetime(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


class DatabaseFailures:
    """One row per failure and key; a key's rows older than the window go when it gets a new one."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def read(self, keys: Sequence[str], since: float) -> dict[str, Failures]:
        query = (
            select(LoginFailureRow.key, func.count(), func.max(LoginFailureRow.at))
            .where(LoginFailureRow.key.in_(keys), LoginFailureRow.at >= _datetime(since))
            .group_by(LoginFailureRow.key)
        )
        with self._db.session() as session:
            rows = session.execute(query).all()
        return {key: Failures(int(count), last.timestamp() if last else 0.0) for key, count, last in rows}

    def add(self, keys: Sequence[str], at: float, *, keep_s: float) -> None:
        with self._db.session() as session:
            session.execute(
                delete(LoginFailureRow).where(
                    LoginFailureRow.key.in_(keys), LoginFailureRow.at < _datetime(at - keep_s)
                )
            )
            session.add_all(LoginFailureRow(key=key, at=_datetime(at)) for key in keys)

    def clear(self, keys: Sequence[str]) -> None:
        with self._db.session() as session:
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.key.in_(keys)))


class RedisFailures:
    """A sorted set of failure times per key, expiring with the window."""

    def __init__(self, url: str) -> None:
        self._redis = redis.Redis.from_url(url, socket_timeout=2.0, socket_connect_timeout=2.0)

    def read(self, keys: Sequence[str], since: float) -> dict[str, Failures]:
        try:
            pipe = self._redis.pipeline(transaction=False)
            for key in keys:
                pipe.zcount(REDIS_PREFIX + key, since, "+inf")
                pipe.zrange(REDIS_PREFIX + key, -1, -1, withscores=True)
            answers = pipe.execute()
        except RedisError as exc:
            raise StorageUnavailable(f"the sign-in throttle's store is unreachable: {exc}") from exc
        found: dict[str, Failures] = {}
        for index, key in enumerate(keys):
            count, latest = int(answers[2 * index]), answers[2 * index + 1]
            if count:
                found[key] = Failures(count, float(latest[0][1]) if latest else 0.0)
        return found

    def add(self, keys: Sequence[str], at: float, *, keep_s: float) -> None:
        try:
            pipe = self._redis.pipeline(transaction=True)
            for key in keys:
                name = REDIS_PREFIX + key
                pipe.zadd(name, {uuid.uuid4().hex: at})
                pipe.zremrangebyscore(name, "-inf", at - keep_s)
                pipe.zremrangebyrank(name, 0, -MOST_KEPT - 1)
                pipe.expire(name, math.ceil(keep_s) + 1)
            pipe.execute()
        except RedisError as exc:
            raise StorageUnavailable(f"the sign-in throttle's store is unreachable: {exc}") from exc

    def clear(self, keys: Sequence[str]) -> None:
        try:
            self._redis.delete(*(REDIS_PREFIX + key for key in keys))
        except RedisError as exc:
            raise StorageUnavailable(f"the sign-in throttle's store is unreachable: {exc}") from exc


def failure_store(redis_url: str | None, database: Database) -> FailureStore:
    return RedisFailures(redis_url) if redis_url else DatabaseFailures(database)


def _digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:40]


@dataclass(frozen=True)
class ThrottleKeys:
    pair: str  # this address, this e-mail
    address: str  # this address, any e-mail
    account: str  # this e-mail, any address

    @classmethod
    def of(cls, email: str, ip: str | None) -> ThrottleKeys:
        address, account = ip or "unknown", _digest(email)
        return cls(pair=f"p:{address}:{account}", address=f"a:{address}", account=f"e:{account}")


class LoginThrottle:
    def __init__(
        self,
        store: FailureStore,
        settings: AuthSettings,
        audit: AuditLog,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._store = store
        self._settings = settings
        self._audit = audit
        self._clock = clock

    @property
    def _window_s(self) -> float:
        return self._settings.lockout_minutes * 60.0

    def _wait(self, failures: Failures, allowed: int, now: float) -> int:
        """Seconds this key must still wait: none below ``allowed`` failures, then doubling."""
        if failures.count < allowed:
            return 0
        doublings = min(failures.count - allowed, 30)
        wait = min(float(self._settings.first_wait_seconds * 2**doublings), self._window_s)
        return max(0, math.ceil(failures.last + wait - now))

    def admit(self, email: str, ip: str | None) -> float:
        """Raise RateLimited while this address must wait; else the seconds to hold the answer (0.0
        unless the e-mail is being guessed at from many addresses)."""
        keys, now = ThrottleKeys.of(email, ip), self._clock()
        found = self._store.read([keys.pair, keys.address, keys.account], now - self._window_s)
        wait = max(
            self._wait(found.get(keys.pair, NONE), self._settings.max_failed_logins, now),
            self._wait(found.get(keys.address, NONE), self._settings.failed_logins_per_address, now),
        )
        if wait > 0:
            self._audit.record("login_throttled", actor_id=None, ip=ip, retry_after=wait)
            raise RateLimited(
                f"too many failed sign-ins from this address: try again in {wait} s",
                retry_after=wait,
            )
        excess = found.get(keys.account, NONE).count - self._settings.account_slowdown_after
        if excess < 0:
            return 0.0
        hold = min(float(2 ** min(excess, 30)), self._settings.account_hold_seconds)
        if hold > 0:
            self._audit.record("login_held", actor_id=None, ip=ip, seconds=hold)
        return hold

    def admit_address(self, ip: str | None) -> None:
        """Raise RateLimited while the address as a whole must wait (before a sign-up)."""
        key, now = ThrottleKeys.of("", ip).address, self._clock()
        found = self._store.read([key], now - self._window_s)
        wait = self._wait(found.get(key, NONE), self._settings.failed_logins_per_address, now)
        if wait > 0:
            self._audit.record("signup_throttled", actor_id=None, ip=ip, retry_after=wait)
            raise RateLimited(
                f"too many failed attempts from this address: try again in {wait} s", retry_after=wait
            )

    def failed(self, email: str, ip: str | None) -> None:
        keys = ThrottleKeys.of(email, ip)
        self._store.add([keys.pair, keys.address, keys.account], self._clock(), keep_s=self._window_s)

    def failed_probe(self, ip: str | None) -> None:
        """A sign-up with a taken e-mail: it counts against the address only."""
        self._store.add([ThrottleKeys.of("", ip).address], self._clock(), keep_s=self._window_s)

    def succeeded(self, email: str, ip: str | None) -> None:
        """The address knew the password: its failures at this e-mail are forgiven (not the others)."""
        self._store.clear([ThrottleKeys.of(email, ip).pair])
