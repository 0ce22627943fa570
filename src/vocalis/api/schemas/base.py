"""What every request takes at the edge: strict JSON bodies, bounded paging, ISO 8601 times.

Bodies are strict: ``{"speed": false}`` or ``{"speed": "1.5"}`` is a 422, not 0.0 or 1.5 (an int is
still a number). Query parameters are text, so they parse, but a time must look like one: ``until=0.5``
is not read as half a second after 1970, and a time without an offset is UTC.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

# Larger offsets find nothing anyway, and past 2**63 the databases fail on them (SQLite's integers
# and PostgreSQL's bigint).
MAX_OFFSET = 1_000_000_000


class StrictBody(BaseModel):
    """A JSON request body: no number from a boolean or a string, no boolean from a number."""

    model_config = ConfigDict(strict=True)


def _iso_only(value: Any) -> Any:
    if isinstance(value, int | float) or (isinstance(value, str) and _numeric(value)):
        raise ValueError("expected an ISO 8601 date or time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z")
    return value


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _utc_unless_told(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


# A date or a time without an offset is UTC (stored times are aware; comparing needs an offset).
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_only), AfterValidator(_utc_unless_told)]


LANGUAGE_HELP = (
    "The language the text is read in, as a BCP 47 tag or its base: en-US, en-GB, fr-FR, es-ES, it-IT, "
    "pt-BR, zh-CN, ja-JP (en, fr, ...). Default: the voice's language (a French voice reads French). "
    "Numbers, dates and money are said in it. Another language makes the voice read with that "
    "language's rules. Unknown: 422 unsupported_language with the supported list."
)
SSML_HELP = (
    "Text that starts with <speak> is SSML: break, p, s, prosody (rate, volume, pitch), emphasis, "
    "say-as, sub, phoneme (IPA), lang and voice. Malformed SSML is 400 invalid_ssml naming the line "
    "and column; markup that is ignored or clamped is listed in the X-SSML-Ignored header."
)


class IgnoredMarkupOut(BaseModel):
    """SSML markup that was read but not rendered as written (kept as text, or clamped)."""

    name: str = Field(description='The element, or "element@attribute".', examples=["audio", "prosody@rate"])
    line: int = Field(description="1-based line in the SSML document.")
    column: int = Field(description="1-based column in the SSML document.")
    reason: str = Field(
        description="What happened to it.", examples=["unsupported element", "rate clamped to 2.0"]
    )


def ignored_markup(ignored: Sequence[Any]) -> list[IgnoredMarkupOut]:
    return [IgnoredMarkupOut(name=i.name, line=i.line, column=i.column, reason=i.reason) for i in ignored]
