"""Filler words from a transcript's words, per language.

Whisper writes hesitations ("um", "euh") only when its prompt shows them, hence ``FILLER_PROMPTS``.
Words that are fillers only in some uses ("like", "so", "you know", "genre") are counted only where
the transcript's punctuation and neighbours mark them as discourse fillers: "I like it" is not one,
"it was, like, huge" is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from vocalis.analysis.model import Filler, FillerCount, FillerMetrics
from vocalis.engines.protocols import TranscribedWord
from vocalis.engines.whisper import FILLER_PROMPT

FRENCH_FILLER_PROMPT = "Euh, ben, bah, du coup, en fait... Genre, tu vois, voilà. Hum, euh."
FILLER_PROMPTS = {"en": FILLER_PROMPT, "fr": FRENCH_FILLER_PROMPT}

# Sounds rather than words: fillers wherever they occur, and not counted as words for pace.
HESITATIONS = {
    "en": {
        "um": "um", "umm": "um", "uhm": "um", "erm": "um", "mm": "hmm", "mmm": "hmm", "hm": "hmm",
        "hmm": "hmm", "uh": "uh", "uhh": "uh", "er": "er", "ah": "ah", "ahh": "ah",
    },
    "fr": {
        "euh": "euh", "euhh": "euh", "heu": "euh", "heuu": "euh", "hum": "hum", "hmm": "hum",
        "hm": "hum", "mm": "hum", "bah": "bah", "ben": "ben", "beh": "ben",
    },
}  # fmt: skip
ALWAYS = {"en": {"basically", "actually"}, "fr": {"voilà", "voila"}}
_CANONICAL = {"voila": "voilà"}
_SENTENCE_END = re.compile(r"[.?!…]$")
_CLAUSE_END = re.compile(r"[,;:.?!…]$")
_ASKING_VERBS = {"do", "did", "don't", "didn't", "does", "doesn't", "would", "if", "as", "what"}
_FRENCH_DETERMINERS = {
    "le", "un", "ce", "cet", "quel", "du", "de", "mon", "ton", "son", "notre", "votre", "leur",
    "même", "tout", "autre", "quelque", "chaque", "nouveau",
}  # fmt: skip
_FRENCH_OBJECTS = {"le", "la", "les", "l'", "un", "une", "des", "ce", "cette", "ces", "mon", "ma", "mes"}


def normalise(word: str) -> str:
    """Lower case without surrounding punctuation; apostrophes inside a word stay."""
    return word.lower().strip(" \"'«»“”‘’()[]{},;:.?!…-—").replace("’", "'")


def is_hesitation(word: str, language: str) -> bool:
    return normalise(word) in HESITATIONS.get(language, {})


def find_fillers(words: Sequence[TranscribedWord], language: str) -> list[Filler]:
    tokens = [normalise(w.text) for w in words]
    found: list[Filler] = []
    i = 0
    while i < len(words):
        length, canonical = _match(words, tokens, i, language)
        if length:
            span = words[i : i + length]
            heard = " ".join(w.text for w in span)
            found.append(Filler(text=canonical, heard=heard, start=span[0].start, end=span[-1].end))
            i += length
        else:
            i += 1
    return found


def _match(words: Sequence[TranscribedWord], tokens: list[str], i: int, language: str) -> tuple[int, str]:
    """(how many words the filler at ``i`` spans, its canonical text), or (0, "")."""
    token = tokens[i]
    hesitation = HESITATIONS.get(language, {}).get(token)
    if hesitation:
        return 1, hesitation
    if token in ALWAYS.get(language, set()):
        return 1, _CANONICAL.get(token, token)
    if language == "fr":
        return _match_french(tokens, i)
    if language == "en":
        return _match_english(words, tokens, i)
    return 0, ""


def _match_english(words: Sequence[TranscribedWord], tokens: list[str], i: int) -> tuple[int, str]:
    token = tokens[i]
    previous = tokens[i - 1] if i else ""
    following = tokens[i + 1] if i + 1 < len(tokens) else ""
    after_hesitation = is_hesitation(previous, "en")
    starts_clause = i == 0 or bool(_CLAUSE_END.search(words[i - 1].text)) or after_hesitation
    ends_clause = bool(_CLAUSE_END.search(words[i].text))
    sentence_start = i == 0 or bool(_SENTENCE_END.search(words[i - 1].text)) or after_hesitation
    if token == "so" and (sentence_start or (starts_clause and ends_clause)):
        return 1, "so"
    # "like," or "um, like" is a filler; "I like it" and "big, like a house" are not.
    if token == "like" and (ends_clause or after_hesitation or is_hesitation(following, "en")):
        return 1, "like"
    if token == "you" and following == "know" and previous not in _ASKING_VERBS:
        know_ends = bool(_CLAUSE_END.search(words[i + 1].text))
        if know_ends or starts_clause:
            return 2, "you know"
    if token == "i" and following == "mean":
        mean_ends = bool(_CLAUSE_END.search(words[i + 1].text))
        after = tokens[i + 2] if i + 2 < len(tokens) else ""
        if mean_ends or (starts_clause and after not in {"it", "that", "to", "what"}):
            return 2, "i mean"
    return 0, ""


def _match_french(tokens: list[str], i: int) -> tuple[int, str]:
    token = tokens[i]
    previous = tokens[i - 1] if i else ""
    following = tokens[i + 1] if i + 1 < len(tokens) else ""
    after = tokens[i + 2] if i + 2 < len(tokens) else ""
    if token == "du" and following == "coup":
        return 2, "du coup"
    if token == "en" and following == "fait":
        return 2, "en fait"
    # "tu vois la maison" sees something; "tu vois, c'est simple" only asks for attention.
    if token == "tu" and following == "vois" and after not in _FRENCH_OBJECTS and previous != "si":
        return 2, "tu vois"
    if token == "genre" and previous not in _FRENCH_DETERMINERS:
        return 1, "genre"
    return 0, ""


def filler_metrics(fillers: Sequence[Filler], talk_seconds: float) -> FillerMetrics:
    counts = Counter(f.text for f in fillers)
    minutes = talk_seconds / 60.0
    return FillerMetrics(
        count=len(fillers),
        per_minute=len(fillers) / minutes if minutes > 0 else 0.0,
        by_word=tuple(FillerCount(text, n) for text, n in counts.most_common()),
        occurrences=tuple(fillers),
    )
