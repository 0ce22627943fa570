"""Helpers shared by the per-language normalisation tests."""

from __future__ import annotations

from vocalis.text.languages import normalize_language
from vocalis.text.spans import NormalizedText


def spoken(text: str, language: str) -> str:
    return check_offsets(normalize_language(text, language)).text


def words_with_sources(text: str, language: str) -> list[tuple[str, str]]:
    """Each spoken word with the original characters it was read from."""
    normalized = check_offsets(normalize_language(text, language))
    return [(word.text, text[word.source.start : word.source.end]) for word in normalized.words()]


def check_offsets(normalized: NormalizedText) -> NormalizedText:
    """Every piece follows the previous one, and every word lies inside the original text, in order."""
    position = normalized.offset
    for piece in normalized.pieces:
        assert piece.source.start == position
        assert piece.source.end >= piece.source.start
        position = piece.source.end
    assert position == normalized.offset + len(normalized.original)
    assert normalized.text == "".join(piece.spoken for piece in normalized.pieces)
    previous = normalized.offset
    for word in normalized.words():
        assert normalized.offset <= word.source.start <= word.source.end <= position
        assert word.source.start >= previous
        previous = word.source.start
    return normalized
