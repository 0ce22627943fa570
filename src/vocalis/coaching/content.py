"""What a speaker says, beyond how: hedging, repeated phrases and very long sentences, in en and fr.

Pure functions over a transcript's words (times in seconds, as the recogniser gave them). Words are
compared case- and punctuation-insensitively, with curly apostrophes straightened, hyphens and elisions
split ("peut-être" = "peut être", "j'ai" = "j' ai"), so a phrase matches however the recogniser wrote it.
Fillers ("um", "du coup") come from ``vocalis.analysis.fillers`` and never count as repetitions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from vocalis.analysis.fillers import find_fillers, normalise
from vocalis.analysis.model import TimeRange
from vocalis.analysis.report import check_language
from vocalis.analysis.timing import counted_words
from vocalis.engines.protocols import TranscribedWord

LONG_SENTENCE_WORDS = 35  # past ~35 words a listener loses the start of the sentence before its end
MIN_REPEATS = 3  # twice is a reminder; three times in one stretch is a verbal habit
PHRASE_LENGTHS = (5, 4, 3)  # longest first, so "at the end of" hides its part "the end of"

RepetitionKind = Literal["phrase", "stutter"]


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


HEDGES: dict[str, tuple[str, ...]] = {
    "en": (
        "i think", "i guess", "i suppose", "i believe", "i feel like", "sort of", "kind of", "maybe",
        "perhaps", "probably", "possibly", "somewhat", "more or less", "in a way", "i'm not sure",
        "i am not sure", "i don't know",
    ),
    "fr": (
        "je pense", "je crois", "j'ai l'impression", "il me semble", "en fait", "du coup", "peut-être",
        "un peu", "un petit peu", "on va dire", "plus ou moins", "disons", "je dirais", "probablement",
        "sans doute", "en quelque sorte", "je ne sais pas", "je sais pas",
    ),
}  # fmt: skip
# Uses that are not hedges: "a kind of tool" names a type, "un peu de sel" a quantity,
# "je pense à vous" a thought. (phrase -> words that may not come before / after it)
_NOT_AFTER: dict[str, frozenset[str]] = {
    phrase: _set(
        "a the this that what which any some every one no these those all my your our their his her "
        "its same new right other different only"
    )
    for phrase in ("kind of", "sort of")
}
_NOT_BEFORE: dict[str, frozenset[str]] = {
    "i think": frozenset({"about", "of"}),
    "un peu": frozenset({"de", "d'"}),
    "un petit peu": frozenset({"de", "d'"}),
    "je pense": frozenset({"à", "au", "aux"}),
    "je crois": frozenset({"en"}),
}
# Doubled words that are grammar or emphasis, not a stumble: "that that", "vous vous trompez".
_DOUBLES_ALLOWED = {
    "en": frozenset({"that", "had", "is", "very", "really", "so", "no", "bye", "yes"}),
    "fr": frozenset({"nous", "vous", "très", "non", "oui", "si", "bien"}),
}
# Words too common to make a repeated phrase a habit: "one of the" is grammar, "as I said" is not.
_FUNCTION_WORDS = {
    "en": _set(
        "a an the of to in on at for with by from and or but if so as is are was were be been it its "
        "this that these those there here i you he she we they me us them my your our their not do does "
        "did have has had will would can could what which who how than then also just very lot one "
        "i' it' that' there' we' they' you' don' m s re ll ve d t"
    ),
    "fr": _set(
        "le la les l' un une des de d' du au aux à en et ou mais si que qu' qui ce c' cet cette ces il "
        "elle on nous vous ils elles je j' tu me m' te t' se s' lui leur y ne n' pas est sont a ont été "
        "être avoir ai as avons avez fait plus très pour par sur dans avec sans son sa ses mon ma mes ça"
    ),
}
_SENTENCE_END = re.compile(r"[.?!…][\"'»”’)\]]*$")
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "vs", "e.g", "i.e", "m", "mme", "cf"})
_SUBTOKEN = re.compile(r"[^\s'-]+'?")


@dataclass(frozen=True)
class Hedge:
    text: str  # canonical phrase, e.g. "i think", "peut-être"
    heard: str  # as transcribed
    start: float
    end: float


@dataclass(frozen=True)
class Repetition:
    text: str  # the repeated phrase or word, normalised
    kind: RepetitionKind  # "phrase": an n-gram said MIN_REPEATS+ times; "stutter": a word said back to back
    occurrences: tuple[TimeRange, ...]

    @property
    def count(self) -> int:
        return len(self.occurrences)

    @property
    def start(self) -> float:
        return self.occurrences[0].start

    @property
    def end(self) -> float:
        return self.occurrences[-1].end


@dataclass(frozen=True)
class LongSentence:
    text: str
    word_count: int  # hesitations ("um") left out
    start: float
    end: float
    finished: bool  # False for the last sentence when no closing punctuation has been heard yet


@dataclass(frozen=True)
class ContentObservations:
    hedges: tuple[Hedge, ...]
    repetitions: tuple[Repetition, ...]
    long_sentences: tuple[LongSentence, ...]


def observe_content(
    words: Sequence[TranscribedWord],
    language: str,
    *,
    max_sentence_words: int = LONG_SENTENCE_WORDS,
    min_repeats: int = MIN_REPEATS,
) -> ContentObservations:
    return ContentObservations(
        hedges=find_hedges(words, language),
        repetitions=find_repetitions(words, language, min_repeats=min_repeats),
        long_sentences=find_long_sentences(words, language, max_words=max_sentence_words),
    )


def _subtokens(text: str) -> list[str]:
    return _SUBTOKEN.findall(normalise(text))


def find_hedges(words: Sequence[TranscribedWord], language: str) -> tuple[Hedge, ...]:
    phrases = sorted(HEDGES[check_language(language)], key=lambda p: -len(_subtokens(p)))
    patterns = [(p, _subtokens(p)) for p in phrases]
    tokens: list[str] = []
    owner: list[int] = []  # the word each subtoken comes from
    firsts: set[int] = set()  # subtoken positions that start a word
    for index, word in enumerate(words):
        firsts.add(len(tokens))
        parts = _subtokens(word.text)
        tokens.extend(parts)
        owner.extend([index] * len(parts))
    found: list[Hedge] = []
    i = 0
    while i < len(tokens):
        match = next((p for p in patterns if _matches(tokens, i, p, firsts)), None) if i in firsts else None
        if match is None:
            i += 1
            continue
        phrase, parts = match
        span = words[owner[i] : owner[i + len(parts) - 1] + 1]
        found.append(Hedge(phrase, " ".join(w.text for w in span), span[0].start, span[-1].end))
        i += len(parts)
    return tuple(found)


def _matches(tokens: list[str], i: int, pattern: tuple[str, list[str]], firsts: set[int]) -> bool:
    phrase, parts = pattern
    end = i + len(parts)
    if tokens[i:end] != parts or (end < len(tokens) and end not in firsts):
        return False
    before = tokens[i - 1] if i else ""
    after = tokens[end] if end < len(tokens) else ""
    return before not in _NOT_AFTER.get(phrase, ()) and after not in _NOT_BEFORE.get(phrase, ())


def _content_words(words: Sequence[TranscribedWord], language: str) -> list[tuple[str, TranscribedWord]]:
    """(normalised text, word) for the words that are not fillers or bare punctuation."""
    fillers = find_fillers(words, language)
    kept: list[tuple[str, TranscribedWord]] = []
    f = 0
    for word in words:
        while f < len(fillers) and fillers[f].end < word.end:
            f += 1
        inside = f < len(fillers) and fillers[f].start <= word.start and word.end <= fillers[f].end
        token = " ".join(_subtokens(word.text))
        if token and not inside:
            kept.append((token, word))
    return kept


def find_repetitions(
    words: Sequence[TranscribedWord], language: str, *, min_repeats: int = MIN_REPEATS
) -> tuple[Repetition, ...]:
    """Phrases of 3-5 words said ``min_repeats``+ times, and words said twice in a row ("the the")."""
    kept = _content_words(words, check_language(language))
    return (*_phrase_repeats(kept, language, min_repeats), *_stutters(kept, language))


def _phrase_repeats(
    kept: list[tuple[str, TranscribedWord]], language: str, min_repeats: int
) -> list[Repetition]:
    tokens = [t for t, _ in kept]
    covered: list[tuple[int, int]] = []  # [start, end) of the occurrences already reported
    found: list[Repetition] = []
    for n in PHRASE_LENGTHS:
        positions: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i in range(len(tokens) - n + 1):
            gram = tuple(tokens[i : i + n])
            if positions[gram] and positions[gram][-1] + n > i:
                continue  # overlapping itself ("a a a a"): count separate sayings only
            positions[gram].append(i)
        for gram, starts in positions.items():
            if len(starts) < min_repeats or all(_is_function(t, language) for t in gram):
                continue
            if all(any(a <= s and s + n <= b for a, b in covered) for s in starts):
                continue  # part of a longer phrase already reported
            covered.extend((s, s + n) for s in starts)
            spans = tuple(TimeRange(kept[s][1].start, kept[s + n - 1][1].end) for s in starts)
            found.append(Repetition(" ".join(gram), "phrase", spans))
    return sorted(found, key=lambda r: (-r.count, r.start))


def _is_function(token: str, language: str) -> bool:
    return all(part in _FUNCTION_WORDS[language] for part in token.split())


def _stutters(kept: list[tuple[str, TranscribedWord]], language: str) -> list[Repetition]:
    found: list[Repetition] = []
    i = 0
    while i < len(kept) - 1:
        token, word = kept[i]
        j = i
        while (
            j + 1 < len(kept)
            and kept[j + 1][0] == token
            and not _SENTENCE_END.search(kept[j][1].text)
            and token not in _DOUBLES_ALLOWED[language]
        ):
            j += 1
        if j > i:
            text = " ".join(t for t, _ in kept[i : j + 1])
            found.append(Repetition(text, "stutter", (TimeRange(word.start, kept[j][1].end),)))
        i = j + 1
    return found


def find_long_sentences(
    words: Sequence[TranscribedWord], language: str, *, max_words: int = LONG_SENTENCE_WORDS
) -> tuple[LongSentence, ...]:
    """Sentences (split on the transcript's . ? ! …) of more than ``max_words`` words."""
    check_language(language)
    found: list[LongSentence] = []
    sentence: list[TranscribedWord] = []
    for word in words:
        sentence.append(word)
        if ends_sentence(word.text):
            found.extend(_long(sentence, language, max_words, finished=True))
            sentence = []
    found.extend(_long(sentence, language, max_words, finished=False))
    return tuple(found)


def ends_sentence(text: str) -> bool:
    """Whether a word closes its sentence: "end." and "why?»" do, "Mr." and "e.g." do not."""
    stripped = text.strip()
    if not _SENTENCE_END.search(stripped):
        return False
    return normalise(stripped.rstrip("\"'»”’)]").rstrip(".")) not in _ABBREVIATIONS


def _long(
    sentence: list[TranscribedWord], language: str, max_words: int, *, finished: bool
) -> list[LongSentence]:
    counted = counted_words(sentence, language)
    if len(counted) <= max_words:
        return []
    text = " ".join(w.text.strip() for w in sentence).strip()
    return [LongSentence(text, len(counted), counted[0].start, counted[-1].end, finished)]
