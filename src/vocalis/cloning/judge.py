"""Scoring a voice against the sample on held-out sentences, with the encoder that did NOT search.

The judge is Resemblyzer's encoder (scripts/setup installs its weights). Should they be missing, a plain
statistic stands in: means and spreads of 20 mel-cepstral coefficients over loud frames plus
log-pitch mean and spread, standardised over the stock voices (the population) and compared by
cosine. It shares no model with the search's d-vector, so it is independent, but it is weaker and
also hears the recording channel; every record names the judge that scored it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from vocalis.analysis.pitch import clean_voiced, track
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.mel import mel_filters, periodic_window, power_mel
from vocalis.audio.resample import resample
from vocalis.engines.protocols import Embedding, SpeakerEncoder
from vocalis.engines.speaker import cosine, mean_embedding

Features = npt.NDArray[np.float64]
RATE = 16_000
CEPSTRA = 20
LOUD_DB = 6.0  # frames within this many dB (natural log units x 10 / ln 10, roughly) of the loudest


class SpectralStatsEncoder:
    name = "spectral-stats"
    sample_rate = RATE

    def __init__(self, population: Sequence[Features]) -> None:
        stacked = np.stack(list(population))
        self._mean = stacked.mean(axis=0)
        self._scale = np.maximum(stacked.std(axis=0), 1e-6)

    @staticmethod
    def features(audio: AudioChunk) -> Features:
        samples = resample(audio, RATE).samples
        mel = power_mel(
            samples,
            n_fft=512,
            win=400,
            hop=160,
            window=periodic_window("hamming", 400),
            filters=mel_filters(RATE, 512, 40),
        )
        log_mel = np.log(mel.astype(np.float64) + 1e-8)
        energy = log_mel.max(axis=1)
        loud = log_mel[energy > energy.max() - LOUD_DB]
        bands = np.arange(40)
        dct = np.cos(np.pi / 40 * (bands[None, :] + 0.5) * np.arange(1, CEPSTRA + 1)[:, None])
        cepstra = loud @ dct.T
        f0 = clean_voiced(track(samples, RATE).f0)
        log_f0 = np.log(f0) if len(f0) else np.zeros(1)
        # Pitch statistics weigh about as much as a few cepstra after standardisation.
        return np.concatenate([cepstra.mean(axis=0), cepstra.std(axis=0), [log_f0.mean(), log_f0.std()]])

    def embed(self, audio: AudioChunk) -> Embedding:
        z = (self.features(audio) - self._mean) / self._scale
        return np.asarray(z / max(float(np.linalg.norm(z)), 1e-12), dtype=np.float32)


def voice_similarity(judge: SpeakerEncoder, reference: Embedding, renders: Sequence[AudioChunk]) -> float:
    """Cosine between the sample's embedding and the pooled embedding of a voice's sentences."""
    return round(cosine(reference, mean_embedding([judge.embed(r) for r in renders])), 4)


def anchor_similarity(judge: SpeakerEncoder, windows: Sequence[AudioChunk]) -> float | None:
    """The sample against itself (first half of its speech against the second): what a perfect copy
    of the speaker could score with this judge. None when there is too little speech to split."""
    if len(windows) < 4:
        return None
    half = len(windows) // 2
    first = AudioChunk.concat(list(windows[:half]), windows[0].sample_rate)
    second = AudioChunk.concat(list(windows[half:]), windows[0].sample_rate)
    return round(cosine(judge.embed(first), judge.embed(second)), 4)
