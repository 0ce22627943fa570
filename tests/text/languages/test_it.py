"""Italian normalisation: what is said, and that every spoken word points back at what was written."""

from __future__ import annotations

import pytest

from tests.text.languages import spoken, words_with_sources
from vocalis.text.languages import normalize_language
from vocalis.text.languages.numbers_it import cardinal, ordinal


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "zero"), (1, "uno"), (3, "tre"), (17, "diciassette"), (21, "ventuno"), (23, "ventitré"),
        (28, "ventotto"), (38, "trentotto"), (100, "cento"), (101, "centouno"), (108, "centotto"),
        (200, "duecento"), (1000, "mille"), (1001, "milleuno"), (2000, "duemila"),
        (2025, "duemilaventicinque"), (21_000, "ventunmila"), (100_000, "centomila"),
        (1_000_000, "un milione"), (2_000_000, "due milioni"), (1_200_000, "un milione duecentomila"),
        (1_000_000_000, "un miliardo"), (-4, "meno quattro"),
    ],
)  # fmt: skip
def test_cardinals(n: int, expected: str) -> None:
    assert cardinal(n) == expected


def test_agreement_and_ordinals() -> None:
    assert cardinal(1, "m") == "un"
    assert cardinal(1, "f") == "una"
    assert ordinal(1) == "primo"
    assert ordinal(1, True) == "prima"
    assert ordinal(3) == "terzo"
    assert ordinal(11) == "undicesimo"
    assert ordinal(21) == "ventunesimo"
    assert ordinal(23) == "ventitreesimo"
    assert ordinal(26) == "ventiseiesimo"
    assert ordinal(100) == "centesimo"
    assert ordinal(1000) == "millesimo"
    assert ordinal(2000) == "duemillesimo"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("42", "quarantadue"),
        ("-3", "meno tre"),
        ("3,5", "tre virgola cinque"),
        ("1.234,56", "milleduecentotrentaquattro virgola cinquantasei"),
        ("1 234,56", "milleduecentotrentaquattro virgola cinquantasei"),
        ("1.000.000", "un milione"),
        ("1º", "primo"),
        ("1ª", "prima"),
        ("il 2º posto", "il secondo posto"),
        ("12,50 €", "dodici euro e cinquanta"),
        ("€12.50", "dodici euro e cinquanta"),
        ("1 €", "un euro"),
        ("0,50 €", "cinquanta centesimi"),
        ("1.000.000 €", "un milione di euro"),
        ("$5", "cinque dollari"),
        ("1 £", "una sterlina"),
        ("15 %", "quindici per cento"),
        ("15%", "quindici per cento"),
        ("5 km", "cinque chilometri"),
        ("1 km", "un chilometro"),
        ("20 °C", "venti gradi Celsius"),
        ("45°", "quarantacinque gradi"),
        ("100 km/h", "cento chilometri orari"),
    ],
)
def test_numbers_money_and_units(written: str, expected: str) -> None:
    assert spoken(written, "it") == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("il 3 marzo 2025", "il tre marzo duemilaventicinque"),
        ("1 maggio", "primo maggio"),
        ("1° maggio", "primo maggio"),
        ("03/03/2025", "tre marzo duemilaventicinque"),
        ("alle 14:30", "alle quattordici e trenta"),
        ("alle 9:05", "alle nove e cinque"),
        ("alle 14:00", "alle quattordici"),
        ("alle 14.30", "alle quattordici e trenta"),
        ("dalle 9.00 alle 18.00", "dalle nove alle diciotto"),
        ("costa 14.30", "costa quattordici punto trenta"),
        ("il Sig. Rossi", "il signor Rossi"),
        ("la Sig.ra Bianchi", "la signora Bianchi"),
        ("il Dott. Verdi", "il dottor Verdi"),
        ("la Dott.ssa Neri", "la dottoressa Neri"),
        ("mele, pere ecc. Poi", "mele, pere eccetera. Poi"),
        ("mele, pere ecc.", "mele, pere eccetera."),
        ("n. 5", "numero cinque"),
        ("scrivi a ana@esempio.it", "scrivi a ana chiocciola esempio punto it"),
    ],
)
def test_dates_times_and_abbreviations(written: str, expected: str) -> None:
    assert spoken(written, "it") == expected


def test_every_spoken_word_points_at_what_was_written() -> None:
    text = "Il 3 marzo alle 14:30 costa 12,50 €."
    assert normalize_language(text, "it").text == (
        "Il tre marzo alle quattordici e trenta costa dodici euro e cinquanta."
    )
    assert words_with_sources(text, "it") == [
        ("Il", "Il"),
        ("tre", "3"),
        ("marzo", "marzo"),
        ("alle", "alle"),
        ("quattordici", "14:30"),
        ("e", "14:30"),
        ("trenta", "14:30"),
        ("costa", "costa"),
        ("dodici", "12,50 €"),
        ("euro", "12,50 €"),
        ("e", "12,50 €"),
        ("cinquanta", "12,50 €"),
    ]
