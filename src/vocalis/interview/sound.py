"""How a spoken answer sounded, as a listener could check it on the recording: energy, pitch variation
and pace, each observation with its times and its number. Never a verdict on emotions, "confidence" or
personality: a voice that drops at the end of an answer is reported as quieter there, not as unsure.

- **energy**: the answer's speech level (gated loudness, LUFS, of the stretches with words); stretches
  ``QUIET_DROP_LU`` under it for ``MIN_QUIET_S`` or more are "quieter" moments (the coach's rule).
- **pitch variation**: the spread (SD, semitones) of the voiced pitch over the answer; under
  ``MONOTONE_SEMITONES`` (1.5; lively speech is 2-4) it is a "flat pitch" moment over the answer.
- **pace changes**: words per minute in ``PACE_WINDOW_S`` windows (every ``PACE_STEP_S``, and one
  for the last seconds); when the
  fastest window is ``PACE_CHANGE`` times the slowest, both are moments ("faster", "slower").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from vocalis.analysis import pitch
from vocalis.analysis.fillers import is_hesitation
from vocalis.analysis.voice import MONOTONE_SEMITONES, pitch_metrics, volume_metrics
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.resample import resample
from vocalis.engines.protocols import SpeechSpan, TranscribedWord
from vocalis.interview.moments import Moment

PACE_WINDOW_S = 10.0
PACE_STEP_S = 5.0
PACE_MIN_WORDS = 8  # a window with fewer words (a pause, a hesitation) says nothing about pace
PACE_CHANGE = 1.4  # fastest / slowest window that a listener hears as a change of pace
SPAN_GAP_S = 0.3  # words closer than this belong to one stretch of speech


@dataclass(frozen=True)
class Sound:
    speech_lufs: float | None  # the answer's speech level
    pitch_variation_semitones: float | None  # None: too little voiced speech to tell
    slowest_wpm: float | None  # of the pace windows (None: the answer is too short for windows)
    fastest_wpm: float | None
    moments: tuple[Moment, ...]  # quieter, flat_pitch, faster, slower

    def then(self, later: Sound, seconds: float, later_seconds: float) -> Sound:
        """This answer's sound continued by ``later`` (the answer to a follow-up, starting ``seconds``
        after this one's start): levels averaged by length, pace extremes kept, moments shifted."""

        def mean(a: float | None, b: float | None) -> float | None:
            if a is None or b is None:
                return a if b is None else b
            return round((a * seconds + b * later_seconds) / max(seconds + later_seconds, 1e-9), 2)

        def extreme(a: float | None, b: float | None, pick: Any) -> float | None:
            values = [v for v in (a, b) if v is not None]
            return pick(values) if values else None

        shifted = tuple(Moment(m.kind, m.start + seconds, m.end + seconds, m.text) for m in later.moments)
        return Sound(
            speech_lufs=mean(self.speech_lufs, later.speech_lufs),
            pitch_variation_semitones=mean(self.pitch_variation_semitones, later.pitch_variation_semitones),
            slowest_wpm=extreme(self.slowest_wpm, later.slowest_wpm, min),
            fastest_wpm=extreme(self.fastest_wpm, later.fastest_wpm, max),
            moments=(*self.moments, *shifted),
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Sound:
        return cls(
            speech_lufs=data.get("speech_lufs"),
            pitch_variation_semitones=data.get("pitch_variation_semitones"),
            slowest_wpm=data.get("slowest_wpm"),
            fastest_wpm=data.get("fastest_wpm"),
            moments=tuple(Moment(**m) for m in data.get("moments", [])),
        )


def observe(audio: AudioChunk, words: Sequence[TranscribedWord], language: str) -> Sound:
    """``audio``: the answer, from its first word (``words`` are timed on it)."""
    speech = resample(audio, 16_000)
    spans = _spans(words)
    moments: list[Moment] = []
    volume = volume_metrics(speech, speech, spans) if spans else None
    level = None if volume is None or volume.speech_lufs is None else round(volume.speech_lufs, 1)
    if volume is not None and level is not None:
        for stretch in volume.quiet_stretches:
            drop = level - stretch.loudness_lufs
            moments.append(Moment("quieter", stretch.start, stretch.end, f"{drop:.0f} LU under the answer"))
    pitched = pitch_metrics(pitch.track(speech.samples, speech.sample_rate), spans) if spans else None
    variation = None if pitched is None else round(pitched.variation_semitones, 2)
    if pitched is not None and variation is not None and variation < MONOTONE_SEMITONES:
        moments.append(Moment("flat_pitch", spans[0].start, spans[-1].end, f"{variation:.1f} semitones"))
    windows = _pace_windows(words, language)
    slowest = fastest = None
    if windows:
        slow = min(windows, key=lambda w: w[2])
        fast = max(windows, key=lambda w: w[2])
        slowest, fastest = slow[2], fast[2]
        if fast[2] >= PACE_CHANGE * slow[2]:
            moments.append(Moment("faster", fast[0], fast[1], f"{fast[2]:.0f} wpm"))
            moments.append(Moment("slower", slow[0], slow[1], f"{slow[2]:.0f} wpm"))
    return Sound(level, variation, slowest, fastest, tuple(sorted(moments, key=lambda m: m.start)))


def _spans(words: Sequence[TranscribedWord]) -> list[SpeechSpan]:
    spans: list[SpeechSpan] = []
    for word in words:
        if spans and word.start - spans[-1].end <= SPAN_GAP_S:
            spans[-1] = SpeechSpan(spans[-1].start, max(spans[-1].end, word.end))
        else:
            spans.append(SpeechSpan(word.start, word.end))
    return spans


def _pace_windows(words: Sequence[TranscribedWord], language: str) -> list[tuple[float, float, float]]:
    """(start, end, words per minute) of each full window with enough words."""
    said = [w for w in words if not is_hesitation(w.text, language)]
    if not said or said[-1].end - said[0].start < PACE_WINDOW_S + PACE_STEP_S:
        return []
    centres = np.array([(w.start + w.end) / 2 for w in said])
    first, last = said[0].start, said[-1].end
    starts = [float(s) for s in np.arange(first, last - PACE_WINDOW_S + 1e-6, PACE_STEP_S)]
    if starts[-1] + PACE_WINDOW_S < last - 1e-6:
        starts.append(last - PACE_WINDOW_S)  # the answer's last seconds have a window of their own
    windows = []
    for start in starts:
        count = int(np.count_nonzero((centres >= start) & (centres <= start + PACE_WINDOW_S)))
        if count >= PACE_MIN_WORDS:
            windows.append((round(start, 2), round(start + PACE_WINDOW_S, 2), count * 60.0 / PACE_WINDOW_S))
    return windows if len(windows) >= 2 else []
