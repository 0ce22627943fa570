"""Turning presented credentials into a Principal: session tokens, API keys, or local mode."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from vocalis.accounts.directory import UserDirectory
from vocalis.accounts.keys import ApiKeys
from vocalis.accounts.models import Principal
from vocalis.accounts.roles import ROLE_SCOPES
from vocalis.accounts.signin import SignIn
from vocalis.accounts.tokens import ACCESS_PREFIX, API_KEY_PREFIX
from vocalis.errors import Unauthorized


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Credentials:
    bearer: str | None  # Authorization: Bearer, xi-api-key, the session cookie or a token query parameter
    client_host: str | None


class Authenticator:
    def __init__(self, directory: UserDirectory, signin: SignIn, keys: ApiKeys, *, local_mode: bool) -> None:
        self._directory = directory
        self._signin = signin
        self._keys = keys
        self._local_mode = local_mode

    @property
    def local_mode(self) -> bool:
        return self._local_mode

    def authenticate(self, credentials: Credentials) -> Principal:
        token = (credentials.bearer or "").strip()
        if token.startswith(API_KEY_PREFIX):
            return self._keys.authenticate(token)
        if token.startswith(ACCESS_PREFIX):
            return self._signin.authenticate(token)
        local = self._local_mode and is_loopback(credentials.client_host)
        if token and not local:
            raise Unauthorized(
                "the credentials are malformed: send an API key (vk_...) or an access token "
                "(a placeholder key such as 'local' only works in local mode, from this machine)"
            )
        # A placeholder key ("local", "sk-..."; SDKs insist on some key) acts as no key in local mode.
        if local:
            user = self._directory.local_user()
            return Principal(user=user, scopes=ROLE_SCOPES[user.role], via="local")
        raise Unauthorized("sign in or send an API key (Authorization: Bearer vk_... or xi-api-key)")
