"""Cloned voices on disk: ``<id>.npy`` (the style table) and ``<id>.json`` (the record) side by side
under ``settings.data_dir / "voices"``, and putting them where the engine and library find them."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from vocalis.cloning.record import ClonedVoice
from vocalis.config import Settings
from vocalis.engines.g2p import Accent
from vocalis.engines.kokoro import ExtraVoice, KokoroEngine
from vocalis.engines.kokoro_packs import PACK_SHAPE, StyleTable
from vocalis.errors import NotFound, StorageUnavailable, UnknownVoice, VoicePackUnreadable
from vocalis.voices.library import VoiceLibrary

CLONE_ID = re.compile(r"^clone_[0-9a-f]{8,32}$")


@dataclass(frozen=True, eq=False)
class StoredClone:
    record: ClonedVoice
    table: StyleTable


def clones_dir(settings: Settings) -> Path:
    return settings.data_dir / "voices"


class CloneStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _paths(self, voice_id: str) -> tuple[Path, Path]:
        if not CLONE_ID.match(voice_id):
            raise UnknownVoice(f"{voice_id!r} is not a cloned voice id", voice=voice_id)
        return self.directory / f"{voice_id}.npy", self.directory / f"{voice_id}.json"

    def save(self, record: ClonedVoice, table: StyleTable) -> None:
        """Table first, record last: a record on disk always has its table."""
        table_path, record_path = self._paths(record.id)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            _write_atomically(table_path, lambda f: np.save(f, np.asarray(table, np.float32)))
            text = json.dumps(record.to_dict(), indent=1, ensure_ascii=False).encode()
            _write_atomically(record_path, lambda f: f.write(text))
        except OSError as exc:
            raise StorageUnavailable(f"cannot save cloned voice in {self.directory}: {exc}") from exc

    def load(self, voice_id: str) -> StoredClone:
        table_path, record_path = self._paths(voice_id)
        if not record_path.is_file():
            raise NotFound(f"no cloned voice {voice_id!r}", voice=voice_id)
        try:
            record = ClonedVoice.from_dict(json.loads(record_path.read_text(encoding="utf-8")))
            table = np.load(table_path, allow_pickle=False)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise VoicePackUnreadable(
                f"cloned voice {voice_id} cannot be read: {exc}", source=str(record_path)
            ) from exc
        if table.shape != PACK_SHAPE or table.dtype != np.float32 or not np.isfinite(table).all():
            raise VoicePackUnreadable(
                f"cloned voice {voice_id} has a damaged style table", source=str(table_path)
            )
        return StoredClone(record, table)

    def list(self) -> list[StoredClone]:
        """Every readable clone, oldest first; damaged ones are skipped, not fatal."""
        found: list[StoredClone] = []
        for path in sorted(self.directory.glob("clone_*.json")):
            try:
                found.append(self.load(path.stem))
            except (NotFound, UnknownVoice, VoicePackUnreadable):
                continue
        return sorted(found, key=lambda c: c.record.created_at)

    def delete(self, voice_id: str) -> None:
        for path in self._paths(voice_id)[::-1]:
            path.unlink(missing_ok=True)


def install(clone: StoredClone, engine: KokoroEngine, library: VoiceLibrary | None = None) -> None:
    """Make a clone renderable by the Kokoro engine and resolvable (alone or in blends) by the library."""
    info = clone.record.voice_info()
    accent = Accent.GB if clone.record.language == "en-GB" else Accent.US
    engine.add_voice(ExtraVoice(info=info, g2p=accent, table=clone.table))
    if library is not None:
        library.register(info)


def install_saved_clones(
    settings: Settings, engine: KokoroEngine, library: VoiceLibrary | None = None
) -> int:
    """Load every saved clone into the engine (and library); returns how many."""
    clones = CloneStore(clones_dir(settings)).list()
    for clone in clones:
        install(clone, engine, library)
    return len(clones)


def _write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    with partial.open("wb") as file:
        write(file)
    partial.replace(path)
