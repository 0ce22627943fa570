"""English text normalisation: written text -> the words a speaker would say, with offsets kept.

``normalize("It costs $9.99.")`` gives the spoken text ``"It costs nine dollars and ninety-nine
cents."`` as pieces, each tied to the original characters it was read from, so word timestamps can be
reported against the text the user wrote.

The scan is the one every language shares (:mod:`vocalis.text.driver`); English brings its rules, in
order: dates and times before money, money before measurements, measurements before plain numbers.
"""

from __future__ import annotations

from functools import cache

from vocalis.text import dates, numeric, wording
from vocalis.text.driver import Normalizer
from vocalis.text.rules import Rule
from vocalis.text.spans import NormalizedText, Piece, Span, SpokenWord

__all__ = ["NormalizedText", "Piece", "Span", "SpokenWord", "normalize"]

_RULES: tuple[Rule, ...] = (*wording.RULES[:3], *dates.RULES, *numeric.RULES, *wording.RULES[3:])


@cache
def _english() -> Normalizer:
    return Normalizer(_RULES)


def normalize(text: str, *, offset: int = 0) -> NormalizedText:
    """Expand ``text`` into spoken English; source spans are shifted by ``offset``.

    ``offset`` lets a chunk of a larger document be normalised with spans into the whole document.
    """
    return _english()(text, offset=offset)
