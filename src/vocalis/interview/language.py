"""Which of the interview languages an answer is in, from its most common small words.

English and French answers share few function words ("the", "and", "you" against "le", "et", "vous"),
so counting them tells the two apart in a sentence or two, where a model would be overkill. An answer
with too few such words to tell is taken to be in the interview's language.
"""

from __future__ import annotations

import re

_WORDS = re.compile(r"[a-zàâçéèêëîïôûùüÿœ']+")
_EN = """
the a an and or but of to in on at for with from by is are was were be been it this that these those i you
he she we they my your our their me him her us them what which who how when where why do did have has had
not so because then there
"""
_FR = """
le la les un une des du de et ou mais à au aux en dans sur pour avec par est sont était étaient être ce cette
ces je tu il elle nous vous ils elles mon ma mes votre vos notre nos leur leurs qui que quoi comment quand où
pourquoi ai avons avez ont pas ne donc parce alors c'est j'ai on
"""
FUNCTION_WORDS = {"en": frozenset(_EN.split()), "fr": frozenset(_FR.split())}
MIN_FUNCTION_WORDS = 4


def answer_language(text: str) -> str | None:
    """ "en" or "fr" when the text clearly is in one of them, else None."""
    words = _WORDS.findall(text.lower().replace("’", "'"))
    counts = {lang: sum(1 for w in words if w in vocabulary) for lang, vocabulary in FUNCTION_WORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    other = min(counts.values())
    if counts[best] < MIN_FUNCTION_WORDS or counts[best] < 2 * max(other, 1):
        return None
    return best
