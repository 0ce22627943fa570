"""API keys: created with scopes, shown once, stored as digests, listed by prefix, revocable."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select

from vocalis.accounts.audit import AuditLog
from vocalis.accounts.directory import to_user
from vocalis.accounts.models import ApiKeyInfo, IssuedKey, Principal, User
from vocalis.accounts.roles import ROLE_SCOPES, Scope
from vocalis.accounts.tokens import api_key_lookup, digest, new_api_key, same
from vocalis.errors import Forbidden, InvalidInput, NotFound, Unauthorized
from vocalis.store.account_tables import ApiKeyRow, UserRow
from vocalis.store.db import Database

MAX_KEYS_PER_USER = 50


def _info(row: ApiKeyRow) -> ApiKeyInfo:
    return ApiKeyInfo(
        id=row.id,
        name=row.name,
        prefix=row.lookup,
        scopes=tuple(Scope(s) for s in row.scopes.split()),
        created_at=row.created_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )


def parse_scopes(names: list[str] | None, owner: User) -> tuple[Scope, ...]:
    allowed = ROLE_SCOPES[owner.role]
    if not names:
        return tuple(sorted(allowed - {Scope.ADMIN}))
    try:
        scopes = {Scope(n) for n in names}
    except ValueError:
        raise InvalidInput(
            f"unknown scope in {names}; choose from {', '.join(Scope)}", field="scopes"
        ) from None
    if not scopes <= allowed:
        raise Forbidden(f"your role cannot grant {', '.join(sorted(scopes - allowed))}")
    return tuple(sorted(scopes))


class ApiKeys:
    def __init__(self, database: Database, audit: AuditLog) -> None:
        self._db = database
        self._audit = audit

    def create(self, owner: User, name: str, scopes: list[str] | None) -> IssuedKey:
        name = name.strip()[:100]
        if not name:
            raise InvalidInput("give the key a name", field="name")
        granted = parse_scopes(scopes, owner)
        issued = new_api_key()
        with self._db.session() as session:
            count = len(session.scalars(select(ApiKeyRow.id).where(ApiKeyRow.user_id == owner.id)).all())
            if count >= MAX_KEYS_PER_USER:
                raise Forbidden(f"at most {MAX_KEYS_PER_USER} keys per user: revoke some first")
            row = ApiKeyRow(
                id=uuid.uuid4().hex,
                user_id=owner.id,
                name=name,
                lookup=issued.lookup,
                digest=issued.digest,
                scopes=" ".join(granted),
            )
            session.add(row)
            session.flush()
            info = _info(row)
        self._audit.record(
            "api_key_created", actor_id=owner.id, target=info.id, name=name, scopes=list(granted)
        )
        return IssuedKey(key=issued.value, info=info)

    def list(self, owner_id: str) -> list[ApiKeyInfo]:
        with self._db.session() as session:
            rows = session.scalars(
                select(ApiKeyRow).where(ApiKeyRow.user_id == owner_id).order_by(ApiKeyRow.created_at)
            )
            return [_info(r) for r in rows]

    def revoke(self, owner_id: str, key_id: str) -> None:
        with self._db.session() as session:
            row = session.get(ApiKeyRow, key_id)
            if row is None or row.user_id != owner_id:
                raise NotFound(f"no API key {key_id}", key_id=key_id)
            if row.revoked_at is None:
                row.revoked_at = datetime.now(UTC)
        self._audit.record("api_key_revoked", actor_id=owner_id, target=key_id)

    def authenticate(self, value: str) -> Principal:
        lookup = api_key_lookup(value)
        if lookup is None:
            raise Unauthorized("the API key is malformed")
        with self._db.session() as session:
            row = session.scalar(select(ApiKeyRow).where(ApiKeyRow.lookup == lookup))
            if row is None or not same(row.digest, digest(value)):
                raise Unauthorized("the API key is invalid")
            if row.revoked_at is not None:
                raise Unauthorized("the API key was revoked")
            user_row = session.get(UserRow, row.user_id)
            if user_row is None or user_row.disabled:
                raise Unauthorized("the account of this API key is disabled")
            row.last_used_at = datetime.now(UTC)
            user = to_user(user_row)
            # A key never does more than its owner's role allows, even if the role changed since.
            scopes = frozenset(Scope(s) for s in row.scopes.split()) & ROLE_SCOPES[user.role]
            return Principal(user=user, scopes=scopes, via="api_key", key_id=row.id)
