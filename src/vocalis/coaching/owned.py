"""A user's coaching in their data export (sessions, reports, timelines, recordings, goals,
milestones), and gone with their account."""

from __future__ import annotations

import json
import zipfile
from dataclasses import asdict
from typing import Any

from vocalis.accounts.data import to_json
from vocalis.coaching.repository import CoachingRepository, SessionFilter

PAGE = 200


class CoachingData:
    name = "coaching_sessions"

    def __init__(self, repository: CoachingRepository) -> None:
        self._repository = repository

    def export(self, owner_id: str, archive: zipfile.ZipFile) -> int:
        sessions: list[Any] = []
        while page := self._repository.page(owner_id, SessionFilter(), limit=PAGE, offset=len(sessions))[0]:
            sessions.extend(page)
        rows = []
        for session in sessions:
            results = self._repository.results(session.id, owner_id)
            rows.append({**asdict(session), "report": results.report, "timelines": results.timelines})
            path = self._repository.recording_path(session.id, owner_id)
            if path:
                archive.write(path, f"coaching/{session.id}.ogg")
        archive.writestr("coaching_sessions.json", to_json(rows))
        archive.writestr(
            "coaching_progress.json",
            json.dumps(
                {
                    "goals": self._repository.goals(owner_id),
                    "milestones": [asdict(m) for m in self._repository.milestones(owner_id)],
                },
                default=str,
                indent=1,
            ),
        )
        return len(rows)

    def delete_all(self, owner_id: str) -> int:
        return self._repository.delete_all(owner_id)
