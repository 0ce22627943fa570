"""One check at the edge: no text a request carries holds a NUL character or an unpaired surrogate.

Neither can be stored (PostgreSQL refuses NUL in text; UTF-8 cannot encode a lone surrogate, so SQLite,
log lines and response bodies fail on it), and no voice can say them. Rather than every route and query
finding out late (a 500, or a 200 cut off when the history row is written), :class:`TextGuard` looks at
the path (so every path parameter), the query string, and the strings of a JSON body (keys too), of an
urlencoded form and of a multipart form's fields (not its files) before the app sees the request, and
answers 422 ``invalid_characters`` naming where. The rule itself lives in :mod:`vocalis.text.characters`
(the WebSocket codecs check every message with it too).

The body is read whole before the app runs; :class:`~vocalis.api.middleware.BodySizeLimit` sits outside
this guard, so what is held is bounded by the request limits.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vocalis.api.errors import error_response
from vocalis.text.characters import Violation, find_forbidden, json_strings

JSON_TYPES = ("application/json",)


def form_fields(body: bytes, boundary: bytes) -> Iterator[tuple[str, str]]:
    """The text fields of a multipart body (``name`` and value); file parts are skipped."""
    fields: list[tuple[str, str]] = []
    state: dict[str, Any] = {"header": b"", "value": b"", "name": "", "file": False, "data": []}

    def on_part_begin() -> None:
        state.update(name="", file=False, data=[])

    def on_header_field(data: bytes, start: int, end: int) -> None:
        state["header"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        state["value"] += data[start:end]

    def on_header_end() -> None:
        if state["header"].lower() == b"content-disposition":
            _, options = parse_options_header(state["value"])
            state["name"] = options.get(b"name", b"").decode("utf-8", "replace")
            state["file"] = b"filename" in options
            fields.append((f"{state['name']} (name)", state["name"]))
        state.update(header=b"", value=b"")

    def on_part_data(data: bytes, start: int, end: int) -> None:
        if not state["file"]:
            state["data"].append(data[start:end])

    def on_part_end() -> None:
        if not state["file"]:
            fields.append((state["name"], b"".join(state["data"]).decode("utf-8", "replace")))

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
        },
    )
    try:
        parser.write(body)
        parser.finalize()
    except Exception:  # a malformed body: the route's own form parsing answers it
        pass
    yield from fields


def body_violation(content_type: str, body: bytes) -> Violation | None:
    media, options = parse_options_header(content_type)
    kind = media.decode("latin-1").lower()
    if kind == "multipart/form-data":
        boundary = options.get(b"boundary")
        return find_forbidden("form", form_fields(body, boundary)) if boundary else None
    if kind == "application/x-www-form-urlencoded":
        return find_forbidden("form", _query_pairs(body.decode("latin-1")))
    if kind and kind not in JSON_TYPES and not kind.endswith("+json"):
        return None
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):  # not JSON: the route answers it
        return None
    return find_forbidden("body", json_strings(document))


def _query_pairs(query: str) -> Iterator[tuple[str, str]]:
    for name, value in parse_qsl(query, keep_blank_values=True):
        yield f"{name} (name)", name
        yield name, value


def url_violation(scope: Scope) -> Violation | None:
    path = find_forbidden("path", iter([("", scope.get("path", ""))]))
    if path is not None:
        return path
    return find_forbidden("query", _query_pairs(scope.get("query_string", b"").decode("latin-1")))


class TextGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        violation = url_violation(scope)
        if violation is not None and scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008, "reason": violation.error().code})
            return
        if violation is not None:
            await error_response(violation.error())(scope, receive, send)
            return
        if scope["type"] == "websocket" or not _has_body(scope):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client left, or the size limit outside answered 413
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        headers = dict(scope.get("headers", []))
        violation = body_violation(headers.get(b"content-type", b"").decode("latin-1"), body)
        if violation is not None:
            await error_response(violation.error())(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


def _has_body(scope: Scope) -> bool:
    headers = dict(scope.get("headers", []))
    length = headers.get(b"content-length")
    if length is not None:
        return length.strip() not in (b"", b"0")
    return b"transfer-encoding" in headers
