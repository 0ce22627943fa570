"""Who opened the session: credentials at connect (header, cookie, ``?xi_api_key=``/``?token=``), else
the first message's key, as browsers cannot set headers on a WebSocket.

The checks themselves (API keys, tokens, local mode, scopes, rate limits) are injected: this package
knows nothing of the HTTP layer that owns them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from vocalis.accounts.authenticate import Credentials
from vocalis.accounts.models import Principal
from vocalis.errors import Unauthorized
from vocalis.realtime.events import CarriesCredential, Event

QUERY_PARAMETERS = ("xi_api_key", "token")


@dataclass(frozen=True)
class SessionAuth:
    """``credentials(extra)``: what the connection presents, with ``extra`` (a token from the URL or the
    first message) used when it carries none. ``authenticate`` raises ``Unauthorized`` or ``Forbidden``
    (a missing scope)."""

    credentials: Callable[[str | None], Credentials]
    authenticate: Callable[[Credentials], Awaitable[Principal]]


@dataclass(frozen=True)
class Admission:
    principal: Principal
    first_event: Event | None  # the message that brought the key; the session handles it too


async def admit(
    auth: SessionAuth,
    query: Callable[[str], str | None],
    next_event: Callable[[], Awaitable[Event | None]],
) -> Admission | None:
    """The principal, or None if the client left first. Credentials presented at connect are final;
    without any, local mode is tried before waiting for the first message."""
    query_token = next((v for v in map(query, QUERY_PARAMETERS) if v), None)
    credentials = auth.credentials(query_token)
    if credentials.bearer is not None:
        return Admission(await auth.authenticate(credentials), None)
    try:
        return Admission(await auth.authenticate(credentials), None)
    except Unauthorized:
        first = await next_event()
        if first is None:
            return None
    key = first.credential if isinstance(first, CarriesCredential) else None
    principal = await auth.authenticate(auth.credentials(key))
    return Admission(principal, first)
