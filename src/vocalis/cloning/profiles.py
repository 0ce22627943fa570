"""What each stock voice sounds like to the search (its embedding, voicing and spectral statistics on
the first probe sentence) and to the judge (its embeddings of the held-out sentences, which every
clone is compared with). Rendering 29 voices takes ~30 s per sentence, and the answers only change
when a voice pack or an encoder does, so both are cached on disk keyed by both. Processes that share
the cache (server replicas, workers, parallel test runs) take turns to fill it: whoever holds the lock
renders what is missing, the others then read it instead of rendering it again.

The profiles of the upstream Kokoro v1.0 English packs ship with Vocalis (``data/stock-profiles.json``,
written by ``scripts/build_stock_profiles.py``), read beneath the on-disk cache: a new server's first
clone does not spend ~110 renders on them. Other packs, or a changed encoder, miss those keys and are
rendered and cached as before."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from vocalis.cloning.basis import Basis
from vocalis.cloning.judge import Features, SpectralStatsEncoder
from vocalis.cloning.render import HELD_OUT, PROBES, TableRenderer
from vocalis.cloning.voicing import Voicing
from vocalis.engines.kokoro import KokoroEngine
from vocalis.engines.protocols import Embedding, SpeakerEncoder

CACHE_VERSION = 1
SEED_FILE = Path(__file__).resolve().parent / "data" / "stock-profiles.json"


@dataclass(frozen=True, eq=False)
class StockProfile:
    voice_id: str
    embedding: Embedding  # the search encoder's, on PROBES[0]
    voicing: Voicing
    features: Features  # SpectralStatsEncoder.features


def _key(
    voice_id: str, table: np.ndarray, encoder: SpeakerEncoder, texts: tuple[str, ...] = PROBES[:1]
) -> str:
    digest = hashlib.sha256(table.tobytes())
    digest.update(f"{CACHE_VERSION}|{encoder.name}|{'|'.join(texts)}".encode())
    return f"{voice_id}:{digest.hexdigest()[:20]}"


def held_out_embeddings(
    engine: KokoroEngine,
    voices: list[str],
    judge: SpeakerEncoder,
    cache_file: Path | None,
    on_render: Callable[[], None] | None = None,
    *,
    use_seed: bool = True,
) -> dict[str, list[Embedding]]:
    """The judge's embedding of each held-out sentence read by each stock voice (with its own rules)."""
    keys = {v: "judge:" + _key(v, engine.pack_table(v), judge, HELD_OUT) for v in voices}
    with _filling(cache_file, keys.values(), use_seed):
        return _held_out_embeddings(engine, voices, judge, cache_file, on_render, use_seed)


def _held_out_embeddings(
    engine: KokoroEngine,
    voices: list[str],
    judge: SpeakerEncoder,
    cache_file: Path | None,
    on_render: Callable[[], None] | None,
    use_seed: bool,
) -> dict[str, list[Embedding]]:
    cached = _known(cache_file, use_seed)
    out: dict[str, list[Embedding]] = {}
    made: list[str] = []
    for voice in voices:
        table = engine.pack_table(voice)
        key = "judge:" + _key(voice, table, judge, HELD_OUT)
        entry = cached.get(key)
        if entry is None:
            renders = TableRenderer(engine, voice).render_all(HELD_OUT, table)
            entry = cached[key] = {"held_out": [[float(x) for x in judge.embed(r)] for r in renders]}
            made.append(key)
            if on_render is not None:
                on_render()
        out[voice] = [np.asarray(e, np.float32) for e in entry["held_out"]]
    if made and cache_file is not None:
        _write(cache_file, {**_read(cache_file), **{k: cached[k] for k in made}})
    return out


def stock_profiles(
    engine: KokoroEngine,
    basis: Basis,
    encoder: SpeakerEncoder,
    cache_file: Path | None,
    *,
    use_seed: bool = True,
) -> dict[str, StockProfile]:
    keys = [_key(voice, basis.tables[i], encoder) for i, voice in enumerate(basis.voice_ids)]
    with _filling(cache_file, keys, use_seed):
        return _stock_profiles(engine, basis, encoder, cache_file, use_seed)


def _stock_profiles(
    engine: KokoroEngine,
    basis: Basis,
    encoder: SpeakerEncoder,
    cache_file: Path | None,
    use_seed: bool,
) -> dict[str, StockProfile]:
    cached = _known(cache_file, use_seed)
    profiles: dict[str, StockProfile] = {}
    made: list[str] = []
    for index, voice in enumerate(basis.voice_ids):
        table = basis.tables[index]
        key = _key(voice, table, encoder)
        entry = cached.get(key)
        if entry is None:
            audio = TableRenderer(engine, voice).render(PROBES[0], table)
            entry = {
                "embedding": [float(x) for x in encoder.embed(audio)],
                "voicing": dataclasses.asdict(Voicing.measure(audio)),
                "features": [float(x) for x in SpectralStatsEncoder.features(audio)],
            }
            cached[key] = entry
            made.append(key)
        profiles[voice] = StockProfile(
            voice_id=voice,
            embedding=np.asarray(entry["embedding"], np.float32),
            voicing=Voicing(**entry["voicing"]),
            features=np.asarray(entry["features"], np.float64),
        )
    if made and cache_file is not None:
        _write(cache_file, {**_read(cache_file), **{k: cached[k] for k in made}})
    return profiles


@contextmanager
def _filling(cache_file: Path | None, keys: Iterable[str], use_seed: bool = False) -> Iterator[None]:
    """Holds the cache's lock while entries are missing (none needed when everything is cached)."""
    if cache_file is None or set(keys) <= _known(cache_file, use_seed).keys():
        yield
        return
    try:
        import fcntl
    except ImportError:  # Windows: no lock, at worst two processes render the same voices
        yield
        return
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    with open(cache_file.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@cache
def _seed() -> dict[str, dict[str, Any]]:
    return _read(SEED_FILE)


def _known(path: Path | None, use_seed: bool) -> dict[str, dict[str, Any]]:
    """The on-disk cache over the shipped profiles (a copy: callers add to it)."""
    return {**(_seed() if use_seed else {}), **_read(path)}


def _read(path: Path | None) -> dict[str, dict[str, Any]]:
    if path is None or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a damaged cache is rebuilt, never fatal
    return data if isinstance(data, dict) else {}


def _write(path: Path, data: dict[str, dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_text(json.dumps(data), encoding="utf-8")
    partial.replace(path)
