"""Pace and pauses, from the detector's speech segments and the recogniser's word timings.

The VAD places speech and silence to within a window (32 ms); Whisper's word times come from
attention weights and often stretch a word over the silence next to it, so pause boundaries come from
the VAD. Words decide which VAD segments are speech at all: a segment with no recognised word in or
near it is noise (a cough, a door) and its time counts as pause, not speech.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from vocalis.analysis.fillers import is_hesitation, normalise
from vocalis.analysis.model import PaceMetrics, PaceWindow, Pause, PauseMetrics, TimeRange
from vocalis.engines.protocols import SpeechSpan, TranscribedWord

MIN_PAUSE_S = 0.5
LONG_PAUSE_S = 2.0
PACE_WINDOW_S = 15.0
WORD_SLACK_S = 0.35


def spoken_words(words: Sequence[TranscribedWord]) -> list[TranscribedWord]:
    """Words with letters or digits in them ("." alone is not a word)."""
    return [w for w in words if any(c.isalnum() for c in w.text)]


def voiced_spans(spans: Sequence[SpeechSpan], words: Sequence[TranscribedWord]) -> list[SpeechSpan]:
    """The VAD spans with a recognised word in or near them (within WORD_SLACK_S).

    The slack absorbs Whisper's word-time errors: a short span inside a sentence whose word the
    recogniser placed a little off must not turn into a pause.
    """
    starts = np.array([w.start for w in words]) - WORD_SLACK_S
    ends = np.array([w.end for w in words]) + WORD_SLACK_S
    return [s for s in spans if len(words) and bool(np.any((starts < s.end) & (ends > s.start)))]


def talk_range(spans: Sequence[SpeechSpan], words: Sequence[TranscribedWord]) -> TimeRange | None:
    """From the first speech to the last: leading and trailing silence is not part of the talk."""
    if not spans:
        return None
    start, end = spans[0].start, spans[-1].end
    if words:
        # A word the VAD missed at either end still belongs to the talk.
        start, end = min(start, words[0].start), max(end, words[-1].end)
    return TimeRange(start=start, end=end)


def find_pauses(spans: Sequence[SpeechSpan], minimum: float = MIN_PAUSE_S) -> list[Pause]:
    pauses = []
    for before, after in itertools.pairwise(spans):
        gap = after.start - before.end
        if gap >= minimum:
            pauses.append(
                Pause(start=before.end, end=after.start, duration=round(gap, 3), long=gap >= LONG_PAUSE_S)
            )
    return pauses


def pause_metrics(spans: Sequence[SpeechSpan], talk: TimeRange) -> PauseMetrics:
    pauses = find_pauses(spans)
    total = sum(p.duration for p in pauses)
    minutes = talk.duration / 60.0
    return PauseMetrics(
        count=len(pauses),
        total_seconds=total,
        longest_seconds=max((p.duration for p in pauses), default=0.0),
        long_count=sum(p.long for p in pauses),
        pause_ratio=total / talk.duration if talk.duration > 0 else 0.0,
        per_minute=len(pauses) / minutes if minutes > 0 else 0.0,
        pauses=tuple(pauses),
        min_pause_seconds=MIN_PAUSE_S,
        long_pause_seconds=LONG_PAUSE_S,
    )


def counted_words(words: Sequence[TranscribedWord], language: str) -> list[TranscribedWord]:
    """Words that carry the message: hesitation sounds (um, euh) are not words for pace."""
    return [w for w in spoken_words(words) if not is_hesitation(w.text, language) and normalise(w.text)]


def pace_metrics(
    words: Sequence[TranscribedWord], talk: TimeRange, pauses: PauseMetrics, language: str
) -> PaceMetrics:
    counted = counted_words(words, language)
    speaking = max(talk.duration - pauses.total_seconds, 1e-6)
    windows = _windows(counted, talk)
    rates = np.array([w.words_per_minute for w in windows])
    variation = float(np.std(rates) / np.mean(rates)) if len(rates) >= 2 and np.mean(rates) > 0 else None
    return PaceMetrics(
        word_count=len(counted),
        talk_seconds=talk.duration,
        speaking_seconds=speaking,
        words_per_minute=len(counted) / talk.duration * 60.0 if talk.duration > 0 else 0.0,
        articulation_rate=len(counted) / speaking * 60.0,
        window_seconds=PACE_WINDOW_S,
        windows=windows,
        variation=variation,
    )


def _windows(words: Sequence[TranscribedWord], talk: TimeRange) -> tuple[PaceWindow, ...]:
    """Rate per PACE_WINDOW_S window of the talk; a last partial window counts if at least half full."""
    mids = np.array([(w.start + w.end) / 2 for w in words])
    windows = []
    start = talk.start
    while start < talk.end:
        end = min(start + PACE_WINDOW_S, talk.end)
        if end - start >= PACE_WINDOW_S / 2:
            count = int(np.count_nonzero((mids >= start) & (mids < end))) if len(mids) else 0
            windows.append(PaceWindow(start, end, count, count / (end - start) * 60.0))
        start += PACE_WINDOW_S
    return tuple(windows)
