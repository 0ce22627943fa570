"""A user's cloned voices in their data export, and gone with their account."""

from __future__ import annotations

import zipfile
from typing import Any

from vocalis.accounts.data import to_json
from vocalis.cloning.repository import ClonedVoiceRepository


class VoicesData:
    """Cloned voices: their records (consent included) and the samples they were made from."""

    name = "voices"

    def __init__(self, voices: ClonedVoiceRepository) -> None:
        self._voices = voices

    def export(self, owner_id: str, archive: zipfile.ZipFile) -> int:
        entries = self._voices.owned(owner_id)
        rows: list[dict[str, Any]] = []
        for entry in entries:
            rows.append(
                {
                    "id": entry.id,
                    "name": entry.name,
                    "description": entry.description,
                    "labels": entry.labels,
                    "status": entry.status,
                    "created_at": entry.created_at,
                    "consent": entry.consent.to_dict(),
                    "record": entry.record.to_dict() if entry.record else None,
                    "shared_with": list(entry.shared_with),
                    "invited": list(entry.invited),
                }
            )
            archive.writestr(f"voices/{entry.id}.wav", self._voices.sample(entry.id))
        archive.writestr("voices.json", to_json(rows))
        return len(entries)

    def delete_all(self, owner_id: str) -> int:
        entries = self._voices.owned(owner_id)
        for entry in entries:
            self._voices.delete(entry.id, owner_id=owner_id)
        return len(entries)
