"""Spanish: "El 3 de marzo de 2025 a las 14:30 cuesta 12,50 €." -> "El tres de marzo de dos mil
veinticinco a las catorce treinta cuesta doce euros con cincuenta."

Clock times are read as a 24-hour time without the article, which the text usually has already
("a las 14:30" -> "a las catorce treinta"): minutes below ten with "cero" ("9:05" -> "nueve cero
cinco"), a round hour with "horas" ("14:00", "14 h" -> "catorce horas"). Day 1 before a month is read
as written ("1 de mayo" -> "uno de mayo"; "1.º de mayo" -> "primero de mayo").
"""

from __future__ import annotations

from vocalis.text.driver import Normalizer
from vocalis.text.languages import abbreviations, addresses, calendar, quantities, romance
from vocalis.text.languages.abbreviations import NUMBER, TITLE, WORD
from vocalis.text.languages.numbers_es import cardinal, digits, ordinal
from vocalis.text.languages.profile import Currency, Language, noun
from vocalis.text.rules import Rule

MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip
_EURO = Currency(noun("euro"), noun("céntimo"))
_DOLLAR = Currency(noun("dólar", "dólares"), noun("centavo"))
_POUND = Currency(noun("libra esterlina", "libras esterlinas"), noun("penique"), feminine=True)
CURRENCIES = {"€": _EURO, "EUR": _EURO, "$": _DOLLAR, "USD": _DOLLAR, "£": _POUND, "GBP": _POUND}
UNITS = {
    "km": noun("kilómetro"), "m": noun("metro"), "cm": noun("centímetro"), "mm": noun("milímetro"),
    "kg": noun("kilogramo"), "g": noun("gramo"), "mg": noun("miligramo"),
    "km/h": noun("kilómetro por hora", "kilómetros por hora"),
    "m²": noun("metro cuadrado", "metros cuadrados"),
    "km²": noun("kilómetro cuadrado", "kilómetros cuadrados"),
    "l": noun("litro"), "L": noun("litro"), "ml": noun("mililitro"),
    "°C": noun("grado Celsius", "grados Celsius"), "°": noun("grado"), "min": noun("minuto"),
}  # fmt: skip
ABBREVIATIONS = {
    "Sr.": ("señor", TITLE), "Sra.": ("señora", TITLE), "Srta.": ("señorita", TITLE),
    "Sres.": ("señores", TITLE), "Dr.": ("doctor", TITLE), "Dra.": ("doctora", TITLE),
    "Lic.": ("licenciado", TITLE), "Ing.": ("ingeniero", TITLE), "Prof.": ("profesor", TITLE),
    "Profa.": ("profesora", TITLE), "Dña.": ("doña", TITLE), "Avda.": ("avenida", TITLE),
    "Av.": ("avenida", TITLE), "Ud.": ("usted", WORD), "Uds.": ("ustedes", WORD), "Vd.": ("usted", WORD),
    "Vds.": ("ustedes", WORD), "etc.": ("etcétera", WORD), "p. ej.": ("por ejemplo", WORD),
    "p.ej.": ("por ejemplo", WORD), "aprox.": ("aproximadamente", WORD),
    "EE. UU.": ("Estados Unidos", WORD), "EE.UU.": ("Estados Unidos", WORD),
    "a. C.": ("antes de Cristo", WORD), "a.C.": ("antes de Cristo", WORD),
    "d. C.": ("después de Cristo", WORD), "d.C.": ("después de Cristo", WORD),
    "tel.": ("teléfono", WORD), "núm.": ("número", TITLE), "n.º": ("número", TITLE),
    "nº": ("número", TITLE), "N.º": ("número", TITLE), "Nº": ("número", TITLE),
    "n.°": ("número", TITLE), "n°": ("número", TITLE), "pág.": ("página", NUMBER),
    "págs.": ("páginas", NUMBER),
}  # fmt: skip
ADDRESS_SYMBOLS = {
    ".": "punto", "/": "barra", "-": "guion", "_": "guion bajo", "@": "arroba", ":": "dos puntos",
    "?": "interrogación", "=": "igual", "&": "y", "#": "almohadilla", "+": "más", "~": "virgulilla",
    "%": "por ciento",
}  # fmt: skip


def clock(hour: int, minute: int, second: int | None = None) -> str:
    """``14, 30`` -> "catorce treinta"; ``9, 5`` -> "nueve cero cinco"; ``14, 0`` -> "catorce horas"."""
    words = cardinal(hour, "f")
    if minute == 0 and second is None:
        words += " hora" if hour == 1 else " horas"
    elif minute < 10:
        words += f" cero {cardinal(minute)}"
    else:
        words += f" {cardinal(minute)}"
    if second is not None:
        words += f" y {cardinal(second, 'm')} {'segundo' if second == 1 else 'segundos'}"
    return words


def date(year: int | None, month: int | None, day: int | None) -> str:
    """``2025, 3, 3`` -> "tres de marzo de dos mil veinticinco"."""
    return calendar.spoken_date(year, month, day, cardinal=cardinal, months=MONTHS, first=None, joiner=" de ")


LANGUAGE = Language(
    code="es", cardinal=cardinal, ordinal=ordinal, digits=digits, minus="menos", comma="coma",
    point="punto", percent="por ciento", permille="por mil", money_and=" con ", currencies=CURRENCIES,
    units=UNITS, months=MONTHS, date=date, clock=clock, first_of_month="uno",
)  # fmt: skip

RULES: tuple[Rule, ...] = (
    *addresses.rules(LANGUAGE, ADDRESS_SYMBOLS),
    abbreviations.rule(ABBREVIATIONS),
    romance.ordinal_rule(LANGUAGE, shortened={1: "primer", 3: "tercer"}),
    *calendar.rules(LANGUAGE),
    *quantities.rules(LANGUAGE),
)

normalize = Normalizer(RULES)
