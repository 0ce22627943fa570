"""Store fixtures on top of the shared database fixtures (tests/databases.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vocalis.store.blobs import BlobStore
from vocalis.store.db import Database
from vocalis.store.history import SynthesisHistory


@pytest.fixture
def blobs(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "audio")


@pytest.fixture
def history(migrated: Database, blobs: BlobStore) -> SynthesisHistory:
    return SynthesisHistory(migrated, blobs)
