"""Characters no text may hold: a NUL character or an unpaired surrogate.

Neither can be stored (PostgreSQL refuses NUL in text; UTF-8 cannot encode a lone surrogate, so SQLite,
log lines and response bodies fail on it), and no voice can say them. The HTTP edge
(:mod:`vocalis.api.guard`) and the WebSocket codecs (:mod:`vocalis.realtime.codec`) both check with
these functions, so the rule and its error are the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from vocalis.errors import InvalidCharacters

_FORBIDDEN = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True)
class Violation:
    location: str  # path, query, body, form, message
    field: str
    position: int
    character: str

    def error(self) -> InvalidCharacters:
        what = "a NUL character" if self.character == "\x00" else "an unpaired surrogate"
        field = printable(self.field)
        where = f"{self.location} {field}" if field else self.location
        return InvalidCharacters(
            f"{where} contains {what} (U+{ord(self.character):04X}) at position {self.position}: "
            "text may not contain NUL characters or unpaired surrogates",
            location=self.location,
            field=field,
            position=self.position,
            character=f"U+{ord(self.character):04X}",
        )


def printable(text: str) -> str:
    """``text`` with each forbidden character as a \\uXXXX escape, so the answer itself can be encoded."""
    return _FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def find_forbidden(location: str, pairs: Iterator[tuple[str, str]]) -> Violation | None:
    for name, text in pairs:
        match = _FORBIDDEN.search(text)
        if match is not None:
            return Violation(location, name, match.start(), match.group())
    return None


def json_strings(value: Any) -> Iterator[tuple[str, str]]:
    """Every string of a parsed JSON document with its dotted path; keys are checked as strings too."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            yield path, item
        elif isinstance(item, dict):
            for key, child in item.items():
                yield f"{path}.{key}".lstrip(".") + " (name)", key
                stack.append((f"{path}.{key}".lstrip("."), child))
        elif isinstance(item, list):
            stack.extend((f"{path}.{i}".lstrip("."), child) for i, child in enumerate(item))
