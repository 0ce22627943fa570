"""Every scenario a person may practise: the built-in library and those recruiters and trainers write.

A written scenario is private to its author while a draft; once published it is offered to the
candidates it is shared with (``shared``), or to everyone (``public``); retired, it is offered to no
one, while interviews already run keep their own copy. A candidate with an assignment may always start
its scenario. Another author's unpublished or unshared scenario answers like one that does not exist.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from vocalis.errors import Conflict, UnknownScenario
from vocalis.interview.scenarios import Scenario
from vocalis.store.db import Database
from vocalis.store.interview_tables import AssignmentRow, ScenarioRow, ScenarioShareRow
from vocalis.store.tables import utcnow


class Visibility(enum.StrEnum):
    PRIVATE = "private"  # its author only
    SHARED = "shared"  # its author and the people it is shared with
    PUBLIC = "public"  # everyone signed in


class ScenarioStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    RETIRED = "retired"


@dataclass(frozen=True)
class WrittenScenario:
    scenario: Scenario
    owner_id: str
    visibility: Visibility
    status: ScenarioStatus
    shared_with: tuple[str, ...]  # user ids
    created_at: datetime
    updated_at: datetime


class ScenarioCatalog:
    def __init__(self, database: Database, builtin: dict[tuple[str, str], Scenario]) -> None:
        self._db = database
        self.builtin = builtin

    # -- for candidates ------------------------------------------------------------------------

    def offered(self, viewer: str | None) -> list[Scenario]:
        """The built-in scenarios and the published ones this person may start."""
        with self._db.session() as session:
            rows = session.scalars(
                select(ScenarioRow).where(ScenarioRow.status == ScenarioStatus.PUBLISHED.value)
            ).all()
            written = [_scenario(r) for r in rows if self._may_start(session, r, viewer)]
        return [*self.builtin.values(), *written]

    def get(self, scenario_id: str, language: str, viewer: str | None) -> Scenario:
        found = self.builtin.get((scenario_id, language))
        if found is not None:
            return found
        with self._db.session() as session:
            row = session.get(ScenarioRow, scenario_id)
            if (
                row is not None
                and row.language == language
                and (
                    row.owner_id == viewer
                    or (
                        row.status == ScenarioStatus.PUBLISHED.value and self._may_start(session, row, viewer)
                    )
                )
            ):
                return _scenario(row)
        languages = sorted(lang for sid, lang in self.builtin if sid == scenario_id)
        hint = f" (it exists in: {', '.join(languages)})" if languages else ""
        raise UnknownScenario(
            f"no scenario {scenario_id!r} in {language!r}{hint}", scenario=scenario_id, language=language
        )

    def _may_start(self, session: Session, row: ScenarioRow, viewer: str | None) -> bool:
        if viewer is None:
            return row.visibility == Visibility.PUBLIC.value
        if row.owner_id == viewer or row.visibility == Visibility.PUBLIC.value:
            return True
        shared = (
            row.visibility == Visibility.SHARED.value
            and session.get(ScenarioShareRow, (row.id, viewer)) is not None
        )
        assigned = session.scalar(
            select(AssignmentRow.id).where(
                AssignmentRow.scenario_id == row.id, AssignmentRow.candidate_id == viewer
            )
        )
        return bool(shared or assigned)

    # -- for their authors ---------------------------------------------------------------------

    def write(self, owner_id: str, scenario: Scenario, visibility: Visibility) -> WrittenScenario:
        """A new scenario, as a draft; its id must be new (the built-in ids included)."""
        if any(sid == scenario.id for sid, _ in self.builtin):
            raise Conflict(
                f"{scenario.id!r} is a built-in scenario's id: choose another", scenario=scenario.id
            )
        now = utcnow()
        with self._db.session() as session:
            if session.get(ScenarioRow, scenario.id) is not None:
                raise Conflict(
                    f"a scenario {scenario.id!r} exists already: choose another id", scenario=scenario.id
                )
            row = ScenarioRow(
                id=scenario.id, owner_id=owner_id, language=scenario.language,
                document=scenario.model_dump_json(), visibility=visibility.value,
                status=ScenarioStatus.DRAFT.value, created_at=now, updated_at=now,
            )  # fmt: skip
            session.add(row)
            session.flush()
            return _written(session, row)

    def written_by(self, owner_id: str) -> list[WrittenScenario]:
        with self._db.session() as session:
            rows = session.scalars(
                select(ScenarioRow)
                .where(ScenarioRow.owner_id == owner_id)
                .order_by(ScenarioRow.created_at.desc())
            ).all()
            return [_written(session, r) for r in rows]

    def written(self, scenario_id: str, owner_id: str) -> WrittenScenario:
        with self._db.session() as session:
            return _written(session, self._own(session, scenario_id, owner_id))

    def revise(
        self,
        scenario_id: str,
        owner_id: str,
        *,
        scenario: Scenario | None = None,
        visibility: Visibility | None = None,
        status: ScenarioStatus | None = None,
        shared_with: Iterable[str] | None = None,
    ) -> WrittenScenario:
        with self._db.session() as session:
            row = self._own(session, scenario_id, owner_id)
            if scenario is not None:
                if scenario.id != scenario_id:
                    raise Conflict(
                        "a scenario keeps its id: write a new one for another id", scenario=scenario_id
                    )
                row.document, row.language = scenario.model_dump_json(), scenario.language
            if visibility is not None:
                row.visibility = visibility.value
            if status is not None:
                row.status = status.value
            if shared_with is not None:
                session.execute(delete(ScenarioShareRow).where(ScenarioShareRow.scenario_id == scenario_id))
                for user_id in dict.fromkeys(shared_with):
                    session.add(ScenarioShareRow(scenario_id=scenario_id, user_id=user_id))
            row.updated_at = utcnow()
            session.flush()
            return _written(session, row)

    def delete_all(self, owner_id: str) -> int:
        with self._db.session() as session:
            ids = list(session.scalars(select(ScenarioRow.id).where(ScenarioRow.owner_id == owner_id)))
            session.execute(delete(ScenarioShareRow).where(ScenarioShareRow.scenario_id.in_(ids)))
            session.execute(delete(ScenarioShareRow).where(ScenarioShareRow.user_id == owner_id))
            session.execute(delete(ScenarioRow).where(ScenarioRow.owner_id == owner_id))
            return len(ids)

    def _own(self, session: Session, scenario_id: str, owner_id: str) -> ScenarioRow:
        row = session.get(ScenarioRow, scenario_id)
        if row is None or row.owner_id != owner_id:
            raise UnknownScenario(f"you have no scenario {scenario_id!r}", scenario=scenario_id)
        return row


def _scenario(row: ScenarioRow) -> Scenario:
    return Scenario.model_validate(json.loads(row.document))


def _written(session: Session, row: ScenarioRow) -> WrittenScenario:
    shared = session.scalars(
        select(ScenarioShareRow.user_id).where(ScenarioShareRow.scenario_id == row.id)
    ).all()
    return WrittenScenario(
        scenario=_scenario(row), owner_id=row.owner_id, visibility=Visibility(row.visibility),
        status=ScenarioStatus(row.status), shared_with=tuple(shared), created_at=row.created_at,
        updated_at=row.updated_at,
    )  # fmt: skip
