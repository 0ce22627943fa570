"""Character-level alignment (ElevenLabs' shape) derived from word timestamps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vocalis.speech.timestamps import WordTimestamp


@dataclass(frozen=True)
class CharacterAlignment:
    characters: tuple[str, ...]
    starts: tuple[float, ...]
    ends: tuple[float, ...]

    def to_dict(self) -> dict[str, list[str] | list[float]]:
        return {
            "characters": list(self.characters),
            "character_start_times_seconds": list(self.starts),
            "character_end_times_seconds": list(self.ends),
        }


def character_alignment(
    text: str, words: Sequence[WordTimestamp], *, offset: int = 0, time_offset: float = 0.0, end: float
) -> CharacterAlignment:
    """Times for every character of ``text`` (which starts at ``offset`` in the document).

    Letters inside a word share its time span evenly; characters between words (spaces, punctuation)
    take the gap between the neighbouring words, or a zero-length instant when there is none.
    """
    starts: list[float] = []
    ends: list[float] = []
    ordered = sorted(words, key=lambda w: w.char_start)
    index = 0
    previous_end = time_offset
    for position in range(offset, offset + len(text)):
        while index < len(ordered) and ordered[index].char_end <= position:
            previous_end = ordered[index].end
            index += 1
        word = ordered[index] if index < len(ordered) else None
        if word is not None and word.char_start <= position < word.char_end:
            span = (word.end - word.start) / (word.char_end - word.char_start)
            start = word.start + span * (position - word.char_start)
            starts.append(round(start, 3))
            ends.append(round(start + span, 3))
        else:
            following = word.start if word is not None else max(end, previous_end)
            starts.append(round(previous_end, 3))
            ends.append(round(max(following, previous_end), 3))
    return CharacterAlignment(tuple(text), tuple(starts), tuple(ends))
