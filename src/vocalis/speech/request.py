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
