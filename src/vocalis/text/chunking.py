"""Split text into chunks for synthesis: paragraphs, sentences, and clauses when a sentence is too long.

Every chunk is an exact slice of the original text (``text == original[start:end]``), so timestamps
and highlights map straight back to what the user wrote. One chunk never spans two sentences: each is
synthesised and streamed on its own, and the pause after it depends on what ended it.

Line breaks: a blank line ends a paragraph; a single line break ends a sentence (headings, list
items, verse) unless the next line starts with a lowercase letter, which means the text was merely
wrapped.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass

PARAGRAPH_PAUSE = 0.6
SENTENCE_PAUSE = 0.3
CLAUSE_PAUSE = 0.12
WORD_PAUSE = 0.05
END_PAUSE = 0.0


class Boundary(enum.Enum):
    """What follows a chunk."""

    PARAGRAPH = "paragraph"
    SENTENCE = "sentence"
    CLAUSE = "clause"  # a split inside a sentence at punctuation or a conjunction
    WORD = "word"  # a forced split between words (or inside one huge word)
    END = "end"


_PAUSES = {
    Boundary.PARAGRAPH: PARAGRAPH_PAUSE,
    Boundary.SENTENCE: SENTENCE_PAUSE,
    Boundary.CLAUSE: CLAUSE_PAUSE,
    Boundary.WORD: WORD_PAUSE,
    Boundary.END: END_PAUSE,
}


@dataclass(frozen=True)
class TextChunk:
    """``original[start:end]``, stripped of surrounding whitespace, and what follows it."""

    text: str
    start: int
    end: int
    boundary: Boundary

    def __post_init__(self) -> None:
        if self.end - self.start != len(self.text):
            raise ValueError("a chunk's offsets must span exactly its text")

    @property
    def pause_after(self) -> float:
        """Seconds of silence to insert after this chunk."""
        return _PAUSES[self.boundary]


_WHITESPACE = re.compile(r"\s+")
_CLOSERS = "\"'”’)]}»"
_OPENERS = "\"'“‘([{«"
_TERMINALS = ".!?…"
_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028"
# A full stop after these does not end the sentence. Case matters: "No" only before a number.
_NO_STOP_AFTER = frozenset({
    "Dr", "Mr", "Mrs", "Ms", "Mx", "St", "Prof", "Rev", "Capt", "Gen", "Sgt", "Lt", "Col", "Gov", "Sen",
    "Rep", "Hon", "Fr", "Mt", "Ft", "Fig", "fig", "vs", "etc", "approx", "cf", "al", "ca", "Ph.D",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
})  # fmt: skip
# "U.S.", "e.g.", "i.e.", "a.m.": letters joined by full stops.
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
# Where a long sentence may be split: after clause punctuation followed by a space, or after a dash.
_CLAUSE_END = re.compile(r"[,;:][\"'”’)\]]*(?=\s)|\s[—–-](?=\s)|(?<=\w)[—–](?=\w)")
_CONJUNCTIONS = ("and", "but", "or", "nor", "yet", "so", "because", "although", "whereas", "while", "which")
_CONJUNCTION = re.compile(rf"\s(?=(?:{'|'.join(_CONJUNCTIONS)})\b)")
_LONGEST_CONJUNCTION = max(len(word) for word in _CONJUNCTIONS)


def _ends_sentence(text: str, gap_start: int, gap_end: int) -> bool:
    """Whether terminal punctuation before ``gap_start`` ends a sentence rather than an abbreviation."""
    end = gap_start
    while end > 0 and text[end - 1] in _CLOSERS:
        end -= 1
    if end == 0 or text[end - 1] not in _TERMINALS:
        return False
    stop = end - 1
    if text[stop] != "." or (stop > 0 and text[stop - 1] == "."):
        return True
    word_start = stop
    while word_start > 0 and not text[word_start - 1].isspace() and stop - word_start < 40:
        word_start -= 1
    word = text[word_start:stop].lstrip(_OPENERS)
    if not word:
        return True
    if word in _NO_STOP_AFTER or _INITIALISM.fullmatch(word) or (len(word) == 1 and word.isupper()):
        return False
    following = text[gap_end] if gap_end < len(text) else ""
    if word == "No" and following.isdigit():
        return False
    # "1. Introduction": the number of a list item at the start of a line.
    at_line_start = word_start == 0 or text[word_start - 1] in _LINE_BREAKS
    return not (word.isdigit() and len(word) <= 3 and at_line_start)


def _break_after(text: str, gap_start: int, gap_end: int) -> Boundary | None:
    """What kind of break, if any, the whitespace ``text[gap_start:gap_end]`` is."""
    gap = text[gap_start:gap_end].replace("\r\n", "\n")
    line_breaks = sum(gap.count(char) for char in _LINE_BREAKS)
    if line_breaks >= 2 or "\u2029" in gap:
        return Boundary.PARAGRAPH
    if text[gap_end].islower():
        return None
    ends = _ends_sentence(text, gap_start, gap_end)
    if line_breaks:
        # A line wrapped right after "Dr." or "U.S." continues the sentence.
        wrapped_abbreviation = not ends and text[gap_start - 1] == "."
        return None if wrapped_abbreviation else Boundary.SENTENCE
    return Boundary.SENTENCE if ends else None


def _stripped(text: str, start: int, end: int, boundary: Boundary) -> TextChunk | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return TextChunk(text[start:end], start, end, boundary) if end > start else None


def split_sentences(text: str) -> list[TextChunk]:
    """Split ``text`` into sentences, each tagged with the break that follows it."""
    chunks: list[TextChunk] = []
    start = 0
    for gap in _WHITESPACE.finditer(text):
        gap_start, gap_end = gap.span()
        if gap_start == 0 or gap_end == len(text):
            continue
        boundary = _break_after(text, gap_start, gap_end)
        if boundary is None:
            continue
        chunk = _stripped(text, start, gap_start, boundary)
        if chunk is not None:
            chunks.append(chunk)
        start = gap_end
    last = _stripped(text, start, len(text), Boundary.END)
    if last is not None:
        chunks.append(last)
    return chunks


def _last_end(pattern: re.Pattern[str], text: str, start: int, limit: int, minimum: int) -> int | None:
    """The last match end in ``(minimum, limit]``, looking no further than one character past ``limit``."""
    best = None
    for match in pattern.finditer(text, start, min(limit + 1, len(text))):
        if minimum < match.end() <= limit:
            best = match.end()
    return best


def _last_start(pattern: re.Pattern[str], text: str, start: int, limit: int, minimum: int) -> int | None:
    """The last match start in ``(minimum, limit]``; the matched lookahead may reach past ``limit``."""
    best = None
    for match in pattern.finditer(text, start, min(limit + _LONGEST_CONJUNCTION + 2, len(text))):
        if minimum < match.start() <= limit:
            best = match.start()
    return best


def _find_cut(text: str, start: int, max_chars: int) -> tuple[int, Boundary]:
    """Where to end a piece that starts at ``start`` and may be at most ``max_chars`` long."""
    limit = start + max_chars
    # A clause that fills at least a third of the piece beats a longer one cut mid-clause.
    enough = start + max_chars // 3
    for minimum in (enough, start):
        clause = _last_end(_CLAUSE_END, text, start, limit, minimum)
        if clause is not None:
            return clause, Boundary.CLAUSE
        conjunction = _last_start(_CONJUNCTION, text, start, limit, minimum)
        if conjunction is not None:
            return conjunction, Boundary.CLAUSE
    for index in range(limit, start, -1):
        if text[index].isspace():
            return index, Boundary.WORD
    # One word longer than the limit: cut it, but not between a letter and its accent.
    cut = limit
    while cut > start + 1 and unicodedata.combining(text[cut]):
        cut -= 1
    return cut, Boundary.WORD


def split_chunk(chunk: TextChunk, max_chars: int) -> list[TextChunk]:
    """Split a chunk into pieces of at most ``max_chars`` at clauses, then words, then anywhere.

    The last piece keeps the chunk's boundary; the others end in CLAUSE or WORD.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    text = chunk.text
    if len(text) <= max_chars:
        return [chunk]
    pieces: list[TextChunk] = []
    start = 0
    while len(text) - start > max_chars:
        cut, boundary = _find_cut(text, start, max_chars)
        piece = _stripped(text, start, cut, boundary)
        if piece is not None:
            pieces.append(TextChunk(piece.text, chunk.start + piece.start, chunk.start + piece.end, boundary))
        start = cut
        while start < len(text) and text[start].isspace():
            start += 1
    tail = _stripped(text, start, len(text), chunk.boundary)
    if tail is not None:
        pieces.append(TextChunk(tail.text, chunk.start + tail.start, chunk.start + tail.end, chunk.boundary))
    elif pieces:
        last = pieces.pop()
        pieces.append(TextChunk(last.text, last.start, last.end, chunk.boundary))
    return pieces


def chunk_text(text: str, *, max_chars: int = 400, first_max_chars: int | None = 160) -> list[TextChunk]:
    """Sentences of ``text``, long ones split so no chunk exceeds ``max_chars``.

    The first chunk is also held to ``first_max_chars`` so the first audio is ready quickly.
    """
    if max_chars < 1 or (first_max_chars is not None and first_max_chars < 1):
        raise ValueError("max_chars and first_max_chars must be at least 1")
    chunks: list[TextChunk] = []
    for sentence in split_sentences(text):
        first_limit = min(max_chars, first_max_chars) if first_max_chars is not None else max_chars
        if chunks or len(sentence.text) <= first_limit:
            chunks.extend(split_chunk(sentence, max_chars))
            continue
        head = split_chunk(sentence, first_limit)[0]
        chunks.append(head)
        rest = _stripped(text, head.end, sentence.end, sentence.boundary)
        if rest is not None:
            chunks.extend(split_chunk(rest, max_chars))
    return chunks
