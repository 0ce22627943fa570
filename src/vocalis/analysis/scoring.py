"""0-100 scores per dimension against stated target ranges, and an overall weighted score.

Targets are those speaking coaches commonly give for a presentation: 120-160 words per minute,
fewer than 2 fillers per minute, few pauses of 2 s or more, pitch moving by 2 semitones or more,
a loudness a listener need not turn up, and a quiet background (SNR 20 dB or better).
"""

from __future__ import annotations

from dataclasses import dataclass

from vocalis.analysis.model import (
    ClarityMetrics,
    DimensionScore,
    FillerMetrics,
    PaceMetrics,
    PauseMetrics,
    PitchMetrics,
    Scores,
    VolumeMetrics,
)


@dataclass(frozen=True)
class Targets:
    words_per_minute: tuple[float, float] = (120.0, 160.0)
    fillers_per_minute: float = 2.0
    long_pauses_per_minute: float = 0.5
    pause_ratio: tuple[float, float] = (0.05, 0.30)
    loudness_lufs: tuple[float, float] = (-30.0, -12.0)
    pitch_variation_semitones: float = 2.0
    snr_db: float = 20.0
    confidence: float = 0.75


WEIGHTS = {"pace": 0.2, "pauses": 0.15, "fillers": 0.2, "volume": 0.15, "pitch": 0.15, "clarity": 0.15}


def _clamp(value: float) -> int:
    return round(min(100.0, max(0.0, value)))


def _distance(value: float, low: float, high: float) -> float:
    return low - value if value < low else value - high if value > high else 0.0


def score_pace(pace: PaceMetrics, t: Targets) -> DimensionScore:
    low, high = t.words_per_minute
    penalty = 2.5 * _distance(pace.words_per_minute, low, high)  # 0 at 40 wpm outside the range
    if pace.variation is not None and pace.variation > 0.3:  # lurching between rushing and dragging
        penalty += 50 * (pace.variation - 0.3)
    return DimensionScore("pace", _clamp(100 - penalty), pace.words_per_minute, f"{low:g}-{high:g} words/min")


def score_pauses(pauses: PauseMetrics, talk_seconds: float, t: Targets) -> DimensionScore:
    minutes = max(talk_seconds / 60.0, 1.0)  # a short talk is not judged as if it went on
    excess_long = max(0.0, pauses.long_count - t.long_pauses_per_minute * minutes)
    low, high = t.pause_ratio
    penalty = 15 * excess_long + 200 * _distance(pauses.pause_ratio, low, high)
    return DimensionScore(
        "pauses",
        _clamp(100 - penalty),
        pauses.pause_ratio,
        f"pauses {low:.0%}-{high:.0%} of the talk, at most {t.long_pauses_per_minute:g} long pause/min",
    )


def score_fillers(fillers: FillerMetrics, t: Targets) -> DimensionScore:
    penalty = 12 * max(0.0, fillers.per_minute - t.fillers_per_minute)
    return DimensionScore(
        "fillers", _clamp(100 - penalty), fillers.per_minute, f"at most {t.fillers_per_minute:g} fillers/min"
    )


def score_volume(volume: VolumeMetrics, t: Targets) -> DimensionScore:
    low, high = t.loudness_lufs
    level = volume.speech_lufs if volume.speech_lufs is not None else volume.integrated_lufs
    penalty = 5 * _distance(volume.integrated_lufs, low, high)
    if volume.clipping:
        penalty += 20 + min(30.0, 3000 * volume.clipped_fraction)
    penalty += min(30, 5 * len(volume.quiet_stretches))
    return DimensionScore("volume", _clamp(100 - penalty), level, f"{low:g} to {high:g} LUFS, no clipping")


def score_pitch(pitch: PitchMetrics, t: Targets) -> DimensionScore:
    # Full marks from the target spread down to none at a flat 0.5 semitone.
    value = (pitch.variation_semitones - 0.5) / (t.pitch_variation_semitones - 0.5) * 100
    return DimensionScore(
        "pitch",
        _clamp(value),
        pitch.variation_semitones,
        f"pitch varying by {t.pitch_variation_semitones:g} semitones or more",
    )


def score_clarity(clarity: ClarityMetrics, t: Targets) -> DimensionScore:
    parts = [(clarity.mean_confidence - 0.4) / (t.confidence - 0.4) * 100]
    if clarity.snr_db is not None:
        parts.append((clarity.snr_db - 5.0) / (t.snr_db - 5.0) * 100)
    value = sum(min(100.0, p) for p in parts) / len(parts) - 5 * len(clarity.mumbled)
    return DimensionScore(
        "clarity",
        _clamp(value),
        clarity.snr_db,
        f"SNR {t.snr_db:g} dB or more, recogniser confidence {t.confidence:g} or more",
    )


def overall(dimensions: list[DimensionScore]) -> Scores:
    weight = sum(WEIGHTS[d.dimension] for d in dimensions)
    total = sum(WEIGHTS[d.dimension] * d.score for d in dimensions) / weight if weight else 0.0
    return Scores(overall=_clamp(total), dimensions=tuple(dimensions))
