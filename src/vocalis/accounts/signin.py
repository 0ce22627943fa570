"""Signing in and out: passwords to token pairs, refresh with rotation.

Every refusal of a password sign-in is the same 401 (``wrong email or password``): an unknown e-mail,
a wrong password and a disabled account look alike, and an unknown e-mail is checked against a decoy
hash so it takes as long. Guessing is slowed down per address (accounts/throttle.py), never by locking
the account, so a stranger who knows an e-mail cannot lock its owner out.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from vocalis.accounts.audit import AuditLog
from vocalis.accounts.directory import normalise_email, to_user
from vocalis.accounts.models import Principal, SignedIn, TokenPair, User
from vocalis.accounts.passwords import Passwords
from vocalis.accounts.roles import ROLE_SCOPES
from vocalis.accounts.throttle import LoginThrottle
from vocalis.accounts.tokens import ACCESS_PREFIX, REFRESH_PREFIX, digest, new_token
from vocalis.config import AuthSettings
from vocalis.errors import InvalidInput, Unauthorized
from vocalis.store.account_tables import AuthSessionRow, UserRow
from vocalis.store.db import Database

WRONG_CREDENTIALS = "wrong email or password"


def _now() -> datetime:
    return datetime.now(UTC)


class SignIn:
    def __init__(
        self,
        database: Database,
        passwords: Passwords,
        audit: AuditLog,
        settings: AuthSettings,
        throttle: LoginThrottle,
    ) -> None:
        self._db = database
        self._passwords = passwords
        self._audit = audit
        self._settings = settings
        self._throttle = throttle

    @property
    def throttle(self) -> LoginThrottle:
        return self._throttle

    def login(self, email: str, password: str, *, ip: str | None, user_agent: str | None) -> SignedIn:
        """Blocking: a hold (an e-mail under attack) sleeps this thread. Servers use ``sign_in``."""
        hold = self._throttle.admit(email, ip)
        if hold:
            time.sleep(hold)
        return self._check(email, password, ip=ip, user_agent=user_agent)

    async def sign_in(self, email: str, password: str, *, ip: str | None, user_agent: str | None) -> SignedIn:
        """As ``login``, but a hold waits without a thread: held sign-ins cannot starve the server."""
        hold = await asyncio.to_thread(self._throttle.admit, email, ip)
        if hold:
            await asyncio.sleep(hold)
        return await asyncio.to_thread(self._check, email, password, ip=ip, user_agent=user_agent)

    def _check(self, email: str, password: str, *, ip: str | None, user_agent: str | None) -> SignedIn:
        try:
            address = normalise_email(email)
        except InvalidInput:
            address = None
        with self._db.session() as session:
            row = session.scalar(select(UserRow).where(UserRow.email == address)) if address else None
            # Verify even when there is no such user, so timing does not reveal which emails exist.
            valid = self._passwords.verify(row.password_hash if row else None, password)
            if row is None:
                failure = "no such user"
            elif not valid:
                failure = "wrong password"
            elif row.disabled:
                failure = "disabled"
            else:
                failure = ""
                if self._passwords.needs_rehash(row.password_hash or ""):
                    row.password_hash = self._passwords.hash(password)
            user = to_user(row) if row else None
        if failure:
            self._throttle.failed(email, ip)
            self._audit.record("login_failed", actor_id=user.id if user else None, ip=ip, reason=failure)
            raise Unauthorized(WRONG_CREDENTIALS)
        assert user is not None
        self._throttle.succeeded(email, ip)
        tokens = self.issue(user, user_agent=user_agent)
        self._audit.record("login", actor_id=user.id, ip=ip, session_id=tokens.session_id)
        return SignedIn(user, tokens)

    def issue(self, user: User, *, user_agent: str | None) -> TokenPair:
        access, refresh = new_token(ACCESS_PREFIX), new_token(REFRESH_PREFIX)
        now = _now()
        row = AuthSessionRow(
            id=uuid.uuid4().hex,
            user_id=user.id,
            access_digest=access.digest,
            access_expires_at=now + timedelta(minutes=self._settings.access_token_minutes),
            refresh_digest=refresh.digest,
            refresh_expires_at=now + timedelta(days=self._settings.refresh_token_days),
            user_agent=(user_agent or "")[:200] or None,
        )
        with self._db.session() as session:
            session.add(row)
        return TokenPair(access.value, refresh.value, row.access_expires_at, row.refresh_expires_at, row.id)

    def refresh(self, refresh_token: str) -> SignedIn:
        """A new pair for a valid refresh token; the old pair stops working (rotation)."""
        now = _now()
        with self._db.session() as session:
            row = session.scalar(
                select(AuthSessionRow).where(AuthSessionRow.refresh_digest == digest(refresh_token))
            )
            if row is None or row.refresh_expires_at <= now:
                raise Unauthorized("the refresh token is invalid or expired: sign in again")
            user_row = session.get(UserRow, row.user_id)
            if user_row is None or user_row.disabled:
                raise Unauthorized("the account is disabled or gone")
            access, refresh = new_token(ACCESS_PREFIX), new_token(REFRESH_PREFIX)
            row.access_digest, row.refresh_digest = access.digest, refresh.digest
            row.access_expires_at = now + timedelta(minutes=self._settings.access_token_minutes)
            row.refresh_expires_at = now + timedelta(days=self._settings.refresh_token_days)
            pair = TokenPair(
                access.value, refresh.value, row.access_expires_at, row.refresh_expires_at, row.id
            )
            return SignedIn(to_user(user_row), pair)

    def logout(self, session_id: str) -> None:
        with self._db.session() as session:
            session.execute(delete(AuthSessionRow).where(AuthSessionRow.id == session_id))

    def authenticate(self, access_token: str) -> Principal:
        if not access_token.startswith(ACCESS_PREFIX):
            raise Unauthorized("the access token is malformed")
        with self._db.session() as session:
            row = session.scalar(
                select(AuthSessionRow).where(AuthSessionRow.access_digest == digest(access_token))
            )
            if row is None:
                raise Unauthorized("the access token is invalid or was revoked")
            if row.access_expires_at <= _now():
                raise Unauthorized("the access token expired: use the refresh token")
            user_row = session.get(UserRow, row.user_id)
            if user_row is None or user_row.disabled:
                raise Unauthorized("the account is disabled or gone")
            user = to_user(user_row)
            return Principal(user=user, scopes=ROLE_SCOPES[user.role], via="session", session_id=row.id)
