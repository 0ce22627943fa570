"""Part files: each saved segment's raw audio (16-bit PCM at the engine's rate), under jobs/<id>/.

A part is written to a hidden temporary name and renamed into place before its segment is recorded
in the database, so a recorded segment's file is complete unless the machine lost power before the
OS wrote it out. Rather than pay an fsync per segment, resuming checks each part's size and CRC-32
against its row and renders again from the first one that does not match.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from vocalis.jobs.models import Segment
from vocalis.store.blobs import BlobStore

JOBS_DIR = "jobs"
BYTES_PER_SAMPLE = 2


class PartStore:
    def __init__(self, blobs: BlobStore) -> None:
        self._blobs = blobs

    def key(self, job_id: str, first_chunk: int, token: str) -> str:
        # The claim token in the name: a worker that lost its claim can never overwrite the new owner's part.
        return f"{JOBS_DIR}/{job_id}/{first_chunk:07d}-{token[:12]}.pcm"

    def write(self, key: str, data: bytes) -> int:
        """Write a part atomically; returns its CRC-32."""
        target = self._blobs.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return zlib.crc32(data)

    def intact(self, segment: Segment) -> bool:
        try:
            data = self._blobs.path(segment.part_key).read_bytes()
        except OSError:
            return False
        return len(data) == segment.part_bytes and zlib.crc32(data) == segment.crc32

    def read(self, segment: Segment, block_samples: int) -> Iterator[bytes]:
        """The part's bytes in blocks of whole samples, checked against the recorded CRC-32."""
        crc = 0
        with self._blobs.path(segment.part_key).open("rb") as file:
            while block := file.read(block_samples * BYTES_PER_SAMPLE):
                crc = zlib.crc32(block, crc)
                yield block
        if crc != segment.crc32:
            raise OSError(f"part {segment.part_key} is damaged (CRC mismatch)")

    def delete(self, key: str) -> None:
        self._blobs.path(key).unlink(missing_ok=True)

    def delete_job(self, job_id: str) -> None:
        shutil.rmtree(self._blobs.path(f"{JOBS_DIR}/{job_id}"), ignore_errors=True)

    def job_ids(self) -> list[str]:
        """Jobs that have a parts directory."""
        root = self._blobs.root / JOBS_DIR
        return sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
