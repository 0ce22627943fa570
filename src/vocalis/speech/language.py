"""Which language a text is read in, and how its written forms are said in that language.

The language follows the voice (ff_siwis reads French) unless the request names one: a voice can read
another language's text with that language's rules ("language": "en" makes the French voice read
English words as English). Voices whose language has no reading rules (the Hindi voices) read with
American English rules, as their description says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vocalis.errors import UnsupportedLanguage
from vocalis.text.languages import SUPPORTED_LANGUAGES, normalize_language
from vocalis.text.spans import NormalizedText, Piece, Span

FALLBACK_LANGUAGE = "en-US"
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


def base_of(language: str) -> str:
    """``"fr-FR"`` -> ``"fr"``."""
    return re.split(r"[-_]", language, maxsplit=1)[0].lower()


def reading_language(requested: str | None, voice_language: str, supported: Sequence[str]) -> str:
    """The tag (one of ``supported``) to read with: the request's, else the voice's, else en-US.

    A request may name a language by its base ("fr") or with any region ("fr-CA"): the voice's own
    region wins when the bases match, else the engine's first region of that language.
    """
    if requested is None:
        if voice_language in supported:
            return voice_language
        return FALLBACK_LANGUAGE if FALLBACK_LANGUAGE in supported else supported[0]
    wanted = requested.strip()
    by_lower = {tag.lower(): tag for tag in supported}
    exact = by_lower.get(wanted.lower().replace("_", "-"))
    if exact is not None:
        return exact
    if _TAG.match(wanted):
        base = base_of(wanted)
        if base_of(voice_language) == base and voice_language in supported:
            return voice_language
        for tag in supported:
            if base_of(tag) == base:
                return tag
    raise UnsupportedLanguage(
        f"cannot read text in language {requested!r}; supported: {', '.join(supported)}",
        language=requested,
        supported=list(supported),
    )


def normalize_for(text: str, language: str, *, offset: int = 0) -> NormalizedText:
    """Written forms (numbers, money, dates, abbreviations) spelt out as said in ``language``.

    Languages without normalisation rules (Japanese, Mandarin: their G2P reads numerals itself) keep
    the text as written.
    """
    base = base_of(language)
    if base in SUPPORTED_LANGUAGES:
        return normalize_language(text, base, offset=offset)
    return NormalizedText(text, (Piece(text, Span(offset, offset + len(text))),) if text else (), offset)
