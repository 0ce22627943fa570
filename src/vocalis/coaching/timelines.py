"""What a report charts: pace per rolling window, volume and pitch over time, fillers and pauses with
their times, and the transcript's words with theirs; plus the few numbers progress is computed from."""

from __future__ import annotations

from typing import Any

import numpy as np

from vocalis.analysis import pitch as pitch_tracking
from vocalis.analysis.model import SpeechAnalysis
from vocalis.analysis.voice import block_loudness
from vocalis.audio.chunk import AudioChunk

STEP_S = 0.5  # one point per half second: a 30-minute talk charts in 3,600 points
SILENT_LUFS = -70.0  # below the standard's absolute gate: charted as silence


def timelines(analysis: SpeechAnalysis, audio16k: AudioChunk) -> dict[str, Any]:
    """The charts of a talk, from its analysis and its audio at 16 kHz."""
    centres, lufs = block_loudness(audio16k)
    volume = _every(centres, lufs, lambda v: float(np.max(v)))
    frames = (
        pitch_tracking.track(audio16k.samples, audio16k.sample_rate) if analysis.speech_detected else None
    )
    pitch = [] if frames is None else _every(frames.times, frames.f0, _median_voiced)
    return {
        "step_seconds": STEP_S,
        "pace": [
            {
                "start": w.start,
                "end": w.end,
                "words": w.words,
                "words_per_minute": round(w.words_per_minute, 1),
            }
            for w in (analysis.pace.windows if analysis.pace else ())
        ],
        "volume": [
            {"t": t, "lufs": None if v is None or v < SILENT_LUFS else round(v, 1)} for t, v in volume
        ],
        "pitch": [{"t": t, "hz": None if v is None else round(v, 1)} for t, v in pitch],
        "fillers": [
            {"text": f.text, "heard": f.heard, "start": f.start, "end": f.end}
            for f in (analysis.fillers.occurrences if analysis.fillers else ())
        ],
        "pauses": [
            {"start": p.start, "end": p.end, "duration": round(p.duration, 2), "long": p.long}
            for p in (analysis.pauses.pauses if analysis.pauses else ())
        ],
        "words": [
            {"text": w.text, "start": w.start, "end": w.end, "probability": round(w.probability, 3)}
            for w in analysis.transcript.words
        ],
    }


def summary(analysis: SpeechAnalysis, *, target_wpm: tuple[int, int]) -> dict[str, Any]:
    """The numbers progress follows across sessions (None where the talk had no speech)."""
    pace, fillers, pauses = analysis.pace, analysis.fillers, analysis.pauses
    minutes = pace.talk_seconds / 60.0 if pace else 0.0
    windows = pace.windows if pace else ()
    low, high = target_wpm
    return {
        "duration_seconds": round(analysis.duration, 2),
        "speech_detected": analysis.speech_detected,
        "words_per_minute": round(pace.words_per_minute, 1) if pace else None,
        "fillers_per_minute": round(fillers.per_minute, 2) if fillers else None,
        "pause_ratio": round(pauses.pause_ratio, 3) if pauses else None,
        "long_pauses_per_minute": round(pauses.long_count / minutes, 2) if pauses and minutes > 0 else None,
        "speech_lufs": round(analysis.volume.speech_lufs, 1)
        if analysis.volume.speech_lufs is not None
        else None,
        "pitch_variation_semitones": round(analysis.pitch.variation_semitones, 2) if analysis.pitch else None,
        "overall_score": analysis.scores.overall if analysis.scores else None,
        "pace_in_range_fraction": (
            round(sum(low <= w.words_per_minute <= high for w in windows) / len(windows), 3)
            if windows
            else None
        ),
    }


def _every(times: np.ndarray, values: np.ndarray, pick: Any) -> list[tuple[float, float | None]]:
    if not len(times):
        return []
    slots = np.floor(times / STEP_S).astype(np.int64)  # times only grow, so each slot is one slice
    bounds = np.searchsorted(slots, np.arange(int(slots[-1]) + 2))
    points: list[tuple[float, float | None]] = []
    for slot in range(len(bounds) - 1):
        chosen = values[bounds[slot] : bounds[slot + 1]]
        value = pick(chosen) if len(chosen) else None
        points.append((round(slot * STEP_S, 2), None if value is None or not np.isfinite(value) else value))
    return points


def _median_voiced(f0: np.ndarray) -> float | None:
    voiced = f0[np.isfinite(f0)]
    return float(np.median(voiced)) if len(voiced) else None
