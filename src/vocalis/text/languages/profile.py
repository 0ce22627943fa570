"""What a language tells the shared rules: its number words, currencies, units, months and clock.

``cardinal(n, gender)`` takes the gender of what is counted: ``""`` for a number said on its own
(Spanish "uno"), ``"m"`` before a masculine noun ("un euro", "veintiún kilómetros") and ``"f"``
before a feminine one ("une livre", "duas libras", "doscientas libras").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from vocalis.text.lexicon import Noun

__all__ = ["Currency", "Language", "Noun", "noun"]

Cardinal = Callable[[int, str], str]
Ordinal = Callable[[int, bool], str]
Clock = Callable[[int, int, int | None], str]  # (hour, minute, second)
DateWords = Callable[[int | None, int | None, int | None], str]  # (year, month, day)


def noun(singular: str, plural: str | None = None) -> Noun:
    return Noun(singular, plural if plural is not None else singular + "s")


@dataclass(frozen=True)
class Currency:
    unit: Noun
    subunit: Noun  # said alone for amounts below one unit ("cinquante centimes")
    feminine: bool = False  # the unit is feminine: "une livre", "dos libras"
    of: str = "de "  # between a round million and the unit: "un million d'euros"


@dataclass(frozen=True)
class Language:
    code: str
    cardinal: Cardinal
    ordinal: Ordinal
    digits: Callable[[str], str]
    minus: str  # "moins"
    comma: str  # the decimal comma: "virgule"
    point: str  # a decimal point in English notation ("3.5"): "point"
    percent: str  # "pour cent"
    permille: str  # "pour mille"
    money_and: str  # between units and cents: " " (fr "douze euros cinquante"), " con " (es)
    currencies: Mapping[str, Currency]  # symbols ("€", "R$") and codes ("EUR")
    units: Mapping[str, Noun]
    months: tuple[str, ...]  # lower case, January first
    date: DateWords  # (year, month, day) -> "trois mars deux mille vingt-cinq"
    clock: Clock  # (hour, minute, second) -> "quatorze heures trente"
    first_of_month: str  # how day 1 before a month name is said: "premier", "uno"
    singular_below_two: bool = False  # French: "1,5 kilomètre" (singular below two)
    dot_thousands: bool = True  # "1.234" is one thousand two hundred thirty-four, not a decimal
    hour_letter: bool = True  # "14 h 30", "14h30", "14h" are clock times
