"""Opaque bearer secrets: session tokens and API keys. Stored only as SHA-256 digests.

They carry 256 bits of randomness, so a fast digest is enough (no password stretching needed);
a readable prefix tells their kind apart in logs and in a user's key list.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

ACCESS_PREFIX = "vat_"
REFRESH_PREFIX = "vrt_"
API_KEY_PREFIX = "vk_"


@dataclass(frozen=True)
class IssuedSecret:
    value: str  # shown to the caller once
    digest: str  # what the database keeps
    lookup: str  # the non-secret part users see (API keys) or an index key


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)


def new_token(prefix: str) -> IssuedSecret:
    value = prefix + secrets.token_urlsafe(32)
    return IssuedSecret(value=value, digest=digest(value), lookup=value[: len(prefix) + 8])


def new_api_key() -> IssuedSecret:
    """``vk_<8 id chars>_<43 secret chars>``; the id part is shown in key lists, the secret never again."""
    key_id = secrets.token_hex(4)
    value = f"{API_KEY_PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    return IssuedSecret(value=value, digest=digest(value), lookup=f"{API_KEY_PREFIX}{key_id}")


def api_key_lookup(value: str) -> str | None:
    if not value.startswith(API_KEY_PREFIX) or value.count("_") < 2:
        return None
    key_id = value[len(API_KEY_PREFIX) :].split("_", 1)[0]
    return f"{API_KEY_PREFIX}{key_id}" if len(key_id) == 8 else None
