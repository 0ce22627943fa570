"""What a caller asks the synthesis service for, and what it streams back."""

from __future__ import annotations

from dataclasses import dataclass

from vocalis.audio.chunk import AudioChunk
from vocalis.text.chunking import TextChunk


@dataclass(frozen=True)
class SpeechRequest:
    text: str
    voice: str
    speed: float = 1.0
    # Reading rules ("fr", "fr-FR"); None: the voice's own language.
    language: str | None = None
    # SSML: True, False, or None to treat text that starts with "<speak" as SSML.
    ssml: bool | None = None
    # Who asks: cloned voices resolve only for their owner and those they are shared with. None is a
    # trusted caller (the CLI on its own data, or a job whose owner was checked at submission).
    viewer: str | None = None


@dataclass(frozen=True)
class SpeechChunk:
    """The audio of one text chunk, followed by its pause; ``start`` is its time in the whole stream."""

    audio: AudioChunk
    speech_seconds: float  # length of the spoken part; the rest of ``audio`` is the pause after it
    start: float
    text: TextChunk
    spoken_text: str  # the normalised text the engine read
    language: str = "en-US"  # the reading rules it was read with (BCP 47)
    # Offset in the request's text of each character of ``text.text`` (then of its end), when
    # ``text`` is not a slice of the request's text itself (SSML); None: ``text``'s own offsets are.
    positions: tuple[int, ...] | None = None
    lead_seconds: float = 0.0  # silence before the speech (a document that starts with a break)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Where characters ``[start, end)`` of ``text.text``'s segment came from in the request's text."""
        if self.positions is None:
            return start, end
        if end <= start:
            return self.positions[start], self.positions[start]
        return self.positions[start], self.positions[end - 1] + 1

    @property
    def source_start(self) -> int:
        return self.source_span(self.text.start, self.text.end)[0]

    @property
    def source_end(self) -> int:
        return self.source_span(self.text.start, self.text.end)[1]
