"""Brazilian Portuguese from the European Portuguese lexicon gruut ships.

gruut-lang-pt's espeak-ng lexicon was made with European Portuguese rules (reduced vowels ɐ and ɨ,
ʃ and ʒ at the end of syllables, uvular ʁ), while Kokoro's Brazilian voices learnt espeak-ng's pt-br
output. These rules move one to the other; each was added because it lowered the phoneme error rate
against espeak-ng's pt-br on real sentences (``scripts/measure_g2p.py``: 0.318 before any of them).
"""

from __future__ import annotations

import re

_VOWEL = "aeiouɐɛɔæyɨʊɪ"
_V = f"[{_VOWEL}]"
_STRESS = "[ˈˌ]?"
_CONSONANT = "[bdfɡklmnɲpɾrstvzʃʒʎxʧʤwjŋ]"


def to_brazilian(word: str, *, next_starts_with_vowel: bool) -> str:
    """One word's European phonemes (joined, stress marks before vowels) as Brazilian ones."""
    w = word.replace("ʁ", "x")
    w = re.sub(f"(?<={_CONSONANT})ɹ", "r", w).replace("ɹ", "ɾ")
    # Initial "es-" keeps its vowel in Brazil: "ʃkˈutɐ̃ʊ̃" (escutam) -> "eskˈutɐ̃ʊ̃".
    w = re.sub(f"^({_STRESS})ɨ?ʃ(?={_CONSONANT})", r"\1es", w)
    # Unstressed final e is [i]-like (espeak-ng writes y), inside a word it stays [e].
    w = re.sub("ɨ(?=[ʃʒs]?$)", "y", w).replace("ɨ", "e")
    # Syllable-final s is [s] (or [z] before a vowel), not the European [ʃ]/[ʒ].
    w = re.sub(f"[ʃʒ](?={_CONSONANT})", lambda m: "z" if m.group() == "ʒ" else "s", w)
    if re.search("[ʃʒ]$", w):
        w = w[:-1] + ("z" if next_starts_with_vowel else "s")
    # t and d before an [i] sound are affricates: "dy" -> "ʤy", "tʃi" as in "tia".
    w = re.sub(f"t(?={_STRESS}[iyɪ])", "ʧ", w)
    w = re.sub(f"d(?={_STRESS}[iyɪ])", "ʤ", w)
    # Syllable-final l is vocalised: "sal" -> [saʊ].
    w = re.sub(f"(?<={_V})l(?={_CONSONANT}|$)", "ʊ", w)
    # Reduced ɐ is open [a] in Brazil; a final unstressed one is espeak-ng's "æ".
    vowels = len(re.findall(_V, w))
    if vowels > 1:
        w = re.sub("ɐ(?![\u0303ʊ])$", "æ", w)
        w = re.sub("ɐ(?![\u0303ʊ])(?=[sz]$)", "æ", w)
    w = re.sub("ɐ(?![\u0303ʊ])", "a", w)
    for pair, symbol in (("eɪ", "A"), ("aɪ", "I"), ("aʊ", "W")):
        w = w.replace(pair, symbol)
    return w
