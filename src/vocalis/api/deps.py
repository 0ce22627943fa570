"""Annotated dependencies: routes declare what they need, the app state provides it.

Authentication happens here, once per request: an API key or access token from
``Authorization: Bearer``, ``xi-api-key``, or the web app's HttpOnly cookie; in local mode a
request from this machine with no credentials acts as the local admin. Every authenticated request
counts against its per-minute rate limit.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection

from vocalis.accounts.authenticate import Credentials
from vocalis.accounts.models import Principal
from vocalis.accounts.roles import Scope
from vocalis.errors import Forbidden
from vocalis.graph import Vocalis

ACCESS_COOKIE = "vocalis_access"
REFRESH_COOKIE = "vocalis_refresh"


def get_state(connection: HTTPConnection) -> Vocalis:
    state: Vocalis = connection.app.state.vocalis
    return state


State = Annotated[Vocalis, Depends(get_state)]


def credentials_of(connection: HTTPConnection, *, extra: str | None = None) -> Credentials:
    authorization = connection.headers.get("authorization", "")
    bearer = authorization[7:].strip() if authorization[:7].lower() == "bearer " else None
    token = bearer or connection.headers.get("xi-api-key") or extra or connection.cookies.get(ACCESS_COOKIE)
    return Credentials(bearer=token, client_host=connection.client.host if connection.client else None)


async def authenticate(state: Vocalis, credentials: Credentials) -> Principal:
    principal = await run_in_threadpool(state.accounts.authenticator.authenticate, credentials)
    per_minute = principal.requests_per_minute or state.settings.limits.requests_per_minute
    await run_in_threadpool(state.accounts.rate_limits.hit, principal.limit_key, per_minute)
    return principal


async def current_principal(connection: HTTPConnection, state: State) -> Principal:
    return await authenticate(state, credentials_of(connection))


Authenticated = Annotated[Principal, Depends(current_principal)]


def check_scope(principal: Principal, scope: Scope) -> Principal:
    if scope not in principal.scopes:
        how = "this API key lacks" if principal.via == "api_key" else "your role lacks"
        raise Forbidden(f"{how} the '{scope.value}' scope", scope=scope.value)
    return principal


def require(scope: Scope) -> Callable[[Principal], Awaitable[Principal]]:
    async def dependency(principal: Authenticated) -> Principal:
        return check_scope(principal, scope)

    return dependency


SpeechUser = Annotated[Principal, Depends(require(Scope.SPEECH))]
VoicesUser = Annotated[Principal, Depends(require(Scope.VOICES))]
AdminUser = Annotated[Principal, Depends(require(Scope.ADMIN))]
