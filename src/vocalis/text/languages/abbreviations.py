"""Abbreviations read in full: "M. Dupont" -> "monsieur Dupont", "etc." -> "et cetera".

Each written form has a kind that says when it is expanded and what becomes of its full stop:

- ``TITLE``: always, and the full stop is never a sentence end ("Sr. García", "Mme Curie");
- ``NAME``: only before a capitalised name ("M. Dupont", "St-Denis"), since "M." alone may be a letter;
- ``NUMBER``: only before a number ("n° 5", "p. 12");
- ``WORD``: always; a full stop that also ends the sentence is put back ("etc." at the end), since
  the TTS needs it for prosody.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from vocalis.text.rules import Rule, char_before, ends_sentence, is_word_char, whole
from vocalis.text.spans import Piece

TITLE, NAME, NUMBER, WORD = "title", "name", "number", "word"
Table = Mapping[str, tuple[str, str]]  # written form -> (spoken form, kind)

_CAPITALS = "A-ZÀ-ÖØ-ÞŒ"
_NAME_AFTER = re.compile(rf"(?:[ \u00a0]+|-)[{_CAPITALS}]")
_NUMBER_AFTER = re.compile(r"[ \u00a0]?[0-9]")
# Besides rules.ends_sentence: a capital with an accent, or a Spanish opening "¿" or "¡", or "«".
_SENTENCE_FOLLOWS = re.compile(rf"\s+[\"'“‘(\[«¿¡]*[{_CAPITALS}]")


def sentence_ends(text: str, position: int) -> bool:
    """Whether a full stop just before ``position`` (swallowed by an abbreviation) also ends a sentence."""
    return ends_sentence(text, position) or _SENTENCE_FOLLOWS.match(text, position) is not None


def _expand(table: Table, match: re.Match[str]) -> list[Piece] | None:
    text, start, end = match.string, match.start(), match.end()
    if is_word_char(char_before(text, start)):
        return None
    spoken, kind = table[match.group()]
    if kind == NAME and not _NAME_AFTER.match(text, end):
        return None
    if kind == NUMBER and not _NUMBER_AFTER.match(text, end):
        return None
    if kind == WORD and match.group().endswith(".") and sentence_ends(text, end):
        spoken += "."
    return whole(match, spoken)


def rule(table: Table) -> Rule:
    """One rule for a language's whole table; longer written forms are tried first."""
    alternatives = [
        re.escape(written) + (r"(?![^\W_])" if written[-1].isalnum() else "")
        for written in sorted(table, key=len, reverse=True)
    ]
    first = {written[0] for written in table}
    return Rule(
        "abbreviation",
        re.compile("|".join(alternatives)),
        lambda match: _expand(table, match),
        on_letter=any(char.isalpha() for char in first),
        on_chars="".join(char for char in first if not char.isalpha()),
    )
