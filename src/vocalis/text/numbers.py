"""English number words: cardinals, ordinals, years, decimals, digit strings.

American style: no "and" inside numbers ("one hundred five"), tens and units joined by a hyphen
("forty-five") because that is how the G2P and most style guides expect them.
"""

from __future__ import annotations

_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES = (
    "", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion", "sextillion",
    "septillion", "octillion", "nonillion", "decillion",
)  # fmt: skip
_IRREGULAR_ORDINALS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth",
    "eight": "eighth", "nine": "ninth", "twelve": "twelfth",
}  # fmt: skip

# Beyond this many digits (without thousands separators) a number is an identifier, not a quantity.
MAX_CARDINAL_DIGITS = 15


def _below_hundred(n: int) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] if ones == 0 else f"{_TENS[tens]}-{_ONES[ones]}"


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _below_hundred(rest)
    head = f"{_ONES[hundreds]} hundred"
    return head if rest == 0 else f"{head} {_below_hundred(rest)}"


def cardinal(n: int) -> str:
    """``1250`` -> ``"one thousand two hundred fifty"``; ``-3`` -> ``"minus three"``."""
    if n < 0:
        return f"minus {cardinal(-n)}"
    if n >= 1000 ** len(_SCALES):
        return digits(str(n))
    if n < 1000:
        return _below_thousand(n)
    groups: list[str] = []
    scale = 0
    while n:
        n, group = divmod(n, 1000)
        if group:
            words = _below_thousand(group)
            groups.append(f"{words} {_SCALES[scale]}" if scale else words)
        scale += 1
    return " ".join(reversed(groups))


def ordinal(n: int) -> str:
    """``21`` -> ``"twenty-first"``."""
    words = cardinal(n)
    head, sep, last = _split_last_word(words)
    if last in _IRREGULAR_ORDINALS:
        last = _IRREGULAR_ORDINALS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def plural(words: str) -> str:
    """Pluralise the last number word: ``"nineteen ninety"`` -> ``"nineteen nineties"``."""
    head, sep, last = _split_last_word(words)
    last = last[:-1] + "ies" if last.endswith("y") else last + "s"
    return head + sep + last


def _split_last_word(words: str) -> tuple[str, str, str]:
    cut = max(words.rfind(" "), words.rfind("-"))
    if cut < 0:
        return "", "", words
    return words[:cut], words[cut], words[cut + 1 :]


def year(n: int) -> str:
    """Read a year the way people say it: 1999 "nineteen ninety-nine", 2005 "two thousand five"."""
    century, rest = divmod(n, 100)
    if not 1000 <= n <= 9999 or 2000 <= n <= 2009 or (century % 10 == 0 and rest == 0):
        return cardinal(n)
    if rest == 0:
        return f"{_below_hundred(century)} hundred"
    if rest < 10:
        return f"{_below_hundred(century)} oh {_ONES[rest]}"
    return f"{_below_hundred(century)} {_below_hundred(rest)}"


def digits(text: str, *, zero: str = "zero") -> str:
    """Read each digit on its own: ``"007"`` -> ``"zero zero seven"``."""
    return " ".join(zero if d == "0" else _ONES[int(d)] for d in text if d.isdigit())


def _is_code(integer: str) -> bool:
    """A leading zero marks a code ("007", "0123"), not a quantity."""
    return len(integer) > 1 and integer.startswith("0") and "," not in integer


def number(integer: str, fraction: str | None = None) -> str:
    """Read a written number given its integer digits (commas allowed) and optional decimal digits."""
    whole = integer.replace(",", "")
    if not whole:
        spoken = ""
    elif (len(whole) > MAX_CARDINAL_DIGITS and "," not in integer) or _is_code(integer):
        spoken = digits(whole)
    else:
        spoken = cardinal(int(whole))
    if fraction is None:
        return spoken
    point = f"point {digits(fraction)}"
    return f"{spoken} {point}" if spoken else point


def fraction(numerator: int, denominator: int) -> str:
    """``3/4`` -> ``"three quarters"``; ``1/2`` -> ``"one half"``."""
    many = numerator != 1
    if denominator == 2:
        name = "halves" if many else "half"
    elif denominator == 4:
        name = "quarters" if many else "quarter"
    else:
        name = ordinal(denominator) + ("s" if many else "")
    return f"{cardinal(numerator)} {name}"
