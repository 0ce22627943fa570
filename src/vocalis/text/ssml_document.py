"""What an SSML document is read into: runs of text with how to say them, pauses, ignored markup."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Prosody:
    rate: float = 1.0  # multiplier of the request's speed, within [0.5, 2.0]
    volume_db: float = 0.0  # within [-20, +10], or -60 for silent
    pitch_semitones: float = 0.0  # within [-6, +6]


@dataclass(frozen=True)
class SayAs:
    interpret_as: str  # characters, cardinal, ordinal, digits, date, time or telephone
    format: str | None  # as written, e.g. a date's "dmy"
    detail: str | None


@dataclass(frozen=True)
class TextRun:
    """Character data, entities decoded, with everything that says how to speak it.

    ``positions[i]`` is where ``text[i]`` starts in the document (a reference's ``&`` for every
    character the reference decodes to); ``positions[-1]`` is where the last character ends.
    """

    text: str
    positions: tuple[int, ...]
    voice: str | None  # None: the request's voice
    language: str | None  # None: the voice's language
    prosody: Prosody
    emphasis: str | None
    say_as: SayAs | None
    alias: str | None  # say this instead of ``text``
    phonemes: str | None  # IPA to say instead of ``text``

    def __post_init__(self) -> None:
        if len(self.positions) != len(self.text) + 1:
            raise ValueError("a run needs one position per character and one for its end")


@dataclass(frozen=True)
class Pause:
    seconds: float
    kind: str  # "break" (an explicit <break>), "sentence" (end of <s>), "paragraph" (end of <p>)
    position: int


@dataclass(frozen=True)
class IgnoredMarkup:
    name: str  # the element, or "element@attribute"
    line: int
    column: int
    reason: str


@dataclass(frozen=True)
class SsmlDocument:
    source: str
    items: tuple[TextRun | Pause, ...]
    ignored: tuple[IgnoredMarkup, ...]
