"""French, Spanish, Italian and Brazilian Portuguese text to Kokoro phonemes, under permissive licences.

Kokoro v1.0 learnt these languages from espeak-ng's phoneme strings (GPL). The ``gruut-lang-*``
packages (MIT) ship a lexicon of espeak-ng pronunciations per language and a CRF model trained on it
for words the lexicon lacks; this module reads both directly (SQLite and python-crfsuite), then maps
the symbols onto Kokoro's vocabulary the way Kokoro's own pipeline maps espeak-ng's output.

The mapping was measured, not guessed: ``scripts/measure_g2p.py`` phonemises real sentences with
espeak-ng and with this module and counts where they differ (results in ``bench/results/``).
"""

from __future__ import annotations

import base64
import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from vocalis.engines.g2p_brazilian import to_brazilian
from vocalis.engines.g2p_romance import ElisionRules, french_liaison, join_affricates

# A word: letters, with apostrophes and hyphens inside ("aujourd'hui", "peut-être").
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# What Kokoro reads as prosody; any other character between words becomes a space.
_KEPT_PUNCTUATION = frozenset(',.!?;:—…"“”()')
_STRESS = "ˈˌ"
# Kokoro reads a nasal vowel as the vowel and a combining tilde; the lexicons sometimes hold one
# precomposed character instead ("ũ"), which Kokoro's vocabulary lacks.
_DECOMPOSED = str.maketrans({c: unicodedata.normalize("NFD", c) for c in "ãẽĩõũ"})
_VOWELS = frozenset("aeiouɐɛɔæyɨʊɪ")


@dataclass(frozen=True)
class LexiconLanguage:
    code: str  # "fr", "es", "it", "pt"
    package: str  # gruut-lang-* module holding espeak/lexicon.db and espeak/g2p/model.crf
    elisions: ElisionRules


class LexiconG2P:
    """One language's reading rules: lexicon first, CRF for unknown words, then post-lexical rules."""

    def __init__(self, language: LexiconLanguage) -> None:
        self._language = language
        # Reentrant: a hyphenated or elided word looks its parts up while holding it.
        self._lock = threading.RLock()
        self._cache: dict[str, tuple[str, ...]] = {}

    @cached_property
    def _data(self) -> Path:
        return Path(str(resources.files(self._language.package))) / "espeak"

    @cached_property
    def _db(self) -> sqlite3.Connection:
        uri = f"file:{self._data / 'lexicon.db'}?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    @cached_property
    def _tagger(self) -> Any:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(self._data / "g2p" / "model.crf"))
        return tagger

    def word(self, word: str) -> tuple[str, ...]:
        """The phonemes of one word, as espeak-ng symbols (one token per sound, stress on vowels)."""
        key = unicodedata.normalize("NFC", word.lower().replace("’", "'"))
        with self._lock:
            cached = self._cache.get(key)
            if cached is None:
                cached = self._lookup(key)
                if len(self._cache) < 200_000:
                    self._cache[key] = cached
        return cached

    def _lookup(self, word: str) -> tuple[str, ...]:
        found = self._lexicon(word)
        if found is not None:
            return found
        if "-" in word:
            return tuple(p for part in word.split("-") if part for p in self.word(part))
        if "'" in word:
            head, _, tail = word.partition("'")
            elided = self._language.elisions.get(head + "'")
            head_phonemes = elided if elided is not None else self._guess(head)
            return (*head_phonemes, *self.word(tail)) if tail else head_phonemes
        return self._guess(word)

    def _lexicon(self, word: str) -> tuple[str, ...] | None:
        row = self._db.execute(
            "SELECT phonemes FROM word_phonemes WHERE word = ? ORDER BY pron_order LIMIT 1", (word,)
        ).fetchone()
        if row is None:
            return None
        return tuple(p for p in str(row[0]).split() if p != "-")

    def _guess(self, word: str) -> tuple[str, ...]:
        """The CRF's phonemes for a word the lexicon lacks (one label per letter, possibly empty)."""
        letters = [c for c in word if c.isalpha()]
        if not letters:
            return ()
        labels = self._tagger.tag([_letter_features(letters, i) for i in range(len(letters))])
        phonemes: list[str] = []
        for label in labels:
            for p in base64.b64decode(label).decode().split("|"):
                if p and p != "_":
                    phonemes.append(p)
        return tuple(phonemes)

    def __call__(self, text: str) -> str:
        words: list[tuple[str, tuple[str, ...]]] = []
        out: list[str | None] = []  # None marks a word's slot, filled after post-lexical rules
        position = 0
        for match in _WORD.finditer(text):
            out.extend(_punctuation(text[position : match.start()]))
            words.append((match.group(), self.word(match.group())))
            out.append(None)
            position = match.end()
        out.extend(_punctuation(text[position:]))
        pronounced = [list(p) for _, p in words]
        if self._language.code == "fr":
            french_liaison(words, pronounced, _separated(out))
        joined = [join_affricates(p, self._language.code) for p in pronounced]
        if self._language.code == "pt":
            joined = [
                to_brazilian(
                    w,
                    next_starts_with_vowel=i + 1 < len(joined)
                    and joined[i + 1][:2].lstrip("ˈˌ")[:1] in _VOWELS,
                )
                for i, w in enumerate(joined)
            ]
        spoken = iter(w.translate(_DECOMPOSED) for w in joined)
        return re.sub(
            r" {2,}", " ", "".join(next(spoken) if piece is None else piece for piece in out)
        ).strip()


def _punctuation(between: str) -> list[str]:
    kept = "".join(c if c in _KEPT_PUNCTUATION else " " for c in between)
    kept = re.sub(r"\s+", " ", kept)
    # Punctuation sticks to the word before it, as in espeak-ng's (and misaki's) output: "bɔ̃ʒˈuʁ, a".
    return [kept.lstrip() if kept.strip() else " "] if between else []


def _separated(out: list[str | None]) -> list[bool]:
    """For each word but the last: whether punctuation stands between it and the next word."""
    flags: list[bool] = []
    seen_word = False
    pause = False
    for piece in out:
        if piece is None:
            if seen_word:
                flags.append(pause)
            seen_word, pause = True, False
        elif piece.strip():
            pause = True
    return flags


def _letter_features(letters: list[str], i: int) -> dict[str, Any]:
    """Features of one letter for the CRF: itself and three letters either side (gruut's training)."""

    def code(letter: str) -> str:
        return base64.b64encode(letter.encode()).decode("ascii")

    features: dict[str, Any] = {"bias": 1.0, "grapheme": code(letters[i])}
    if i == 0:
        features["begin"] = True
    for j in range(1, 4):
        if i >= j:
            features[f"grapheme-{j}"] = code(letters[i - j])
        if i + j < len(letters):
            features[f"grapheme+{j}"] = code(letters[i + j])
    if i == len(letters) - 1:
        features["end"] = True
    return features


def is_stressed(phoneme: str) -> bool:
    return phoneme[:1] in _STRESS
