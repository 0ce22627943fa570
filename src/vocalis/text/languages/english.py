"""English dates and clock times for SSML ``<say-as>``, read as the English normaliser reads them.

``vocalis.text.dates`` keeps its readers private to its rules, so these are the same forms, small:
month first ("March third, twenty twenty-five"), a 24-hour clock ("fourteen thirty", "nine oh five",
"fourteen hundred", "seven o'clock").
"""

from __future__ import annotations

from vocalis.text import numbers
from vocalis.text.lexicon import MONTHS


def date_words(year: int | None, month: int | None, day: int | None) -> str:
    head = " ".join(
        part for part in (MONTHS[month - 1] if month else "", numbers.ordinal(day) if day else "") if part
    )
    if year is None:
        return head
    spoken_year = numbers.year(year)
    if not head:
        return spoken_year
    return f"{head}, {spoken_year}" if day else f"{head} {spoken_year}"


def time_words(hour: int, minute: int) -> str:
    words = numbers.cardinal(hour)
    if minute == 0:
        return words + (" hundred" if hour > 12 or hour == 0 else " o'clock")
    if minute < 10:
        return f"{words} oh {numbers.cardinal(minute)}"
    return f"{words} {numbers.cardinal(minute)}"
