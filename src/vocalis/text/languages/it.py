"""Italian: "Il 3 marzo 2025 alle 14:30 costa 12,50 €." -> "Il tre marzo duemilaventicinque alle
quattordici e trenta costa dodici euro e cinquanta."

Clock times are read "quattordici e trenta" ("9:05" -> "nove e cinque"); a round hour is just the
hour ("alle 14:00" -> "alle quattordici"). Italians also write times with a full stop: after "alle",
"dalle", "ore" and the like, "14.30" is a time, elsewhere it is a decimal number.
"""

from __future__ import annotations

import re

from vocalis.text.driver import Normalizer
from vocalis.text.languages import abbreviations, addresses, calendar, quantities, romance
from vocalis.text.languages.abbreviations import NUMBER, TITLE, WORD
from vocalis.text.languages.numbers_it import cardinal, digits, ordinal
from vocalis.text.languages.profile import Currency, Language, noun
from vocalis.text.rules import Rule, whole
from vocalis.text.spans import Piece

MONTHS = (
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
    "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
)  # fmt: skip
_EURO = Currency(noun("euro", "euro"), noun("centesimo", "centesimi"), of="di ")
_DOLLAR = Currency(noun("dollaro", "dollari"), noun("centesimo", "centesimi"), of="di ")
_POUND = Currency(noun("sterlina", "sterline"), noun("penny", "pence"), feminine=True, of="di ")
CURRENCIES = {"€": _EURO, "EUR": _EURO, "$": _DOLLAR, "USD": _DOLLAR, "£": _POUND, "GBP": _POUND}
UNITS = {
    "km": noun("chilometro", "chilometri"), "m": noun("metro", "metri"),
    "cm": noun("centimetro", "centimetri"), "mm": noun("millimetro", "millimetri"),
    "kg": noun("chilogrammo", "chilogrammi"), "g": noun("grammo", "grammi"),
    "mg": noun("milligrammo", "milligrammi"), "km/h": noun("chilometro orario", "chilometri orari"),
    "m²": noun("metro quadrato", "metri quadrati"), "km²": noun("chilometro quadrato", "chilometri quadrati"),
    "l": noun("litro", "litri"), "L": noun("litro", "litri"), "ml": noun("millilitro", "millilitri"),
    "°C": noun("grado Celsius", "gradi Celsius"), "°": noun("grado", "gradi"),
    "min": noun("minuto", "minuti"),
}  # fmt: skip
ABBREVIATIONS = {
    "Sig.": ("signor", TITLE), "Sig.ra": ("signora", TITLE), "Sig.na": ("signorina", TITLE),
    "Sigg.": ("signori", TITLE), "Dott.": ("dottor", TITLE), "Dott.ssa": ("dottoressa", TITLE),
    "Prof.": ("professor", TITLE), "Prof.ssa": ("professoressa", TITLE), "Ing.": ("ingegner", TITLE),
    "Avv.": ("avvocato", TITLE), "Arch.": ("architetto", TITLE), "ecc.": ("eccetera", WORD),
    "per es.": ("per esempio", WORD), "ad es.": ("ad esempio", WORD), "a.C.": ("avanti Cristo", WORD),
    "a. C.": ("avanti Cristo", WORD), "d.C.": ("dopo Cristo", WORD), "d. C.": ("dopo Cristo", WORD),
    "tel.": ("telefono", WORD), "n.": ("numero", NUMBER), "nr.": ("numero", NUMBER),
    "N.": ("numero", NUMBER), "nº": ("numero", TITLE), "n°": ("numero", TITLE),
    "pag.": ("pagina", NUMBER), "pagg.": ("pagine", NUMBER),
}  # fmt: skip
ADDRESS_SYMBOLS = {
    ".": "punto", "/": "slash", "-": "trattino", "_": "trattino basso", "@": "chiocciola",
    ":": "due punti", "?": "punto interrogativo", "=": "uguale", "&": "e", "#": "cancelletto",
    "+": "più", "~": "tilde", "%": "per cento",
}  # fmt: skip


def clock(hour: int, minute: int, second: int | None = None) -> str:
    """``14, 30`` -> "quattordici e trenta"; ``14, 0`` -> "quattordici"; ``1, 0`` -> "una"."""
    words = cardinal(hour, "f")
    if minute:
        words += f" e {cardinal(minute)}"
    if second is not None:
        words += f" e {cardinal(second, 'm')} {'secondo' if second == 1 else 'secondi'}"
    return words


def date(year: int | None, month: int | None, day: int | None) -> str:
    """``2025, 5, 1`` -> "primo maggio duemilaventicinque"."""
    return calendar.spoken_date(
        year, month, day, cardinal=cardinal, months=MONTHS, first=ordinal(1), joiner=" "
    )


LANGUAGE = Language(
    code="it", cardinal=cardinal, ordinal=ordinal, digits=digits, minus="meno", comma="virgola",
    point="punto", percent="per cento", permille="per mille", money_and=" e ", currencies=CURRENCIES,
    units=UNITS, months=MONTHS, date=date, clock=clock, first_of_month="primo", hour_letter=False,
)  # fmt: skip

_TIME_WORD_BEFORE = re.compile(r"\b(?:alle|dalle|delle|ore|entro le|verso le|fino alle)[ \u00a0]+\Z", re.I)


def _dotted_time(match: re.Match[str]) -> list[Piece] | None:
    """A time after "alle", "dalle", "ore"...: "alle 14.30" -> "alle quattordici e trenta"."""
    text, start = match.string, match.start()
    if not _TIME_WORD_BEFORE.search(text, max(0, start - 16), start):
        return None
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    return whole(match, clock(hour, minute)) if calendar.valid_time(hour, minute) else None


RULES: tuple[Rule, ...] = (
    *addresses.rules(LANGUAGE, ADDRESS_SYMBOLS),
    abbreviations.rule(ABBREVIATIONS),
    romance.ordinal_rule(LANGUAGE),
    Rule("dotted_time", re.compile(r"(?P<hour>[0-9]{1,2})\.(?P<minute>[0-9]{2})(?![0-9]|[.,][0-9])"),
         _dotted_time, on_digit=True),
    *calendar.rules(LANGUAGE),
    *quantities.rules(LANGUAGE),
)  # fmt: skip

normalize = Normalizer(RULES)
