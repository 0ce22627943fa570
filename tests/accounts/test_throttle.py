"""Password guessing is slowed per address, never by locking the account; every refusal looks alike.

On SQLite and PostgreSQL (the throttle's counts in the database), and with Redis (counts in Redis).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from statistics import median

import pytest

from tests.conftest import quick_auth
from tests.databases import redis_test_url
from vocalis.accounts.audit import AuditLog
from vocalis.accounts.service import Accounts, build_accounts
from vocalis.accounts.throttle import DatabaseFailures, FailureStore, LoginThrottle, RedisFailures
from vocalis.config import QueueSettings, Settings
from vocalis.errors import RateLimited, StorageUnavailable, Unauthorized
from vocalis.store.db import Database

PASSWORD = "correct horse battery"
REDIS_URL = redis_test_url("throttle")


def new_address() -> str:
    """Counts in Redis outlive a test's database: each test guesses from addresses of its own."""
    return f"2001:db8::{uuid.uuid4().hex[:4]}:{uuid.uuid4().hex[:4]}"


AUTH = quick_auth(max_failed_logins=3, failed_logins_per_address=6, account_slowdown_after=50)


def unique_email(label: str) -> str:
    return f"{label}-{uuid.uuid4().hex[:10]}@example.org"


@pytest.fixture(params=["database", "redis"])
def settings(request: pytest.FixtureRequest) -> Settings:
    queue = QueueSettings(url=REDIS_URL if request.param == "redis" else None)
    return Settings(auth=AUTH, queue=queue)


@pytest.fixture
def accounts(migrated: Database, settings: Settings) -> Iterator[Accounts]:
    yield build_accounts(settings, migrated)


@dataclass(frozen=True)
class Addresses:
    attacker: str = field(default_factory=new_address)
    owner: str = field(default_factory=new_address)
    other: str = field(default_factory=new_address)


@pytest.fixture
def at() -> Addresses:
    return Addresses()


def fail(accounts: Accounts, email: str, ip: str, password: str = "wrong password!") -> None:
    with pytest.raises(Unauthorized, match=r"^wrong email or password$"):
        accounts.signin.login(email, password, ip=ip, user_agent=None)


def test_a_stranger_cannot_lock_the_owner_out(accounts: Accounts, at: Addresses) -> None:
    email = unique_email("ana")
    owner = accounts.directory.create(email, PASSWORD, actor_id=None)
    for _ in range(3):
        fail(accounts, email, at.attacker)
    # The attacker's address must wait, even with the right password...
    with pytest.raises(RateLimited) as waited:
        accounts.signin.login(email, PASSWORD, ip=at.attacker, user_agent=None)
    assert 25 <= waited.value.retry_after <= 30
    assert "this address" in waited.value.message
    # ...the owner, elsewhere, signs in at once.
    signed = accounts.signin.login(email, PASSWORD, ip=at.owner, user_agent=None)
    assert signed.user.id == owner.id
    events = accounts.audit.list()
    assert [e.action for e in events].count("login_failed") == 3
    throttled = [e for e in events if e.action == "login_throttled"]
    assert len(throttled) == 1 and throttled[0].ip == at.attacker


def test_unknown_wrong_disabled_and_throttled_answer_alike(accounts: Accounts, at: Addresses) -> None:
    known, unknown, disabled = unique_email("bo"), unique_email("nobody"), unique_email("off")
    accounts.directory.create(known, PASSWORD, actor_id=None)
    admin = accounts.directory.create(unique_email("admin"), PASSWORD, actor_id=None)
    off = accounts.directory.create(disabled, PASSWORD, actor_id=None)
    accounts.directory.update(off.id, actor_id=admin.id, disabled=True)
    fail(accounts, unknown, at.owner, PASSWORD)
    fail(accounts, known, at.owner)
    fail(accounts, disabled, at.owner, PASSWORD)  # the right password of a disabled account
    fail(accounts, "not an e-mail", at.owner)
    # The throttle counts e-mails, not accounts: an unknown one is throttled exactly like a known one.
    answers = []
    for email in (known, unknown):
        for _ in range(3):
            fail(accounts, email, at.attacker)
        with pytest.raises(RateLimited) as waited:
            accounts.signin.login(email, PASSWORD, ip=at.attacker, user_agent=None)
        answers.append((type(waited.value), waited.value.code, waited.value.message))
    assert answers[0] == answers[1]


def test_unknown_emails_take_as_long_as_known_ones(accounts: Accounts) -> None:
    """A decoy hash is verified for an unknown e-mail; without it the answer would come ~100x sooner."""
    known = unique_email("timing")
    accounts.directory.create(known, PASSWORD, actor_id=None)

    def seconds(email: str, ip: str) -> float:
        start = time.perf_counter()
        with pytest.raises(Unauthorized):
            accounts.signin.login(email, "wrong password!", ip=ip, user_agent=None)
        return time.perf_counter() - start

    # Alternate, from fresh addresses, so load on the machine hits both alike and no throttle trips.
    pairs = [(seconds(known, new_address()), seconds(unique_email("x"), new_address())) for _ in range(5)]
    known_s, unknown_s = median(p[0] for p in pairs), median(p[1] for p in pairs)
    assert unknown_s > known_s / 3, (known_s, unknown_s)


def test_an_address_guessing_many_emails_must_wait(accounts: Accounts, at: Addresses) -> None:
    """Password spraying: one address, many e-mails, few tries each."""
    emails = [unique_email("spray") for _ in range(4)]
    for email in emails:
        accounts.directory.create(email, PASSWORD, actor_id=None)
    sprayer = at.attacker
    for email in emails[:3]:
        fail(accounts, email, sprayer)
        fail(accounts, email, sprayer)
    with pytest.raises(RateLimited):
        accounts.signin.login(emails[3], PASSWORD, ip=sprayer, user_agent=None)
    assert accounts.signin.login(emails[3], PASSWORD, ip=at.other, user_agent=None).user.email == emails[3]


def test_replicas_share_the_counts(migrated: Database, settings: Settings, at: Addresses) -> None:
    one, two = build_accounts(settings, migrated), build_accounts(settings, migrated)
    email = unique_email("replica")
    one.directory.create(email, PASSWORD, actor_id=None)
    fail(one, email, at.attacker)
    fail(two, email, at.attacker)
    fail(one, email, at.attacker)
    with pytest.raises(RateLimited):
        two.signin.login(email, PASSWORD, ip=at.attacker, user_agent=None)


def test_guessing_from_many_addresses_holds_sign_ins_but_the_right_password_passes(
    migrated: Database, settings: Settings, at: Addresses
) -> None:
    auth = AUTH.model_copy(update={"account_slowdown_after": 3, "account_hold_seconds": 1.0})
    accounts = build_accounts(settings.model_copy(update={"auth": auth}), migrated)
    email = unique_email("botnet")
    accounts.directory.create(email, PASSWORD, actor_id=None)
    for _ in range(3):
        fail(accounts, email, new_address())
    start = time.monotonic()
    signed = accounts.signin.login(email, PASSWORD, ip=at.owner, user_agent=None)
    assert time.monotonic() - start >= 0.9
    assert signed.user.email == email
    held = [e for e in accounts.audit.list() if e.action == "login_held"]
    assert len(held) == 1 and held[0].ip == at.owner


class Clock:
    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now


def store_of(kind: str, database: Database) -> FailureStore:
    return RedisFailures(REDIS_URL) if kind == "redis" else DatabaseFailures(database)


@pytest.mark.parametrize("kind", ["database", "redis"])
def test_the_wait_doubles_ends_and_a_success_forgives(migrated: Database, kind: str) -> None:
    clock = Clock()
    auth = AUTH.model_copy(update={"first_wait_seconds": 30, "lockout_minutes": 15})
    throttle = LoginThrottle(store_of(kind, migrated), auth, AuditLog(migrated), clock=clock)
    email, ip = unique_email("clock"), new_address()
    for _ in range(3):
        assert throttle.admit(email, ip) == 0.0
        throttle.failed(email, ip)
    waits = []
    for _ in range(3):
        with pytest.raises(RateLimited) as waited:
            throttle.admit(email, ip)
        waits.append(waited.value.retry_after)
        clock.now += waited.value.retry_after
        assert throttle.admit(email, ip) == 0.0  # the wait is over: one more try
        throttle.failed(email, ip)
    assert waits == [30, 60, 120]
    clock.now += 15 * 60 + 1  # the window passed: forgotten
    assert throttle.admit(email, ip) == 0.0
    for _ in range(3):
        throttle.failed(email, ip)
    throttle.succeeded(email, ip)
    assert throttle.admit(email, ip) == 0.0


def test_an_unreachable_redis_is_a_503_error(migrated: Database, at: Addresses) -> None:
    throttle = LoginThrottle(RedisFailures("redis://127.0.0.1:1/0"), AUTH, AuditLog(migrated))
    with pytest.raises(StorageUnavailable) as info:
        throttle.admit("a@example.org", at.owner)
    assert info.value.status == 503
