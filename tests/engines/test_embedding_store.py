"""The on-disk store of sentence embeddings: rows come back as stored, only for their model and role,
and a missing, damaged or unwritable file is an empty cache, never an error."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np

from vocalis.engines.embedding_store import EmbeddingStore


def unit(seed: int, dimensions: int = 8) -> np.ndarray:
    row = np.random.default_rng(seed).normal(size=dimensions).astype(np.float32)
    return row / np.linalg.norm(row)


def test_rows_come_back_as_stored_for_their_model_and_role_only(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "store.sqlite3"
    store = EmbeddingStore(path, model="e5/1", dimensions=8)
    assert store.get("query", ["a", "b"]) == {}  # no file yet
    store.put("query", {"a": unit(1), "b": unit(2)})
    found = store.get("query", ["a", "b", "c"])
    assert sorted(found) == ["a", "b"]
    np.testing.assert_array_equal(found["a"], unit(1))
    assert store.get("passage", ["a"]) == {}
    assert EmbeddingStore(path, model="e5/2", dimensions=8).get("query", ["a"]) == {}
    store.put("query", {"a": unit(3)})  # embedded again (another CPU): the newer row wins
    np.testing.assert_array_equal(store.get("query", ["a"])["a"], unit(3))


def test_many_texts_are_looked_up_in_batches(tmp_path: Path) -> None:
    store = EmbeddingStore(tmp_path / "store.sqlite3", model="m", dimensions=8)
    texts = [f"text {i}" for i in range(1_234)]
    store.put("query", {t: unit(i) for i, t in enumerate(texts)})
    found = store.get("query", texts)
    assert len(found) == len(texts)
    np.testing.assert_array_equal(found["text 1233"], unit(1233))


def test_a_damaged_or_unwritable_store_is_an_empty_cache(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database" * 100)
    store = EmbeddingStore(garbage, model="m", dimensions=8)
    assert store.get("query", ["a"]) == {}
    store.put("query", {"a": unit(1)})  # no error
    assert store.get("query", ["a"]) == {}

    blocked = tmp_path / "a file"
    blocked.write_text("in the way")
    EmbeddingStore(blocked / "store.sqlite3", model="m", dimensions=8).put("query", {"a": unit(1)})


def test_a_row_of_the_wrong_size_or_length_is_embedded_again(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    store = EmbeddingStore(path, model="m", dimensions=8)
    store.put("query", {"short": unit(1, dimensions=4), "long": unit(2) * 3, "fine": unit(3)})
    assert sorted(store.get("query", ["short", "long", "fine"])) == ["fine"]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM embeddings").fetchone() == (3,)
