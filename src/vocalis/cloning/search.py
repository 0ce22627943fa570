"""The search: a seeded CMA-ES over blend weights of the stock voices nearest to the sample and
coefficients along the basis's principal directions, scored by one speaker encoder on a probe
sentence; the best few are re-scored on a second probe and checked for voicing and pitch drift.

~50 evaluations (each: render a ~3 s probe and embed it, ~1-1.4 s on 2 cores) is the budget an
experiment found useful; more mostly overfits the search encoder.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.equalizer import Equalizer, Tone
from vocalis.cloning.basis import Basis
from vocalis.cloning.cmaes import CMAES
from vocalis.cloning.profiles import StockProfile
from vocalis.cloning.render import HELD_OUT, PROBES, TableRenderer
from vocalis.cloning.voicing import Voicing, VoicingCheck, check_voicing, semitones_between
from vocalis.engines.kokoro import KokoroEngine
from vocalis.engines.kokoro_packs import StyleTable
from vocalis.engines.protocols import Embedding, SpeakerEncoder
from vocalis.engines.speaker import cosine
from vocalis.errors import CloneCancelled

Vector = npt.NDArray[np.float64]


@dataclass(frozen=True)
class SearchSettings:
    evaluations: int = 50  # probe renders the CMA-ES may spend, the starting blend included
    rerank: int = 10  # best candidates re-scored on the second probe
    seed: int = 0
    blend_voices: int = 8  # nearest stock voices the blend draws on
    start_blends: tuple[int, ...] = (1, 2, 3, 5)  # even blends of the nearest N tried first
    directions: int = 8  # principal directions of the basis tables the search may move along
    weight_step: float = 0.15  # initial step of each (unnormalised) blend weight
    direction_step: float = 0.25  # in standard deviations of the stock voices along each direction
    # Nearest stock voices (by the search encoder) the judge also scores, the best being the comparison;
    # 0: every English stock voice. Their scores are cached, so this costs renders once per server.
    judged_stock: int = 0
    # Speaker encoders barely hear pitch (a low male sample's nearest voice by the d-vector sat 5
    # semitones higher), so each semitone beyond the tolerance from the sample's median pitch costs
    # this much similarity.
    pitch_weight: float = 0.015
    pitch_tolerance_st: float = 1.0
    # The clone's tone (long-term spectrum) is matched to the sample's by an equaliser of at most
    # this many dB per band; 0 leaves the rendered tone alone.
    tone_max_db: float = 6.0

    @classmethod
    def for_budget(cls, evaluations: int, *, seed: int = 0, judged_stock: int = 0) -> SearchSettings:
        """Re-rank about a fifth of the budget (10 of the default 50), at least 2."""
        return cls(
            evaluations=evaluations,
            rerank=max(2, min(10, evaluations // 5)),
            seed=seed,
            judged_stock=judged_stock,
        )

    @property
    def total(self) -> int:
        """Every render a cloning makes after profiling: probes, re-ranking, the stock voice's two
        probes and the clone's held-out sentences."""
        return self.evaluations + self.rerank + 2 + len(HELD_OUT)


@dataclass(frozen=True)
class Progress:
    stage: str  # "profiling", "searching", "reranking", "judging"
    done: int
    total: int
    best: float | None  # best search score so far: similarity less any pitch penalty
    eta_s: float | None


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True, eq=False)
class SearchResult:
    table: StyleTable
    base_voice: str  # whose reading rules (accent) the clone uses
    weights: tuple[tuple[str, float], ...]
    coefficients: tuple[float, ...]
    score: float  # search encoder's similarity, mean over both probes (without the pitch penalty)
    stock_score: float  # its similarity on the same probes
    voicing: VoicingCheck
    evaluations: int
    rejected: int  # re-ranked candidates refused for voicing or pitch drift
    seconds: float
    probes: tuple[AudioChunk, ...]  # both probe sentences rendered with the chosen table


@dataclass(frozen=True, eq=False)
class _Evaluated:
    params: Vector
    score: float  # similarity less the pitch penalty: what the search maximises
    similarity: float
    audio: AudioChunk  # the first probe as rendered, kept for the voicing check


class TableSearch:
    def __init__(
        self,
        engine: KokoroEngine,
        basis: Basis,
        encoder: SpeakerEncoder,
        profiles: dict[str, StockProfile],
        settings: SearchSettings,
    ) -> None:
        self._engine = engine
        self._basis = basis
        self._encoder = encoder
        self._profiles = profiles
        self._settings = settings

    def run(
        self,
        target: Embedding,
        sample: Voicing,
        *,
        counter: ProgressCounter,
        speech: AudioChunk | None = None,
    ) -> SearchResult:
        """Search for the table closest to ``target``; with the sample's ``speech``, every candidate
        is heard in its tone matched to the sample's (the table and the equaliser are found together)."""
        s = self._settings
        started = time.perf_counter()
        sample_f0 = sample.median_f0
        ranking = sorted(
            ((v, cosine(target, self._profiles[v].embedding)) for v in self._basis.voice_ids),
            key=lambda item: -item[1],
        )
        nearest = ranking[0][0]
        base = base_voice(ranking)
        blend = [v for v, _ in ranking[: s.blend_voices]]
        renderer = TableRenderer(self._engine, base)
        k = len(self._basis.directions[: s.directions])
        scale = np.concatenate([np.full(len(blend), s.weight_step), np.full(k, s.direction_step)])
        counter.begin("searching")

        def table_of(params: Vector) -> StyleTable:
            return self._basis.table(
                dict(zip(blend, _weights(params[: len(blend)]), strict=True)), params[len(blend) :]
            )

        tone = Tone.of(speech) if speech is not None and s.tone_max_db > 0 else None
        # Renders by sentence and table: the first starting point is the nearest voice alone, whose
        # table is the stock voice's, so the stock comparison (and that start's re-ranking, when it is
        # a finalist) reuse its renders instead of making the same audio again (Kokoro is deterministic).
        rendered: dict[tuple[str, bytes], AudioChunk] = {}

        def render(probe: str, table: StyleTable) -> AudioChunk:
            key = (probe, hashlib.blake2b(table.tobytes(), digest_size=16).digest())
            if key not in rendered:
                rendered[key] = renderer.render(probe, table)
            return rendered[key]

        def heard(audio: AudioChunk) -> AudioChunk:
            """The render as the clone will sound: in the tone matched to the sample's."""
            if tone is None:
                return audio
            return Equalizer.matching(tone, audio, max_gain_db=s.tone_max_db).apply(audio)

        def objective(audio: AudioChunk) -> tuple[float, float]:
            similarity = cosine(target, self._encoder.embed(heard(audio)))
            f0 = Voicing.measure(audio).median_f0 if sample_f0 else None
            off = abs(semitones_between(f0, sample_f0)) if f0 and sample_f0 else 0.0
            return similarity - s.pitch_weight * max(0.0, off - s.pitch_tolerance_st), similarity

        def score(params: Vector, probe: str) -> tuple[float, float, AudioChunk]:
            counter.check()
            audio = render(probe, table_of(params))
            value, similarity = objective(audio)
            counter.tick(value)
            return value, similarity, audio

        # Starting points: the nearest voice alone and even blends of the nearest few; the search
        # then explores around the best of them.
        evaluated: list[_Evaluated] = []
        for size in s.start_blends[: s.evaluations]:
            start = np.concatenate([np.where(np.arange(len(blend)) < size, 1.0 / size, 0.0), np.zeros(k)])
            evaluated.append(_Evaluated(start, *score(start, PROBES[0])))
        origin = max(evaluated, key=lambda e: e.score).params
        strategy = CMAES(np.zeros(len(origin)), 1.0, seed=s.seed)
        while len(evaluated) < s.evaluations:
            steps = strategy.ask()[: s.evaluations - len(evaluated)]
            batch = [_Evaluated(origin + scale * y, *score(origin + scale * y, PROBES[0])) for y in steps]
            evaluated += batch
            if len(steps) == strategy.population:
                strategy.tell(steps, [e.score for e in batch])

        counter.stage = "reranking"
        stock_table = self._basis.tables[self._basis.voice_ids.index(nearest)]
        stock_audio = [render(p, stock_table) for p in PROBES]
        counter.tick(None, count=2)
        stock_score, stock_similarity = (
            float(x) for x in np.mean([objective(a) for a in stock_audio], axis=0)
        )
        stock_voicing = Voicing.measure(AudioChunk.concat(stock_audio, stock_audio[0].sample_rate))
        finalists = sorted(evaluated, key=lambda e: -e.score)[: s.rerank]
        rescored: list[tuple[float, float, _Evaluated, list[AudioChunk]]] = []
        for candidate in finalists:
            second, similarity, audio = score(candidate.params, PROBES[1])
            rescored.append(
                ((candidate.score + second) / 2, (candidate.similarity + similarity) / 2, candidate,
                 [candidate.audio, audio])
            )  # fmt: skip
        rescored.sort(key=lambda item: -item[0])
        rejected = 0
        # The stock voice itself is the answer unless a candidate beats it and keeps its voicing.
        chosen: tuple[float, Vector | None, VoicingCheck, list[AudioChunk]] = (
            stock_similarity,
            None,
            check_voicing(stock_voicing, stock_voicing, sample_f0, sample.voiced_fraction),
            stock_audio,
        )
        for combined, similarity, candidate, renders in rescored:
            if combined <= stock_score:
                break
            clone_voicing = Voicing.measure(AudioChunk.concat(renders, renders[0].sample_rate))
            check = check_voicing(clone_voicing, stock_voicing, sample_f0, sample.voiced_fraction)
            if check.passed:
                chosen = (similarity, candidate.params, check, renders)
                break
            rejected += 1
        similarity_, params, voicing, probes = chosen
        weights = [1.0] + [0.0] * (len(blend) - 1) if params is None else _weights(params[: len(blend)])
        return SearchResult(
            table=stock_table.copy() if params is None else table_of(params),
            base_voice=base,
            weights=tuple((v, round(float(w), 4)) for v, w in zip(blend, weights, strict=True) if w >= 1e-4),
            coefficients=() if params is None else tuple(round(float(c), 4) for c in params[len(blend) :]),
            score=round(similarity_, 4),
            stock_score=round(stock_similarity, 4),
            voicing=voicing,
            evaluations=len(evaluated) + len(rescored),
            rejected=rejected,
            seconds=round(time.perf_counter() - started, 1),
            probes=tuple(probes),
        )


def base_voice(ranking: list[tuple[str, float]], top: int = 2) -> str:
    """The nearest voice of the accent whose ``top`` nearest voices are nearest on average: the
    d-vector hears the speaker more than the accent, so the single nearest voice may read British for
    an American sample. (Summed votes of the nearest few would favour American, which has 20 voices
    to British's 8.) Ties go to the nearest voice's accent."""
    by_accent: dict[str, list[float]] = {}
    for voice, similarity in ranking:  # best first
        by_accent.setdefault(voice[0], []).append(similarity)
    score = {accent: float(np.mean(values[:top])) for accent, values in by_accent.items()}
    accent = max(score, key=lambda a: (score[a], a == ranking[0][0][0]))
    return next(v for v, _ in ranking if v[0] == accent)


def _weights(raw: Vector) -> list[float]:
    """Blend weights from search coordinates: negatives switch a voice off, the rest sum to 1."""
    positive = np.maximum(raw, 0.0)
    total = float(positive.sum())
    if total <= 1e-9:
        positive, total = np.eye(len(raw))[0], 1.0  # all off: the nearest voice alone
    return [float(w) for w in positive / total]


class ProgressCounter:
    """Counts renders, reports progress with an ETA from the mean time per render, honours cancel."""

    def __init__(
        self, total: int, progress: ProgressCallback | None = None, cancel: threading.Event | None = None
    ) -> None:
        self.total = total
        self.done = 0
        self.best: float | None = None
        self.stage = "searching"
        self._started = time.perf_counter()
        self._progress = progress
        self._cancel = cancel

    def check(self) -> None:
        if self._cancel is not None and self._cancel.is_set():
            raise CloneCancelled("cloning was cancelled")

    def begin(self, stage: str) -> None:
        """Start the clock for the ETA: renders before this (profiling) are not counted."""
        self._started = time.perf_counter()
        self.report(stage)

    def report(self, stage: str) -> None:
        self.stage = stage
        self.tick(None, count=0)

    def tick(self, value: float | None, count: int = 1) -> None:
        self.done += count
        if value is not None and (self.best is None or value > self.best):
            self.best = round(value, 4)
        if self._progress is not None:
            elapsed = time.perf_counter() - self._started
            eta = elapsed / self.done * max(0, self.total - self.done) if self.done else None
            self._progress(
                Progress(self.stage, min(self.done, self.total), self.total, self.best, eta and round(eta, 1))
            )
