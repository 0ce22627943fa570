"""Rules after the lexicon for the Romance languages: French liaison, elided articles, tied sounds.

espeak-ng writes an affricate or a diphthong as two symbols joined by a tie ("t^ʃ", "a^ɪ") and
Kokoro's pipeline turns those into one symbol of its own ("ʧ", "I"); the gruut lexicons store the
two symbols apart, so they are joined here. Which pairs apply per language was measured against
espeak-ng on real sentences (``scripts/measure_g2p.py``): a pair is joined where espeak-ng ties it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

ElisionRules = Mapping[str, tuple[str, ...]]

# Elided words the lexicon lacks on their own ("l'" is listed as the letter's name, "ɛl").
ELISIONS: dict[str, ElisionRules] = {
    "fr": {
        "l'": ("l",), "d'": ("d",), "j'": ("ʒ",), "n'": ("n",), "s'": ("s",), "c'": ("s",),
        "m'": ("m",), "t'": ("t",), "qu'": ("k",), "jusqu'": ("ʒ", "y", "s", "k"),
        "lorsqu'": ("l", "ɔ", "ʁ", "s", "k"), "puisqu'": ("p", "ɥ", "i", "s", "k"),
        "quoiqu'": ("k", "w", "a", "k"),
    },
    "it": {
        "l'": ("l",), "dell'": ("d", "e", "l"), "nell'": ("n", "e", "l"), "all'": ("a", "l"),
        "dall'": ("d", "a", "l"), "sull'": ("s", "u", "l"), "un'": ("u", "n"), "c'": ("t", "ʃ"),
        "quest'": ("k", "w", "e", "s", "t"), "quell'": ("k", "w", "e", "l"), "d'": ("d",),
    },
    "es": {},
    "pt": {"d'": ("d",)},
}  # fmt: skip

# Two espeak-ng symbols that Kokoro's pipeline reads as one, per language (measured, see above).
_TIED: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (("tʃ", "ʧ"), ("dʒ", "ʤ")),
    "es": (("tʃ", "ʧ"), ("aɪ", "I"), ("aʊ", "W"), ("eɪ", "A"), ("oɪ", "Y"), ("ɔɪ", "Y")),
    "it": (("tʃ", "ʧ"), ("dʒ", "ʤ"), ("ts", "ʦ"), ("dz", "ʣ")),
    "pt": (),  # Brazilian rules of their own (g2p_brazilian)
}

_FRENCH_VOWELS = frozenset("aeiouyøœəɛɔɑ")
_NASAL = "\u0303"

# Words after which French links a silent final consonant to a vowel ("les_amis", "nous_avons").
_LIAISON_WORDS = frozenset(
    {
     "les", "des", "ces", "mes", "tes", "ses", "nos", "vos", "leurs", "aux", "un", "deux", "trois",
     "six", "dix", "vingt", "cent", "quelques", "plusieurs", "certains", "certaines", "aucun", "mon",
     "ton", "son", "nous", "vous", "ils", "elles", "on", "en", "dans", "chez", "sans", "sous",
     "très", "plus", "moins", "bien", "rien", "tout", "tous", "toutes", "quand", "dont", "trop",
     "beaucoup", "est", "sont", "ont", "font", "vont", "peut", "doit", "fait", "était", "étaient",
     "avait", "avaient", "petit", "petits", "grand", "grands", "gros", "bon", "premier", "dernier",
    }
)  # fmt: skip
_NEVER_LINKED = frozenset({"et"})
_LATENT_BY_LETTER = {"s": "z", "x": "z", "z": "z", "t": "t", "d": "t", "n": "n", "p": "p"}


def _is_vowel(phoneme: str) -> bool:
    bare = phoneme.lstrip("ˈˌ")
    return bool(bare) and bare[0] in _FRENCH_VOWELS


def _latent(word: str, phonemes: Sequence[str]) -> str | None:
    """The silent final consonant a word may link with, when its lexicon entry carries it."""
    if len(phonemes) < 2 or not word:
        return None
    consonant = _LATENT_BY_LETTER.get(word[-1].lower())
    if consonant is None or phonemes[-1] != consonant or not _is_vowel(phonemes[-2]):
        return None
    if consonant == "z":
        return consonant  # a final [z] spelt -s/-x/-z is a plural or liaison mark ("gaz" is rare)
    if consonant == "n":
        return consonant if phonemes[-2].endswith(_NASAL) else None
    lowered = word.lower()
    if lowered in _LIAISON_WORDS or lowered.endswith(("ent", "ait")):
        return consonant
    return None


def french_liaison(
    words: Sequence[tuple[str, Sequence[str]]], pronounced: list[list[str]], separated: Sequence[bool]
) -> None:
    """Drop silent final consonants, and sound them before a vowel after the words that link.

    ``pronounced`` is changed in place; ``separated[i]`` says punctuation stands after word ``i``.
    """
    for i, (word, _) in enumerate(words):
        phonemes = pronounced[i]
        latent = _latent(word, phonemes)
        if latent is not None:
            phonemes.pop()
        following = pronounced[i + 1] if i + 1 < len(pronounced) else None
        if following is None or (i < len(separated) and separated[i]) or not following:
            continue
        lowered = word.lower()
        if lowered in _NEVER_LINKED or lowered not in _LIAISON_WORDS or not _is_vowel(following[0]):
            continue
        link = latent or _LATENT_BY_LETTER.get(lowered[-1:])
        if link is not None and phonemes and _is_vowel(phonemes[-1]):
            if link == "n" and not phonemes[-1].endswith(_NASAL):
                continue
            phonemes.append(link)


def join_affricates(phonemes: Sequence[str], language: str) -> str:
    """One word's symbols as one string, with the pairs espeak-ng ties joined the way Kokoro reads them."""
    text = "".join(phonemes)
    for pair, symbol in _TIED.get(language, ()):
        text = text.replace(pair, symbol)
    return text
