"""Text normalisation for English, French, Spanish, Italian and Brazilian Portuguese.

``normalize_language("Le 3 mars à 14 h 30", "fr")`` gives the spoken text "Le trois mars à quatorze
heures trente" as pieces tied to the original characters, exactly like the English
:func:`vocalis.text.normalize.normalize` (which "en" uses). The other functions read one value, for
SSML ``<say-as>``: numbers, digits, letters, dates and clock times.

Languages are base codes ("fr"); region tags are accepted by their base ("fr-CA", "pt_BR"). Portuguese
is Brazilian ("dezesseis", "um bilhão"). Callers validate codes first: an unknown one is a ValueError.
"""

from __future__ import annotations

from dataclasses import dataclass

from vocalis.text import numbers
from vocalis.text.driver import Normalizer
from vocalis.text.languages import calendar, english, es, fr, it, letters, pt
from vocalis.text.languages.profile import Language
from vocalis.text.normalize import normalize
from vocalis.text.spans import NormalizedText

__all__ = [
    "SUPPORTED_LANGUAGES",
    "base_language",
    "cardinal",
    "date_words",
    "digits",
    "normalize_language",
    "ordinal",
    "spell",
    "time_words",
]

SUPPORTED_LANGUAGES = ("en", "fr", "es", "it", "pt")


@dataclass(frozen=True)
class _Romance:
    language: Language
    normalize: Normalizer


_ROMANCE = {
    "fr": _Romance(fr.LANGUAGE, fr.normalize),
    "es": _Romance(es.LANGUAGE, es.normalize),
    "it": _Romance(it.LANGUAGE, it.normalize),
    "pt": _Romance(pt.LANGUAGE, pt.normalize),
}


def base_language(language: str) -> str:
    """``"pt-BR"`` -> ``"pt"``; raises ValueError for a language without a normaliser."""
    base = language.replace("_", "-").split("-", 1)[0].lower()
    if base not in SUPPORTED_LANGUAGES:
        raise ValueError(f"no text normalisation for language {language!r}: use one of {SUPPORTED_LANGUAGES}")
    return base


def normalize_language(text: str, language: str, *, offset: int = 0) -> NormalizedText:
    """Expand ``text`` into the words a speaker of ``language`` would say; spans are shifted by ``offset``."""
    base = base_language(language)
    if base == "en":
        return normalize(text, offset=offset)
    return _ROMANCE[base].normalize(text, offset=offset)


def cardinal(n: int, language: str) -> str:
    """``21`` -> "twenty-one", "vingt et un", "veintiuno", "ventuno", "vinte e um"."""
    base = base_language(language)
    return numbers.cardinal(n) if base == "en" else _ROMANCE[base].language.cardinal(n, "")


def ordinal(n: int, language: str) -> str:
    """The masculine ordinal: ``1`` -> "first", "premier", "primero", "primo", "primeiro"."""
    base = base_language(language)
    return numbers.ordinal(n) if base == "en" else _ROMANCE[base].language.ordinal(n, False)


def digits(s: str, language: str) -> str:
    """Each digit of ``s`` as a word ("007" -> "zéro zéro sept"); other characters are not read."""
    base = base_language(language)
    return numbers.digits(s) if base == "en" else _ROMANCE[base].language.digits(s)


def spell(s: str, language: str) -> str:
    """Letters by name and digits as words, one by one: ``"AB1"`` -> "a bé un" in French."""
    base = base_language(language)
    return letters.spell(s, base, lambda digit: digits(digit, base))


def date_words(year: int | None, month: int | None, day: int | None, language: str) -> str:
    """The date from the parts given: ``(2025, 3, 3)`` -> "trois mars deux mille vingt-cinq".

    Raises ValueError when no part is given or the parts make no date (month 13, 30 February).
    """
    base = base_language(language)
    if (year is None and month is None and day is None) or not calendar.valid_date(year, month, day):
        raise ValueError(f"not a date: year={year}, month={month}, day={day}")
    if year is not None and not 1 <= year <= 9999:
        raise ValueError(f"not a date: year={year}")
    if base == "en":
        return english.date_words(year, month, day)
    return _ROMANCE[base].language.date(year, month, day)


def time_words(hour: int, minute: int, language: str) -> str:
    """A 24-hour clock time in words: ``(14, 30)`` -> "quatorze heures trente". ValueError if invalid."""
    base = base_language(language)
    if not calendar.valid_time(hour, minute):
        raise ValueError(f"not a time of day: {hour}:{minute:02d}")
    if base == "en":
        return english.time_words(hour, minute)
    return _ROMANCE[base].language.clock(hour, minute, None)
