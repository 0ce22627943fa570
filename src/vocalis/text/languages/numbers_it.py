"""Italian number words, written as one word below a million: "ventuno", "centouno", "duemila".

The tens lose their final vowel before "uno" and "otto" ("ventuno", "ventotto"); a final "tre" is
stressed ("ventitré"); "mille" becomes "-mila" when multiplied; millions are separate words.
"""

from __future__ import annotations

from vocalis.text.numbers import MAX_CARDINAL_DIGITS

_UNITS = (
    "zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci",
    "undici", "dodici", "tredici", "quattordici", "quindici", "sedici", "diciassette", "diciotto",
    "diciannove",
)  # fmt: skip
_TENS = ("", "", "venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta")
_ORDINALS = (
    "", "primo", "secondo", "terzo", "quarto", "quinto", "sesto", "settimo", "ottavo", "nono", "decimo",
)  # fmt: skip
_SCALES = (
    (10**12, "un bilione", "bilioni"), (10**9, "un miliardo", "miliardi"), (10**6, "un milione", "milioni"),
)  # fmt: skip
_LIMIT = 10**MAX_CARDINAL_DIGITS


def _below_hundred(n: int) -> str:
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    word = _TENS[tens]
    if unit in (1, 8):
        word = word[:-1]
    return word + ("" if unit == 0 else "tré" if unit == 3 else _UNITS[unit])


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    head = "" if hundreds == 0 else "cento" if hundreds == 1 else _UNITS[hundreds] + "cento"
    if not rest:
        return head
    tail = "tré" if rest == 3 and head else _below_hundred(rest)
    if head and tail.startswith("ott"):  # "centotto", "centottanta"
        head = head[:-1]
    return head + tail


def _below_million(n: int) -> str:
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return _below_thousand(rest)
    head = "mille" if thousands == 1 else _below_thousand(thousands) + "mila"
    if head.endswith("unomila"):  # "ventunmila"
        head = head[: -len("unomila")] + "unmila"
    return head + (("tré" if rest == 3 else _below_thousand(rest)) if rest else "")


def cardinal(n: int, gender: str = "") -> str:
    """``21`` -> ``"ventuno"``; ``1`` before a noun is ``"un"`` (``"una"`` before a feminine one)."""
    if n < 0:
        return f"meno {cardinal(-n, gender)}"
    if n >= _LIMIT:
        return digits(str(n))
    if n == 1 and gender:
        return "una" if gender == "f" else "un"
    if n == 0:
        return _UNITS[0]
    parts = []
    for value, one, many in _SCALES:
        count, n = divmod(n, value)
        if count:
            parts.append(one if count == 1 else f"{cardinal(count)} {many}")
    if n:
        parts.append(_below_million(n))
    return " ".join(parts)


def ordinal(n: int, feminine: bool = False) -> str:
    """``1`` -> ``"primo"``, ``11`` -> ``"undicesimo"``, ``23`` -> ``"ventitreesimo"``; feminine in -a."""
    if n <= 0:
        return cardinal(n)
    if n <= 10:
        words = _ORDINALS[n]
    else:
        words = cardinal(n).removeprefix("un ")
        if words.endswith("tré"):
            words = words[:-1] + "eesimo"
        elif words.endswith("sei"):
            words += "esimo"
        elif words.endswith("mila"):
            words = words[:-4] + "millesimo"
        elif words.endswith("ouno"):  # "centunesimo"
            words = words[:-4] + "unesimo"
        else:
            words = words[:-1] + "esimo"
    return words[:-1] + "a" if feminine else words


def digits(text: str) -> str:
    """``"007"`` -> ``"zero zero sette"``."""
    return " ".join(_UNITS[int(d)] for d in text if "0" <= d <= "9")
