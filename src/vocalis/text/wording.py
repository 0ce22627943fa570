"""Rules for words and symbols: abbreviations, web addresses, e-mail addresses, spoken symbols, emoji.

Web addresses are read without their scheme ("https://example.com/docs" -> "example dot com slash
docs"): listeners never need "h t t p s" and it costs seconds of audio. Initialisms ("FBI") are left
alone because the G2P already spells them.
"""

from __future__ import annotations

import re
import unicodedata

from vocalis.text import lexicon, numbers
from vocalis.text.rules import Rule, char_after, char_before, ends_sentence, is_word_char, piece, whole
from vocalis.text.spans import Piece

_ADDRESS_CHARS = r"[^\s<>\"“”'`]"
_TRAILING_PUNCTUATION = ".,;:!?)]}'\"”’"
_TLDS = "|".join(lexicon.TOP_LEVEL_DOMAINS)
_ADDRESS_PARTS = re.compile(r"[^\W\d_]+|[0-9]+|.", re.DOTALL)
_ABBREVIATION_NAMES = "|".join(
    re.escape(name)
    for name in sorted(
        [*lexicon.TITLES, *lexicon.ABBREVIATIONS, "St", *lexicon.MONTH_ABBREVIATIONS,
         *lexicon.WEEKDAY_ABBREVIATIONS],
        key=len,
        reverse=True,
    )
)  # fmt: skip
# The previous word is a capitalised name in mid-sentence ("on Main St.", "5th St."), so "St." and
# "Dr." name a street, not a saint or a doctor.
_NAME_BEFORE = re.compile(r"(?:[0-9a-z,;:]\s+[A-Z][\w'’-]*|[0-9]+(?:st|nd|rd|th)?)\s+\Z")
_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+\Z")
_NAME_AFTER = re.compile(r"\s+[A-Z]")
_NUMBER_AFTER = re.compile(r"\s*[0-9]")
_MONTH_NAMES = "|".join([*lexicon.MONTHS, *lexicon.MONTH_ABBREVIATIONS])
_DATE_AFTER = re.compile(rf",?\s*(?:[0-9]|(?:{_MONTH_NAMES})\b)")
_SPOKEN_SYMBOLS = {"&": "and", "=": "equals", "#": "number", "~": "about", "@": "at", "×": "times", "x": "by"}
_NUMBER_BEFORE = re.compile(r"[0-9][ \u00a0]?\Z")
# Characters a TTS voice cannot say: emoji, pictographs and the joiners and selectors inside them.
_UNSAYABLE_CATEGORIES = frozenset({"So", "Sk", "Co", "Cn", "Cs"})
_EMOJI_JOINERS = frozenset({"\u200d", "\u20e3", "\ufe0e", "\ufe0f"})


def say_address(address: str) -> str:
    """Read a web or e-mail address: words as they are, numbers as numbers, symbols by name."""
    spoken: list[str] = []
    for part in _ADDRESS_PARTS.findall(address):
        if part.isascii() and part.isdigit():
            short = len(part) <= 4 and not (len(part) > 1 and part.startswith("0"))
            spoken.append(numbers.cardinal(int(part)) if short else numbers.digits(part))
        elif part.lower() == "www":
            spoken.append("w w w")
        elif part[0].isalpha():
            spoken.append(part)
        elif part in lexicon.URL_SYMBOLS:
            spoken.append(lexicon.URL_SYMBOLS[part])
    return " ".join(spoken)


def _trim_address(address: str) -> str:
    """Drop punctuation that ends the sentence rather than the address; keep balanced brackets."""
    while address and address[-1] in _TRAILING_PUNCTUATION:
        if address[-1] == ")" and address.count("(") >= address.count(")"):
            break
        address = address[:-1]
    return address


def _address(match: re.Match[str], spoken_from: int) -> list[Piece] | None:
    body = _trim_address(match.group()[spoken_from - match.start() :])
    if not body:
        return None
    end = spoken_from + len(body)
    return [piece(say_address(body.rstrip("/")), match.start(), end)]


def _url(match: re.Match[str]) -> list[Piece] | None:
    return _address(match, match.start("rest"))


def _domain(match: re.Match[str]) -> list[Piece] | None:
    if char_before(match.string, match.start()) in ".@/":
        return None
    return _address(match, match.start())


def _email(match: re.Match[str]) -> list[Piece] | None:
    if char_before(match.string, match.start()) in ".@/":
        return None
    return whole(match, say_address(match.group()))


def _keep_stop(text: str, end: int) -> str:
    return "." if ends_sentence(text, end) else ""


def _abbreviation(match: re.Match[str]) -> list[Piece] | None:
    text, start, end = match.string, match.start(), match.end()
    if match.group("versus"):
        return whole(match, "versus")
    word = match.group("word")
    name_before = _NAME_BEFORE.search(text, max(0, start - 40), start) is not None
    name_after = _NAME_AFTER.match(text, end) is not None
    if word == "St":
        spoken = "Street" if name_before or not name_after else "Saint"
    elif word == "Dr":
        capitalised_before = _CAPITALISED_BEFORE.search(text, max(0, start - 40), start) is not None
        spoken = "Drive" if capitalised_before and not name_after else "Doctor"
    elif word in lexicon.TITLES:
        spoken = lexicon.TITLES[word]
    elif word == "No":
        if not _NUMBER_AFTER.match(text, end):
            return None
        spoken = "number"
    elif word in lexicon.WEEKDAY_ABBREVIATIONS:
        if word in lexicon.AMBIGUOUS_WEEKDAYS and not _DATE_AFTER.match(text, end):
            return None
        spoken = lexicon.WEEKDAY_ABBREVIATIONS[word]
    else:
        spoken = lexicon.MONTH_ABBREVIATIONS.get(word) or lexicon.ABBREVIATIONS[word]
    # Titles and "No." always lead into a name or number; the others may also end the sentence.
    if spoken in ("Street", "Drive") or word not in (*lexicon.TITLES, "St", "No"):
        spoken += _keep_stop(text, end)
    return whole(match, spoken)


def _symbol(match: re.Match[str]) -> list[Piece] | None:
    text, start = match.string, match.start()
    symbol = match.group()[0]
    if symbol == "+":
        before = text[:start].rstrip()[-1:]
        after = text[match.end() :].lstrip()[:1]
        between = is_word_char(before) and is_word_char(after)
        if not (between or (after.isdigit() and not is_word_char(char_before(text, start)))):
            return None
        return whole(match, "plus")
    if symbol in "x×" and not _NUMBER_BEFORE.search(text, max(0, start - 2), start):
        return None
    return whole(match, _SPOKEN_SYMBOLS[symbol])


def unsayable_end(text: str, start: int) -> int:
    """Where a run of emoji and other unsayable symbols starting at ``start`` ends (``start`` if none)."""
    end = start
    while end < len(text):
        char = text[end]
        unsayable = char in _EMOJI_JOINERS or (
            not char.isascii() and unicodedata.category(char) in _UNSAYABLE_CATEGORIES
        )
        if not unsayable:
            break
        end += 1
    return end


def unsayable(text: str, start: int, end: int) -> Piece:
    """Say nothing for emoji, but keep words on either side apart ("hi😀there")."""
    apart = is_word_char(char_before(text, start)) and is_word_char(char_after(text, end))
    return piece(" " if apart else "", start, end)


RULES: tuple[Rule, ...] = (
    Rule("email",
         re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])"),
         _email, on_letter=True, on_digit=True),
    Rule("url", re.compile(rf"(?:(?i:https?|ftp)://|(?=www\.))(?P<rest>{_ADDRESS_CHARS}+)"), _url,
         on_letter=True),
    Rule("domain",
         re.compile(rf"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+(?:{_TLDS})(?![\w-])(?:/{_ADDRESS_CHARS}*)?"),
         _domain, on_letter=True, on_digit=True),
    Rule("abbreviation", re.compile(rf"(?P<word>{_ABBREVIATION_NAMES})\.|(?P<versus>vs)(?![^\W_.])"),
         _abbreviation, on_letter=True),
    Rule("symbol",
         re.compile(r"[&=+]|#(?=[0-9])|~(?=\s?[-−$£€¥₹0-9])|@(?=[^\W_])|[x×](?=[ \u00a0]?[0-9])"),
         _symbol, on_letter=True, on_chars="&=+#~@×"),
)  # fmt: skip
