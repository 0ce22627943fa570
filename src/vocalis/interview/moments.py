"""A moment of an answer that can be heard in its recording."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Moment:
    """Something observable in the recording: what, when (seconds into the answer), and the words or
    the measure that show it."""

    kind: str  # filler, long_pause, restart (from the words); quieter, flat_pitch, faster, slower (sound)
    start: float
    end: float
    text: str
