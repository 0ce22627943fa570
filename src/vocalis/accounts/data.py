"""Everything a user owns, for the data export and for deleting an account with all it holds.

Each kind of owned data (synthesis history now; jobs, voices and recordings as they arrive) is an
``OwnedData`` that can write itself into the export archive and delete itself, files included.
"""

from __future__ import annotations

import dataclasses
import json
import zipfile
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from vocalis.accounts.directory import UserDirectory
from vocalis.store.blobs import BlobStore
from vocalis.store.history import SynthesisHistory

if TYPE_CHECKING:
    from vocalis.jobs.service import JobService

PAGE = 200


class OwnedData(Protocol):
    name: str

    def export(self, owner_id: str, archive: zipfile.ZipFile) -> int: ...

    def delete_all(self, owner_id: str) -> int: ...


def to_json(value: Any) -> str:
    def default(o: Any) -> Any:
        if isinstance(o, datetime):
            return o.isoformat()
        if dataclasses.is_dataclass(o) and not isinstance(o, type):
            return dataclasses.asdict(o)
        raise TypeError(f"cannot serialise {type(o).__name__}")

    return json.dumps(value, default=default, indent=1, ensure_ascii=False)


class HistoryData:
    name = "syntheses"

    def __init__(self, history: SynthesisHistory, blobs: BlobStore) -> None:
        self._history = history
        self._blobs = blobs

    def _all(self, owner_id: str) -> list[Any]:
        records: list[Any] = []
        while page := self._history.list(owner_id=owner_id, limit=PAGE, offset=len(records)):
            records.extend(page)
        return records

    def export(self, owner_id: str, archive: zipfile.ZipFile) -> int:
        records = self._all(owner_id)
        archive.writestr("syntheses.json", to_json(records))
        for record in records:
            if self._blobs.exists(record.audio_key):
                archive.write(self._blobs.path(record.audio_key), f"audio/{record.id}.{record.format}")
        return len(records)

    def delete_all(self, owner_id: str) -> int:
        records = self._all(owner_id)
        for record in records:
            self._history.delete(record.id, owner_id=owner_id)
        return len(records)


class JobsData:
    """Jobs: their settings and progress (their finished audio is in the history)."""

    name = "jobs"

    def __init__(self, jobs: JobService) -> None:
        self._jobs = jobs

    def _all(self, owner_id: str) -> list[Any]:
        jobs: list[Any] = []
        while page := self._jobs.list(owner_id=owner_id, limit=PAGE, offset=len(jobs))[0]:
            jobs.extend(page)
        return jobs

    def export(self, owner_id: str, archive: zipfile.ZipFile) -> int:
        jobs = self._all(owner_id)
        archive.writestr("jobs.json", to_json(jobs))
        return len(jobs)

    def delete_all(self, owner_id: str) -> int:
        ids = [job.id for job in self._all(owner_id)]
        return len(self._jobs.delete_many(ids, owner_id=owner_id).deleted)


def export_archive(
    owned: Sequence[OwnedData], owner_id: str, profile: Any, extra: dict[str, Any], path: str
) -> None:
    """Write the user's zip: profile.json, one JSON file per kind of data, and the audio files."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("profile.json", to_json(profile))
        for name, value in extra.items():
            archive.writestr(f"{name}.json", to_json(value))
        counts = {data.name: data.export(owner_id, archive) for data in owned}
        archive.writestr("manifest.json", to_json({"owner_id": owner_id, "counts": counts}))


def delete_account(
    owned: Sequence[OwnedData], directory: UserDirectory, user_id: str, *, actor_id: str
) -> dict[str, int]:
    """Delete what the user owns (rows and files), then the account itself (sessions and keys cascade)."""
    counts = {data.name: data.delete_all(user_id) for data in owned}
    directory.delete_row(user_id, actor_id=actor_id)
    return counts
