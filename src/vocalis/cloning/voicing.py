"""Voicing and pitch of rendered speech: a search can find tables that please an encoder while the
voice goes hoarse (one experiment's best candidate was voiced 23% of the time against the stock
voice's 51%) or shifts register, so every result is checked against the nearest stock voice."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from vocalis.analysis.pitch import clean_voiced, track
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.levels import trim_silence
from vocalis.audio.resample import resample

ANALYSIS_RATE = 16_000
MIN_VOICED_RATIO = 0.75  # of the nearest stock voice's voiced fraction
# Of the sample's own voiced fraction, for a clone less voiced than the stock voice: a breathy nearest
# voice must not let a search drift to a hoarse clone of a clearly voiced sample.
MIN_SAMPLE_VOICED_RATIO = 0.6
PITCH_SLACK_ST = 2.0  # beyond the span between the stock voice's and the sample's median pitch


@dataclass(frozen=True)
class Voicing:
    voiced_fraction: float  # voiced frames over all frames of the trimmed speech
    median_f0: float | None  # Hz, octave errors removed

    @classmethod
    def measure(cls, audio: AudioChunk) -> Voicing:
        speech = trim_silence(resample(audio, ANALYSIS_RATE))
        f0 = track(speech.samples, ANALYSIS_RATE).f0
        if not len(f0):
            return cls(0.0, None)
        voiced = clean_voiced(f0)
        median = float(np.median(voiced)) if len(voiced) else None
        return cls(round(float(np.mean(np.isfinite(f0))), 3), round(median, 1) if median else None)


@dataclass(frozen=True)
class VoicingCheck:
    clone: Voicing
    stock: Voicing  # the nearest stock voice, same sentences
    sample_f0: float | None
    passed: bool
    problems: tuple[str, ...]
    sample_voiced: float | None = None  # the sample's voiced fraction (records before it: None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VoicingCheck:
        return cls(
            clone=Voicing(**data["clone"]),
            stock=Voicing(**data["stock"]),
            sample_f0=data.get("sample_f0"),
            passed=bool(data["passed"]),
            problems=tuple(data.get("problems", ())),
            sample_voiced=data.get("sample_voiced"),
        )


def semitones_between(a: float, b: float) -> float:
    return float(12.0 * np.log2(a / b))


def check_voicing(
    clone: Voicing, stock: Voicing, sample_f0: float | None, sample_voiced: float | None = None
) -> VoicingCheck:
    """The clone must stay about as voiced as the stock voice (and, if less voiced than it, not far
    below the sample), and its pitch between the stock voice's and the sample's (moving towards the
    sample is the point), give or take PITCH_SLACK_ST."""
    problems: list[str] = []
    if clone.voiced_fraction < MIN_VOICED_RATIO * stock.voiced_fraction:
        problems.append(
            f"voiced {clone.voiced_fraction:.0%} of the time against {stock.voiced_fraction:.0%} "
            "for the nearest stock voice"
        )
    elif (
        sample_voiced is not None
        and clone.voiced_fraction < stock.voiced_fraction
        and clone.voiced_fraction < MIN_SAMPLE_VOICED_RATIO * sample_voiced
    ):
        problems.append(
            f"voiced {clone.voiced_fraction:.0%} of the time against {sample_voiced:.0%} for the sample"
        )
    if clone.median_f0 is None:
        problems.append("no pitch detected")
    elif stock.median_f0 is not None:
        ends = [0.0] + ([semitones_between(sample_f0, stock.median_f0)] if sample_f0 else [])
        shift = semitones_between(clone.median_f0, stock.median_f0)
        if not min(ends) - PITCH_SLACK_ST <= shift <= max(ends) + PITCH_SLACK_ST:
            problems.append(
                f"pitch {clone.median_f0:.0f} Hz drifted from the stock voice's {stock.median_f0:.0f} Hz"
            )
    return VoicingCheck(clone, stock, sample_f0, not problems, tuple(problems), sample_voiced)
