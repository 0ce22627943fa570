"""French: "Le 3 mars 2025 à 14 h 30, ça coûte 12,50 €." -> "Le trois mars deux mille vingt-cinq à
quatorze heures trente, ça coûte douze euros cinquante."

Clock times are read the way the French say a 24-hour time: "14 h 30", "14h30" and "14:30" are
"quatorze heures trente", "9h05" is "neuf heures cinq", "14 h" is "quatorze heures". Amounts name the
cents without "centimes" ("douze euros cinquante") unless there are no euros ("cinquante centimes").
"""

from __future__ import annotations

import re

from vocalis.text.driver import Normalizer
from vocalis.text.languages import abbreviations, addresses, calendar, quantities
from vocalis.text.languages.abbreviations import NAME, NUMBER, TITLE, WORD
from vocalis.text.languages.numbers_fr import cardinal, digits, ordinal
from vocalis.text.languages.profile import Currency, Language, noun
from vocalis.text.rules import Rule, whole
from vocalis.text.spans import Piece

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
_EURO = Currency(noun("euro"), noun("centime"), of="d'")
_DOLLAR = Currency(noun("dollar"), noun("cent"))
_POUND = Currency(noun("livre sterling", "livres sterling"), noun("penny", "pence"), feminine=True)
CURRENCIES = {"€": _EURO, "EUR": _EURO, "$": _DOLLAR, "USD": _DOLLAR, "£": _POUND, "GBP": _POUND}
UNITS = {
    "km": noun("kilomètre"), "m": noun("mètre"), "cm": noun("centimètre"), "mm": noun("millimètre"),
    "kg": noun("kilogramme"), "g": noun("gramme"), "mg": noun("milligramme"),
    "km/h": noun("kilomètre par heure", "kilomètres par heure"),
    "m²": noun("mètre carré", "mètres carrés"), "km²": noun("kilomètre carré", "kilomètres carrés"),
    "l": noun("litre"), "L": noun("litre"), "cl": noun("centilitre"), "ml": noun("millilitre"),
    "°C": noun("degré Celsius", "degrés Celsius"), "°": noun("degré"), "min": noun("minute"),
}  # fmt: skip
ABBREVIATIONS = {
    "M.": ("monsieur", NAME), "MM.": ("messieurs", NAME), "Mme": ("madame", TITLE),
    "Mmes": ("mesdames", TITLE), "Mlle": ("mademoiselle", TITLE), "Mlles": ("mesdemoiselles", TITLE),
    "Dr": ("docteur", TITLE), "Dr.": ("docteur", TITLE), "Pr": ("professeur", NAME),
    "Pr.": ("professeur", NAME), "Me": ("maître", NAME), "Mgr": ("monseigneur", TITLE),
    "St": ("saint", NAME), "Ste": ("sainte", NAME), "Cie": ("compagnie", TITLE),
    "etc.": ("et cetera", WORD), "p. ex.": ("par exemple", WORD), "p.ex.": ("par exemple", WORD),
    "c.-à-d.": ("c'est-à-dire", WORD), "c-à-d": ("c'est-à-dire", WORD), "cf.": ("confer", WORD),
    "env.": ("environ", WORD), "tél.": ("téléphone", WORD), "J.-C.": ("Jésus-Christ", WORD),
    "av. J.-C.": ("avant Jésus-Christ", WORD), "apr. J.-C.": ("après Jésus-Christ", WORD),
    "n°": ("numéro", TITLE), "N°": ("numéro", TITLE), "nº": ("numéro", TITLE), "Nº": ("numéro", TITLE),
    "no": ("numéro", NUMBER), "No": ("numéro", NUMBER), "p.": ("page", NUMBER),
}  # fmt: skip
ADDRESS_SYMBOLS = {
    ".": "point", "/": "slash", "-": "tiret", "_": "tiret bas", "@": "arobase", ":": "deux-points",
    "?": "point d'interrogation", "=": "égal", "&": "et", "#": "dièse", "+": "plus", "~": "tilde",
    "%": "pour cent",
}  # fmt: skip


def _count(n: int, singular: str) -> str:
    return f"{cardinal(n, 'f')} {singular}{'s' if n >= 2 else ''}"


def clock(hour: int, minute: int, second: int | None = None) -> str:
    """``14, 30`` -> "quatorze heures trente"; the hour and minutes agree with the feminine "heure"."""
    words = _count(hour, "heure")
    if second is not None:
        return f"{words} {_count(minute, 'minute')} et {_count(second, 'seconde')}"
    return f"{words} {cardinal(minute, 'f')}" if minute else words


def date(year: int | None, month: int | None, day: int | None) -> str:
    """``2025, 3, 1`` -> "premier mars deux mille vingt-cinq" (without the article "le")."""
    return calendar.spoken_date(
        year, month, day, cardinal=cardinal, months=MONTHS, first=ordinal(1), joiner=" "
    )


LANGUAGE = Language(
    code="fr", cardinal=cardinal, ordinal=ordinal, digits=digits, minus="moins", comma="virgule",
    point="point", percent="pour cent", permille="pour mille", money_and=" ", currencies=CURRENCIES,
    units=UNITS, months=MONTHS, date=date, clock=clock, first_of_month="premier",
    singular_below_two=True, dot_thousands=False,
)  # fmt: skip

_SUFFIXES = "ères|ère|ers|er|res|re|ᵉʳ|ʳᵉ|ndes|nde|nds|nd|èmes|ème|es|e|ᵉ|è"
_FEMININE_FIRST = ("re", "ère", "ʳᵉ")


def _ordinal_words(n: int, suffix: str) -> str | None:
    """The ordinal a suffix asks for: "1er" premier, "1re" première, "2nd" second, "21e" vingt et unième."""
    if n <= 0:
        return None
    if suffix.startswith(("er", "ᵉʳ")) or suffix.startswith(_FEMININE_FIRST):
        words = ordinal(1, suffix.startswith(_FEMININE_FIRST)) if n == 1 else None
    elif suffix.startswith("nd"):
        words = ("seconde" if suffix.startswith("nde") else "second") if n == 2 else None
    else:
        words = ordinal(n)
    return None if words is None else words + ("s" if suffix.endswith("s") else "")


def _ordinal(match: re.Match[str]) -> list[Piece] | None:
    written = match.group("int")
    if len(written) > 9 or (len(written) > 1 and written.startswith("0")):
        return None
    words = _ordinal_words(int(written), match.group("suffix"))
    return None if words is None else whole(match, words)


_ROMAN_VALUES = (
    ("C", 100), ("XC", 90), ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1),
)  # fmt: skip


def _roman(written: str) -> int | None:
    """The value of a well-formed Roman numeral below 400 ("XIX" -> 19), else None."""
    value, rest = 0, written
    for symbol, amount in _ROMAN_VALUES:
        while rest.startswith(symbol):
            value, rest = value + amount, rest[len(symbol) :]
    again, remaining = "", value
    for symbol, amount in _ROMAN_VALUES:
        count, remaining = divmod(remaining, amount)
        again += symbol * count
    return value if again == written and 0 < value < 400 else None


def _roman_ordinal(match: re.Match[str]) -> list[Piece] | None:
    """Roman ordinals: "XIXe siècle" -> "dix-neuvième siècle", "François Ier" -> "François premier"."""
    written, suffix = match.group("roman"), match.group("suffix")
    value = _roman(written)
    # A lone C, L or D before "e" is a word ("Ce", "Le"), and "Ie" is no ordinal.
    if value is None or (len(written) == 1 and written not in "VX" and not suffix.startswith(("er", "re"))):
        return None
    words = _ordinal_words(value, suffix)
    return None if words is None else whole(match, words)


RULES: tuple[Rule, ...] = (
    *addresses.rules(LANGUAGE, ADDRESS_SYMBOLS),
    abbreviations.rule(ABBREVIATIONS),
    Rule("roman_ordinal", re.compile(rf"(?P<roman>[IVXLC]+)(?P<suffix>{_SUFFIXES})(?![^\W_])"),
         _roman_ordinal, on_letter=True),
    Rule("ordinal", re.compile(rf"(?P<int>[0-9]+)(?P<suffix>{_SUFFIXES})(?![^\W_])"), _ordinal,
         on_digit=True),
    *calendar.rules(LANGUAGE),
    *quantities.rules(LANGUAGE),
)  # fmt: skip

normalize = Normalizer(RULES)
