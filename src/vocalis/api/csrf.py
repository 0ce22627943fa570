"""Cross-site request forgery: the session cookie signs in only requests from the server's own pages.

A browser sends the cookie with whatever a page asks for, so a change (POST, PUT, PATCH, DELETE,
multipart uploads included) that carries the cookie as its only credential must come from a page of
this server's origin or of an allowed CORS origin (``cors_origins``). Where it came from is read, in
order, from ``Origin``, then ``Sec-Fetch-Site`` (the web app's own requests say ``Origin: null`` under
its ``Referrer-Policy: no-referrer``, but ``Sec-Fetch-Site: same-origin``), then ``Referer``. A request
with none of them is no browser's and is let through: nothing forged it. Requests that bring an API key
or a bearer token are never affected: a foreign page cannot make a browser add those.

A WebSocket handshake from a foreign page loses its cookies instead of being refused, so it can still
sign in with a key of its own (in the URL or its first message).

"This server's origin" is the scheme and Host of the request; ``https://`` + Host also counts, for a
TLS proxy in front that does not say X-Forwarded-Proto.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from vocalis.api.deps import ACCESS_COOKIE, REFRESH_COOKIE
from vocalis.api.errors import error_response
from vocalis.errors import CrossOriginRequest

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
SESSION_COOKIES = (ACCESS_COOKIE, REFRESH_COOKIE)
SAME_ORIGIN_SITES = frozenset({"same-origin", "none"})  # "none": the user typed or bookmarked it
DEFAULT_PORTS = {"http": "80", "https": "443"}


def normalise_origin(value: str) -> str | None:
    """``scheme://host[:port]`` lower-cased, without a default port; None if it is not one."""
    parts = urlsplit(value.strip().lower())
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    try:
        port = parts.port
    except ValueError:
        return None
    keep = port is not None and str(port) != DEFAULT_PORTS[parts.scheme]
    return f"{parts.scheme}://{host}:{port}" if keep else f"{parts.scheme}://{host}"


def own_origins(scheme: str, host: str | None) -> set[str]:
    if not host:
        return set()
    secure = scheme in ("https", "wss")
    candidates = [f"https://{host}"] + ([] if secure else [f"http://{host}"])
    return {o for o in map(normalise_origin, candidates) if o}


def is_foreign(headers: Mapping[str, str], trusted: set[str]) -> bool:
    """Did a page of an origin outside ``trusted`` send this request?"""
    origin = headers.get("origin", "").strip()
    if origin and origin != "null":
        return normalise_origin(origin) not in trusted
    site = headers.get("sec-fetch-site", "").strip().lower()
    if site:
        return site not in SAME_ORIGIN_SITES
    referer = headers.get("referer", "").strip()
    if referer:
        return normalise_origin(referer) not in trusted
    return origin == "null"  # an opaque origin (a sandboxed frame) and nothing else to go by


def _has_header_credentials(headers: Mapping[str, str]) -> bool:
    authorization = headers.get("authorization", "")
    bearer = authorization[:7].lower() == "bearer " and bool(authorization[7:].strip())
    return bearer or bool(headers.get("xi-api-key"))


def _cookie_names(headers: Mapping[str, str]) -> set[str]:
    return {part.split("=", 1)[0].strip() for part in headers.get("cookie", "").split(";") if "=" in part}


class CrossOriginGuard:
    def __init__(self, app: ASGIApp, *, allowed_origins: Iterable[str] = ()) -> None:
        self.app = app
        # "*" allows every origin to read answers (CORS), never to act with a user's cookie.
        self.allowed = {o for o in map(normalise_origin, allowed_origins) if o}

    def _foreign(self, scope: Scope, headers: Mapping[str, str]) -> bool:
        own = own_origins(scope.get("scheme", "http"), headers.get("host"))
        return is_foreign(headers, own | self.allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        raw = [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in scope.get("headers", [])]
        headers = dict(raw)
        headers["cookie"] = "; ".join(v for k, v in raw if k == "cookie")  # several Cookie headers are one
        signed_in_by_cookie = not _has_header_credentials(headers) and bool(
            _cookie_names(headers) & set(SESSION_COOKIES)
        )
        if signed_in_by_cookie and self._foreign(scope, headers):
            if scope["type"] == "websocket":
                without = [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"cookie"]
                scope = {**scope, "headers": without}
            elif scope.get("method", "GET").upper() not in SAFE_METHODS:
                refusal = CrossOriginRequest(
                    "this change came from a page of another site, signed in only by your session cookie: "
                    "refused (cross-site request forgery). Send it from this server's pages, from an "
                    "allowed CORS origin, or with an API key",
                    origin=headers.get("origin") or headers.get("referer") or "unknown",
                )
                await error_response(refusal)(scope, receive, send)
                return
        await self.app(scope, receive, send)
