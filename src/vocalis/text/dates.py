"""Rules for dates and clock times.

Numeric dates are read US style, month first ("03/03/2024"), except dotted dates ("03.03.2024"),
which only Europeans write and which are day first. Month names written out stay their own pieces so
their word timestamps point at exactly the name.
"""

from __future__ import annotations

import re

from vocalis.text import lexicon, numbers
from vocalis.text.rules import Rule, ends_sentence, group_piece, piece, whole
from vocalis.text.spans import Piece

_MONTH_NAMES = "|".join([*lexicon.MONTHS, *sorted(lexicon.MONTH_ABBREVIATIONS, key=len, reverse=True)])
_MONTH = rf"(?P<month>{_MONTH_NAMES})(?![^\W_])(?P<dot>\.)?"
_YEAR_AFTER = r"(?:(?P<sep>,?[ \u00a0]+)(?P<year>[0-9]{4})(?![^\W_]))?"
_DAY = r"(?P<day>[0-9]{1,2})(?P<suffix>st|nd|rd|th)?(?![^\W_])"
_THE_BEFORE = re.compile(r"\b[Tt]he\s+\Z")
_AMPM = r"(?P<ampm>[AaPp]\.[Mm]\.|[AaPp][Mm](?![^\W_]))"


def _valid(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def _year(written: str) -> str:
    return numbers.year(int(written))


def _month_piece(match: re.Match[str]) -> Piece | None:
    """The month as a piece; a trailing full stop belongs to an abbreviation, never to a full name."""
    written, dot = match.group("month"), match.group("dot")
    full = lexicon.MONTH_ABBREVIATIONS.get(written)
    if full is None:
        return None if dot else group_piece(match, "month")
    end = match.end("dot") if dot else match.end("month")
    keep_stop = bool(dot) and end == match.end() and ends_sentence(match.string, end)
    return piece(full + ("." if keep_stop else ""), match.start("month"), end)


def _year_pieces(match: re.Match[str]) -> list[Piece]:
    if match.group("year") is None:
        return []
    return [group_piece(match, "sep"), group_piece(match, "year", _year(match.group("year")))]


def _month_number(match: re.Match[str]) -> int:
    written = match.group("month")
    return lexicon.MONTHS.index(lexicon.MONTH_ABBREVIATIONS.get(written, written)) + 1


def _month_day(match: re.Match[str]) -> list[Piece] | None:
    month = _month_piece(match)
    day = int(match.group("day"))
    if month is None or not _valid(_month_number(match), day):
        return None
    day_end = match.end("suffix") if match.group("suffix") else match.end("day")
    return [
        month,
        group_piece(match, "gap"),
        piece(numbers.ordinal(day), match.start("day"), day_end),
        *_year_pieces(match),
    ]


def _day_month(match: re.Match[str]) -> list[Piece] | None:
    month = _month_piece(match)
    day = int(match.group("day"))
    if month is None or not _valid(_month_number(match), day):
        return None
    # "3 March" is said "the third of March"; the added words belong to the day.
    article = "" if _THE_BEFORE.search(match.string, max(0, match.start() - 8), match.start()) else "the "
    spoken = article + numbers.ordinal(day) + ("" if match.group("of") else " of")
    day_end = match.end("suffix") if match.group("suffix") else match.end("day")
    pieces = [piece(spoken, match.start("day"), day_end), group_piece(match, "gap")]
    if match.group("of"):
        pieces.append(group_piece(match, "of"))
    return [*pieces, month, *_year_pieces(match)]


def _spoken_date(month: int, day: int, year: str, *, day_first: bool) -> str:
    name = lexicon.MONTHS[month - 1]
    if day_first:
        return f"the {numbers.ordinal(day)} of {name}, {_year(year)}"
    return f"{name} {numbers.ordinal(day)}, {_year(year)}"


def _numeric_date(match: re.Match[str]) -> list[Piece] | None:
    month, day = int(match.group("month")), int(match.group("day"))
    if not _valid(month, day):
        return None
    day_first = "." in match.group()
    return whole(match, _spoken_date(month, day, match.group("year"), day_first=day_first))


def _clock_words(hour: int, minute: int, second: int | None, ampm: str | None) -> str | None:
    if (ampm and not 1 <= hour <= 12) or hour > 24 or minute > 59 or (second is not None and second > 59):
        return None
    words = numbers.cardinal(hour)
    if minute == 0 and second is None:
        if not ampm:
            # A 24-hour clock on the hour is "fourteen hundred"; earlier hours are "seven o'clock".
            words += " hundred" if hour > 12 or hour == 0 else " o'clock"
    elif minute < 10:
        words += f" oh {numbers.cardinal(minute)}"
    else:
        words += f" {numbers.cardinal(minute)}"
    if second is not None:
        words += f" and {numbers.cardinal(second)} {'second' if second == 1 else 'seconds'}"
    return words


def _clock(match: re.Match[str]) -> list[Piece] | None:
    groups = match.groupdict()
    second = groups.get("second")
    ampm = match.group("ampm")
    words = _clock_words(
        int(match.group("hour")),
        int(match.group("minute") or 0),
        int(second) if second else None,
        ampm,
    )
    if words is None:
        return None
    if not ampm:
        return whole(match, words)
    # The time and "a m"/"p m" are separate pieces so each written word keeps its own timing.
    time_end, ampm_start = match.start("ampm"), match.start("ampm")
    while time_end > match.start() and not match.string[time_end - 1].isdigit():
        time_end -= 1
    spoken_ampm = "a m" if ampm[0] in "Aa" else "p m"
    # "p.m." swallows a full stop that may also end the sentence.
    if ampm.endswith(".") and ends_sentence(match.string, match.end()):
        spoken_ampm += "."
    if time_end == ampm_start:  # "9am"
        return [piece(words, match.start(), time_end), piece(f" {spoken_ampm}", ampm_start, match.end())]
    return [
        piece(words, match.start(), time_end),
        piece(" ", time_end, ampm_start),
        piece(spoken_ampm, ampm_start, match.end()),
    ]


RULES: tuple[Rule, ...] = (
    Rule("iso_date",
         re.compile(r"(?P<year>[0-9]{4})(?P<s>[-/])(?P<month>[0-9]{2})(?P=s)(?P<day>[0-9]{2})(?![0-9])"),
         _numeric_date, on_digit=True),
    Rule("us_date", re.compile(r"(?P<month>[0-9]{1,2})/(?P<day>[0-9]{1,2})/(?P<year>[0-9]{4})(?![0-9])"),
         _numeric_date, on_digit=True),
    Rule("dotted_date",
         re.compile(r"(?P<day>[0-9]{1,2})\.(?P<month>[0-9]{1,2})\.(?P<year>[0-9]{4})(?![0-9]|\.[0-9])"),
         _numeric_date, on_digit=True),
    Rule("day_month", re.compile(rf"{_DAY}(?P<gap>[ \u00a0]+)(?P<of>of[ \u00a0]+)?{_MONTH}{_YEAR_AFTER}"),
         _day_month, on_digit=True),
    Rule("clock",
         re.compile(rf"(?P<hour>[0-9]{{1,2}}):(?P<minute>[0-9]{{2}})(?::(?P<second>[0-9]{{2}}))?(?![0-9])"
                    rf"(?:[ \u00a0]?{_AMPM})?"),
         _clock, on_digit=True),
    Rule("hour", re.compile(rf"(?P<hour>[0-9]{{1,2}})(?:[.:](?P<minute>[0-9]{{2}}))?[ \u00a0]?{_AMPM}"),
         _clock, on_digit=True),
    Rule("month_day", re.compile(rf"{_MONTH}(?P<gap>[ \u00a0]+){_DAY}{_YEAR_AFTER}"), _month_day,
         on_letter=True),
)  # fmt: skip
