"""How the voice sounds: volume (loudness, variation, clipping, quiet stretches), pitch and clarity."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from vocalis.analysis import loudness, pitch
from vocalis.analysis.fillers import is_hesitation
from vocalis.analysis.model import ClarityMetrics, MumbledStretch, PitchMetrics, QuietStretch, VolumeMetrics
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.levels import CLIP_RUN, SILENCE_DBFS, peak
from vocalis.engines.protocols import SpeechSpan, TranscribedWord

Floats = npt.NDArray[np.float64]

TOO_QUIET_LUFS = -35.0  # a whole recording below this is hard to hear without turning it up
QUIET_DROP_LU = 10.0  # a stretch this far under the talk's usual level is hard to follow
MIN_QUIET_S = 1.0
CLIP_LEVEL = 0.999
MONOTONE_SEMITONES = 1.5  # pitch spread (SD) under this sounds flat; lively speech is 2-4
MIN_VOICED_S = 1.0
SNR_CAP_DB = 60.0  # digital silence between words would make the ratio infinite
MUMBLE_PROBABILITY = 0.5
MUMBLE_RUN = 3


def in_spans(times: Floats, spans: Sequence[SpeechSpan]) -> npt.NDArray[np.bool_]:
    mask = np.zeros(len(times), bool)
    for span in spans:
        mask |= (times >= span.start) & (times < span.end)
    return mask


def clipped_fraction(samples: npt.NDArray[np.float32]) -> float:
    """Share of samples inside runs of CLIP_RUN or more at full scale (a flattened waveform)."""
    # Two comparisons and a view, not abs() and a cast: no float copy of a 30-minute signal.
    at_limit = ((samples >= CLIP_LEVEL) | (samples <= -CLIP_LEVEL)).view(np.int8)
    if len(at_limit) < CLIP_RUN or not at_limit.any():
        return 0.0
    runs = np.convolve(at_limit, np.ones(CLIP_RUN, np.int8), mode="valid") >= CLIP_RUN
    flagged = np.zeros(len(at_limit), bool)
    for offset in range(CLIP_RUN):
        flagged[offset : offset + len(runs)] |= runs
    return float(np.count_nonzero(flagged)) / len(samples)


def block_loudness(audio: AudioChunk) -> tuple[Floats, Floats]:
    """(block centre times, momentary loudness in LUFS) for every 100 ms step."""
    steps = loudness.weighted_step_energies(audio.samples, audio.sample_rate)
    blocks = loudness.block_energies(steps)
    # Block j covers steps j..j+3, i.e. [0.1 j, 0.1 j + 0.4) s.
    centres = np.arange(len(blocks), dtype=np.float64) * loudness.STEP_S + loudness.BLOCK_S / 2
    return centres, loudness.to_lufs(blocks)


def volume_metrics(audio: AudioChunk, speech16k: AudioChunk, spans: Sequence[SpeechSpan]) -> VolumeMetrics:
    """Integrated loudness on the audio as given; the speech-time measures on the 16 kHz copy."""
    integrated = (
        loudness.integrated_loudness(audio.samples, audio.sample_rate)
        if len(audio.samples)
        else (loudness.FLOOR_LUFS)
    )
    centres, lufs = block_loudness(speech16k)
    speaking = lufs[in_spans(centres, spans) & (lufs > loudness.ABSOLUTE_GATE_LUFS)]
    # Gated like integrated loudness, so a quiet half of the talk cannot drag the reference down to
    # itself (a median would) and hide the drop.
    speech_level = loudness.gated_loudness(loudness.to_energy(speaking)) if len(speaking) else None
    variation = float(np.std(speaking)) if len(speaking) >= 5 else None
    quiet = _quiet_stretches(centres, lufs, spans, speech_level) if speech_level is not None else ()
    level = peak(audio)
    clipped = clipped_fraction(audio.samples)
    return VolumeMetrics(
        integrated_lufs=integrated,
        speech_lufs=speech_level,
        variation_lu=variation,
        peak_dbfs=20.0 * float(np.log10(level)) if level > 0 else SILENCE_DBFS,
        clipped_fraction=clipped,
        clipping=clipped > 0,
        too_quiet=integrated < TOO_QUIET_LUFS,
        quiet_stretches=quiet,
    )


def _quiet_stretches(
    centres: Floats, lufs: Floats, spans: Sequence[SpeechSpan], speech_level: float
) -> tuple[QuietStretch, ...]:
    stretches = []
    limit = speech_level - QUIET_DROP_LU
    for span in spans:
        inside = (centres >= span.start) & (centres < span.end)
        quiet = inside & (lufs < limit)
        edges = np.diff(np.concatenate([[0], quiet.astype(np.int8), [0]]))
        for first, last in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
            start = float(centres[first] - loudness.STEP_S / 2)
            end = float(centres[last - 1] + loudness.STEP_S / 2)
            if end - start >= MIN_QUIET_S:
                level = float(loudness.to_lufs(float(np.mean(loudness.to_energy(lufs[first:last])))))
                stretches.append(QuietStretch(round(start, 2), round(end, 2), level))
    return tuple(stretches)


def pitch_metrics(frames: pitch.PitchFrames, spans: Sequence[SpeechSpan]) -> PitchMetrics | None:
    f0 = frames.f0[in_spans(frames.times + pitch.WINDOW_S / 2, spans)]
    voiced = pitch.clean_voiced(f0)
    voiced_seconds = len(voiced) * pitch.HOP_S
    if voiced_seconds < MIN_VOICED_S:
        return None
    median = float(np.median(voiced))
    low, high = (float(v) for v in np.percentile(voiced, [5, 95]))
    spread = float(np.std(pitch.semitones(voiced, median)))
    return PitchMetrics(
        median_hz=median,
        low_hz=low,
        high_hz=high,
        range_semitones=float(12.0 * np.log2(high / low)),
        variation_semitones=spread,
        voiced_seconds=voiced_seconds,
        monotone=spread < MONOTONE_SEMITONES,
    )


def clarity_metrics(
    speech16k: AudioChunk, spans: Sequence[SpeechSpan], words: Sequence[TranscribedWord], language: str
) -> ClarityMetrics:
    speech_db, noise_db, snr = signal_to_noise(speech16k, spans)
    content = [w for w in words if not is_hesitation(w.text, language)]
    probabilities = np.array([w.probability for w in content])
    return ClarityMetrics(
        snr_db=snr,
        speech_dbfs=speech_db,
        noise_dbfs=noise_db,
        mean_confidence=float(np.mean(probabilities)) if len(probabilities) else 0.0,
        low_confidence_words=int(np.count_nonzero(probabilities < MUMBLE_PROBABILITY)),
        mumbled=mumbled_stretches(content),
    )


def signal_to_noise(
    audio: AudioChunk, spans: Sequence[SpeechSpan]
) -> tuple[float, float | None, float | None]:
    """(speech level dBFS, background level dBFS, SNR dB) from 20 ms frame powers.

    Speech frames hold speech plus background, so the background power is subtracted from them.
    The background is measured in frames at least 0.1 s away from any speech; without enough of
    them (speech from end to end) there is no honest estimate and SNR is None.
    """
    frame = round(0.02 * audio.sample_rate)
    count = len(audio.samples) // frame
    powers = np.mean(
        np.square(audio.samples[: count * frame].astype(np.float64)).reshape(count, frame), axis=1
    )
    centres = (np.arange(count) + 0.5) * frame / audio.sample_rate
    speech = in_spans(centres, spans)
    near = in_spans(centres, [SpeechSpan(s.start - 0.1, s.end + 0.1) for s in spans])
    background = powers[~near]
    speech_power = float(np.mean(powers[speech])) if speech.any() else 0.0
    speech_db = _db(speech_power)
    if len(background) < 10:  # under 0.2 s of background
        return speech_db, None, None
    noise_power = float(np.mean(background))
    if noise_power <= 0:
        return speech_db, SILENCE_DBFS, SNR_CAP_DB
    clean_power = max(speech_power - noise_power, noise_power * 10 ** (-SNR_CAP_DB / 10))
    snr = min(10.0 * float(np.log10(clean_power / noise_power)), SNR_CAP_DB)
    return speech_db, _db(noise_power), snr


def _db(power: float) -> float:
    return max(10.0 * float(np.log10(power)), SILENCE_DBFS) if power > 0 else SILENCE_DBFS


def mumbled_stretches(words: Sequence[TranscribedWord]) -> tuple[MumbledStretch, ...]:
    """Runs of MUMBLE_RUN or more consecutive words the recogniser was unsure of."""
    stretches = []
    run: list[TranscribedWord] = []
    for word in [*words, None]:
        if word is not None and word.probability < MUMBLE_PROBABILITY:
            run.append(word)
            continue
        if len(run) >= MUMBLE_RUN:
            stretches.append(
                MumbledStretch(
                    start=run[0].start,
                    end=run[-1].end,
                    text=" ".join(w.text for w in run),
                    confidence=float(np.mean([w.probability for w in run])),
                )
            )
        run = []
    return tuple(stretches)
