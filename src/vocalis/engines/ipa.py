"""IPA as people write it (SSML ``<phoneme alphabet="ipa">``) to the symbols Kokoro reads.

Kokoro's English symbols follow misaki: one letter per diphthong and affricate ("eɪ" is "A", "dʒ" is
"ʤ"), "ɹ" for r, rhotic vowels spelt out. Its other languages use espeak-ng's symbols with the same
single letters for tied pairs. Tie bars, syllable dots and length marks Kokoro lacks are dropped.
"""

from __future__ import annotations

import re

_COMMON = (
    ("t͡ʃ", "ʧ"), ("d͡ʒ", "ʤ"), ("t͡s", "ʦ"), ("d͡z", "ʣ"), ("tʃ", "ʧ"), ("dʒ", "ʤ"),
    ("g", "ɡ"), ("ɫ", "l"), ("'", "ˈ"), (",", "ˌ"),
)  # fmt: skip
_ENGLISH = (
    ("eɪ", "A"), ("aɪ", "I"), ("aʊ", "W"), ("oʊ", "O"), ("əʊ", "Q"), ("ɔɪ", "Y"),
    ("ɝ", "ɜɹ"), ("ɚ", "əɹ"), ("r", "ɹ"), ("ɐ", "ə"),
)  # fmt: skip
_DROPPED = "͡‿.|/[]"
_VOWELS = "aeiouyæɑɒɔəɛɜɪʊʌøœɐɨɯɤAIOWYQᵊ"
_STRESS = re.compile(f"([ˈˌ])([^{_VOWELS}ˈˌ ]+)(?=[{_VOWELS}])")


def kokoro_symbols(ipa: str, language: str) -> str:
    """``ipa`` in Kokoro's symbols for reading ``language`` ("en-US", "fr-FR", ...)."""
    text = ipa.strip()
    for old, new in _COMMON:
        text = text.replace(old, new)
    if language.startswith("en"):
        for old, new in _ENGLISH:
            text = text.replace(old, new)
    text = "".join(c for c in text if c not in _DROPPED)
    # IPA marks stress before the syllable ("təˈmeɪtoʊ"), Kokoro's training data before its vowel.
    return _STRESS.sub(r"\2\1", text)
