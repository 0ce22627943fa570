"""Sentence embeddings kept on disk, so that a new process does not embed the same texts again.

An interview library's key points (hundreds per language) are embedded before the first answer is
judged: seconds of CPU in every server start, CLI run and worker. They only change when the texts or
the model do, so each row is stored under a hash of the model, the role and the text, in one SQLite
file that any number of processes share (SQLite serialises their writes).

The store is a cache: a file that cannot be opened, read or written is the same as an empty one,
never an error, and a row of the wrong size or not of unit length is embedded again.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import closing
from pathlib import Path

import numpy as np

BUSY_TIMEOUT_S = 5.0  # another process writing: wait this long, then go without the cache
_BATCH = 500  # rows per lookup (SQLite's limit on bound parameters is far above it)
_NORM_TOLERANCE = 1e-3


class EmbeddingStore:
    def __init__(self, path: Path, *, model: str, dimensions: int) -> None:
        self.path = path
        self._model = model  # names the model and its version: another model's rows never match
        self._dimensions = dimensions

    def key(self, role: str, text: str) -> str:
        return hashlib.sha256(f"{self._model}\x00{role}\x00{text}".encode()).hexdigest()

    def get(self, role: str, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """The rows stored for those of ``texts`` that have one."""
        keys = {self.key(role, t): t for t in texts}
        if not keys or not self.path.is_file():
            return {}
        found: dict[str, np.ndarray] = {}
        try:
            with closing(self._connect()) as db:
                listed = list(keys)
                for i in range(0, len(listed), _BATCH):
                    batch = listed[i : i + _BATCH]
                    marks = ",".join("?" * len(batch))  # the keys themselves are bound
                    query = f"SELECT key, vector FROM embeddings WHERE key IN ({marks})"
                    for key, blob in db.execute(query, batch):
                        row = self._row(blob)
                        if row is not None:
                            found[keys[key]] = row
        except sqlite3.Error:
            return {}
        return found

    def put(self, role: str, rows: Mapping[str, np.ndarray]) -> None:
        if not rows:
            return
        values = [(self.key(role, t), np.asarray(r, np.float32).tobytes()) for t, r in rows.items()]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as db, db:
                db.execute(
                    "CREATE TABLE IF NOT EXISTS embeddings (key TEXT PRIMARY KEY, vector BLOB NOT NULL)"
                )
                db.executemany("INSERT OR REPLACE INTO embeddings (key, vector) VALUES (?, ?)", values)
        except (sqlite3.Error, OSError):
            pass  # read-only or full disk: the rows are embedded again next time

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)

    def _row(self, blob: object) -> np.ndarray | None:
        if not isinstance(blob, bytes) or len(blob) != self._dimensions * 4:
            return None
        row = np.frombuffer(blob, np.float32).copy()
        if not np.all(np.isfinite(row)) or abs(float(np.linalg.norm(row)) - 1.0) > _NORM_TOLERANCE:
            return None
        return row
