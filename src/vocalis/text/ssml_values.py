"""SSML attributes read into values: break times, prosody levels, emphasis, say-as kinds, languages.

Readers take :class:`Attributes`, one element's attributes with two ways out: ``fail`` for a value
that cannot be read (InvalidSsml at the element) and ``note`` for one that is read but not rendered as
written (clamped, or not supported). Keywords are matched without regard to case.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NoReturn

MAX_BREAK_SECONDS = 10.0
RATE_LIMITS = (0.5, 2.0)
VOLUME_LIMITS_DB = (-20.0, 10.0)
PITCH_LIMITS_SEMITONES = (-6.0, 6.0)
SILENT_DB = -60.0  # "silent" mutes what it holds, whatever is nested around or inside it

BREAK_STRENGTHS = {"none": 0.0, "x-weak": 0.1, "weak": 0.2, "medium": 0.4, "strong": 0.7, "x-strong": 1.2}
RATES = {"x-slow": 0.5, "slow": 0.75, "medium": 1.0, "default": 1.0, "fast": 1.25, "x-fast": 1.5}
VOLUMES_DB = {"x-soft": -12.0, "soft": -6.0, "medium": 0.0, "default": 0.0, "loud": 6.0, "x-loud": 10.0}
PITCHES = {"x-low": -4.0, "low": -2.0, "medium": 0.0, "default": 0.0, "high": 2.0, "x-high": 4.0}
EMPHASIS_LEVELS = ("strong", "moderate", "reduced", "none")
INTERPRET_AS = {
    "characters": "characters", "spell-out": "characters", "verbatim": "characters",
    "cardinal": "cardinal", "number": "cardinal", "ordinal": "ordinal", "digits": "digits",
    "date": "date", "time": "time", "telephone": "telephone",
}  # fmt: skip
FORMS = {
    "time": 'a duration such as "2s", "1.5s" or "500ms"',
    "strength": ", ".join(BREAK_STRENGTHS),
    "rate": f'{", ".join(RATES)}, a percentage ("80%": 100% is normal) or a change ("+20%", "-10%")',
    "volume": f'silent, {", ".join(VOLUMES_DB)} or a change in decibels ("+6dB", "-3dB")',
    "pitch": f'{", ".join(PITCHES)}, a change in semitones ("+2st") or in percent ("+10%")',
    "level": ", ".join(EMPHASIS_LEVELS),
    "xml:lang": 'a language tag such as "en", "en-GB" or "cmn-Hans-CN"',
}
# What each supported element reads; xmlns declarations are accepted everywhere.
KNOWN_ATTRIBUTES = {
    "speak": {"version", "xml:lang", "xsi:schemaLocation"},
    "p": {"xml:lang"},
    "s": {"xml:lang"},
    "break": {"time", "strength"},
    "prosody": {"rate", "volume", "pitch", "contour", "range", "duration"},
    "emphasis": {"level"},
    "say-as": {"interpret-as", "format", "detail"},
    "sub": {"alias"},
    "phoneme": {"ph", "alphabet"},
    "lang": {"xml:lang"},
    "voice": {"name", "xml:lang"},
    "mark": {"name"},
}
LANGUAGE_ELEMENTS = frozenset({"speak", "p", "s", "voice", "lang"})

# ASCII digits only: \d would also read Arabic-Indic and other digits.
_NUMBER = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_TIME = re.compile(rf"({_NUMBER})\s*(ms|s)", re.IGNORECASE)
_PERCENT = re.compile(rf"([+-]?)({_NUMBER})\s*%")
_DECIBELS = re.compile(rf"([+-]?)({_NUMBER})\s*db", re.IGNORECASE)
_SEMITONES = re.compile(rf"([+-]?)({_NUMBER})\s*st", re.IGNORECASE)
_HERTZ = re.compile(rf"[+-]?{_NUMBER}\s*hz", re.IGNORECASE)
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def shorten(text: str, limit: int = 40) -> str:
    """A value as quoted in a message: hostile input can make it megabytes long."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Attributes:
    element: str
    values: Mapping[str, str]
    fail: Callable[[str, str], NoReturn]  # (attribute, message)
    note: Callable[[str, str], None]  # (attribute, reason)

    def required(self, name: str) -> str:
        value = self.values.get(name)
        if value is None:
            self.fail(name, f"<{self.element}> needs a {name} attribute")
        return value

    def unreadable(self, name: str) -> NoReturn:
        shown = shorten(self.values[name])
        self.fail(name, f'<{self.element} {name}="{shown}">: {name} must be {FORMS[name]}')

    def note_unknown(self) -> None:
        known = KNOWN_ATTRIBUTES[self.element]
        for name in self.values:
            if name in known or name == "xmlns" or name.startswith("xmlns:"):
                continue
            if name == "xml:lang":
                self.note(name, "xml:lang is read only on speak, p, s, voice and lang")
            else:
                self.note(shorten(name), "unsupported attribute")


def _number(sign: str, digits: str) -> float | None:
    """None for a number written with so many digits that it reads as infinity."""
    value = -float(digits) if sign == "-" else float(digits)
    return value if math.isfinite(value) else None


def language(attributes: Attributes) -> str | None:
    """xml:lang as written, when the element carries one and it has the shape of a BCP-47 tag."""
    tag = attributes.values.get("xml:lang")
    if tag is None or attributes.element not in LANGUAGE_ELEMENTS:
        return None
    if _LANGUAGE.fullmatch(tag) is None:
        attributes.unreadable("xml:lang")
    return tag


def break_seconds(attributes: Attributes) -> float:
    """``time`` if given (at most 10 s), else ``strength``, else a medium break."""
    strength = BREAK_STRENGTHS.get(attributes.values.get("strength", "medium").strip().lower())
    if strength is None:
        attributes.unreadable("strength")
    if "time" not in attributes.values:
        return strength
    match = _TIME.fullmatch(attributes.values["time"].strip())
    seconds = _number("", match.group(1)) if match else None
    if match is None or seconds is None:
        attributes.unreadable("time")
    if match.group(2).lower() == "ms":
        seconds /= 1000.0
    if seconds > MAX_BREAK_SECONDS:
        attributes.note("time", f"break clamped to {MAX_BREAK_SECONDS:g} s")
    return min(seconds, MAX_BREAK_SECONDS)


def _rate_factor(text: str) -> float | None:
    """A multiplier: "80%" is absolute (100% is normal), "+20%" and "-10%" change it, "1.5" is one."""
    if text in RATES:
        return RATES[text]
    percent = _PERCENT.fullmatch(text)
    if percent is not None:
        amount = _number("", percent.group(2))
        if amount is None:
            return None
        factor = {"": amount, "+": 100.0 + amount, "-": 100.0 - amount}[percent.group(1)] / 100.0
        return max(factor, 0.0)  # below -100%: a stop, clamped later
    return _number("", text) if re.fullmatch(_NUMBER, text) else None


def _volume_change(text: str) -> float | None:
    if text in VOLUMES_DB:
        return VOLUMES_DB[text]
    match = _DECIBELS.fullmatch(text)
    return _number(*match.groups()) if match else None


def _pitch_change(text: str) -> float | None:
    """Semitones; a percentage of the frequency is converted (+12.2% is about 2 st)."""
    if text in PITCHES:
        return PITCHES[text]
    semitones = _SEMITONES.fullmatch(text)
    if semitones is not None:
        return _number(*semitones.groups())
    percent = _PERCENT.fullmatch(text)
    if percent is None or not percent.group(1):  # a pitch percentage is always a signed change
        return None
    change = _number(*percent.groups())
    if change is None:
        return None
    ratio = 1.0 + change / 100.0
    return 12.0 * math.log2(ratio) if ratio > 0 else -1e6  # no frequency left: clamped to the lowest


def _clamp(value: float, limits: tuple[float, float]) -> float:
    return min(max(value, limits[0]), limits[1])


def _bounded(value: float) -> float:
    """Nested values multiply and add: keep them finite (no inf * 0), far outside any clamp."""
    return _clamp(value, (-1e6, 1e6))


@dataclass(frozen=True)
class Levels:
    """Prosody as nested: rates multiply, decibels and semitones add; clamped only when rendered."""

    rate: float = 1.0
    volume_db: float = 0.0
    silent: bool = False
    pitch_semitones: float = 0.0

    def clamped(self) -> tuple[float, float, float]:
        """(rate, volume in dB, pitch in semitones) within the limits."""
        volume = SILENT_DB if self.silent else _clamp(self.volume_db, VOLUME_LIMITS_DB)
        return _clamp(self.rate, RATE_LIMITS), volume, _clamp(self.pitch_semitones, PITCH_LIMITS_SEMITONES)

    def nested(self, attributes: Attributes) -> Levels:
        """The levels inside a <prosody> with these attributes."""
        written = {name: value.strip().lower() for name, value in attributes.values.items()}
        rate, volume, silent, pitch = self.rate, self.volume_db, self.silent, self.pitch_semitones
        if "rate" in written:
            factor = _rate_factor(written["rate"])
            if factor is None:
                attributes.unreadable("rate")
            rate = _bounded(rate * factor)
            _note_clamp(attributes, "rate", rate, RATE_LIMITS, "")
        if written.get("volume") == "silent":
            silent = True
        elif "volume" in written:
            change = _volume_change(written["volume"])
            if change is None:
                attributes.unreadable("volume")
            volume = _bounded(volume + change)
            if not silent:
                _note_clamp(attributes, "volume", volume, VOLUME_LIMITS_DB, " dB")
        if "pitch" in written and _HERTZ.fullmatch(written["pitch"]):
            attributes.note("pitch", "pitch in Hz is not supported")
        elif "pitch" in written:
            change = _pitch_change(written["pitch"])
            if change is None:
                attributes.unreadable("pitch")
            pitch = _bounded(pitch + change)
            _note_clamp(attributes, "pitch", pitch, PITCH_LIMITS_SEMITONES, " semitones")
        for unsupported in ("contour", "range", "duration"):
            if unsupported in written:
                attributes.note(unsupported, f"{unsupported} is not supported")
        return Levels(rate, volume, silent, pitch)


def _note_clamp(
    attributes: Attributes, name: str, value: float, limits: tuple[float, float], unit: str
) -> None:
    if value < limits[0] or value > limits[1]:
        attributes.note(name, f"{name} clamped to {_clamp(value, limits)}{unit}")


def emphasis(attributes: Attributes) -> str:
    level = attributes.values.get("level", "moderate").strip().lower()
    if level not in EMPHASIS_LEVELS:
        attributes.unreadable("level")
    return level


def interpret_as(attributes: Attributes) -> str | None:
    """The canonical say-as kind ("spell-out" is "characters"); None, noted, for one not supported."""
    written = attributes.required("interpret-as")
    kind = INTERPRET_AS.get(written.strip().lower())
    if kind is None:
        attributes.note("interpret-as", f'interpret-as "{shorten(written)}" is not supported')
    return kind


def phonemes(attributes: Attributes) -> str | None:
    """``ph`` in IPA; None, noted, for another alphabet (its text is then said as written)."""
    ph = attributes.required("ph")
    alphabet = attributes.values.get("alphabet")
    if alphabet is not None and alphabet.strip().lower() != "ipa":
        attributes.note("alphabet", f'alphabet "{shorten(alphabet)}" is not supported')
        return None
    return ph


def voice_name(attributes: Attributes) -> str:
    name = attributes.required("name").strip()
    if not name:
        attributes.fail("name", "<voice> needs a name")
    return name
