"""A zip of chosen history items (``/export/zip``, ``/v1/history/download``): audio files + manifest.json.

The archive is streamed as it is written, so a thousand items never sit whole in memory.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator, Sequence

from vocalis.audio.formats import AudioFormat
from vocalis.errors import NotFound
from vocalis.store.blobs import BlobStore
from vocalis.store.history import SynthesisHistory, SynthesisRecord

COPY_BYTES = 1024 * 1024
ZIP_FILENAME = "vocalis-history.zip"


class HistoryExport:
    def __init__(self, history: SynthesisHistory, blobs: BlobStore) -> None:
        self._history = history
        self._blobs = blobs

    def zip(self, ids: Sequence[str], *, owner_id: str) -> Iterator[bytes]:
        """The archive's bytes, piece by piece. Every id is checked now (NotFound for any that is not
        the owner's), so a bad request fails before the first byte; the audio is read as it is taken."""
        records = self._history.get_many(list(dict.fromkeys(ids)), owner_id=owner_id)
        return _zip_chunks(records, self._blobs)


class _Pipe(io.RawIOBase):
    """A write-only, unseekable file: zipfile then writes data descriptors instead of seeking back, so
    each entry can leave as it is written and the archive never sits whole in memory."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        chunk = bytes(data)  # type: ignore[call-overload]
        self._parts.append(chunk)
        return len(chunk)

    def take(self) -> bytes:
        out = b"".join(self._parts)
        self._parts.clear()
        return out


def _zip_chunks(records: Sequence[SynthesisRecord], blobs: BlobStore) -> Iterator[bytes]:
    pipe = _Pipe()
    manifest = []
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for n, record in enumerate(records, start=1):
            name = f"audio/{n:04d}-{record.id}.{AudioFormat(record.format).extension}"
            entry = {
                "id": record.id, "file": name, "text": record.text, "voice": record.voice,
                "model": record.model, "format": record.format, "sample_rate": record.sample_rate,
                "speed": record.speed, "characters": record.characters, "audio_seconds": record.audio_seconds,
                "source": record.source, "created_at": record.created_at.isoformat(),
            }  # fmt: skip
            try:
                source = blobs.open(record.audio_key)
            except (NotFound, OSError):
                manifest.append({**entry, "file": None, "missing": True})
                continue
            info = zipfile.ZipInfo(name, date_time=record.created_at.timetuple()[:6])
            # Audio is already compressed (or is PCM that deflate barely helps): store it as is.
            with source, archive.open(info, "w", force_zip64=record.audio_bytes >= 2**31) as target:
                while block := source.read(COPY_BYTES):
                    target.write(block)
                    yield pipe.take()
            manifest.append(entry)
            yield pipe.take()
        archive.writestr(
            "manifest.json",
            json.dumps({"items": manifest}, indent=1, ensure_ascii=False),
            zipfile.ZIP_DEFLATED,
        )
    yield pipe.take()
