"""The entry points: language codes, English delegation, the <say-as> readers, and offsets on any text."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.text.languages import check_offsets
from vocalis.text.languages import (
    SUPPORTED_LANGUAGES,
    base_language,
    cardinal,
    date_words,
    digits,
    normalize_language,
    ordinal,
    spell,
    time_words,
)
from vocalis.text.normalize import normalize
from vocalis.text.spans import Span

ROMANCE = ("fr", "es", "it", "pt")


def test_supported_languages_and_codes() -> None:
    assert SUPPORTED_LANGUAGES == ("en", "fr", "es", "it", "pt")
    assert base_language("fr-FR") == "fr"
    assert base_language("pt-BR") == "pt"
    assert base_language("pt_BR") == "pt"
    assert base_language("ES") == "es"
    assert normalize_language("12,50 €", "fr-CA").text == "douze euros cinquante"
    for unknown in ("de", "de-DE", "", "english", "zh-Hans"):
        with pytest.raises(ValueError):
            normalize_language("5", unknown)
        with pytest.raises(ValueError):
            cardinal(5, unknown)


def test_english_is_the_english_normaliser() -> None:
    text = "It costs $9.99 on March 3, 2024, Dr. Who said."
    assert normalize_language(text, "en") == normalize(text)
    assert normalize_language(text, "en-GB", offset=7) == normalize(text, offset=7)


@pytest.mark.parametrize(
    ("language", "n", "cardinal_words", "ordinal_words"),
    [
        ("en", 21, "twenty-one", "twenty-first"),
        ("fr", 21, "vingt et un", "vingt et unième"),
        ("es", 21, "veintiuno", "vigésimo primero"),
        ("it", 21, "ventuno", "ventunesimo"),
        ("pt", 21, "vinte e um", "vigésimo primeiro"),
        ("fr", 1, "un", "premier"),
        ("es", 1, "uno", "primero"),
        ("it", 1, "uno", "primo"),
        ("pt", 1, "um", "primeiro"),
    ],
)
def test_cardinal_and_ordinal(language: str, n: int, cardinal_words: str, ordinal_words: str) -> None:
    assert cardinal(n, language) == cardinal_words
    assert ordinal(n, language) == ordinal_words


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "zero zero seven"),
        ("fr", "zéro zéro sept"),
        ("es", "cero cero siete"),
        ("it", "zero zero sette"),
        ("pt", "zero zero sete"),
    ],
)
def test_digits(language: str, expected: str) -> None:
    assert digits("007", language) == expected
    assert digits("0-0 7", language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("AB1", "en", "eigh bee one"),
        ("AB1", "fr", "a bé un"),
        ("Ça", "fr", "cé cédille a"),
        ("é-W", "fr", "e double vé"),
        ("Ñu", "es", "eñe u"),
        ("XYZ", "es", "equis ye zeta"),
        ("xyz", "it", "ics ipsilon zeta"),
        ("HJ2", "pt", "agá jota dois"),
    ],
)
def test_spell(text: str, language: str, expected: str) -> None:
    assert spell(text, language) == expected


@pytest.mark.parametrize(
    ("language", "full", "month_and_day"),
    [
        ("en", "March third, twenty twenty-five", "March third"),
        ("fr", "trois mars deux mille vingt-cinq", "trois mars"),
        ("es", "tres de marzo de dos mil veinticinco", "tres de marzo"),
        ("it", "tre marzo duemilaventicinque", "tre marzo"),
        ("pt", "três de março de dois mil e vinte e cinco", "três de março"),
    ],
)
def test_date_words(language: str, full: str, month_and_day: str) -> None:
    assert date_words(2025, 3, 3, language) == full
    assert date_words(None, 3, 3, language) == month_and_day


def test_date_words_first_of_the_month_and_partial_dates() -> None:
    assert date_words(2025, 5, 1, "fr") == "premier mai deux mille vingt-cinq"
    assert date_words(None, 5, 1, "it") == "primo maggio"
    assert date_words(None, 5, 1, "pt") == "primeiro de maio"
    assert date_words(None, 5, 1, "es") == "uno de mayo"
    assert date_words(2025, 5, None, "es") == "mayo de dos mil veinticinco"
    assert date_words(1999, None, None, "en") == "nineteen ninety-nine"
    assert date_words(2024, 2, 29, "fr") == "vingt-neuf février deux mille vingt-quatre"


@pytest.mark.parametrize(
    ("year", "month", "day"),
    [
        (None, None, None),
        (2025, 13, 1),
        (2025, 2, 30),
        (2025, 0, 1),
        (None, 4, 31),
        (2025, 1, 0),
        (0, 1, 1),
        (10_000, 1, 1),
    ],
)
def test_date_words_refuses_impossible_dates(year: int | None, month: int | None, day: int | None) -> None:
    with pytest.raises(ValueError):
        date_words(year, month, day, "fr")


@pytest.mark.parametrize(
    ("language", "half_past", "five_past", "on_the_hour"),
    [
        ("en", "fourteen thirty", "nine oh five", "fourteen hundred"),
        ("fr", "quatorze heures trente", "neuf heures cinq", "quatorze heures"),
        ("es", "catorce treinta", "nueve cero cinco", "catorce horas"),
        ("it", "quattordici e trenta", "nove e cinque", "quattordici"),
        ("pt", "quatorze e trinta", "nove e cinco", "quatorze horas"),
    ],
)
def test_time_words(language: str, half_past: str, five_past: str, on_the_hour: str) -> None:
    assert time_words(14, 30, language) == half_past
    assert time_words(9, 5, language) == five_past
    assert time_words(14, 0, language) == on_the_hour


def test_time_words_refuses_impossible_times() -> None:
    for hour, minute in ((25, 0), (24, 30), (12, 60), (-1, 0)):
        with pytest.raises(ValueError):
            time_words(hour, minute, "fr")


def test_empty_text() -> None:
    for language in ROMANCE:
        normalized = normalize_language("", language)
        assert normalized.text == ""
        assert normalized.pieces == ()
        assert normalized.words() == []


def test_expanded_words_are_kept_apart_from_letters() -> None:
    assert normalize_language("mp3", "fr").text == "mp trois"
    assert normalize_language("B2B", "es").text == "B dos B"


def test_offsets_of_a_document_chunk() -> None:
    text = "Le 1er mai à 9h05."
    shifted = normalize_language(text, "fr", offset=40)
    check_offsets(shifted)
    assert shifted.text == "Le premier mai à neuf heures cinq."
    words = {w.text: w.source for w in shifted.words()}
    assert words["premier"] == Span(43, 46)
    assert words["neuf"] == Span(53, 57)
    assert shifted.source_span(0, 2) == Span(40, 42)


_SPECIAL = [
    "3", "14 h 30", "14h30", "14:30", "12,50 €", "€12.50", "1 234,56", "1\u00a0234", "1.234,56", "15 %",
    "-3", "1er", "2e", "XIXe", "1.º", "1ª", "1° maggio", "mars", "de", "marzo", "M.", "Mme", "Sr.", "Sig.ra",
    "etc.", "p. ex.", "c.-à-d.", "av. J.-C.", "n° 5", "R$ 10", "5 km", "20 °C", "km/h", "😀", "…", "«", "¿",
    "ana@x.fr", "www.a.com/b", "1,2,3", "99999999999999999999", "0", "03/03/2025", "2025-03-03", "alle",
    "14.30", ".", ",", "-", "−", "h", "€", "$", "£", "%", "º", "°",
]  # fmt: skip
_PIECES = st.one_of(st.sampled_from(_SPECIAL), st.text(max_size=4))
_TEXTS = st.lists(st.tuples(_PIECES, st.sampled_from(["", " ", "\u00a0", "\u202f", "\n"])), max_size=12).map(
    lambda parts: "".join(piece + gap for piece, gap in parts)
)


def _fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,  # nothing written into the repository
        suppress_health_check=[HealthCheck.too_slow],
    )


@_fuzz(150)
@given(text=st.text(max_size=60), language=st.sampled_from(ROMANCE), offset=st.integers(0, 1000))
def test_any_text_keeps_every_offset_consistent(text: str, language: str, offset: int) -> None:
    check_offsets(normalize_language(text, language, offset=offset))


@_fuzz(300)
@given(text=_TEXTS, language=st.sampled_from(ROMANCE), offset=st.integers(0, 1000))
def test_texts_full_of_numbers_keep_every_offset_consistent(text: str, language: str, offset: int) -> None:
    normalized = check_offsets(normalize_language(text, language, offset=offset))
    for word in normalized.words():
        assert word.source.end > word.source.start or not word.text


def test_a_chapter_normalises_quickly() -> None:
    rng = random.Random(7)
    text = " ".join(rng.choice([*_SPECIAL, "le", "chat", "dormait"]) for _ in range(10_000))
    for language in ROMANCE:
        started = time.perf_counter()
        normalize_language(text, language).words()
        assert time.perf_counter() - started < 3.0
