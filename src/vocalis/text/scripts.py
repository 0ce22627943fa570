"""Which writing systems a text uses, to say why a voice could make no sound of it."""

from __future__ import annotations

import unicodedata

# The first word(s) of a Unicode character name that name its script, and what people call it.
_SCRIPT_NAMES = {
    "CJK": "Han (Chinese characters)",
    "HIRAGANA": "Japanese kana",
    "KATAKANA": "Japanese kana",
    "HANGUL": "Korean Hangul",
    "CYRILLIC": "Cyrillic",
    "GREEK": "Greek",
    "ARABIC": "Arabic",
    "HEBREW": "Hebrew",
    "DEVANAGARI": "Devanagari",
    "BENGALI": "Bengali",
    "TAMIL": "Tamil",
    "THAI": "Thai",
    "ARMENIAN": "Armenian",
    "GEORGIAN": "Georgian",
    "ETHIOPIC": "Ethiopic",
    "LATIN": "Latin",
}


def scripts_of(text: str) -> tuple[str, ...]:
    """The scripts of the letters in ``text``, most frequent first (digits and symbols are ignored)."""
    counts: dict[str, int] = {}
    for char in text:
        if not char.isalpha():
            continue
        first = unicodedata.name(char, "").split(" ", 1)[0]
        script = _SCRIPT_NAMES.get(first, first.title() if first else "unknown")
        counts[script] = counts.get(script, 0) + 1
    return tuple(sorted(counts, key=lambda s: -counts[s]))
