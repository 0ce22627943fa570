"""The search never renders the same sentence with the same table twice: the nearest voice alone (its
first starting point) is the stock voice it is compared with. A plumbing test, with an engine that
makes a tone from the table and an encoder that hears that tone (the real search: tests/cloning/
test_clone.py); the search's result with the real engines was the same before and after the reuse."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from vocalis.audio.chunk import AudioChunk
from vocalis.cloning.basis import Basis
from vocalis.cloning.profiles import StockProfile
from vocalis.cloning.render import PROBES
from vocalis.cloning.search import ProgressCounter, SearchSettings, TableSearch
from vocalis.cloning.voicing import Voicing

RATE = 24_000
VOICES = ("am_adam", "am_eric", "am_liam", "af_bella", "af_sky", "bm_george")


@dataclass
class ToneEngine:
    """Renders one second of a tone whose pitch follows the table: each table sounds different."""

    renders: Counter[tuple[str, bytes]] = field(default_factory=Counter)

    def prepare(self, text: str, voice: object, language: str | None = None) -> str:
        return text

    def render_table(self, prepared: str, table: np.ndarray, speed: float) -> AudioChunk:
        self.renders[(prepared, table.tobytes())] += 1
        pitch = 110.0 + 400.0 * abs(float(table.mean()))
        t = np.arange(RATE) / RATE
        return AudioChunk((0.3 * np.sin(2 * np.pi * pitch * t)).astype(np.float32), RATE)


class PitchEncoder:
    name = "pitch"

    def embed(self, audio: AudioChunk) -> np.ndarray:
        spectrum = np.abs(np.fft.rfft(audio.samples))[:2000]
        return (spectrum / np.linalg.norm(spectrum)).astype(np.float32)


def test_no_sentence_is_rendered_twice_with_the_same_table() -> None:
    rng = np.random.default_rng(0)
    tables = rng.normal(0.0, 0.2, (len(VOICES), 510, 256)).astype(np.float32)
    directions = rng.normal(0.0, 0.05, (8, 510, 256)).astype(np.float32)
    basis = Basis(VOICES, tables, directions)
    engine, encoder = ToneEngine(), PitchEncoder()
    profiles = {}
    for voice, table in zip(VOICES, tables, strict=True):
        audio = engine.render_table(PROBES[0], table, 1.0)
        profiles[voice] = StockProfile(voice, encoder.embed(audio), Voicing.measure(audio), np.zeros(4))
    engine.renders.clear()
    settings = SearchSettings.for_budget(6)
    target = profiles["am_eric"].embedding * 0.7 + profiles["am_adam"].embedding * 0.3
    target /= np.linalg.norm(target)
    nearest = max(VOICES, key=lambda v: float(target @ profiles[v].embedding))
    result = TableSearch(engine, basis, encoder, profiles, settings).run(  # type: ignore[arg-type]
        target, Voicing(1.0, None), counter=ProgressCounter(settings.total)
    )
    assert max(engine.renders.values()) == 1  # nothing rendered twice
    # 6 evaluations and 2 re-ranked; the stock voice's first sentence is the first evaluation's render
    assert result.evaluations == 8
    assert sum(engine.renders.values()) <= settings.evaluations + settings.rerank + 1
    nearest_table = tables[VOICES.index(nearest)].tobytes()
    assert {p for p, t in engine.renders if t == nearest_table} == set(PROBES)  # each once
