"""Brazilian Portuguese normalisation: what is said, and that every spoken word points back at what
was written."""

from __future__ import annotations

import pytest

from tests.text.languages import spoken, words_with_sources
from vocalis.text.languages import normalize_language
from vocalis.text.languages.numbers_pt import cardinal, ordinal


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "zero"), (1, "um"), (14, "quatorze"), (16, "dezesseis"), (19, "dezenove"), (21, "vinte e um"),
        (100, "cem"), (101, "cento e um"), (123, "cento e vinte e três"), (200, "duzentos"),
        (500, "quinhentos"), (1000, "mil"), (1001, "mil e um"), (1100, "mil e cem"),
        (1234, "mil duzentos e trinta e quatro"), (2000, "dois mil"), (2025, "dois mil e vinte e cinco"),
        (1_000_000, "um milhão"), (2_000_000, "dois milhões"), (1_500_000, "um milhão e quinhentos mil"),
        (1_000_000_000, "um bilhão"), (-2, "menos dois"),
    ],
)  # fmt: skip
def test_cardinals(n: int, expected: str) -> None:
    assert cardinal(n) == expected


def test_agreement_and_ordinals() -> None:
    assert cardinal(1, "f") == "uma"
    assert cardinal(2, "f") == "duas"
    assert cardinal(22, "f") == "vinte e duas"
    assert cardinal(200, "f") == "duzentas"
    assert ordinal(1) == "primeiro"
    assert ordinal(1, True) == "primeira"
    assert ordinal(3) == "terceiro"
    assert ordinal(21) == "vigésimo primeiro"
    assert ordinal(21, True) == "vigésima primeira"
    assert ordinal(100) == "centésimo"
    assert ordinal(1000) == "milésimo"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("42", "quarenta e dois"),
        ("-3", "menos três"),
        ("3,5", "três vírgula cinco"),
        ("1.234,56", "mil duzentos e trinta e quatro vírgula cinquenta e seis"),
        ("1 234,56", "mil duzentos e trinta e quatro vírgula cinquenta e seis"),
        ("1º", "primeiro"),
        ("1ª", "primeira"),
        ("a 2ª vez", "a segunda vez"),
        ("R$ 12,50", "doze reais e cinquenta"),
        ("R$12,50", "doze reais e cinquenta"),
        ("R$ 1,00", "um real"),
        ("R$ 0,50", "cinquenta centavos"),
        ("R$ 2.000.000", "dois milhões de reais"),
        ("12,50 €", "doze euros e cinquenta"),
        ("€12.50", "doze euros e cinquenta"),
        ("1 €", "um euro"),
        ("US$ 5", "cinco dólares"),
        ("$5", "cinco dólares"),
        ("2 £", "duas libras esterlinas"),
        ("15 %", "quinze por cento"),
        ("15%", "quinze por cento"),
        ("5 km", "cinco quilômetros"),
        ("1 km", "um quilômetro"),
        ("2 g", "dois gramas"),
        ("20 °C", "vinte graus Celsius"),
    ],
)
def test_numbers_money_and_units(written: str, expected: str) -> None:
    assert spoken(written, "pt") == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("3 de março de 2025", "três de março de dois mil e vinte e cinco"),
        ("1 de maio", "primeiro de maio"),
        ("1º de maio", "primeiro de maio"),
        ("03/03/2025", "três de março de dois mil e vinte e cinco"),
        ("às 14h30", "às quatorze e trinta"),
        ("às 14:30", "às quatorze e trinta"),
        ("às 14h", "às quatorze horas"),
        ("à 1h", "à uma hora"),
        ("às 21h", "às vinte e uma horas"),
        ("às 9h05", "às nove e cinco"),
        ("o Sr. Silva", "o senhor Silva"),
        ("a Sra. Souza", "a senhora Souza"),
        ("o Dr. Lima", "o doutor Lima"),
        ("peras, maçãs etc. Depois", "peras, maçãs etcétera. Depois"),
        ("frutas, p. ex. peras", "frutas, por exemplo peras"),
        ("nº 5", "número cinco"),
        ("escreva para ana@exemplo.com.br", "escreva para ana arroba exemplo ponto com ponto br"),
    ],
)
def test_dates_times_and_abbreviations(written: str, expected: str) -> None:
    assert spoken(written, "pt") == expected


def test_every_spoken_word_points_at_what_was_written() -> None:
    text = "Em 3 de março, às 14h30, custa R$ 12,50."
    assert normalize_language(text, "pt").text == (
        "Em três de março, às quatorze e trinta, custa doze reais e cinquenta."
    )
    assert words_with_sources(text, "pt") == [
        ("Em", "Em"),
        ("três", "3"),
        ("de", "de"),
        ("março", "março"),
        ("às", "às"),
        ("quatorze", "14h30"),
        ("e", "14h30"),
        ("trinta", "14h30"),
        ("custa", "custa"),
        ("doze", "R$ 12,50"),
        ("reais", "R$ 12,50"),
        ("e", "R$ 12,50"),
        ("cinquenta", "R$ 12,50"),
    ]
