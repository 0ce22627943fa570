"""Rules for written numbers: amounts of money, percentages, measurements, ordinals, plain numbers."""

from __future__ import annotations

import re
from functools import cache

from vocalis.text import lexicon, numbers
from vocalis.text.rules import Rule, char_before, is_word_char, piece, whole
from vocalis.text.spans import Piece

# Thousands separators must come in full groups: "1,250" is one number, "1,2" is two.
INTEGER = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)"
NUMBER = rf"(?P<int>{INTEGER})(?:\.(?P<frac>[0-9]+))?"
_SIGN = r"(?P<sign>[-−])?"
# A space may separate a number from its unit or symbol, but not a line break.
_GAP = r"[ \u00a0\u202f]?"
_UNIT_NAMES = "|".join(re.escape(unit) for unit in sorted(lexicon.UNITS, key=len, reverse=True))
_SCALE = (
    rf"(?:{_GAP}(?P<scale_word>thousand|million|billion|trillion)"
    r"|(?P<scale_abbr>mn|bn|tn|[kKmMbB]))(?![^\W_])"
)
_CURRENCY = "".join(lexicon.CURRENCY_SYMBOLS)
_CODES = "|".join(lexicon.CURRENCY_CODES)
_NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")
_DIMENSION_AFTER = re.compile(r"\s*[x×*]\s*[0-9]")
_INCH_CONTEXT = re.compile(r"\s*(?:[x×)\]\"”]|by\b)")
_FEET_BEFORE = re.compile(r"(?:ft|feet|foot|['’])\s*\Z")
_DIGIT_BEFORE = re.compile(r"[0-9]\Z")
_DIGIT_SPACE_BEFORE = re.compile(r"[0-9]\s?\Z")


@cache
def _count_words() -> frozenset[str]:
    return lexicon.count_words()


def _sign_words(match: re.Match[str]) -> str | None:
    """Say "minus " for a leading minus sign; None when the dash joins two words ("COVID-19") instead."""
    if match.group("sign") is None:
        return ""
    if is_word_char(char_before(match.string, match.start())):
        return None
    return "minus "


def _is_one(match: re.Match[str]) -> bool:
    return match.group("int") == "1" and match.group("frac") is None


def _read(match: re.Match[str]) -> str:
    return numbers.number(match.group("int"), match.group("frac"))


def _looks_like_year(match: re.Match[str]) -> bool:
    written = match.group("int")
    if len(written) != 4 or match.group("frac") is not None or not 1100 <= int(written) <= 2099:
        return False
    text = match.string
    if char_before(text, match.start()) in "#$£€¥₹":
        return False
    if _DIMENSION_AFTER.match(text, match.end()):
        return False
    word = _NEXT_WORD.match(text, match.end())
    if word is None:
        return True
    return word.group(1) not in _count_words() and word.group(1).lower() not in _count_words()


def _number(match: re.Match[str]) -> list[Piece] | None:
    sign = _sign_words(match)
    if sign is None:
        return None
    if not sign and _looks_like_year(match):
        return whole(match, numbers.year(int(match.group("int"))))
    return whole(match, sign + _read(match))


def _money_words(match: re.Match[str], currency: lexicon.Currency, sign: str) -> str:
    scale = match.groupdict().get("scale_word") or match.groupdict().get("scale_abbr")
    integer, fraction = match.group("int"), match.group("frac")
    if scale:
        return f"{sign}{_read(match)} {lexicon.SCALES[scale]} {currency.unit.plural}"
    subunit = currency.subunit
    if fraction is not None and (len(fraction) != 2 or subunit is None):
        return f"{sign}{_read(match)} {currency.unit.plural}"
    units = int(integer.replace(",", ""))
    cents = int(fraction) if fraction else 0
    parts = []
    if units or not cents:
        parts.append(f"{numbers.number(integer)} {currency.unit.count(units == 1)}")
    if cents and subunit is not None:
        parts.append(f"{numbers.cardinal(cents)} {subunit.count(cents == 1)}")
    return sign + " and ".join(parts)


def _money_before(match: re.Match[str]) -> list[Piece] | None:
    sign = _sign_words(match)
    if sign is None:
        return None
    return whole(match, _money_words(match, lexicon.CURRENCY_SYMBOLS[match.group("cur")], sign))


def _money_after(match: re.Match[str]) -> list[Piece] | None:
    sign = _sign_words(match)
    if sign is None:
        return None
    symbol = match.group("cur") or lexicon.CURRENCY_CODES[match.group("code")]
    if symbol == "¢":
        return whole(match, f"{sign}{_read(match)} {lexicon.CENT.count(_is_one(match))}")
    return whole(match, _money_words(match, lexicon.CURRENCY_SYMBOLS[symbol], sign))


def _percent(match: re.Match[str]) -> list[Piece] | None:
    sign = _sign_words(match)
    return None if sign is None else whole(match, f"{sign}{_read(match)} percent")


def _says_inches(match: re.Match[str]) -> bool:
    """Whether "in" means inches here ("5 in x 3 in", "6 ft 2 in") rather than the preposition."""
    text, start = match.string, match.start()
    return bool(_INCH_CONTEXT.match(text, match.end()) or _FEET_BEFORE.search(text, max(0, start - 8), start))


def _unit(match: re.Match[str]) -> list[Piece] | None:
    sign = _sign_words(match)
    unit = match.group("unit")
    if sign is None:
        return None
    spaced = match.group("gap") and not match.group("per")
    if unit in lexicon.AMBIGUOUS_UNITS and spaced and not _says_inches(match):
        return None
    spoken_unit = lexicon.UNITS[unit].count(_is_one(match))
    if match.group("per"):
        spoken_unit += f" per {lexicon.UNITS[match.group('per')].singular}"
    # Number and unit are separate pieces so "1,250 km" gives each written word its own timing.
    number_end, unit_start = match.start("gap"), match.start("unit")
    if number_end == unit_start:  # "5km"
        return [
            piece(f"{sign}{_read(match)}", match.start(), number_end),
            piece(f" {spoken_unit}", unit_start, match.end()),
        ]
    return [
        piece(f"{sign}{_read(match)}", match.start(), number_end),
        piece(" ", number_end, unit_start),
        piece(spoken_unit, unit_start, match.end()),
    ]


def _ordinal(match: re.Match[str]) -> list[Piece] | None:
    return whole(match, numbers.ordinal(int(match.group("int").replace(",", ""))))


def _decade(match: re.Match[str]) -> list[Piece] | None:
    written = match.group("num")
    value = int(written)
    if value % 10:
        return None
    if len(written) == 2 and value >= 10:
        return whole(match, numbers.plural(numbers.cardinal(value)))
    if len(written) == 4 and 1100 <= value <= 2099:
        return whole(match, numbers.plural(numbers.year(value)))
    return None


def _fraction(match: re.Match[str]) -> list[Piece] | None:
    numerator, denominator = int(match.group("num")), int(match.group("den"))
    if char_before(match.string, match.start()) == "/" or not 1 <= numerator < denominator <= 16:
        return None
    spoken = numbers.fraction(numerator, denominator)
    if match.group("whole") is not None:
        spoken = f"{numbers.number(match.group('whole'))} and {spoken}"
    return whole(match, spoken)


def _dotted(match: re.Match[str]) -> list[Piece] | None:
    parts = match.group().split(".")
    # Four small parts is an IP address ("dot"); anything else is a version number ("point").
    ip = len(parts) == 4 and all(len(p) <= 3 and int(p) <= 255 for p in parts)
    return whole(match, (" dot " if ip else " point ").join(numbers.number(p) for p in parts))


def _phone(match: re.Match[str]) -> list[Piece] | None:
    return whole(match, ", ".join(numbers.digits(group, zero="oh") for group in match.group().split("-")))


def _range(match: re.Match[str]) -> list[Piece] | None:
    """Say a dash or colon between numbers as "to": "5-10", "3:2" (a score or ratio, not a time)."""
    start = match.start()
    before = _DIGIT_SPACE_BEFORE if match.group().startswith("–") else _DIGIT_BEFORE
    if not before.search(match.string, max(0, start - 2), start):
        return None
    return whole(match, "to " if match.group()[-1].isspace() else "to")


def _leading_point(match: re.Match[str]) -> list[Piece] | None:
    if is_word_char(char_before(match.string, match.start())):
        return None
    return [piece(f"point {numbers.digits(match.group('frac'))}", match.start(), match.end())]


RULES: tuple[Rule, ...] = (
    Rule("phone", re.compile(r"[0-9]{3}-[0-9]{3}-[0-9]{4}(?![0-9])|[0-9]{3}-[0-9]{4}(?![0-9-])"), _phone,
         on_digit=True),
    Rule("dotted", re.compile(r"[0-9]+(?:\.[0-9]+){2,}(?![0-9]|\.[0-9])"), _dotted, on_digit=True),
    Rule("decade", re.compile(r"['’]?(?P<num>[0-9]{2}|[0-9]{4})s(?![^\W_])"), _decade, on_digit=True,
         on_chars="'’"),
    Rule("ordinal", re.compile(rf"(?P<int>{INTEGER})(?:st|nd|rd|th|ST|ND|RD|TH)(?![^\W_])"), _ordinal,
         on_digit=True),
    Rule("fraction",
         re.compile(r"(?:(?P<whole>[0-9]+) )?(?P<num>[0-9]{1,2})/(?P<den>[0-9]{1,2})(?![0-9/])"),
         _fraction, on_digit=True),
    # A colon between numbers that is not a clock time ("3:2", "1:1") is a ratio or a score.
    Rule("range", re.compile(r"(?:-|–\s?)(?=[0-9])|:(?=[0-9](?![0-9])|[0-9]{3})"), _range, on_chars="-–:"),
    Rule("money", re.compile(rf"{_SIGN}(?P<cur>[{_CURRENCY}]){_GAP}{NUMBER}(?:{_SCALE})?"), _money_before,
         on_chars=f"-−{_CURRENCY}"),
    Rule("money_after",
         re.compile(rf"{_SIGN}{NUMBER}(?:{_GAP}(?P<cur>[{_CURRENCY}¢])|{_GAP}(?P<code>{_CODES})(?![^\W_]))"),
         _money_after, on_digit=True, on_chars="-−"),
    Rule("percent", re.compile(rf"{_SIGN}{NUMBER}{_GAP}%"), _percent, on_digit=True, on_chars="-−"),
    Rule("unit",
         re.compile(rf"{_SIGN}{NUMBER}(?P<gap>{_GAP})(?P<unit>{_UNIT_NAMES})(?:/(?P<per>{_UNIT_NAMES}))?(?![^\W_])"),
         _unit, on_digit=True, on_chars="-−"),
    Rule("number", re.compile(rf"{_SIGN}{NUMBER}"), _number, on_digit=True, on_chars="-−"),
    Rule("leading_point", re.compile(r"\.(?P<frac>[0-9]+)(?![0-9])"), _leading_point, on_chars="."),
)  # fmt: skip
