"""French number words, traditional spelling: "vingt et un", "quatre-vingts", "deux cent un".

"cent" and "vingt" take an "s" when multiplied and last ("deux cents", "quatre-vingts"), but not
before "mille", which is invariable ("deux cent mille"); "million" and "milliard" are nouns and keep
the plural before them ("quatre-vingts millions").
"""

from __future__ import annotations

from vocalis.text.numbers import MAX_CARDINAL_DIGITS

_UNITS = (
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize",
)  # fmt: skip
_TENS = ("", "", "vingt", "trente", "quarante", "cinquante", "soixante")
_SCALES = ((10**12, "billion"), (10**9, "milliard"), (10**6, "million"))
_LIMIT = 10**MAX_CARDINAL_DIGITS


def _below_hundred(n: int) -> str:
    if n <= 16:
        return _UNITS[n]
    if n < 20:
        return f"dix-{_UNITS[n - 10]}"
    tens, unit = divmod(n, 10)
    if tens in (7, 9):  # soixante-dix, quatre-vingt-dix: the teens on top of sixty or eighty
        base, rest = ("soixante", n - 60) if tens == 7 else ("quatre-vingt", n - 80)
        joiner = " et " if rest == 11 and tens == 7 else "-"
        return f"{base}{joiner}{_below_hundred(rest)}"
    if tens == 8:
        return "quatre-vingts" if unit == 0 else f"quatre-vingt-{_UNITS[unit]}"
    if unit == 0:
        return _TENS[tens]
    return f"{_TENS[tens]} et un" if unit == 1 else f"{_TENS[tens]}-{_UNITS[unit]}"


def _below_thousand(n: int, *, before_mille: bool = False) -> str:
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        plural = hundreds > 1 and rest == 0 and not before_mille
        words.append(("cent" if hundreds == 1 else f"{_UNITS[hundreds]} cent") + ("s" if plural else ""))
    if rest:
        last = _below_hundred(rest)
        words.append(last[:-1] if before_mille and last.endswith("vingts") else last)
    return " ".join(words)


def cardinal(n: int, gender: str = "") -> str:
    """``81`` -> ``"quatre-vingt-un"``; with ``gender="f"`` a final "un" becomes "une"."""
    if n < 0:
        return f"moins {cardinal(-n, gender)}"
    if n >= _LIMIT:
        return digits(str(n))
    if n == 0:
        return _UNITS[0]
    parts: list[str] = []
    for value, name in _SCALES:
        count, n = divmod(n, value)
        if count:
            parts.append(f"{cardinal(count)} {name}{'s' if count > 1 else ''}")
    thousands, n = divmod(n, 1000)
    if thousands:
        parts.append("mille" if thousands == 1 else f"{_below_thousand(thousands, before_mille=True)} mille")
    if n:
        parts.append(_below_thousand(n))
    words = " ".join(parts)
    if gender == "f" and (words == "un" or words.endswith((" un", "-un"))):
        words += "e"
    return words


def ordinal(n: int, feminine: bool = False) -> str:
    """``1`` -> "premier" (feminine "première"), ``21`` -> "vingt et unième", ``80`` -> "quatre-vingtième"."""
    if n == 1:
        return "première" if feminine else "premier"
    words = cardinal(n).removeprefix("un ") if n in (10**6, 10**9, 10**12) else cardinal(n)
    if words.endswith("cinq"):
        words += "u"
    elif words.endswith("neuf"):
        words = words[:-1] + "v"
    elif words.endswith(("e", "cents", "vingts", "millions", "milliards", "billions")):
        words = words[:-1]
    return words + "ième"


def digits(text: str) -> str:
    """``"007"`` -> ``"zéro zéro sept"``."""
    return " ".join(_UNITS[int(d)] for d in text if "0" <= d <= "9")
