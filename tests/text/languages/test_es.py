"""Spanish normalisation: what is said, and that every spoken word points back at what was written."""

from __future__ import annotations

import pytest

from tests.text.languages import spoken, words_with_sources
from vocalis.text.languages import normalize_language
from vocalis.text.languages.numbers_es import cardinal, ordinal


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "cero"), (1, "uno"), (15, "quince"), (16, "dieciséis"), (21, "veintiuno"), (22, "veintidós"),
        (30, "treinta"), (31, "treinta y uno"), (99, "noventa y nueve"), (100, "cien"), (101, "ciento uno"),
        (200, "doscientos"), (500, "quinientos"), (555, "quinientos cincuenta y cinco"),
        (700, "setecientos"), (900, "novecientos"), (1000, "mil"), (1001, "mil uno"), (2000, "dos mil"),
        (21_000, "veintiún mil"), (100_000, "cien mil"), (101_000, "ciento un mil"),
        (1_000_000, "un millón"), (2_000_000, "dos millones"), (21_000_000, "veintiún millones"),
        (1_000_000_000, "mil millones"), (1_000_000_000_000, "un billón"), (2025, "dos mil veinticinco"),
        (-7, "menos siete"),
    ],
)  # fmt: skip
def test_cardinals(n: int, expected: str) -> None:
    assert cardinal(n) == expected


def test_agreement_and_ordinals() -> None:
    assert cardinal(1, "m") == "un"
    assert cardinal(21, "m") == "veintiún"
    assert cardinal(31, "m") == "treinta y un"
    assert cardinal(1, "f") == "una"
    assert cardinal(21, "f") == "veintiuna"
    assert cardinal(200, "f") == "doscientas"
    assert cardinal(200_000, "f") == "doscientas mil"
    assert ordinal(1) == "primero"
    assert ordinal(1, True) == "primera"
    assert ordinal(3) == "tercero"
    assert ordinal(11) == "undécimo"
    assert ordinal(13) == "decimotercero"
    assert ordinal(17) == "decimoséptimo"
    assert ordinal(21) == "vigésimo primero"
    assert ordinal(21, True) == "vigésima primera"
    assert ordinal(100) == "centésimo"
    assert ordinal(1000) == "milésimo"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("42", "cuarenta y dos"),
        ("-3", "menos tres"),
        ("123456", "ciento veintitrés mil cuatrocientos cincuenta y seis"),
        ("007", "cero cero siete"),
        ("3,5", "tres coma cinco"),
        ("0,25", "cero coma veinticinco"),
        ("1.234,56", "mil doscientos treinta y cuatro coma cincuenta y seis"),
        ("1 234,56", "mil doscientos treinta y cuatro coma cincuenta y seis"),
        ("1\u00a0234", "mil doscientos treinta y cuatro"),
        ("1.234", "mil doscientos treinta y cuatro"),
        ("1.000.000", "un millón"),
        ("3.5", "tres punto cinco"),
        ("192.168.0.1", "ciento noventa y dos punto ciento sesenta y ocho punto cero punto uno"),
        ("1.º", "primero"),
        ("1º", "primero"),
        ("1.ª", "primera"),
        ("2º", "segundo"),
        ("3.ª", "tercera"),
        ("el 1.er piso", "el primer piso"),
        ("el 3er puesto", "el tercer puesto"),
    ],
)
def test_numbers_and_ordinals(written: str, expected: str) -> None:
    assert spoken(written, "es") == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("12,50 €", "doce euros con cincuenta"),
        ("12,50€", "doce euros con cincuenta"),
        ("€12.50", "doce euros con cincuenta"),
        ("1 €", "un euro"),
        ("21 €", "veintiún euros"),
        ("0,50 €", "cincuenta céntimos"),
        ("0,01 €", "un céntimo"),
        ("2.000.000 €", "dos millones de euros"),
        ("$5", "cinco dólares"),
        ("1 $", "un dólar"),
        ("£1", "una libra esterlina"),
        ("200 £", "doscientas libras esterlinas"),
        ("15 %", "quince por ciento"),
        ("15%", "quince por ciento"),
        ("100 %", "cien por ciento"),
        ("5 km", "cinco kilómetros"),
        ("1 km", "un kilómetro"),
        ("21 km", "veintiún kilómetros"),
        ("1,5 kg", "uno coma cinco kilogramos"),
        ("100 km/h", "cien kilómetros por hora"),
        ("20 °C", "veinte grados Celsius"),
    ],
)
def test_money_percentages_and_units(written: str, expected: str) -> None:
    assert spoken(written, "es") == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("3 de marzo de 2025", "tres de marzo de dos mil veinticinco"),
        ("1 de mayo", "uno de mayo"),
        ("1.º de mayo", "primero de mayo"),
        ("31 de diciembre", "treinta y uno de diciembre"),
        ("03/03/2025", "tres de marzo de dos mil veinticinco"),
        ("2025-03-03", "tres de marzo de dos mil veinticinco"),
        ("a las 14:30", "a las catorce treinta"),
        ("a las 9:05", "a las nueve cero cinco"),
        ("a las 14:00", "a las catorce horas"),
        ("a la 1:15", "a la una quince"),
        ("a las 21:00 h", "a las veintiuna horas"),
        ("14 h", "catorce horas"),
        ("14h30", "catorce treinta"),
        ("10:15:30", "diez quince y treinta segundos"),
    ],
)
def test_dates_and_times(written: str, expected: str) -> None:
    assert spoken(written, "es") == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("el Sr. García", "el señor García"),
        ("la Sra. López", "la señora López"),
        ("la Srta. Ruiz", "la señorita Ruiz"),
        ("el Dr. Pérez", "el doctor Pérez"),
        ("la Dra. Pérez", "la doctora Pérez"),
        ("peras, manzanas, etc. Luego", "peras, manzanas, etcétera. Luego"),
        ("peras, manzanas, etc.", "peras, manzanas, etcétera."),
        ("peras, etc. ¿Y tú?", "peras, etcétera. ¿Y tú?"),
        ("frutas, p. ej. peras", "frutas, por ejemplo peras"),
        ("núm. 5", "número cinco"),
        ("n.º 5", "número cinco"),
        ("nº 7", "número siete"),
        ("pág. 12", "página doce"),
        ("¿Y Ud.?", "¿Y usted?"),
        ("el año 50 a. C. fue", "el año cincuenta antes de Cristo fue"),
        ("viajó a EE. UU. ayer", "viajó a Estados Unidos ayer"),
        ("escribe a ana@ejemplo.es", "escribe a ana arroba ejemplo punto es"),
    ],
)
def test_abbreviations_and_addresses(written: str, expected: str) -> None:
    assert spoken(written, "es") == expected


def test_plain_text_is_kept() -> None:
    text = "¿Qué tal? ¡Muy bien! — dijo él, «sin prisa»…"
    assert normalize_language(text, "es").text == text


def test_every_spoken_word_points_at_what_was_written() -> None:
    text = "El 3 de marzo a las 14:30 pagó 12,50 € al Sr. Ruiz."
    assert normalize_language(text, "es").text == (
        "El tres de marzo a las catorce treinta pagó doce euros con cincuenta al señor Ruiz."
    )
    assert words_with_sources(text, "es") == [
        ("El", "El"),
        ("tres", "3"),
        ("de", "de"),
        ("marzo", "marzo"),
        ("a", "a"),
        ("las", "las"),
        ("catorce", "14:30"),
        ("treinta", "14:30"),
        ("pagó", "pagó"),
        ("doce", "12,50 €"),
        ("euros", "12,50 €"),
        ("con", "12,50 €"),
        ("cincuenta", "12,50 €"),
        ("al", "al"),
        ("señor", "Sr."),
        ("Ruiz", "Ruiz"),
    ]
