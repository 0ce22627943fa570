"""Brazilian Portuguese number words: "vinte e um", "cem", "cento e um", "dois mil", "um milhão".

"e" joins hundreds, tens and ones, and joins the last group to the others when it is below a
hundred or a round number of hundreds ("mil e um", "mil e quinhentos", but "mil duzentos e trinta").
Before a feminine noun "um", "dois" and the hundreds agree ("uma libra", "duzentas libras").
"""

from __future__ import annotations

from vocalis.text.numbers import MAX_CARDINAL_DIGITS

_UNITS = (
    "zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez",
    "onze", "doze", "treze", "quatorze", "quinze", "dezesseis", "dezessete", "dezoito", "dezenove",
)  # fmt: skip
_TENS = ("", "", "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa")
_HUNDREDS = (
    "", "cento", "duzentos", "trezentos", "quatrocentos", "quinhentos", "seiscentos", "setecentos",
    "oitocentos", "novecentos",
)  # fmt: skip
_SCALES = ((10**12, "trilhão", "trilhões"), (10**9, "bilhão", "bilhões"), (10**6, "milhão", "milhões"))
_ORDINAL_UNITS = (
    "", "primeiro", "segundo", "terceiro", "quarto", "quinto", "sexto", "sétimo", "oitavo", "nono",
)  # fmt: skip
_ORDINAL_TENS = (
    "", "décimo", "vigésimo", "trigésimo", "quadragésimo", "quinquagésimo", "sexagésimo", "septuagésimo",
    "octogésimo", "nonagésimo",
)  # fmt: skip
_ORDINAL_HUNDREDS = (
    "", "centésimo", "ducentésimo", "trecentésimo", "quadringentésimo", "quingentésimo", "sexcentésimo",
    "septingentésimo", "octingentésimo", "nongentésimo",
)  # fmt: skip
_FEMININE = {"um": "uma", "dois": "duas"}
_LIMIT = 10**MAX_CARDINAL_DIGITS


def _below_thousand(n: int) -> str:
    if n == 100:
        return "cem"
    hundreds, rest = divmod(n, 100)
    tens, unit = divmod(rest, 10)
    if rest < 20:
        words = [_HUNDREDS[hundreds], _UNITS[rest] if rest else ""]
    else:
        words = [_HUNDREDS[hundreds], _TENS[tens], _UNITS[unit] if unit else ""]
    return " e ".join(word for word in words if word)


def _feminine(words: str) -> str:
    return " ".join(_FEMININE.get(word, word.replace("entos", "entas")) for word in words.split(" "))


def cardinal(n: int, gender: str = "") -> str:
    """``1234`` -> ``"mil duzentos e trinta e quatro"``; ``gender="f"`` -> ``"uma"``, ``"duas"``."""
    if n < 0:
        return f"menos {cardinal(-n, gender)}"
    if n >= _LIMIT:
        return digits(str(n))
    if n == 0:
        return _UNITS[0]
    groups: list[tuple[int, str]] = []  # (value of the group, its words)
    for value, one, many in _SCALES:
        count, n = divmod(n, value)
        if count:
            groups.append((count, f"{cardinal(count)} {one if count == 1 else many}"))
    thousands, n = divmod(n, 1000)
    if thousands:
        words = "mil" if thousands == 1 else f"{_below_thousand(thousands)} mil"
        groups.append((thousands, _feminine(words) if gender == "f" else words))
    if n:
        words = _below_thousand(n)
        groups.append((n, _feminine(words) if gender == "f" else words))
    spoken = groups[0][1]
    for index, (value, words) in enumerate(groups[1:], start=1):
        last = index == len(groups) - 1
        spoken += " e " if last and (value < 100 or value % 100 == 0) else " "
        spoken += words
    return spoken


def ordinal(n: int, feminine: bool = False) -> str:
    """``21`` -> ``"vigésimo primeiro"``; feminine ``"vigésima primeira"``."""
    if not 0 < n < 10**9:
        return cardinal(n)
    millions, n = divmod(n, 10**6)
    thousands, n = divmod(n, 1000)
    words = []
    if millions:
        words += ["milionésimo"] if millions == 1 else [cardinal(millions), "milionésimo"]
    if thousands:
        words += ["milésimo"] if thousands == 1 else [cardinal(thousands), "milésimo"]
    hundreds, rest = divmod(n, 100)
    tens, unit = divmod(rest, 10)
    words += [w for w in (_ORDINAL_HUNDREDS[hundreds], _ORDINAL_TENS[tens], _ORDINAL_UNITS[unit]) if w]
    if feminine:
        words = [word[:-1] + "a" if word.endswith("o") else word for word in words]
    return " ".join(words)


def digits(text: str) -> str:
    """``"007"`` -> ``"zero zero sete"``."""
    return " ".join(_UNITS[int(d)] for d in text if "0" <= d <= "9")
