"""A small (mu/mu_w, lambda)-CMA-ES (Hansen's tutorial, 2016), maximising, numpy only.

With a budget of ~50 evaluations in ~16 dimensions the covariance barely adapts; the search is mostly
a weighted-recombination evolution strategy with step-size control, which is what such a budget
supports. A seeded generator makes runs reproducible.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float64]


class CMAES:
    def __init__(self, mean: Vector, sigma: float, *, seed: int, population: int | None = None) -> None:
        n = len(mean)
        self.dimension = n
        self.mean = np.asarray(mean, np.float64).copy()
        self.sigma = sigma
        self.population = population or 4 + int(3 * math.log(n))
        self._rng = np.random.default_rng(seed)
        mu = self.population // 2
        raw = math.log(mu + 0.5) - np.log(np.arange(1, mu + 1))
        self._weights = raw / raw.sum()
        self._mueff = 1.0 / float(np.sum(self._weights**2))
        self._cc = (4 + self._mueff / n) / (n + 4 + 2 * self._mueff / n)
        self._cs = (self._mueff + 2) / (n + self._mueff + 5)
        self._c1 = 2 / ((n + 1.3) ** 2 + self._mueff)
        self._cmu = min(1 - self._c1, 2 * (self._mueff - 2 + 1 / self._mueff) / ((n + 2) ** 2 + self._mueff))
        self._damps = 1 + 2 * max(0.0, math.sqrt((self._mueff - 1) / (n + 1)) - 1) + self._cs
        self._chi_n = math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n**2))
        self._pc = np.zeros(n)
        self._ps = np.zeros(n)
        self._c = np.eye(n)
        self._generation = 0

    def ask(self) -> list[Vector]:
        """``population`` candidates drawn around the current mean."""
        values, vectors = np.linalg.eigh(self._c)
        root = vectors @ np.diag(np.sqrt(np.maximum(values, 1e-20))) @ vectors.T
        steps = self._rng.standard_normal((self.population, self.dimension))
        return [self.mean + self.sigma * (root @ z) for z in steps]

    def tell(self, candidates: list[Vector], scores: list[float]) -> None:
        """Update from the scores of (at least mu of) the candidates ``ask`` returned; higher is better."""
        mu = min(len(self._weights), len(candidates))
        order = np.argsort(scores)[::-1][:mu]
        weights = self._weights[:mu] / self._weights[:mu].sum()
        chosen = np.stack([(candidates[i] - self.mean) / self.sigma for i in order])
        step = weights @ chosen
        self.mean = self.mean + self.sigma * step
        values, vectors = np.linalg.eigh(self._c)
        inverse_root = vectors @ np.diag(1 / np.sqrt(np.maximum(values, 1e-20))) @ vectors.T
        n = self.dimension
        self._ps = (1 - self._cs) * self._ps + math.sqrt(self._cs * (2 - self._cs) * self._mueff) * (
            inverse_root @ step
        )
        self._generation += 1
        norm_ps = float(np.linalg.norm(self._ps))
        stalled = norm_ps / math.sqrt(
            1 - (1 - self._cs) ** (2 * self._generation)
        ) / self._chi_n < 1.4 + 2 / (n + 1)
        self._pc = (1 - self._cc) * self._pc + (
            math.sqrt(self._cc * (2 - self._cc) * self._mueff) * step if stalled else 0.0
        )
        rank_mu = (chosen.T * weights) @ chosen
        self._c = (
            (1 - self._c1 - self._cmu) * self._c
            + self._c1
            * (np.outer(self._pc, self._pc) + (0 if stalled else self._cc * (2 - self._cc)) * self._c)
            + self._cmu * rank_mu
        )
        self.sigma *= math.exp((self._cs / self._damps) * (norm_ps / self._chi_n - 1))
