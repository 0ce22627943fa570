"""Word tables the normaliser reads from: units, currencies, months, abbreviations.

Spelling is American (meter, liter) because the default Kokoro voices and the G2P are American.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Noun:
    singular: str
    plural: str

    def count(self, one: bool) -> str:
        return self.singular if one else self.plural


@dataclass(frozen=True)
class Currency:
    unit: Noun
    subunit: Noun | None  # None when the currency has no minor unit in everyday speech (yen)


def _noun(singular: str, plural: str | None = None) -> Noun:
    return Noun(singular, plural if plural is not None else singular + "s")


UNITS: dict[str, Noun] = {
    "km": _noun("kilometer"), "m": _noun("meter"), "cm": _noun("centimeter"), "mm": _noun("millimeter"),
    "mi": _noun("mile"), "ft": _noun("foot", "feet"), "in": _noun("inch", "inches"),
    "yd": _noun("yard"), "yds": _noun("yard"),
    "kg": _noun("kilogram"), "g": _noun("gram"), "mg": _noun("milligram"),
    "lb": _noun("pound"), "lbs": _noun("pound"), "oz": _noun("ounce"),
    "mph": _noun("mile per hour", "miles per hour"),
    "kph": _noun("kilometer per hour", "kilometers per hour"),
    "°C": _noun("degree Celsius", "degrees Celsius"), "℃": _noun("degree Celsius", "degrees Celsius"),
    "°F": _noun("degree Fahrenheit", "degrees Fahrenheit"),
    "℉": _noun("degree Fahrenheit", "degrees Fahrenheit"), "°": _noun("degree"),
    "TB": _noun("terabyte"), "GB": _noun("gigabyte"), "MB": _noun("megabyte"),
    "KB": _noun("kilobyte"), "kB": _noun("kilobyte"),
    "Gbps": _noun("gigabit per second", "gigabits per second"),
    "Mbps": _noun("megabit per second", "megabits per second"),
    "GHz": _noun("gigahertz", "gigahertz"), "MHz": _noun("megahertz", "megahertz"),
    "kHz": _noun("kilohertz", "kilohertz"), "Hz": _noun("hertz", "hertz"),
    "kWh": _noun("kilowatt hour"), "MW": _noun("megawatt"), "kW": _noun("kilowatt"), "W": _noun("watt"),
    "V": _noun("volt"), "mAh": _noun("milliamp hour"), "dB": _noun("decibel"),
    "ms": _noun("millisecond"), "s": _noun("second"), "sec": _noun("second"), "secs": _noun("second"),
    "min": _noun("minute"), "mins": _noun("minute"), "h": _noun("hour"), "hr": _noun("hour"),
    "hrs": _noun("hour"), "ml": _noun("milliliter"), "mL": _noun("milliliter"), "l": _noun("liter"),
    "L": _noun("liter"), "kcal": _noun("kilocalorie"), "px": _noun("pixel"),
}  # fmt: skip

# "in" is also the preposition ("won 3 in a row"): read it as inches only when the context says so.
AMBIGUOUS_UNITS = frozenset({"in"})

CURRENCY_SYMBOLS: dict[str, Currency] = {
    "$": Currency(_noun("dollar"), _noun("cent")),
    "£": Currency(_noun("pound"), _noun("penny", "pence")),
    "€": Currency(_noun("euro"), _noun("cent")),
    "¥": Currency(_noun("yen", "yen"), None),
    "₹": Currency(_noun("rupee"), _noun("paisa", "paise")),
}
CURRENCY_CODES: dict[str, str] = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "INR": "₹"}
CENT = _noun("cent")

# Amount scales written after money: "$5 million", "$5m", "£2bn".
SCALES: dict[str, str] = {
    "thousand": "thousand", "million": "million", "billion": "billion", "trillion": "trillion",
    "k": "thousand", "K": "thousand", "m": "million", "M": "million", "mn": "million",
    "b": "billion", "B": "billion", "bn": "billion", "tn": "trillion",
}  # fmt: skip

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTH_ABBREVIATIONS: dict[str, str] = {
    "Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April", "Jun": "June", "Jul": "July",
    "Aug": "August", "Sep": "September", "Sept": "September", "Oct": "October", "Nov": "November",
    "Dec": "December",
}  # fmt: skip
WEEKDAY_ABBREVIATIONS: dict[str, str] = {
    "Mon": "Monday", "Tue": "Tuesday", "Tues": "Tuesday", "Wed": "Wednesday", "Thu": "Thursday",
    "Thur": "Thursday", "Thurs": "Thursday", "Fri": "Friday", "Sat": "Saturday", "Sun": "Sunday",
}  # fmt: skip
# These abbreviations are also everyday words ("wed", "sat", "the Sun."): expand only before a date.
AMBIGUOUS_WEEKDAYS = frozenset({"Wed", "Sat", "Sun"})

# Abbreviations written with a final period; the period belongs to the abbreviation.
TITLES: dict[str, str] = {
    "Dr": "Doctor", "Mr": "Mister", "Mrs": "Missus", "Ms": "Miz", "Mx": "Mix", "Prof": "Professor",
    "Rev": "Reverend", "Capt": "Captain", "Gen": "General", "Sgt": "Sergeant", "Lt": "Lieutenant",
}  # fmt: skip
ABBREVIATIONS: dict[str, str] = {
    "Jr": "Junior", "Sr": "Senior", "vs": "versus", "etc": "et cetera", "e.g": "for example",
    "i.e": "that is", "approx": "approximately", "Inc": "Incorporated", "Ltd": "Limited",
    "Co": "Company", "Corp": "Corporation", "Mt": "Mount", "Ave": "Avenue", "Rd": "Road",
    "Blvd": "Boulevard", "Dept": "Department", "Fig": "Figure", "No": "number",
}  # fmt: skip

TOP_LEVEL_DOMAINS = (
    "com", "org", "net", "edu", "gov", "io", "ai", "dev", "app", "co", "uk", "us", "ca", "de", "fr",
    "eu", "info", "tv", "ly", "gg", "xyz", "tech", "cloud", "blog", "news", "shop",
)  # fmt: skip

# How URL and e-mail punctuation is read out.
URL_SYMBOLS: dict[str, str] = {
    ".": "dot", "/": "slash", "-": "dash", "_": "underscore", "?": "question mark", "=": "equals",
    "&": "and", "#": "hash", ":": "colon", "~": "tilde", "%": "percent", "+": "plus", "@": "at",
}  # fmt: skip


def count_words() -> frozenset[str]:
    """Unit and currency names: a four-digit number before one of them is an amount, not a year."""
    nouns = [*UNITS.values(), CENT, *(c.unit for c in CURRENCY_SYMBOLS.values())]
    nouns += [c.subunit for c in CURRENCY_SYMBOLS.values() if c.subunit is not None]
    words = {word for noun in nouns for word in (noun.singular, noun.plural)}
    words |= {w.replace("er", "re") for w in words if w.endswith(("meter", "meters", "liter", "liters"))}
    return frozenset(words | {"percent", "per"} | set(CURRENCY_CODES))
