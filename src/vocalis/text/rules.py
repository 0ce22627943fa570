"""The shape of a normalisation rule and helpers the rule modules share.

A rule is a regex tried at the start of a token and a function that turns its match into spoken
pieces. Pieces carry spans local to the text being normalised; the driver adds the document offset.
A rule may cover less than its match (a URL without its trailing full stop) but always starts at the
match start, and may return None to decline so the next rule is tried.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from vocalis.text.spans import Piece, Span

Expander = Callable[[re.Match[str]], list[Piece] | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    expand: Expander
    on_digit: bool = False
    on_letter: bool = False
    on_chars: str = ""  # other first characters the rule can start with


def whole(match: re.Match[str], spoken: str) -> list[Piece]:
    return [Piece(spoken, Span(match.start(), match.end()))]


def piece(spoken: str, start: int, end: int) -> Piece:
    return Piece(spoken, Span(start, end))


def group_piece(match: re.Match[str], group: str, spoken: str | None = None) -> Piece:
    """The piece for one named group; ``spoken=None`` keeps the group's characters as they are."""
    return Piece(match.group(group) if spoken is None else spoken, Span(match.start(group), match.end(group)))


# The edges of the text count as whitespace, so callers can test membership without special cases.
def char_before(text: str, position: int) -> str:
    return text[position - 1] if position > 0 else " "


def char_after(text: str, position: int) -> str:
    return text[position] if position < len(text) else " "


def is_word_char(char: str) -> bool:
    return char.isalnum()


# What follows a full stop that ends a sentence: nothing, a line break, or a capitalised word.
_SENTENCE_FOLLOWS = re.compile(r"\s*\Z|[^\S\n]*\n|\s+[\"'“‘(\[]*[A-Z]")


def ends_sentence(text: str, position: int) -> bool:
    """Whether a full stop just before ``position`` (swallowed by an abbreviation) also ends a sentence.

    Abbreviation rules put the full stop back in that case, since the TTS needs it for prosody.
    """
    return _SENTENCE_FOLLOWS.match(text, position) is not None
