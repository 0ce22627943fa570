"""Talks for coaching tests: known fillers and pauses (fixtures import these builders)."""

from __future__ import annotations

from tests.analysis.talks import Line, Talk, build_talk
from vocalis.audio.resample import resample
from vocalis.graph import Vocalis

# ~17 s, six fillers within 15 s: a burst the live coach must point out.
FILLER_TALK = [
    Line("[Um], so today I want to talk about, [uh], our new plan.", 0.3),
    Line("It is, [like], a big change, [you know], for the whole team.", 0.3),
    Line("[Um], we will, [uh], start next week with the first group.", 1.2),
    Line("The first step is simple: we measure what we do today.", 1.2),
    Line("Then we decide together what to change, and we write it down.", 0.3),
]


def filler_talk(services: Vocalis) -> Talk:
    """The filler talk at 16 kHz, the rate a browser's worklet sends."""
    talk = build_talk(services, FILLER_TALK)
    return Talk(resample(talk.audio, 16_000), talk.lines, talk.gaps)
