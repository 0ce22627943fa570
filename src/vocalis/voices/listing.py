"""Sorting and paging a list of voices (``GET /v2/voices``): by name or creation time, opaque page tokens.

A page token is the position of the page's first voice, encoded so clients treat it as opaque; a token
that does not decode is bad input, not an empty page.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, Literal, TypeVar

from vocalis.errors import InvalidInput

T = TypeVar("T")
SortKey = Literal["name", "created_at_unix"]
Direction = Literal["asc", "desc"]
_TOKEN_PREFIX = "voices:"


@dataclass(frozen=True)
class Listed(Generic[T]):
    item: T
    name: str
    created_at: datetime | None  # None for built-in voices: they sort as the oldest


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    has_more: bool
    total: int
    next_page_token: str | None


def sort_voices(
    entries: Sequence[Listed[T]], sort: SortKey | None, direction: Direction | None
) -> list[Listed[T]]:
    """``sort`` None keeps the given order (your clones newest first, then the built-in voices)."""
    if sort is None:
        return list(entries) if direction != "asc" else list(reversed(entries))
    if sort == "name":
        return sorted(entries, key=lambda e: e.name.casefold(), reverse=direction == "desc")
    dated = [e for e in entries if e.created_at is not None]
    undated = [e for e in entries if e.created_at is None]
    newest_first = sorted(dated, key=lambda e: e.created_at or datetime.min, reverse=True)
    if direction == "asc":
        return [*undated, *reversed(newest_first)]
    return [*newest_first, *undated]


def page_of(entries: Sequence[Listed[T]], *, page_size: int, token: str | None) -> Page[T]:
    start = _decode_token(token) if token else 0
    end = start + page_size
    return Page(
        items=[e.item for e in entries[start:end]],
        has_more=end < len(entries),
        total=len(entries),
        next_page_token=_encode_token(end) if end < len(entries) else None,
    )


def _encode_token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_TOKEN_PREFIX}{offset}".encode()).decode().rstrip("=")


def _decode_token(token: str) -> int:
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        if text.startswith(_TOKEN_PREFIX):
            offset = int(text.removeprefix(_TOKEN_PREFIX))
            if offset >= 0:
                return offset
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise InvalidInput(
        "next_page_token is not one this server gave: pass the next_page_token of the previous page",
        field="next_page_token",
    )
