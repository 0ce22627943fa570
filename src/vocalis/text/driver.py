"""The normalisation scan every language shares: tokens, rules tried at each token, pieces in order.

At each token the rules whose first character fits are tried in order and the first that accepts gives
the pieces; whatever no rule accepts is kept as written (punctuation and whitespace included, the TTS
uses them for prosody); emoji say nothing but keep a piece so offsets stay consistent. English
(:mod:`vocalis.text.normalize`) and the other languages (:mod:`vocalis.text.languages`) differ only in
their rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vocalis.text import wording
from vocalis.text.rules import Rule
from vocalis.text.spans import NormalizedText, Piece, Span

# Letters and digits are separate tokens so "mp3" reads "mp three" ("mp trois").
_TOKEN = re.compile(r"[^\W\d_]+|[0-9]+|\s+|.", re.DOTALL)


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
        start, end, spoken = piece.source.start, piece.source.end, piece.spoken
        verbatim = spoken == self._text[start:end]
        previous = self._entries[-1] if self._entries else None
        if previous is None:
            self._entries.append(_Entry(spoken, start, end, verbatim))
            return
        if previous.spoken[-1:].isalnum() and spoken[:1].isalnum():
            # "1er" glued to a letter must not fuse with it into one word.
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


@dataclass
class Normalizer:
    """Normalises text with ``rules``, tried in order at each token whose first character they accept."""

    rules: tuple[Rule, ...]
    _by_kind: dict[str, tuple[Rule, ...]] = field(default_factory=dict, repr=False)

    def _rules_for(self, kind: str) -> tuple[Rule, ...]:
        found = self._by_kind.get(kind)
        if found is None:
            if kind == "digit":
                found = tuple(rule for rule in self.rules if rule.on_digit)
            elif kind == "letter":
                found = tuple(rule for rule in self.rules if rule.on_letter)
            else:
                found = tuple(rule for rule in self.rules if kind in rule.on_chars)
            self._by_kind[kind] = found
        return found

    def _expand_at(self, text: str, position: int) -> list[Piece] | None:
        for rule in self._rules_for(_kind(text[position])):
            match = rule.pattern.match(text, position)
            if match is None:
                continue
            pieces = rule.expand(match)
            if pieces and pieces[-1].source.end > position:
                return pieces
        return None

    def __call__(self, text: str, *, offset: int = 0) -> NormalizedText:
        pieces = _Pieces(text)
        position = 0
        while position < len(text):
            expanded = self._expand_at(text, position)
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
