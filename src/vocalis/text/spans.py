"""Values that tie spoken (normalised) text back to character ranges of the original text."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

# A spoken word is a run of letters/digits, with apostrophes allowed inside ("don't"). Hyphens and
# all other punctuation separate words, so "forty-five" is two words, as a speech recogniser writes it.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class Span:
    """A half-open ``[start, end)`` character range in the original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"span start {self.start} is after its end {self.end}")


@dataclass(frozen=True)
class Piece:
    """A piece of spoken text and the original range it was read from."""

    spoken: str
    source: Span


@dataclass(frozen=True)
class SpokenWord:
    """One spoken word (``"twenty"``) and the original range it came from (the span of ``"2024"``)."""

    text: str
    source: Span


@dataclass(frozen=True)
class _Layout:
    starts: tuple[int, ...]  # where each piece begins in the spoken text
    verbatim: tuple[bool, ...]  # the piece says exactly its original characters


@dataclass(frozen=True)
class NormalizedText:
    """Spoken text as a sequence of pieces that cover ``original`` in order, without gaps or overlaps.

    Source spans are offsets into the whole document: ``original`` starts at ``offset`` in it.
    """

    original: str
    pieces: tuple[Piece, ...]
    offset: int = 0

    def __post_init__(self) -> None:
        position = self.offset
        for piece in self.pieces:
            if piece.source.start != position:
                raise ValueError(f"pieces leave a gap or overlap at {position}")
            position = piece.source.end
        if position != self.offset + len(self.original):
            raise ValueError("pieces do not cover the whole original text")

    @cached_property
    def text(self) -> str:
        """The spoken text to give to the G2P."""
        return "".join(piece.spoken for piece in self.pieces)

    @cached_property
    def _layout(self) -> _Layout:
        starts: list[int] = []
        verbatim: list[bool] = []
        position = 0
        for piece in self.pieces:
            starts.append(position)
            position += len(piece.spoken)
            original = self.original[piece.source.start - self.offset : piece.source.end - self.offset]
            verbatim.append(piece.spoken == original)
        return _Layout(tuple(starts), tuple(verbatim))

    def words(self) -> list[SpokenWord]:
        """Every spoken word in order, with the original range it was read from.

        A word read from an expansion ("twenty" from "2024") carries the span of the whole expansion;
        a word that was left as written carries its exact characters.
        """
        return [
            SpokenWord(match.group(), self.source_span(match.start(), match.end()))
            for match in _WORD.finditer(self.text)
        ]

    def source_span(self, start: int, end: int) -> Span:
        """Map the range ``[start, end)`` of :attr:`text` back to the original text.

        Inside an expanded piece the whole piece's source is returned (its words cannot be matched
        to original characters one by one); inside unchanged text the exact characters are.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"range [{start}, {end}) is outside the spoken text of length {len(self.text)}")
        layout = self._layout
        if not self.pieces:
            return Span(self.offset, self.offset)
        index = max(bisect_right(layout.starts, start) - 1, 0)
        if start == end:
            point = self._point(index, start)
            return Span(point, point)
        lowest: int | None = None
        highest = 0
        while index < len(self.pieces) and layout.starts[index] < end:
            piece = self.pieces[index]
            piece_start = layout.starts[index]
            piece_end = piece_start + len(piece.spoken)
            if piece_end > start:
                if layout.verbatim[index]:
                    low = piece.source.start + max(start, piece_start) - piece_start
                    high = piece.source.start + min(end, piece_end) - piece_start
                else:
                    low, high = piece.source.start, piece.source.end
                lowest = low if lowest is None else min(lowest, low)
                highest = max(highest, high)
            index += 1
        assert lowest is not None  # a non-empty range always overlaps a non-empty piece
        return Span(lowest, highest)

    def _point(self, index: int, position: int) -> int:
        piece = self.pieces[index]
        inside = position - self._layout.starts[index]
        if self._layout.verbatim[index]:
            return piece.source.start + min(inside, len(piece.spoken))
        return piece.source.start if inside == 0 else piece.source.end
