"""Does what was said so far stop mid-thought? Read from the words, where intonation cannot tell.

People pause mid-sentence to think ("we had underestimated the payment integration, and ... I had
not flagged the risk"), and a turn detector hears the pause, not the grammar: after "and" the speech
can still sound finished. A transcript that ends on a joining word ("and", "because", "so", "et",
"parce que", "donc"), a preposition or article that needs its noun, a hesitation ("um", "euh") or a
comma is a thought not yet finished, whatever the voice did.
"""

from __future__ import annotations

import re

_EN = """
and or but so because since as although though while when whereas if unless until then which who whom
whose that where plus like than to of in on at for with from by into about the a an my our your their
his her its this these those um uh er erm hmm mm
"""
_FR = """
et ou mais donc car parce puisque comme quand lorsque si alors puis qui que dont où pour de des du le la
les un une au aux à en dans sur avec par chez mon ma mes notre nos votre vos leur leurs ce cette ces euh
hum bah ben genre
"""
OPEN_ENDINGS = {"en": frozenset(_EN.split()), "fr": frozenset(_FR.split())}
_LAST_WORD = re.compile(r"([\w'’-]+)\W*$")
_TRAILING_COMMA = re.compile(r"[,;:–—-]\s*$|\.\.\.\s*$|…\s*$")


def sounds_unfinished(text: str, language: str) -> bool:
    """Whether ``text`` (a transcript so far) ends mid-thought: on a joining word, a word that needs
    the next one, a hesitation, a comma or an ellipsis."""
    said = text.strip()
    if not said:
        return False
    if _TRAILING_COMMA.search(said):
        return True
    match = _LAST_WORD.search(said.lower())
    if match is None:
        return False
    words = OPEN_ENDINGS.get(language, OPEN_ENDINGS["en"])
    return match.group(1).replace("’", "'").strip("'-") in words
