"""Reading rules beyond English: gruut's espeak-ng lexicons (fr, es, it, pt) and misaki's pinyin path (zh).

The phonemes must be Kokoro's symbols (anything else would be dropped silently), follow the rules a
listener hears (French liaison and elision, Brazilian affricates and final s), and cover words the
lexicon lacks. How close they are to espeak-ng's, which Kokoro learnt, is measured by
scripts/measure_g2p.py (espeak-ng is GPL and not installed with Vocalis).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vocalis.engines.g2p import Accent, Phonemizer
from vocalis.engines.kokoro_model import load_model_files

DEV = Path(__file__).resolve().parents[2] / "bench" / "data" / "languages" / "dev"


@pytest.fixture(scope="module")
def phonemize() -> Phonemizer:
    return Phonemizer()


@pytest.fixture(scope="module")
def vocab() -> frozenset[str]:
    return frozenset(load_model_files().vocab)


@pytest.mark.parametrize("accent", [Accent.FR, Accent.ES, Accent.IT, Accent.PT])
def test_every_symbol_of_real_sentences_is_one_kokoro_reads(
    accent: Accent, phonemize: Phonemizer, vocab: frozenset[str]
) -> None:
    sentences = (DEV / f"{accent.base}.txt").read_text(encoding="utf-8").splitlines()
    for sentence in sentences:
        phonemes = phonemize(sentence, accent)
        assert phonemes, sentence
        assert set(phonemes) <= vocab, (sentence, sorted(set(phonemes) - vocab))


def test_mandarin_reads_pinyin_with_tone_arrows(phonemize: Phonemizer, vocab: frozenset[str]) -> None:
    phonemes = phonemize("你好，今天天气很好。", Accent.ZH)
    assert set(phonemes) <= vocab
    assert "↓" in phonemes and "→" in phonemes  # third and first tones
    assert phonemes.startswith("ni↓xau↓")


def test_french_liaison_links_before_a_vowel_and_not_before_a_consonant(phonemize: Phonemizer) -> None:
    assert phonemize("les amis", Accent.FR).startswith("lez a")
    assert phonemize("nous avons", Accent.FR).startswith("nuz a")
    assert phonemize("les chats", Accent.FR).startswith("le ʃ")
    # "est" links before a vowel, not before a consonant; "et" never does.
    assert phonemize("il est arrivé", Accent.FR).split()[1].endswith("t")
    assert not phonemize("il est parti", Accent.FR).split()[1].endswith("t")
    assert phonemize("et un", Accent.FR).split()[0] == "e"


def test_french_elision_and_unknown_words(phonemize: Phonemizer) -> None:
    assert phonemize("l'homme", Accent.FR) == "lˈɔm"
    assert phonemize("jusqu'ici", Accent.FR).startswith("ʒysk")
    invented = phonemize("vocalisatrices", Accent.FR)  # not in the lexicon: the CRF reads it
    assert invented.startswith(("vɔkal", "vokal")) and len(invented) >= 10


def test_brazilian_rules_over_the_european_lexicon(phonemize: Phonemizer) -> None:
    # Final unstressed e and d before it: "de" is [dʒi] in Brazil, not European [dɨ].
    assert phonemize("de", Accent.PT) in ("ʤy", "ʤi")
    # Syllable-final s is [s] (not European [ʃ]), and initial r is [x].
    said = phonemize("mais rápido", Accent.PT)
    assert "ʃ" not in said and said.split()[1].startswith("x")


def test_spanish_and_italian_affricates_are_kokoros_single_symbols(phonemize: Phonemizer) -> None:
    assert "ʧ" in phonemize("noche", Accent.ES)
    assert "ʦ" in phonemize("pizza", Accent.IT) and "ʤ" in phonemize("giorno", Accent.IT)


def test_the_committed_measurement_says_how_close_to_espeak(tmp_path: Path) -> None:
    """The mapping was built from a measured comparison; its result is committed next to the benches."""
    results = Path(__file__).resolve().parents[2] / "bench" / "results" / "g2p-mapping-2026-12-06.json"
    report = json.loads(results.read_text(encoding="utf-8"))
    for language in ("fr", "es", "it", "pt"):
        assert report[language]["sentences"] == 25
        assert report[language]["phoneme_error_rate"] < 0.15
