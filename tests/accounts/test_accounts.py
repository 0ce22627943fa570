"""Account services on SQLite and PostgreSQL: users, sign-in, lockout, tokens, keys, audit."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from tests.conftest import quick_auth
from vocalis.accounts.authenticate import Credentials
from vocalis.accounts.roles import Role, Scope
from vocalis.accounts.service import Accounts, build_accounts
from vocalis.config import Settings
from vocalis.errors import Conflict, Forbidden, InvalidInput, NotFound, RateLimited, Unauthorized
from vocalis.store.account_tables import AuthSessionRow
from vocalis.store.db import Database

PASSWORD = "correct horse battery"


@pytest.fixture
def accounts(migrated: Database) -> Iterator[Accounts]:
    settings = Settings(auth=quick_auth(max_failed_logins=3, lockout_minutes=5))
    yield build_accounts(settings, migrated)


def test_register_and_sign_in(accounts: Accounts) -> None:
    user = accounts.directory.create("Ana@Example.org", PASSWORD, actor_id=None)
    assert user.email == "ana@example.org" and user.role is Role.USER
    signed = accounts.signin.login("ana@example.org", PASSWORD, ip="1.2.3.4", user_agent="pytest")
    principal = accounts.authenticator.authenticate(Credentials(signed.tokens.access_token, "1.2.3.4"))
    assert principal.user.id == user.id and Scope.ADMIN not in principal.scopes
    with pytest.raises(Conflict):
        accounts.directory.create("ANA@example.org", PASSWORD, actor_id=None)


@pytest.mark.parametrize(
    ("email", "password"), [("not-an-email", PASSWORD), ("a@b.org", "short"), ("a@b.org", "a" * 12)]
)
def test_bad_registrations(accounts: Accounts, email: str, password: str) -> None:
    with pytest.raises(InvalidInput):
        accounts.directory.create(email, password, actor_id=None)


def test_wrong_passwords_make_the_address_wait_not_the_account(accounts: Accounts) -> None:
    accounts.directory.create("bo@example.org", PASSWORD, actor_id=None)
    for _ in range(3):
        with pytest.raises(Unauthorized, match="wrong email or password"):
            accounts.signin.login("bo@example.org", "wrong password!", ip="1.1.1.1", user_agent=None)
    with pytest.raises(RateLimited, match="this address"):
        accounts.signin.login("bo@example.org", PASSWORD, ip="1.1.1.1", user_agent=None)
    assert accounts.signin.login("bo@example.org", PASSWORD, ip="2.2.2.2", user_agent=None)
    with pytest.raises(Unauthorized, match="wrong email or password"):  # same answer for unknown emails
        accounts.signin.login("nobody@example.org", PASSWORD, ip=None, user_agent=None)
    actions = [e.action for e in accounts.audit.list()]
    assert actions.count("login_failed") == 4 and actions.count("login_throttled") == 1


def test_refresh_rotates_and_logout_revokes(accounts: Accounts) -> None:
    accounts.directory.create("cy@example.org", PASSWORD, actor_id=None)
    first = accounts.signin.login("cy@example.org", PASSWORD, ip=None, user_agent=None).tokens
    second = accounts.signin.refresh(first.refresh_token).tokens
    with pytest.raises(Unauthorized):
        accounts.signin.refresh(first.refresh_token)  # used once
    with pytest.raises(Unauthorized):
        accounts.signin.authenticate(first.access_token)
    assert accounts.signin.authenticate(second.access_token).session_id == second.session_id
    accounts.signin.logout(second.session_id)
    with pytest.raises(Unauthorized, match="revoked"):
        accounts.signin.authenticate(second.access_token)


def test_expired_and_malformed_tokens(accounts: Accounts, migrated: Database) -> None:
    accounts.directory.create("di@example.org", PASSWORD, actor_id=None)
    tokens = accounts.signin.login("di@example.org", PASSWORD, ip=None, user_agent=None).tokens
    past = datetime.now(UTC) - timedelta(seconds=1)
    with migrated.session() as session:
        session.execute(update(AuthSessionRow).values(access_expires_at=past, refresh_expires_at=past))
    with pytest.raises(Unauthorized, match="expired"):
        accounts.signin.authenticate(tokens.access_token)
    with pytest.raises(Unauthorized, match="expired"):
        accounts.signin.refresh(tokens.refresh_token)
    for bad in ("vat_", "vat_" + "x" * 43, "garbage", "vk_short", "vk_12345678_" + "y" * 43):
        with pytest.raises(Unauthorized):
            accounts.authenticator.authenticate(Credentials(bad, None))


def test_api_keys(accounts: Accounts) -> None:
    user = accounts.directory.create("ed@example.org", PASSWORD, actor_id=None)
    issued = accounts.keys.create(user, "laptop", ["speech"])
    assert issued.key.startswith(issued.info.prefix + "_")
    principal = accounts.authenticator.authenticate(Credentials(issued.key, None))
    assert principal.scopes == {Scope.SPEECH} and principal.via == "api_key"
    (listed,) = accounts.keys.list(user.id)
    assert listed.prefix == issued.info.prefix and listed.last_used_at is not None
    assert issued.key not in repr(listed)
    with pytest.raises(Forbidden):
        accounts.keys.create(user, "too much", ["admin"])
    with pytest.raises(InvalidInput):
        accounts.keys.create(user, "nope", ["everything"])
    other = accounts.directory.create("fi@example.org", PASSWORD, actor_id=None)
    with pytest.raises(NotFound):
        accounts.keys.revoke(other.id, issued.info.id)
    accounts.keys.revoke(user.id, issued.info.id)
    with pytest.raises(Unauthorized, match="revoked"):
        accounts.authenticator.authenticate(Credentials(issued.key, None))
    tampered = issued.key[:-1] + ("A" if issued.key[-1] != "A" else "B")
    with pytest.raises(Unauthorized):
        accounts.authenticator.authenticate(Credentials(tampered, None))


def test_disabled_users_and_the_last_admin(accounts: Accounts) -> None:
    admin = accounts.directory.create("root@example.org", PASSWORD, role=Role.ADMIN, actor_id=None)
    user = accounts.directory.create("gu@example.org", PASSWORD, actor_id=None)
    key = accounts.keys.create(user, "k", None).key
    accounts.directory.update(user.id, actor_id=admin.id, disabled=True)
    with pytest.raises(Unauthorized):
        accounts.authenticator.authenticate(Credentials(key, None))
    with pytest.raises(Unauthorized, match=r"^wrong email or password$"):  # tells a guesser nothing
        accounts.signin.login("gu@example.org", PASSWORD, ip=None, user_agent=None)
    with pytest.raises(Conflict, match="last admin"):
        accounts.directory.update(admin.id, actor_id=admin.id, role=Role.USER)
    with pytest.raises(Conflict, match="last admin"):
        accounts.directory.delete_row(admin.id, actor_id=admin.id)


def test_local_mode_only_for_loopback(migrated: Database) -> None:
    local = build_accounts(Settings(auth=quick_auth(local_mode=True)), migrated)
    principal = local.authenticator.authenticate(Credentials(None, "127.0.0.1"))
    assert principal.via == "local" and principal.is_admin
    with pytest.raises(Unauthorized):
        local.authenticator.authenticate(Credentials(None, "10.0.0.8"))
    remote = build_accounts(Settings(host="0.0.0.0", auth=quick_auth(local_mode=True)), migrated)
    with pytest.raises(Unauthorized):
        remote.authenticator.authenticate(Credentials(None, "127.0.0.1"))


def test_many_first_local_requests_at_once_share_one_local_user(migrated: Database) -> None:
    # The first requests of a fresh local server arrive together; none may fail on the unique e-mail.
    local = build_accounts(Settings(auth=quick_auth(local_mode=True)), migrated)
    start = threading.Barrier(8)

    def first_request() -> str:
        start.wait()
        return local.authenticator.authenticate(Credentials(None, "127.0.0.1")).user.id

    with ThreadPoolExecutor(8) as pool:
        ids = set(pool.map(lambda _: first_request(), range(8)))
    assert len(ids) == 1
    assert [user.email for user in local.directory.list()] == ["local@localhost"]


def test_bootstrap_admin(migrated: Database) -> None:
    settings = Settings(
        auth=quick_auth(bootstrap_admin_email="boss@example.org", bootstrap_admin_password=PASSWORD)
    )
    accounts = build_accounts(settings, migrated)
    build_accounts(settings, migrated)  # a restart does not fail or duplicate
    (admin,) = accounts.directory.list()
    assert admin.role is Role.ADMIN


def test_an_unreachable_rate_limit_store_is_a_503_error() -> None:
    from vocalis.accounts.limits import RateLimits
    from vocalis.errors import StorageUnavailable

    with pytest.raises(StorageUnavailable) as info:
        RateLimits("redis://127.0.0.1:1/0").hit("someone", 5)
    assert info.value.status == 503
