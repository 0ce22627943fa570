"""A user's interviews in their data export (each with its turns and report), and gone with their account."""

from __future__ import annotations

import zipfile
from dataclasses import asdict
from typing import Any

from vocalis.accounts.data import to_json
from vocalis.interview.catalog import ScenarioCatalog
from vocalis.interview.repository import InterviewRepository

PAGE = 200


class InterviewData:
    name = "interviews"

    def __init__(self, repository: InterviewRepository, catalog: ScenarioCatalog) -> None:
        self._repository = repository
        self._catalog = catalog

    def export(self, owner_id: str, archive: zipfile.ZipFile) -> int:
        rows: list[dict[str, Any]] = []
        while page := self._repository.page(owner_id, scenario_id=None, limit=PAGE, offset=len(rows))[0]:
            for interview in page:
                rows.append(
                    {
                        "id": interview.id,
                        "scenario_id": interview.scenario.id,
                        "language": interview.language,
                        "mode": interview.mode,
                        "voice": interview.voice,
                        "status": interview.status.value,
                        "created_at": interview.created_at,
                        "ended_at": interview.ended_at,
                        "overall": interview.overall,
                        "turns": [asdict(t) for t in self._repository.turns(interview.id, owner_id)],
                        "report": self._repository.report(interview.id, owner_id),
                    }
                )
        archive.writestr("interviews.json", to_json(rows))
        written = [
            {**w.scenario.model_dump(mode="json"), "visibility": w.visibility.value, "status": w.status.value}
            for w in self._catalog.written_by(owner_id)
        ]
        if written:
            archive.writestr("interview_scenarios.json", to_json(written))
        return len(rows)

    def delete_all(self, owner_id: str) -> int:
        return self._repository.delete_all(owner_id) + self._catalog.delete_all(owner_id)
