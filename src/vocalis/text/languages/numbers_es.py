"""Spanish number words: "veintiuno", "treinta y uno", "cien", "ciento uno", "un millón".

"uno" is shortened before a noun and before "mil"/"millón" ("un euro", "veintiún mil"); before a
feminine noun the ones and hundreds agree ("una libra", "doscientas libras").
"""

from __future__ import annotations

from vocalis.text.numbers import MAX_CARDINAL_DIGITS

_UNITS = (
    "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
    "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve",
    "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis",
    "veintisiete", "veintiocho", "veintinueve",
)  # fmt: skip
_TENS = ("", "", "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa")
_HUNDREDS = (
    "", "ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos", "seiscientos", "setecientos",
    "ochocientos", "novecientos",
)  # fmt: skip
_ORDINAL_UNITS = (
    "", "primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno",
)  # fmt: skip
_ORDINAL_TENS = (
    "", "décimo", "vigésimo", "trigésimo", "cuadragésimo", "quincuagésimo", "sexagésimo", "septuagésimo",
    "octogésimo", "nonagésimo",
)  # fmt: skip
_ORDINAL_HUNDREDS = (
    "", "centésimo", "ducentésimo", "tricentésimo", "cuadringentésimo", "quingentésimo", "sexcentésimo",
    "septingentésimo", "octingentésimo", "noningentésimo",
)  # fmt: skip
_ORDINAL_TEENS = {11: "undécimo", 12: "duodécimo", 18: "decimoctavo"}
_LIMIT = 10**MAX_CARDINAL_DIGITS


def _below_hundred(n: int) -> str:
    if n < 30:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens] if unit == 0 else f"{_TENS[tens]} y {_UNITS[unit]}"


def _below_thousand(n: int) -> str:
    if n == 100:
        return "cien"
    hundreds, rest = divmod(n, 100)
    return " ".join(word for word in (_HUNDREDS[hundreds], _below_hundred(rest) if rest else "") if word)


def _shorten(words: str) -> str:
    """The form before a masculine noun or a scale word: "uno" -> "un", "veintiuno" -> "veintiún"."""
    if words.endswith("veintiuno"):
        return words[:-3] + "ún"
    return words[:-1] if words == "uno" or words.endswith(" uno") else words


def _feminine(words: str) -> str:
    if words.endswith("veintiuno"):
        return words[:-1] + "a"
    if words == "uno" or words.endswith(" uno"):
        words = words[:-1] + "a"
    return words.replace("ientos", "ientas")


def _below_million(n: int) -> str:
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands:
        parts.append("mil" if thousands == 1 else f"{_shorten(_below_thousand(thousands))} mil")
    if rest or not thousands:
        parts.append(_below_thousand(rest))
    return " ".join(parts)


def cardinal(n: int, gender: str = "") -> str:
    """``21`` -> ``"veintiuno"``; ``gender="m"`` -> ``"veintiún"``; ``gender="f"`` -> ``"veintiuna"``."""
    if n < 0:
        return f"menos {cardinal(-n, gender)}"
    if n >= _LIMIT:
        return digits(str(n))
    if n == 0:
        return _UNITS[0]
    parts = []
    for value, one, many in ((10**12, "billón", "billones"), (10**6, "millón", "millones")):
        count, n = divmod(n, value)
        if count:
            parts.append(f"{_shorten(cardinal(count))} {one if count == 1 else many}")
    if n:
        below = _below_million(n)
        parts.append(_feminine(below) if gender == "f" else _shorten(below) if gender == "m" else below)
    return " ".join(parts)


def _ordinal_below_thousand(n: int) -> list[str]:
    hundreds, rest = divmod(n, 100)
    words = [_ORDINAL_HUNDREDS[hundreds]] if hundreds else []
    if rest in _ORDINAL_TEENS:
        words.append(_ORDINAL_TEENS[rest])
    elif 13 <= rest <= 19:
        words.append("decimo" + _ORDINAL_UNITS[rest - 10])
    elif rest:
        tens, unit = divmod(rest, 10)
        words += [word for word in (_ORDINAL_TENS[tens], _ORDINAL_UNITS[unit]) if word]
    return words


def ordinal(n: int, feminine: bool = False) -> str:
    """``21`` -> ``"vigésimo primero"``; ``13`` -> ``"decimotercero"``; feminine ``"vigésima primera"``."""
    if not 0 < n < 10**9:
        return cardinal(n)
    millions, n = divmod(n, 10**6)
    thousands, n = divmod(n, 1000)
    words = []
    for count, name in ((millions, "millonésimo"), (thousands, "milésimo")):
        if count:  # "dosmilésimo": the count and the scale make one word
            words.append(name if count == 1 else _shorten(cardinal(count)).replace(" ", "") + name)
    words += _ordinal_below_thousand(n)
    if feminine:
        words = [word[:-1] + "a" for word in words]
    return " ".join(words)


def digits(text: str) -> str:
    """``"007"`` -> ``"cero cero siete"``."""
    return " ".join(_UNITS[int(d)] for d in text if "0" <= d <= "9")
