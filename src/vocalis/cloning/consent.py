"""Consent to clone a voice: a statement of who agrees, to what, and when, kept with the voice."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any

from vocalis.errors import ConsentRequired

MIN_STATEMENT_CHARS = 20
_CONSENT_WORDS = re.compile(
    r"\b(consent|consents|consented|agree|agrees|agreed|authori[sz]e|permission)\b", re.I
)
_SPEAKER = re.compile(r"^\s*I,\s*([^,]{2,80}),", re.I)
_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_HOW = (
    'write who consents, to what and when, e.g. "I, Ana Lopez, consent to Vocalis '
    'cloning my voice for narrating my course videos, on 2026-11-22"; send it in the consent form field, '
    'or from the ElevenLabs SDK as labels={"consent": "..."} in voices.ivc.create()'
)
# The label an SDK that has no consent field (ElevenLabs' voices.ivc.create) sends the statement in.
CONSENT_LABEL = "consent"
CONSENT_VIA_LABELS = (
    "the SDK has no consent field, so pass the speaker's statement as a label: "
    '`labels={"consent": "I, Ana Lopez, consent to Vocalis cloning my voice for my course videos, '
    'on 2026-11-22"}`. It is checked exactly like the `consent` form field, and kept with the voice '
    "as its consent (not as a label)."
)


@dataclass(frozen=True)
class Consent:
    statement: str  # the speaker's own words, verbatim
    recorded_at: str  # ISO 8601 UTC: when Vocalis received the statement
    speaker: str | None = None  # "I, NAME, ..." when the statement starts that way
    dated: str | None = None  # the ISO date the statement names, if it names one

    @classmethod
    def from_statement(cls, statement: str | None, *, now: datetime | None = None) -> Consent:
        text = " ".join((statement or "").split())
        if not text:
            raise ConsentRequired(f"cloning a voice needs the speaker's consent: {_HOW}")
        if len(text) < MIN_STATEMENT_CHARS or not _CONSENT_WORDS.search(text):
            raise ConsentRequired(f"the consent statement must say that the speaker consents: {_HOW}")
        speaker = _SPEAKER.match(text)
        dated = _ISO_DATE.search(text)
        if dated is not None:
            try:
                date.fromisoformat(dated.group(1))
            except ValueError as exc:
                raise ConsentRequired(
                    f"the consent statement has an invalid date {dated.group(1)!r}"
                ) from exc
        moment = (now or datetime.now(UTC)).astimezone(UTC)
        return cls(
            statement=text,
            recorded_at=moment.isoformat(timespec="seconds"),
            speaker=speaker.group(1).strip() if speaker else None,
            dated=dated.group(1) if dated else None,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Consent:
        return cls(
            statement=str(data["statement"]),
            recorded_at=str(data["recorded_at"]),
            speaker=data.get("speaker"),
            dated=data.get("dated"),
        )
