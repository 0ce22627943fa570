"""Rules shared by Spanish, Italian and Portuguese that are not numbers or dates of their own."""

from __future__ import annotations

import re
from collections.abc import Mapping

from vocalis.text.languages import calendar
from vocalis.text.languages.profile import Language
from vocalis.text.rules import Rule, whole
from vocalis.text.spans import Piece


def ordinal_rule(language: Language, shortened: Mapping[int, str] | None = None) -> Rule:
    """Ordinals: "1º", "1.º" -> "primero"; "1ª" -> "primera"; "1.er" -> "primer" (``shortened`` forms).

    A degree sign is an ordinal only before a month ("1° maggio", "1° de maio"); elsewhere it is degrees.
    """
    endings = ["º", "ª", rf"°(?=[ \u00a0]+(?:de[ \u00a0]+)?{calendar.month_names(language)})"]
    if shortened:
        endings.append("er")
    pattern = re.compile(rf"(?P<int>[0-9]{{1,9}})\.?(?P<suffix>{'|'.join(endings)})(?![^\W_])")

    def expand(match: re.Match[str]) -> list[Piece] | None:
        written, suffix = match.group("int"), match.group("suffix")
        n = int(written)
        if n == 0 or written.startswith("0"):
            return None
        if suffix == "er":
            words = (shortened or {}).get(n)
            return None if words is None else whole(match, words)
        return whole(match, language.ordinal(n, suffix == "ª"))

    return Rule("ordinal", pattern, expand, on_digit=True)
