"""Account values handed across modules (never ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from vocalis.accounts.roles import Role, Scope


@dataclass(frozen=True)
class User:
    id: str
    email: str
    display_name: str
    role: Role
    disabled: bool
    created_at: datetime
    requests_per_minute: int | None = None
    characters_per_day: int | None = None


@dataclass(frozen=True)
class ApiKeyInfo:
    id: str
    name: str
    prefix: str  # "vk_1a2b3c4d": enough to recognise a key, useless to use it
    scopes: tuple[Scope, ...]
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class IssuedKey:
    key: str  # shown once
    info: ApiKeyInfo


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    access_expires_at: datetime
    refresh_expires_at: datetime
    session_id: str


@dataclass(frozen=True)
class SignedIn:
    user: User
    tokens: TokenPair


@dataclass(frozen=True)
class Principal:
    """Who is calling and what they may do."""

    user: User
    scopes: frozenset[Scope]
    via: str  # "session", "api_key" or "local"
    key_id: str | None = None
    session_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.user.role is Role.ADMIN and Scope.ADMIN in self.scopes

    @property
    def requests_per_minute(self) -> int | None:
        return self.user.requests_per_minute

    @property
    def limit_key(self) -> str:
        """Rate limits count per API key when one is used, else per user."""
        return f"key:{self.key_id}" if self.key_id else f"user:{self.user.id}"


@dataclass(frozen=True)
class AuditEvent:
    at: datetime
    actor_id: str | None
    action: str
    target: str | None
    ip: str | None
    details: str
