"""A placeholder key ("local", "sk-..."), as SDK guides for local servers pass, in and out of local mode."""

from __future__ import annotations

import pytest

from tests.conftest import quick_auth
from vocalis.accounts.authenticate import Credentials
from vocalis.accounts.service import build_accounts
from vocalis.config import Settings
from vocalis.errors import Unauthorized
from vocalis.store.db import Database


@pytest.mark.parametrize("placeholder", ["local", "sk-no-key-required", "YOUR_API_KEY", "x"])
def test_a_placeholder_key_from_this_machine_in_local_mode_is_the_local_user(
    migrated: Database, placeholder: str
) -> None:
    local = build_accounts(Settings(auth=quick_auth(local_mode=True)), migrated)
    principal = local.authenticator.authenticate(Credentials(placeholder, "127.0.0.1"))
    assert principal.via == "local"
    assert principal.user.email == "local@localhost"


def test_a_placeholder_key_beyond_loopback_or_outside_local_mode_is_refused(migrated: Database) -> None:
    local = build_accounts(Settings(auth=quick_auth(local_mode=True)), migrated)
    with pytest.raises(Unauthorized, match="malformed"):
        local.authenticator.authenticate(Credentials("local", "10.0.0.8"))
    signed_in_only = build_accounts(Settings(auth=quick_auth(local_mode=False)), migrated)
    with pytest.raises(Unauthorized, match="malformed"):
        signed_in_only.authenticator.authenticate(Credentials("local", "127.0.0.1"))


@pytest.mark.parametrize("token", ["vk_" + "0" * 40, "vk_12345678_" + "y" * 43, "vat_" + "x" * 43])
def test_a_well_formed_but_unknown_key_is_refused_even_locally(migrated: Database, token: str) -> None:
    local = build_accounts(Settings(auth=quick_auth(local_mode=True)), migrated)
    with pytest.raises(Unauthorized):
        local.authenticator.authenticate(Credentials(token, "127.0.0.1"))


def test_a_revoked_key_is_refused_locally(migrated: Database) -> None:
    local = build_accounts(Settings(auth=quick_auth(local_mode=True)), migrated)
    user = local.directory.create("kay@example.org", "correct horse battery", actor_id=None)
    issued = local.keys.create(user, "laptop", None)
    local.keys.revoke(user.id, issued.info.id)
    with pytest.raises(Unauthorized):
        local.authenticator.authenticate(Credentials(issued.key, "127.0.0.1"))
