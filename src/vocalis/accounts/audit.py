"""The audit log: sign-ins, failed sign-ins, key creation and revocation, deletions, role changes."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from vocalis.accounts.models import AuditEvent
from vocalis.store.account_tables import AuditEventRow
from vocalis.store.db import Database


class AuditLog:
    def __init__(self, database: Database) -> None:
        self._db = database

    def record(
        self,
        action: str,
        *,
        actor_id: str | None,
        target: str | None = None,
        ip: str | None = None,
        **details: Any,
    ) -> None:
        # Never put secrets in details: callers pass ids, names and reasons only.
        with self._db.session() as session:
            session.add(
                AuditEventRow(
                    actor_id=actor_id, action=action, target=target, ip=ip, details=json.dumps(details)
                )
            )

    def list(self, *, actor_id: str | None = None, limit: int = 100) -> list[AuditEvent]:
        with self._db.session() as session:
            query = select(AuditEventRow).order_by(AuditEventRow.id.desc()).limit(limit)
            if actor_id is not None:
                query = query.where(AuditEventRow.actor_id == actor_id)
            return [
                AuditEvent(
                    at=r.at, actor_id=r.actor_id, action=r.action, target=r.target, ip=r.ip, details=r.details
                )
                for r in session.scalars(query)
            ]
