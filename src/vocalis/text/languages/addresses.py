"""Web and e-mail addresses read with the language's words for their symbols.

As in English, the scheme and "www." are not read ("https://www.exemple.fr/a" -> "exemple point fr
slash a"): listeners never need them. Short numbers are read as numbers, long ones digit by digit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from vocalis.text.languages.profile import Language
from vocalis.text.lexicon import TOP_LEVEL_DOMAINS
from vocalis.text.rules import Rule, char_before, piece
from vocalis.text.spans import Piece

_ADDRESS_CHARS = r"[^\s<>\"“”'`«»]"
_TRAILING_PUNCTUATION = ".,;:!?)]}'\"”’»"
_PARTS = re.compile(r"[^\W\d_]+|[0-9]+|.", re.DOTALL)
_ENDINGS = {*TOP_LEVEL_DOMAINS, "es", "it", "pt", "br", "be", "ch", "mx", "ar"}
_TLDS = "|".join(sorted(_ENDINGS, key=len, reverse=True))
_EMAIL = r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])"
_URL = rf"(?:(?i:https?|ftp)://)?(?i:www\.)?(?P<rest>{_ADDRESS_CHARS}+)"
_DOMAIN = rf"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+(?:{_TLDS})(?![\w-])(?:/{_ADDRESS_CHARS}*)?"


def say_address(language: Language, symbols: Mapping[str, str], address: str) -> str:
    spoken: list[str] = []
    for part in _PARTS.findall(address):
        if part.isascii() and part.isdigit():
            short = len(part) <= 4 and not (len(part) > 1 and part.startswith("0"))
            spoken.append(language.cardinal(int(part), "") if short else language.digits(part))
        elif part[0].isalpha():
            spoken.append(part)
        elif part in symbols:
            spoken.append(symbols[part])
    return " ".join(spoken)


def _trim(address: str) -> str:
    """Drop punctuation that ends the sentence rather than the address; keep balanced brackets."""
    while address and address[-1] in _TRAILING_PUNCTUATION:
        if address[-1] == ")" and address.count("(") >= address.count(")"):
            break
        address = address[:-1]
    return address


def _address(language: Language, symbols: Mapping[str, str], match: re.Match[str]) -> list[Piece] | None:
    before = char_before(match.string, match.start())
    if before in ".@/" or before.isalnum():
        return None
    body = _trim(match.group("rest"))
    if not body:
        return None
    end = match.start("rest") + len(body)
    return [piece(say_address(language, symbols, body.rstrip("/")), match.start(), end)]


def rules(language: Language, symbols: Mapping[str, str]) -> tuple[Rule, ...]:
    """E-mail addresses, addresses with a scheme or "www.", and bare domains with a known ending."""

    def expand(match: re.Match[str]) -> list[Piece] | None:
        return _address(language, symbols, match)

    return (
        Rule("email", re.compile(f"(?P<rest>{_EMAIL})"), expand, on_letter=True, on_digit=True),
        Rule("url", re.compile(rf"(?=(?i:https?://|ftp://|www\.)){_URL}"), expand, on_letter=True),
        Rule("domain", re.compile(f"(?P<rest>{_DOMAIN})"), expand, on_letter=True, on_digit=True),
    )
