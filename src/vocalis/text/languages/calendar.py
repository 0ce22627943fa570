"""Rules for dates and clock times shared by the Romance languages.

Numeric dates are day first ("03/03/2025", "03.03.2025", "03-03-2025") or ISO ("2025-03-03") and are
read in full by the language ("trois mars deux mille vingt-cinq"). Before a written month name only
the day is read ("le 3 mars" -> "le trois mars", "1 mai" -> "premier mai"): the month and the year stay
their own pieces, so their word timestamps point at exactly what was written.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from functools import partial

from vocalis.text.languages.profile import Language
from vocalis.text.rules import Rule, whole
from vocalis.text.spans import Piece

_H = r"[ \u00a0]?h(?![^\W_])"
_MIN = r"[ \u00a0]?min(?![^\W_])"


def spoken_date(
    year: int | None,
    month: int | None,
    day: int | None,
    *,
    cardinal: Callable[[int], str],
    months: Sequence[str],
    first: str | None,
    joiner: str,
) -> str:
    """Day, month and year as said, any of them left out: "premier mars deux mille vingt-cinq"
    (``first`` says day 1 when it is an ordinal; ``joiner`` is " " or " de ")."""
    parts = []
    if day is not None:
        parts.append(first if day == 1 and first is not None else cardinal(day))
    if month is not None:
        parts.append(months[month - 1])
    if year is not None:
        parts.append(cardinal(year))
    return joiner.join(parts)


def valid_date(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    try:
        # Without a year, 2000 stands in: a leap year, so "29 février" is a date.
        datetime.date(2000 if year is None else year, month or 1, 1 if day is None else day)
    except ValueError:
        return False
    return True


def valid_time(hour: int, minute: int, second: int | None = None) -> bool:
    if hour == 24:
        return minute == 0 and not second
    return 0 <= hour < 24 and 0 <= minute <= 59 and (second is None or 0 <= second <= 59)


def _numeric_date(language: Language, match: re.Match[str]) -> list[Piece] | None:
    year, month, day = (int(match.group(name)) for name in ("year", "month", "day"))
    if not valid_date(year, month, day):
        return None
    return whole(match, language.date(year, month, day))


def _clock(language: Language, match: re.Match[str]) -> list[Piece] | None:
    second = match.groupdict().get("second")
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    if not valid_time(hour, minute, int(second) if second else None):
        return None
    return whole(match, language.clock(hour, minute, int(second) if second else None))


def _day(language: Language, match: re.Match[str]) -> list[Piece] | None:
    day = int(match.group("day"))
    if not 1 <= day <= 31:
        return None
    return whole(match, language.first_of_month if day == 1 else language.cardinal(day, ""))


def month_names(language: Language) -> str:
    return "(?i:" + "|".join(language.months) + r")(?![^\W_])"


def rules(language: Language) -> tuple[Rule, ...]:
    hour_letter = f"(?:{_H})?" if language.hour_letter else ""
    found: list[Rule] = [
        Rule("iso_date", re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})(?![0-9])"),
             partial(_numeric_date, language), on_digit=True),
        Rule("date",
             re.compile(r"(?P<day>[0-9]{1,2})(?P<s>[/.-])(?P<month>[0-9]{1,2})(?P=s)(?P<year>[0-9]{4})"
                        r"(?![0-9]|\.[0-9])"),
             partial(_numeric_date, language), on_digit=True),
        Rule("clock",
             re.compile(r"(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?(?![0-9])"
                        + hour_letter),
             partial(_clock, language), on_digit=True),
    ]  # fmt: skip
    if language.hour_letter:
        found.append(
            Rule("hour",
                 # "2 h 45 min" is a duration: the minutes are left to the unit rule.
                 re.compile(rf"(?P<hour>[0-9]{{1,2}})[ \u00a0]?h"
                            rf"(?:[ \u00a0]?(?P<minute>[0-9]{{2}})(?![0-9]|{_MIN}))?"
                            rf"(?:(?![^\W_])|(?=[0-9]{{2}}{_MIN}))"),
                 partial(_clock, language), on_digit=True)
        )  # fmt: skip
    day_before_month = rf"(?P<day>[0-9]{{1,2}})(?=[ \u00a0]+(?:de[ \u00a0]+)?{month_names(language)})"
    found.append(Rule("day", re.compile(day_before_month), partial(_day, language), on_digit=True))
    return tuple(found)
