"""How concrete an answer is: numbers, amounts, dates and durations, names, and examples.

Interviewers trust what they can picture: "we cut the response time from 4 hours to 40 minutes for
our biggest client, Decathlon" against "I improved things a lot". Each kind of detail is counted with
its words, so the report can show what made an answer concrete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vocalis.interview.structure import sentences

_NUMBER_WORDS = {
    "en": (
        "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty "
        "sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion half "
        "dozen dozens"
    ),
    "fr": (
        "deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt trente quarante "
        "cinquante soixante cent cents mille million millions milliard milliards moitié douzaine dizaine "
        "dizaines centaine centaines"
    ),
}
_UNITS = {
    "en": r"(?:%|percent|per cent|euros?|dollars?|pounds?|k€|€|\$|£|hours?|days?|weeks?|months?|years?|"
    r"minutes?|seconds?|people|clients?|customers?|users?|engineers?|tickets?|calls?|times)",
    "fr": r"(?:%|pour ?cent|euros?|dollars?|k€|€|\$|heures?|jours?|semaines?|mois|ans|années?|minutes?|"
    r"secondes?|personnes|clients?|utilisateurs?|ingénieurs?|tickets?|appels?|fois)",
}
_EXAMPLE = {
    "en": r"for example|for instance|such as|in one case|specifically|in particular",
    "fr": r"par exemple|notamment|comme par exemple|en particulier|précisément|concrètement",
}
_MONTHS = {
    "en": r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|q[1-4]",
    "fr": r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"lundi|mardi|mercredi|jeudi|vendredi|t[1-4]",
}
# Capitalised words that are not names: sentence starts are skipped, these are too.
_NOT_NAMES = {
    "i", "i'm", "i've", "i'd", "i'll", "ok", "okay", "je", "j'ai", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "english", "french", "anglais", "français",
}  # fmt: skip


@dataclass(frozen=True)
class Detail:
    kind: str  # number, quantity, date, name, example
    text: str


@dataclass(frozen=True)
class Specificity:
    words: int
    details: tuple[Detail, ...]

    @property
    def per_100_words(self) -> float:
        return 100.0 * len(self.details) / max(self.words, 1)


def _pattern(language: str) -> re.Pattern[str]:
    lang = language if language in _NUMBER_WORDS else "en"
    numbers = "|".join(_NUMBER_WORDS[lang].split())
    return re.compile(
        rf"(?P<quantity>(?:\d[\d.,]*|{numbers})(?:\s|-)?{_UNITS[lang]}(?![\w]))"
        rf"|(?P<date>\b(?:(?:19|20)\d\d|{_MONTHS[lang]})\b)"
        rf"|(?P<number>\b(?:\d[\d.,]*|{numbers})\b)"
        rf"|(?P<example>\b(?:{_EXAMPLE[lang]})\b)",
        re.IGNORECASE,
    )


def find_specifics(text: str, language: str) -> Specificity:
    pattern = _pattern(language)
    details: list[Detail] = []
    words = 0
    for sentence in sentences(text):
        tokens = sentence.split()
        words += len(tokens)
        for match in pattern.finditer(sentence):
            kind = match.lastgroup or "number"
            details.append(Detail(kind, match.group(0)))
        details.extend(Detail("name", t) for t in _names(tokens))
    return Specificity(words, tuple(details))


def _names(tokens: list[str]) -> list[str]:
    """Capitalised words inside a sentence (not its first word): people, companies, products."""
    found = []
    for token in tokens[1:]:
        word = token.strip(".,;:!?…\"'«»()")
        if len(word) < 2 or word.lower() in _NOT_NAMES:
            continue
        if (word[0].isupper() and not word.isupper()) or (word.isupper() and word.isalpha()):  # or SQL, CRM
            found.append(word)
    return found
