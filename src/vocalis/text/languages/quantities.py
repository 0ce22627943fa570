"""Rules for written numbers shared by the Romance languages: plain and decimal numbers, amounts of
money, percentages, measurements and dotted numbers (versions, IP addresses).

Numbers are written the continental way: a decimal comma ("3,5") and thousands grouped by a space
(normal, no-break or narrow no-break) or a full stop ("1 234,56", "1.234,56"). A full stop before
anything but a group of three digits is an English decimal point ("€12.50", "3.5"), read with the
language's word for "point". French reads "1.234" as a decimal, since French groups thousands with
spaces; a full stop is a thousands separator there only when unambiguous ("1.234.567", "1.234,56").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial

from vocalis.text.languages.profile import Currency, Language
from vocalis.text.numbers import MAX_CARDINAL_DIGITS
from vocalis.text.rules import Rule, char_before, is_word_char, piece, whole
from vocalis.text.spans import Piece

SPACE = "[ \u00a0\u202f]"
# A space may separate a number from its unit or symbol, but not a line break.
GAP = rf"{SPACE}?"
_SIGN = r"(?P<sign>[-−])?"
_SPACED = rf"[0-9]{{1,3}}(?:{SPACE}[0-9]{{3}})+(?![0-9])"
_DOTTED = r"[0-9]{1,3}(?:\.[0-9]{3})+(?![0-9]|\.[0-9])"
_DOTTED_UNAMBIGUOUS = r"[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9]|\.[0-9])|[0-9]{1,3}\.[0-9]{3}(?=,[0-9])"
_FRACTION = r"(?:,(?P<frac>[0-9]+)|\.(?P<dfrac>[0-9]+))(?![0-9]|[.,][0-9])"
_NON_DIGITS = re.compile(r"[^0-9]")


def number_pattern(language: Language) -> str:
    """The regex of a written number with groups ``int``, ``frac`` (after a comma), ``dfrac`` (a point)."""
    dotted = _DOTTED if language.dot_thousands else _DOTTED_UNAMBIGUOUS
    return rf"(?P<int>{dotted}|{_SPACED}|[0-9]+)(?:{_FRACTION})?"


def fraction_words(language: Language, written: str) -> str:
    """Digits after the decimal comma: leading zeros one by one, then up to three digits as a number."""
    rest = written.lstrip("0")
    words = [language.digits("0")] * (len(written) - len(rest))
    if rest:
        words.append(language.cardinal(int(rest), "") if len(rest) <= 3 else language.digits(rest))
    return " ".join(words)


def integer_words(language: Language, written: str, gender: str = "") -> str:
    """Read an integer as written (separators allowed): codes ("007") and long runs digit by digit."""
    whole_digits = _NON_DIGITS.sub("", written)
    grouped = whole_digits != written
    code = len(whole_digits) > 1 and whole_digits.startswith("0") and not grouped
    if code or len(whole_digits) > MAX_CARDINAL_DIGITS:
        return language.digits(whole_digits)
    return language.cardinal(int(whole_digits), gender)


def number_words(language: Language, match: re.Match[str], gender: str = "") -> str:
    frac, dfrac = match.group("frac"), match.group("dfrac")
    if frac is None and dfrac is None:
        return integer_words(language, match.group("int"), gender)
    spoken = integer_words(language, match.group("int"))
    if frac is not None:
        return f"{spoken} {language.comma} {fraction_words(language, frac)}"
    return f"{spoken} {language.point} {fraction_words(language, dfrac)}"


def sign_words(language: Language, match: re.Match[str]) -> str | None:
    """Say a leading minus sign; None when the dash joins two words ("COVID-19") instead."""
    if match.group("sign") is None:
        return ""
    if is_word_char(char_before(match.string, match.start())):
        return None
    return language.minus + " "


def is_one(language: Language, match: re.Match[str]) -> bool:
    """Whether the counted noun is singular: exactly one, or below two in French ("1,5 kilomètre")."""
    written = _NON_DIGITS.sub("", match.group("int"))
    if len(written) > 2:
        return False
    value = int(written)
    if language.singular_below_two:
        return value < 2
    return value == 1 and match.group("frac") is None and match.group("dfrac") is None


_LIST_ENDS = frozenset(f"{digit}," for digit in "0123456789")


def _number(language: Language, match: re.Match[str]) -> list[Piece] | None:
    sign = sign_words(language, match)
    if sign is None:
        return None
    text, start = match.string, match.start()
    if match.group("frac") is not None and text[max(0, start - 2) : start] in _LIST_ENDS:
        # "1,2,3" is a list: its last comma is no decimal comma either.
        return [piece(sign + integer_words(language, match.group("int")), match.start(), match.end("int"))]
    return whole(match, sign + number_words(language, match))


def money_words(language: Language, currency: Currency, match: re.Match[str]) -> str:
    """``12,50 €`` -> "douze euros cinquante"; cents alone name the subunit ("cinquante centimes")."""
    integer = _NON_DIGITS.sub("", match.group("int"))
    fraction = match.group("frac") or match.group("dfrac")
    if len(integer) > MAX_CARDINAL_DIGITS or (fraction is not None and len(fraction) > 2):
        return f"{number_words(language, match)} {currency.unit.plural}"
    units, cents = int(integer), int(fraction.ljust(2, "0")) if fraction else 0
    gender = "f" if currency.feminine else "m"
    parts = []
    if units or not cents:
        count = language.cardinal(units, gender)
        if units >= 10**6 and units % 10**6 == 0:
            parts.append(f"{count} {currency.of}{currency.unit.plural}")
        else:
            one = units < 2 if language.singular_below_two else units == 1
            parts.append(f"{count} {currency.unit.count(one)}")
    if cents and parts:
        parts.append(language.cardinal(cents, ""))
    elif cents:
        parts.append(f"{language.cardinal(cents, 'm')} {currency.subunit.count(cents == 1)}")
    return language.money_and.join(parts)


def _money(language: Language, match: re.Match[str]) -> list[Piece] | None:
    sign = sign_words(language, match)
    if sign is None:
        return None
    groups = match.groupdict()
    currency = language.currencies[groups["cur"] or groups.get("code") or ""]
    return whole(match, sign + money_words(language, currency, match))


def _percent(language: Language, match: re.Match[str]) -> list[Piece] | None:
    sign = sign_words(language, match)
    if sign is None:
        return None
    word = language.percent if match.group("pc") == "%" else language.permille
    return whole(match, f"{sign}{number_words(language, match)} {word}")


def _unit(language: Language, match: re.Match[str]) -> list[Piece] | None:
    sign = sign_words(language, match)
    if sign is None:
        return None
    spoken_unit = language.units[match.group("unit")].count(is_one(language, match))
    number = piece(sign + number_words(language, match, "m"), match.start(), match.start("gap"))
    # Number and unit are separate pieces so each written word gets its own timing.
    if match.group("gap"):
        return [number, piece(match.group("gap"), match.start("gap"), match.end("gap")),
                piece(spoken_unit, match.start("unit"), match.end())]  # fmt: skip
    return [number, piece(" " + spoken_unit, match.start("unit"), match.end())]


def _dotted(language: Language, match: re.Match[str]) -> list[Piece] | None:
    """Versions and IP addresses ("1.2.3", "192.168.0.1"); grouped thousands are left to numbers."""
    parts = match.group().split(".")
    if len(parts[0]) <= 3 and not parts[0].startswith("0") and all(len(p) == 3 for p in parts[1:]):
        return None
    if any(len(p) > MAX_CARDINAL_DIGITS for p in parts):
        return None
    return whole(match, f" {language.point} ".join(integer_words(language, p) for p in parts))


def _alternatives(names: Iterable[str]) -> str:
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


def _starts(names: list[str]) -> tuple[bool, str]:
    """Whether some name starts with a letter, and the other first characters."""
    return any(name[0].isalpha() for name in names), "".join({n[0] for n in names if not n[0].isalpha()})


def rules(language: Language) -> tuple[Rule, ...]:
    number = number_pattern(language)
    symbols = [name for name in language.currencies if not name.isalpha()]
    codes = [name for name in language.currencies if name.isalpha()]
    symbol_letter, symbol_chars = _starts(symbols)
    unit_names = _alternatives(language.units)
    money_after = (rf"{_SIGN}{number}(?:{GAP}(?P<cur>{_alternatives(symbols)})"
                   rf"|{GAP}(?P<code>{_alternatives(codes)})(?![^\W_]))")  # fmt: skip
    return (
        Rule("dotted", re.compile(r"[0-9]+(?:\.[0-9]+){2,}(?![0-9]|\.[0-9])"), partial(_dotted, language),
             on_digit=True),
        Rule("money", re.compile(rf"{_SIGN}(?P<cur>{_alternatives(symbols)}){GAP}{number}"),
             partial(_money, language), on_letter=symbol_letter, on_chars="-−" + symbol_chars),
        Rule("money_after", re.compile(money_after), partial(_money, language), on_digit=True, on_chars="-−"),
        Rule("percent", re.compile(rf"{_SIGN}{number}{GAP}(?P<pc>[%‰])"), partial(_percent, language),
             on_digit=True, on_chars="-−"),
        Rule("unit", re.compile(rf"{_SIGN}{number}(?P<gap>{GAP})(?P<unit>{unit_names})(?![^\W_])"),
             partial(_unit, language), on_digit=True, on_chars="-−"),
        Rule("number", re.compile(rf"{_SIGN}{number}"), partial(_number, language), on_digit=True,
             on_chars="-−"),
    )  # fmt: skip
