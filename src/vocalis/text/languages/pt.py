"""Brazilian Portuguese: "Em 3 de março de 2025, às 14h30, custa R$ 12,50." -> "Em três de março
de dois mil e vinte e cinco, às quatorze e trinta, custa doze reais e cinquenta."

Clock times are read "quatorze e trinta" ("14h30", "14:30"); a round hour names the hours ("14h",
"14:00" -> "quatorze horas", "1h" -> "uma hora"). Day 1 before a month is "primeiro" ("1 de maio"
and "1º de maio" -> "primeiro de maio"). Cents are "centavos" whatever the currency.
"""

from __future__ import annotations

from vocalis.text.driver import Normalizer
from vocalis.text.languages import abbreviations, addresses, calendar, quantities, romance
from vocalis.text.languages.abbreviations import NUMBER, TITLE, WORD
from vocalis.text.languages.numbers_pt import cardinal, digits, ordinal
from vocalis.text.languages.profile import Currency, Language, noun
from vocalis.text.rules import Rule

MONTHS = (
    "janeiro", "fevereiro", "março", "abril", "maio", "junho",
    "julho", "agosto", "setembro", "outubro", "novembro", "dezembro",
)  # fmt: skip
_REAL = Currency(noun("real", "reais"), noun("centavo"))
_EURO = Currency(noun("euro"), noun("centavo"))
_DOLLAR = Currency(noun("dólar", "dólares"), noun("centavo"))
_POUND = Currency(noun("libra esterlina", "libras esterlinas"), noun("pêni", "pence"), feminine=True)
CURRENCIES = {
    "R$": _REAL, "BRL": _REAL, "€": _EURO, "EUR": _EURO, "$": _DOLLAR, "US$": _DOLLAR, "USD": _DOLLAR,
    "£": _POUND, "GBP": _POUND,
}  # fmt: skip
UNITS = {
    "km": noun("quilômetro"), "m": noun("metro"), "cm": noun("centímetro"), "mm": noun("milímetro"),
    "kg": noun("quilograma"), "g": noun("grama"), "mg": noun("miligrama"),
    "km/h": noun("quilômetro por hora", "quilômetros por hora"),
    "m²": noun("metro quadrado", "metros quadrados"),
    "km²": noun("quilômetro quadrado", "quilômetros quadrados"),
    "l": noun("litro"), "L": noun("litro"), "ml": noun("mililitro"),
    "°C": noun("grau Celsius", "graus Celsius"), "°": noun("grau", "graus"), "min": noun("minuto"),
}  # fmt: skip
ABBREVIATIONS = {
    "Sr.": ("senhor", TITLE), "Sra.": ("senhora", TITLE), "Srta.": ("senhorita", TITLE),
    "Srs.": ("senhores", TITLE), "Dr.": ("doutor", TITLE), "Dra.": ("doutora", TITLE),
    "Prof.": ("professor", TITLE), "Profa.": ("professora", TITLE), "Eng.": ("engenheiro", TITLE),
    "Av.": ("avenida", TITLE), "etc.": ("etcétera", WORD), "p. ex.": ("por exemplo", WORD),
    "p.ex.": ("por exemplo", WORD), "a.C.": ("antes de Cristo", WORD), "a. C.": ("antes de Cristo", WORD),
    "d.C.": ("depois de Cristo", WORD), "d. C.": ("depois de Cristo", WORD), "Ltda.": ("limitada", WORD),
    "tel.": ("telefone", WORD), "nº": ("número", TITLE), "n.º": ("número", TITLE), "Nº": ("número", TITLE),
    "N.º": ("número", TITLE), "n°": ("número", TITLE), "pág.": ("página", NUMBER),
}  # fmt: skip
ADDRESS_SYMBOLS = {
    ".": "ponto", "/": "barra", "-": "hífen", "_": "underline", "@": "arroba", ":": "dois-pontos",
    "?": "interrogação", "=": "igual", "&": "e", "#": "cerquilha", "+": "mais", "~": "til",
    "%": "por cento",
}  # fmt: skip


def clock(hour: int, minute: int, second: int | None = None) -> str:
    """``14, 30`` -> "quatorze e trinta"; ``14, 0`` -> "quatorze horas"; ``1, 0`` -> "uma hora"."""
    words = cardinal(hour, "f")
    if minute == 0 and second is None:
        words += " hora" if hour == 1 else " horas"
    elif minute:
        words += f" e {cardinal(minute)}"
    if second is not None:
        words += f" e {cardinal(second)} {'segundo' if second == 1 else 'segundos'}"
    return words


def date(year: int | None, month: int | None, day: int | None) -> str:
    """``2025, 3, 3`` -> "três de março de dois mil e vinte e cinco"."""
    return calendar.spoken_date(
        year, month, day, cardinal=cardinal, months=MONTHS, first=ordinal(1), joiner=" de "
    )


LANGUAGE = Language(
    code="pt", cardinal=cardinal, ordinal=ordinal, digits=digits, minus="menos", comma="vírgula",
    point="ponto", percent="por cento", permille="por mil", money_and=" e ", currencies=CURRENCIES,
    units=UNITS, months=MONTHS, date=date, clock=clock, first_of_month="primeiro",
)  # fmt: skip

RULES: tuple[Rule, ...] = (
    *addresses.rules(LANGUAGE, ADDRESS_SYMBOLS),
    abbreviations.rule(ABBREVIATIONS),
    romance.ordinal_rule(LANGUAGE),
    *calendar.rules(LANGUAGE),
    *quantities.rules(LANGUAGE),
)

normalize = Normalizer(RULES)
