"""French normalisation: what is said, and that every spoken word points back at what was written."""

from __future__ import annotations

import pytest

from tests.text.languages import spoken, words_with_sources
from vocalis.text.languages import normalize_language
from vocalis.text.languages.numbers_fr import cardinal, ordinal
from vocalis.text.spans import Span


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "zéro"), (1, "un"), (16, "seize"), (17, "dix-sept"), (21, "vingt et un"), (22, "vingt-deux"),
        (61, "soixante et un"), (70, "soixante-dix"), (71, "soixante et onze"), (72, "soixante-douze"),
        (80, "quatre-vingts"), (81, "quatre-vingt-un"), (90, "quatre-vingt-dix"), (91, "quatre-vingt-onze"),
        (97, "quatre-vingt-dix-sept"), (100, "cent"), (101, "cent un"), (180, "cent quatre-vingts"),
        (200, "deux cents"), (201, "deux cent un"), (1000, "mille"), (1001, "mille un"), (2000, "deux mille"),
        (21_000, "vingt et un mille"), (80_000, "quatre-vingt mille"), (200_000, "deux cent mille"),
        (1_000_000, "un million"), (2_000_000, "deux millions"), (80_000_000, "quatre-vingts millions"),
        (1_000_000_000, "un milliard"), (2025, "deux mille vingt-cinq"), (-4, "moins quatre"),
        (1_234_567, "un million deux cent trente-quatre mille cinq cent soixante-sept"),
    ],
)  # fmt: skip
def test_cardinals(n: int, expected: str) -> None:
    assert cardinal(n) == expected


def test_feminine_and_ordinal_forms() -> None:
    assert cardinal(21, "f") == "vingt et une"
    assert cardinal(81, "f") == "quatre-vingt-une"
    assert cardinal(1, "f") == "une"
    assert ordinal(1) == "premier"
    assert ordinal(1, True) == "première"
    assert ordinal(2) == "deuxième"
    assert ordinal(5) == "cinquième"
    assert ordinal(9) == "neuvième"
    assert ordinal(11) == "onzième"
    assert ordinal(21) == "vingt et unième"
    assert ordinal(80) == "quatre-vingtième"
    assert ordinal(100) == "centième"
    assert ordinal(1000) == "millième"
    assert ordinal(1_000_000) == "millionième"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("42", "quarante-deux"),
        ("-12", "moins douze"),
        ("−12", "moins douze"),
        ("12345", "douze mille trois cent quarante-cinq"),
        ("1000000", "un million"),
        ("123456789012345",
         "cent vingt-trois billions quatre cent cinquante-six milliards "
         "sept cent quatre-vingt-neuf millions douze mille trois cent quarante-cinq"),
        ("1234567890123456",
         "un deux trois quatre cinq six sept huit neuf zéro un deux trois quatre cinq six"),
        ("007", "zéro zéro sept"),
        ("3,5", "trois virgule cinq"),
        ("0,5", "zéro virgule cinq"),
        ("3,05", "trois virgule zéro cinq"),
        ("3,14159", "trois virgule un quatre un cinq neuf"),
        ("1 234,56", "mille deux cent trente-quatre virgule cinquante-six"),
        ("1\u00a0234,56", "mille deux cent trente-quatre virgule cinquante-six"),
        ("1\u202f234,56", "mille deux cent trente-quatre virgule cinquante-six"),
        ("10 000", "dix mille"),
        ("2 000 000", "deux millions"),
        ("1.234,56", "mille deux cent trente-quatre virgule cinquante-six"),
        ("1.234.567", "un million deux cent trente-quatre mille cinq cent soixante-sept"),
        ("1.234", "un point deux cent trente-quatre"),  # ambiguous in French: a decimal point
        ("3.5", "trois point cinq"),
        ("1,2,3", "un,deux,trois"),
        ("version 1.2.3", "version un point deux point trois"),
        ("COVID-19", "COVID-dix-neuf"),
    ],
)  # fmt: skip
def test_numbers(written: str, expected: str) -> None:
    assert spoken(written, "fr") == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1er", "premier"),
        ("le 1er étage", "le premier étage"),
        ("la 1re fois", "la première fois"),
        ("la 1ère fois", "la première fois"),
        ("les 1ers", "les premiers"),
        ("2e", "deuxième"),
        ("2ème", "deuxième"),
        ("2nd", "second"),
        ("2nde", "seconde"),
        ("21e", "vingt et unième"),
        ("les 3es", "les troisièmes"),
        ("le XIXe siècle", "le dix-neuvième siècle"),
        ("la Ve République", "la cinquième République"),
        ("François Ier", "François premier"),
        ("Ce matin, Le chat", "Ce matin, Le chat"),
    ],
)
def test_ordinals(written: str, expected: str) -> None:
    assert spoken(written, "fr") == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("12,50 €", "douze euros cinquante"),
        ("12,50€", "douze euros cinquante"),
        ("€12.50", "douze euros cinquante"),
        ("1 €", "un euro"),
        ("1,50 €", "un euro cinquante"),
        ("0,50 €", "cinquante centimes"),
        ("0,01 €", "un centime"),
        ("100 €", "cent euros"),
        ("12 EUR", "douze euros"),
        ("1 000 000 €", "un million d'euros"),
        ("-5 €", "moins cinq euros"),
        ("5 $", "cinq dollars"),
        ("$5", "cinq dollars"),
        ("2 000 000 $", "deux millions de dollars"),
        ("£3", "trois livres sterling"),
        ("1 £", "une livre sterling"),
        ("21 £", "vingt et une livres sterling"),
        ("15 %", "quinze pour cent"),
        ("15%", "quinze pour cent"),
        ("2,5 %", "deux virgule cinq pour cent"),
        ("3 ‰", "trois pour mille"),
    ],
)
def test_money_and_percentages(written: str, expected: str) -> None:
    assert spoken(written, "fr") == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("5 km", "cinq kilomètres"),
        ("5km", "cinq kilomètres"),
        ("1 km", "un kilomètre"),
        ("1,5 km", "un virgule cinq kilomètre"),  # French: singular below two
        ("2 m", "deux mètres"),
        ("30 cm", "trente centimètres"),
        ("3 kg", "trois kilogrammes"),
        ("500 g", "cinq cents grammes"),
        ("90 km/h", "quatre-vingt-dix kilomètres par heure"),
        ("20 °C", "vingt degrés Celsius"),
        ("-5°C", "moins cinq degrés Celsius"),
        ("1 l", "un litre"),
    ],
)
def test_units(written: str, expected: str) -> None:
    assert spoken(written, "fr") == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("le 3 mars 2025", "le trois mars deux mille vingt-cinq"),
        ("le 03 mars", "le trois mars"),
        ("1er mai", "premier mai"),
        ("le 1 mai", "le premier mai"),
        ("le 31 décembre", "le trente et un décembre"),
        ("03/03/2025", "trois mars deux mille vingt-cinq"),
        ("01/05/2025", "premier mai deux mille vingt-cinq"),
        ("25.12.2023", "vingt-cinq décembre deux mille vingt-trois"),
        ("2025-03-03", "trois mars deux mille vingt-cinq"),
        ("31/02/2025", "trente et un/zéro deux/deux mille vingt-cinq"),  # no such day: numbers
        ("14 h 30", "quatorze heures trente"),
        ("14h30", "quatorze heures trente"),
        ("14:30", "quatorze heures trente"),
        ("14 h", "quatorze heures"),
        ("14h", "quatorze heures"),
        ("9h05", "neuf heures cinq"),
        ("1 h", "une heure"),
        ("21 h 01", "vingt et une heures une"),
        ("0 h 15", "zéro heure quinze"),
        ("10:15:30", "dix heures quinze minutes et trente secondes"),
        ("14 heures", "quatorze heures"),
        ("2 h 45 min", "deux heures quarante-cinq minutes"),
        ("2h45min", "deux heures quarante-cinq minutes"),
        ("25:99", "vingt-cinq:quatre-vingt-dix-neuf"),
    ],
)
def test_dates_and_times(written: str, expected: str) -> None:
    assert spoken(written, "fr") == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("M. Dupont", "monsieur Dupont"),
        ("MM. Dupont et Durand", "messieurs Dupont et Durand"),
        ("Mme Curie", "madame Curie"),
        ("Mlle Martin", "mademoiselle Martin"),
        ("Dr Martin", "docteur Martin"),
        ("le Dr. House", "le docteur House"),
        ("Pr Raoult", "professeur Raoult"),
        ("Me Dupond", "maître Dupond"),
        ("St-Denis", "saint-Denis"),
        ("Ste Catherine", "sainte Catherine"),
        ("des pommes, etc. Puis", "des pommes, et cetera. Puis"),
        ("des pommes, etc. Élodie rit", "des pommes, et cetera. Élodie rit"),
        ("des pommes, etc.", "des pommes, et cetera."),
        ("des pommes, etc. et des poires", "des pommes, et cetera et des poires"),
        ("des fruits, p. ex. des pommes", "des fruits, par exemple des pommes"),
        ("c.-à-d. rien", "c'est-à-dire rien"),
        ("n° 5", "numéro cinq"),
        ("n°5", "numéro cinq"),
        ("le no 12", "le numéro douze"),
        ("no comment", "no comment"),
        ("le n° de téléphone", "le numéro de téléphone"),
        ("voir p. 12", "voir page douze"),
        ("en 52 av. J.-C. les Gaulois", "en cinquante-deux avant Jésus-Christ les Gaulois"),
        ("en 52 av. J.-C.", "en cinquante-deux avant Jésus-Christ."),
        ("Merci M. Et puis", "Merci monsieur Et puis"),  # "M." before a capital is taken as a title
        ("la lettre M.", "la lettre M."),
    ],
)
def test_abbreviations(written: str, expected: str) -> None:
    assert spoken(written, "fr") == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("écrivez à ana@exemple.fr.", "écrivez à ana arobase exemple point fr."),
        ("https://www.exemple.fr/a-1.", "exemple point fr slash a tiret un."),
        ("voir exemple.com aujourd'hui", "voir exemple point com aujourd'hui"),
    ],
)
def test_addresses(written: str, expected: str) -> None:
    assert spoken(written, "fr") == expected


def test_plain_text_and_punctuation_are_kept() -> None:
    text = "L'été, à Zürich… « Bien sûr ! » dit-elle — (vraiment ?)\n\nOui."
    normalized = normalize_language(text, "fr")
    assert normalized.text == text
    assert len(normalized.pieces) == 1


def test_emoji_are_silent_but_keep_their_pieces() -> None:
    assert spoken("bravo 👍 Marie", "fr") == "bravo  Marie"
    assert [w.text for w in normalize_language("bien😀joué", "fr").words()] == ["bien", "joué"]


def test_every_spoken_word_points_at_what_was_written() -> None:
    text = "Le 3 mars 2025 à 14 h 30, ça coûte 12,50 €."
    normalized = normalize_language(text, "fr")
    assert normalized.text == (
        "Le trois mars deux mille vingt-cinq à quatorze heures trente, ça coûte douze euros cinquante."
    )
    assert [(w.text, text[w.source.start : w.source.end]) for w in normalized.words()] == [
        ("Le", "Le"),
        ("trois", "3"),
        ("mars", "mars"),
        ("deux", "2025"),
        ("mille", "2025"),
        ("vingt", "2025"),
        ("cinq", "2025"),
        ("à", "à"),
        ("quatorze", "14 h 30"),
        ("heures", "14 h 30"),
        ("trente", "14 h 30"),
        ("ça", "ça"),
        ("coûte", "coûte"),
        ("douze", "12,50 €"),
        ("euros", "12,50 €"),
        ("cinquante", "12,50 €"),
    ]
    trois = normalized.words()[1]
    assert trois.source == Span(3, 4)
    euros = normalized.words()[14]
    assert euros.source == Span(text.index("12,50"), text.index("€") + 1)


def test_abbreviation_ordinal_and_unit_spans() -> None:
    text = "M. Dupont, 1er au 5 km, etc."
    assert words_with_sources(text, "fr") == [
        ("monsieur", "M."),
        ("Dupont", "Dupont"),
        ("premier", "1er"),
        ("au", "au"),
        ("cinq", "5"),
        ("kilomètres", "km"),
        ("et", "etc."),
        ("cetera", "etc."),
    ]


def test_offset_shifts_every_span() -> None:
    text = "Payez 5 € à Ana."
    plain, shifted = normalize_language(text, "fr"), normalize_language(text, "fr", offset=100)
    assert shifted.text == plain.text == "Payez cinq euros à Ana."
    assert [p.source for p in shifted.pieces] == [
        Span(p.source.start + 100, p.source.end + 100) for p in plain.pieces
    ]
    cinq = shifted.words()[1]
    assert (cinq.text, cinq.source) == ("cinq", Span(106, 109))
