"""Write the stock-voice profiles that ship with Vocalis (src/vocalis/cloning/data/stock-profiles.json).

A clone is searched and judged against every English stock voice: how each sounds to the search encoder
(one probe sentence) and to the judge (the held-out sentences). Computing that takes ~110 Kokoro renders
(2-4 minutes on 2 cores); shipping it means a new server's first clone does not pay for it. Entries are
keyed by the voice pack's checksum and the encoder, so packs other than the upstream Kokoro v1.0 ones
(or a changed encoder) are simply rendered and cached on first use as before.

    VOCALIS_VOICES_DIR=../shared/models/kokoro-voices .venv/bin/python scripts/build_stock_profiles.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from vocalis.cloning.basis import english_stock_voices  # noqa: E402
from vocalis.cloning.profiles import SEED_FILE, held_out_embeddings  # noqa: E402
from vocalis.cloning.service import VoiceCloner  # noqa: E402
from vocalis.config import Settings  # noqa: E402
from vocalis.graph import build_graph  # noqa: E402


def main() -> None:
    voices_dir = Path(
        os.environ.get("VOCALIS_VOICES_DIR") or REPO.parent / "shared" / "models" / "kokoro-voices"
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as data_dir:
        cache = Path(data_dir) / "stock-profiles.json"
        graph = build_graph(Settings(data_dir=Path(data_dir), voices_dir=voices_dir))
        cloner = VoiceCloner.from_engines(graph.engines, cache_file=cache, use_seed=False)
        profiles = cloner.profiles()
        judge = cloner.judge_for(profiles)
        held_out_embeddings(cloner.engine, english_stock_voices(cloner.engine), judge, cache, use_seed=False)
        entries = json.loads(cache.read_text())
    rounded = {key: _rounded(value) for key, value in sorted(entries.items())}
    SEED_FILE.parent.mkdir(parents=True, exist_ok=True)
    SEED_FILE.write_text(json.dumps(rounded, separators=(",", ":")) + "\n")
    size_kb = SEED_FILE.stat().st_size // 1024
    print(f"{len(rounded)} entries, {size_kb} KB, {time.perf_counter() - started:.0f} s")


def _rounded(value: object) -> object:
    """Six significant digits: far below the differences between CPUs, a third of the size."""
    if isinstance(value, float):
        return float(f"{value:.6g}")
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


if __name__ == "__main__":
    main()
