"""A cloned voice's style table as stored bytes (.npy, no pickle), checked when read back."""

from __future__ import annotations

import io

import numpy as np

from vocalis.engines.kokoro_packs import PACK_SHAPE, StyleTable
from vocalis.errors import VoicePackUnreadable


def table_bytes(table: StyleTable) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, np.asarray(table, np.float32), allow_pickle=False)
    return buffer.getvalue()


def read_table(data: bytes, voice_id: str) -> StyleTable:
    try:
        table = np.load(io.BytesIO(data), allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise VoicePackUnreadable(f"cloned voice {voice_id} cannot be read: {exc}", source=voice_id) from exc
    if table.shape != PACK_SHAPE or table.dtype != np.float32 or not np.isfinite(table).all():
        raise VoicePackUnreadable(f"cloned voice {voice_id} has a damaged style table", source=voice_id)
    return np.asarray(table)
