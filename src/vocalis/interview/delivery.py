"""How an answer was delivered: its length, pace, fillers, long pauses and restarts, from its words.

A spoken answer has word times from the recogniser; a typed one (text mode) has none, so it is
timed as if read at ``TYPED_WPM`` and judged on its fillers and restarts only (pace and pauses are
not observable in text, and are not invented).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from vocalis.analysis.fillers import find_fillers, is_hesitation
from vocalis.audio.chunk import AudioChunk
from vocalis.coaching.content import find_repetitions
from vocalis.engines.protocols import TranscribedWord
from vocalis.interview.moments import Moment
from vocalis.interview.sound import Sound, observe

TYPED_WPM = 150.0  # a comfortable speaking rate: how long a typed answer would take to say
LONG_PAUSE_S = 2.5  # silence inside an answer that a listener notices as a hesitation
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Delivery:
    spoken: bool  # measured from audio (False: typed, timed at TYPED_WPM)
    seconds: float  # first word to last word (typed: estimated)
    words: int  # hesitation sounds (um, euh) not counted
    words_per_minute: float | None  # spoken only
    fillers: int
    fillers_per_minute: float
    long_pauses: int  # spoken only
    restarts: int  # a word or phrase said again at once ("the the", "I- I think")
    moments: tuple[Moment, ...]  # from the words and from the sound, in time order
    sound: Sound | None = None  # energy, pitch variation, pace (its moments are in ``moments``)

    @property
    def minutes(self) -> float:
        return max(self.seconds, 1.0) / 60.0

    def then(self, later: Delivery) -> Delivery:
        """This answer continued by ``later`` (the answer to a follow-up): one delivery, later's moments
        shifted after this one's."""
        seconds = self.seconds + later.seconds
        words = self.words + later.words
        minutes = max(seconds, 1.0) / 60.0
        shifted = tuple(
            Moment(m.kind, m.start + self.seconds, m.end + self.seconds, m.text) for m in later.moments
        )
        if self.sound is not None and later.sound is not None:
            sound: Sound | None = self.sound.then(later.sound, self.seconds, later.seconds)
        else:
            sound = self.sound or later.sound
        return Delivery(
            spoken=self.spoken and later.spoken,
            seconds=round(seconds, 2),
            words=words,
            words_per_minute=round(words / minutes, 1) if self.spoken and later.spoken and words else None,
            fillers=self.fillers + later.fillers,
            fillers_per_minute=round((self.fillers + later.fillers) / minutes, 2),
            long_pauses=self.long_pauses + later.long_pauses,
            restarts=self.restarts + later.restarts,
            moments=(*self.moments, *shifted),
            sound=sound,
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Delivery:
        moments = tuple(Moment(**m) for m in data.get("moments", []))
        fields = {k: data[k] for k in ("spoken", "seconds", "words", "words_per_minute", "fillers",
                                        "fillers_per_minute", "long_pauses", "restarts")}  # fmt: skip
        sound = Sound.from_json(data["sound"]) if data.get("sound") else None
        return cls(**fields, moments=moments, sound=sound)


def typed_words(text: str) -> list[TranscribedWord]:
    """Words of a typed answer, placed as if read at TYPED_WPM (so counts per minute mean the same)."""
    step = 60.0 / TYPED_WPM
    return [
        TranscribedWord(m.group(0), i * step, (i + 1) * step, 1.0) for i, m in enumerate(_WORD.finditer(text))
    ]


def measure_delivery(
    words: Sequence[TranscribedWord], language: str, *, spoken: bool, audio: AudioChunk | None = None
) -> Delivery:
    """``audio``: a spoken answer's recording, timed like ``words`` (adds how it sounded)."""
    said = [w for w in words if not is_hesitation(w.text, language)]
    seconds = (words[-1].end - words[0].start) if words else 0.0
    minutes = max(seconds, 1.0) / 60.0
    fillers = find_fillers(words, language)
    restarts = [r for r in find_repetitions(words, language) if r.kind == "stutter"]
    moments = [Moment("filler", f.start, f.end, f.heard) for f in fillers]
    moments += [Moment("restart", r.start, r.end, r.text) for r in restarts]
    pauses = 0
    if spoken:
        for before, after in pairwise(words):
            if after.start - before.end >= LONG_PAUSE_S:
                pauses += 1
                moments.append(Moment("long_pause", before.end, after.start, f"{before.text} … {after.text}"))
    sound = observe(audio, words, language) if spoken and audio is not None and words else None
    if sound is not None:
        moments += sound.moments
        sound = replace(sound, moments=())
    return Delivery(
        spoken=spoken,
        seconds=round(seconds, 2),
        words=len(said),
        words_per_minute=round(len(said) / minutes, 1) if spoken and said else None,
        fillers=len(fillers),
        fillers_per_minute=round(len(fillers) / minutes, 2),
        long_pauses=pauses,
        restarts=len(restarts),
        moments=tuple(sorted(moments, key=lambda m: m.start)),
        sound=sound,
    )
