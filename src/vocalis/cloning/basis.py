"""The search space: the stock English Kokoro style tables, and their principal directions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from vocalis.engines.kokoro import KokoroEngine
from vocalis.engines.kokoro_packs import StyleTable
from vocalis.errors import ModelUnavailable

ENGLISH_PREFIXES = ("af_", "am_", "bf_", "bm_")
MIN_BASIS = 4

Tables = npt.NDArray[np.float32]


@dataclass(frozen=True, eq=False)
class Basis:
    voice_ids: tuple[str, ...]
    tables: Tables  # (voices, 510, 256)
    directions: Tables  # (k, 510, 256): principal directions, each scaled to one standard deviation

    def table(self, weights: dict[str, float], coefficients: npt.NDArray[np.float64]) -> StyleTable:
        """A blend of basis voices (weights summing to 1) moved along the principal directions."""
        index = {v: i for i, v in enumerate(self.voice_ids)}
        table = np.zeros(self.tables.shape[1:], np.float32)
        for voice, weight in weights.items():
            table += np.float32(weight) * self.tables[index[voice]]
        for coefficient, direction in zip(coefficients, self.directions, strict=False):
            table += np.float32(coefficient) * direction
        return table


def english_stock_voices(engine: KokoroEngine) -> list[str]:
    return sorted(
        v.id for v in engine.voices() if v.id.startswith(ENGLISH_PREFIXES) and v.engine == engine.name
        and v.language.startswith("en") and not v.id.startswith("clone_")
    )  # fmt: skip


def build_basis(engine: KokoroEngine, *, exclude: tuple[str, ...] = (), directions: int = 8) -> Basis:
    voices = [v for v in english_stock_voices(engine) if v not in exclude]
    if len(voices) < MIN_BASIS:
        raise ModelUnavailable(
            f"cloning needs the English Kokoro voice packs; found {len(voices)} "
            "(set VOCALIS_VOICES_DIR or run `vocalis models pull kokoro-voices`)"
        )
    tables = np.stack([engine.pack_table(v) for v in voices]).astype(np.float32)
    flat = tables.reshape(len(voices), -1).astype(np.float64)
    centred = flat - flat.mean(axis=0)
    # The Gram matrix is voices x voices, so this SVD is cheap whatever the table size.
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    k = min(directions, len(voices) - 1)
    scaled = vt[:k] * (singular[:k, None] / np.sqrt(len(voices)))
    return Basis(tuple(voices), tables, scaled.reshape(k, *tables.shape[1:]).astype(np.float32))
