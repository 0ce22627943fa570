"""The accounts object graph, built once with the app."""

from __future__ import annotations

from dataclasses import dataclass

from vocalis.accounts.audit import AuditLog
from vocalis.accounts.authenticate import Authenticator, is_loopback
from vocalis.accounts.directory import UserDirectory
from vocalis.accounts.keys import ApiKeys
from vocalis.accounts.limits import Quotas, RateLimits
from vocalis.accounts.passwords import Passwords
from vocalis.accounts.roles import Role
from vocalis.accounts.signin import SignIn
from vocalis.accounts.signup import SignUp
from vocalis.accounts.throttle import LoginThrottle, failure_store
from vocalis.config import Settings
from vocalis.errors import Conflict
from vocalis.store.db import Database


@dataclass(frozen=True)
class Accounts:
    directory: UserDirectory
    signin: SignIn
    signup: SignUp
    keys: ApiKeys
    audit: AuditLog
    authenticator: Authenticator
    rate_limits: RateLimits
    quotas: Quotas


def build_accounts(settings: Settings, database: Database) -> Accounts:
    passwords = Passwords(settings.auth)
    audit = AuditLog(database)
    directory = UserDirectory(database, passwords, audit)
    throttle = LoginThrottle(failure_store(settings.queue.url, database), settings.auth, audit)
    signin = SignIn(database, passwords, audit, settings.auth, throttle)
    keys = ApiKeys(database, audit)
    # Local mode never applies when the server listens beyond this machine.
    local_mode = settings.auth.local_mode and is_loopback(settings.host)
    accounts = Accounts(
        directory=directory,
        signin=signin,
        signup=SignUp(directory, signin),
        keys=keys,
        audit=audit,
        authenticator=Authenticator(directory, signin, keys, local_mode=local_mode),
        rate_limits=RateLimits(
            settings.queue.url,
            socket_timeout_s=settings.queue.socket_timeout_s,
            connect_timeout_s=settings.queue.connect_timeout_s,
        ),
        quotas=Quotas(database),
    )
    bootstrap_admin(accounts, settings)
    return accounts


def bootstrap_admin(accounts: Accounts, settings: Settings) -> None:
    """Create the admin named by VOCALIS_AUTH__BOOTSTRAP_ADMIN_EMAIL/_PASSWORD once, if both are set."""
    email, password = settings.auth.bootstrap_admin_email, settings.auth.bootstrap_admin_password
    if not email or not password:
        return
    try:
        accounts.directory.create(email, password, role=Role.ADMIN, actor_id=None)
    except Conflict:
        return
