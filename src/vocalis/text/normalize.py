"""English text normalisation: written text -> the words a speaker would say, with offsets kept.

``normalize("It costs $9.99.")`` gives the spoken text ``"It costs nine dollars and ninety-nine
cents."`` as pieces, each tied to the original characters it was read from, so word timestamps can be
reported against the text the user wrote.

The text is scanned token by token. At each token the rules whose first character fits are tried in
order (dates and times before money, money before measurements, measurements before plain numbers);
the first that accepts produces the pieces. Whatever no rule accepts is kept as written, including
all punctuation (the TTS uses it for prosody) and whitespace. Emoji are read as nothing but keep a
piece so offsets stay consistent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vocalis.text import dates, numeric, wording
from vocalis.text.rules import Rule
from vocalis.text.spans import NormalizedText, Piece, Span, SpokenWord

__all__ = ["NormalizedText", "Piece", "Span", "SpokenWord", "normalize"]

# Letters and digits are separate tokens so "mp3" reads "mp three" and "3D" reads "three D".
_TOKEN = re.compile(r"[^\W\d_]+|[0-9]+|\s+|.", re.DOTALL)
_RULES: tuple[Rule, ...] = (*wording.RULES[:3], *dates.RULES, *numeric.RULES, *wording.RULES[3:])


@cache
def _rules_for(kind: str) -> tuple[Rule, ...]:
    if kind == "digit":
        return tuple(rule for rule in _RULES if rule.on_digit)
    if kind == "letter":
        return tuple(rule for rule in _RULES if rule.on_letter)
    return tuple(rule for rule in _RULES if kind in rule.on_chars)


def _kind(char: str) -> str:
    if "0" <= char <= "9":
        return "digit"
    if char.isalpha():
        return "letter"
    return char


@dataclass
class _Entry:
    spoken: str
    start: int
    end: int
    verbatim: bool


class _Pieces:
    """Collects pieces, merging runs of unchanged text and keeping expanded words apart from neighbours."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._entries: list[_Entry] = []

    def add(self, piece: Piece) -> None:
        start, end = piece.source.start, piece.source.end
        spoken = piece.spoken
        verbatim = spoken == self._text[start:end]
        previous = self._entries[-1] if self._entries else None
        if previous is None:
            self._entries.append(_Entry(spoken, start, end, verbatim))
            return
        if previous.spoken[-1:].isalnum() and spoken[:1].isalnum():
            # "3rd" -> "third" next to a letter must not fuse with it into one word.
            if not verbatim:
                spoken = " " + spoken
            elif not previous.verbatim:
                previous.spoken += " "
        if verbatim and previous.verbatim:
            previous.spoken += spoken
            previous.end = end
        else:
            self._entries.append(_Entry(spoken, start, end, verbatim))

    def build(self, offset: int) -> tuple[Piece, ...]:
        return tuple(Piece(e.spoken, Span(e.start + offset, e.end + offset)) for e in self._entries)


def _expand_at(text: str, position: int) -> list[Piece] | None:
    for rule in _rules_for(_kind(text[position])):
        match = rule.pattern.match(text, position)
        if match is None:
            continue
        pieces = rule.expand(match)
        if pieces:
            return pieces
    return None


def normalize(text: str, *, offset: int = 0) -> NormalizedText:
    """Expand ``text`` into spoken English; source spans are shifted by ``offset``.

    ``offset`` lets a chunk of a larger document be normalised with spans into the whole document.
    """
    pieces = _Pieces(text)
    position = 0
    while position < len(text):
        expanded = _expand_at(text, position)
        if expanded:
            for piece in expanded:
                pieces.add(piece)
            position = expanded[-1].source.end
            continue
        end = wording.unsayable_end(text, position)
        if end > position:
            pieces.add(wording.unsayable(text, position, end))
            position = end
            continue
        token = _TOKEN.match(text, position)
        assert token is not None  # the pattern's last branch matches any character
        pieces.add(Piece(token.group(), Span(position, token.end())))
        position = token.end()
    return NormalizedText(text, pieces.build(offset), offset)
