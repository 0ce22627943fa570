"""Text front-end: normalisation to spoken English and chunking, both keeping original offsets."""

from vocalis.text.chunking import Boundary, TextChunk, chunk_text, split_chunk, split_sentences
from vocalis.text.normalize import NormalizedText, Piece, Span, SpokenWord, normalize

__all__ = [
    "Boundary",
    "NormalizedText",
    "Piece",
    "Span",
    "SpokenWord",
    "TextChunk",
    "chunk_text",
    "normalize",
    "split_chunk",
    "split_sentences",
]
