"""Password hashes: argon2id at RFC 9106's cost by default, re-made at the configured cost on sign-in."""

from __future__ import annotations

from argon2 import extract_parameters
from sqlalchemy import select

from tests.conftest import quick_auth
from vocalis.accounts.passwords import Passwords
from vocalis.accounts.service import build_accounts
from vocalis.config import AuthSettings, Settings
from vocalis.store.account_tables import UserRow
from vocalis.store.db import Database

PASSWORD = "correct horse battery"


def stored_hash(database: Database, email: str) -> str:
    with database.session() as session:
        value = session.scalar(select(UserRow.password_hash).where(UserRow.email == email))
    assert value is not None
    return value


def test_the_default_cost_is_rfc_9106s_second_recommendation() -> None:
    passwords = Passwords(AuthSettings())
    stored = passwords.hash(PASSWORD)
    parameters = extract_parameters(stored)
    assert stored.startswith("$argon2id$")
    assert (parameters.time_cost, parameters.memory_cost, parameters.parallelism) == (3, 65536, 4)
    assert passwords.verify(stored, PASSWORD) and not passwords.verify(stored, PASSWORD + "!")
    assert not passwords.verify(None, PASSWORD)  # no such user: the decoy is checked, and fails


def test_a_hash_made_at_another_cost_is_remade_at_the_next_sign_in(migrated: Database) -> None:
    cheap = build_accounts(Settings(auth=quick_auth()), migrated)
    cheap.directory.create("ana@example.org", PASSWORD, actor_id=None)
    before = extract_parameters(stored_hash(migrated, "ana@example.org"))
    assert (before.time_cost, before.memory_cost) == (1, 1024)

    stronger = build_accounts(
        Settings(auth=quick_auth(password_time_cost=2, password_memory_kib=2048)), migrated
    )
    old = stored_hash(migrated, "ana@example.org")
    assert stronger.signin.login("ana@example.org", PASSWORD, ip="1.2.3.4", user_agent=None)
    after = extract_parameters(stored_hash(migrated, "ana@example.org"))
    assert (after.time_cost, after.memory_cost) == (2, 2048)
    assert old != stored_hash(migrated, "ana@example.org")
    # The re-made hash still takes the same password, at either server's cost.
    assert cheap.signin.login("ana@example.org", PASSWORD, ip="1.2.3.4", user_agent=None)
