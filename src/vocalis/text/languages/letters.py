"""Letters by name, for spelling out (SSML ``<say-as interpret-as="characters">``).

A bare capital is not always read as its name by a G2P (Spanish "Y" is the word "y"), so each letter
is written as it is said. Accents are dropped (a speaker spelling "é" usually says "e"), except where
the letter has its own name (Spanish "ñ", French "ç").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
# English "a" is written "eigh": the G2P reads "ay" as "aye" ([aɪ]).
_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("eigh", "bee", "see", "dee", "ee", "ef", "gee", "aitch", "eye", "jay", "kay", "el", "em", "en",
           "oh", "pee", "cue", "ar", "ess", "tee", "you", "vee", "double you", "ex", "why", "zee"),
    "fr": ("a", "bé", "cé", "dé", "e", "effe", "gé", "ache", "i", "ji", "ka", "elle", "emme", "enne",
           "o", "pé", "ku", "erre", "esse", "té", "u", "vé", "double vé", "ixe", "i grec", "zède"),
    "es": ("a", "be", "ce", "de", "e", "efe", "ge", "hache", "i", "jota", "ka", "ele", "eme", "ene",
           "o", "pe", "cu", "erre", "ese", "te", "u", "uve", "uve doble", "equis", "ye", "zeta"),
    "it": ("a", "bi", "ci", "di", "e", "effe", "gi", "acca", "i", "i lunga", "cappa", "elle", "emme",
           "enne", "o", "pi", "cu", "erre", "esse", "ti", "u", "vu", "doppia vu", "ics", "ipsilon", "zeta"),
    "pt": ("á", "bê", "cê", "dê", "é", "efe", "gê", "agá", "i", "jota", "cá", "ele", "eme", "ene",
           "ó", "pê", "quê", "erre", "esse", "tê", "u", "vê", "dáblio", "xis", "ípsilon", "zê"),
}  # fmt: skip
_OWN_NAMES = {"es": {"ñ": "eñe"}, "fr": {"ç": "cé cédille"}, "pt": {"ç": "cê cedilha"}}


def spell(text: str, language: str, digit: Callable[[str], str]) -> str:
    """Each letter by name and each digit as a word; other characters are not read."""
    names = _NAMES[language]
    spoken: list[str] = []
    for char in text.lower():
        own = _OWN_NAMES.get(language, {}).get(char)
        base = unicodedata.normalize("NFD", char)[:1]
        if own:
            spoken.append(own)
        elif base in _ALPHABET:
            spoken.append(names[_ALPHABET.index(base)])
        elif "0" <= char <= "9":
            spoken.append(digit(char))
    return " ".join(spoken)
