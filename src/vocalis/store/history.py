"""Synthesis history: one row per rendered synthesis, its audio in the blob store."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args
from uuid import uuid4

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from vocalis.errors import InvalidInput, NotFound, OutOfRange
from vocalis.store.blobs import BlobStore
from vocalis.store.db import Database
from vocalis.store.tables import SynthesisRow, utcnow

log = logging.getLogger(__name__)

SynthesisSource = Literal["openai", "elevenlabs", "tts", "stream-input", "cli", "job"]
SOURCES: frozenset[str] = frozenset(get_args(SynthesisSource))
MAX_PAGE = 500


@dataclass(frozen=True)
class NewSynthesis:
    """What a caller knows after rendering; the audio must already be written at `audio_key`."""

    owner_id: str | None
    source: str  # one of SOURCES
    text: str
    voice: str
    model: str
    format: str
    sample_rate: int
    speed: float
    audio_seconds: float
    compute_seconds: float
    audio_key: str
    audio_bytes: int

    def __post_init__(self) -> None:
        # Checked at run time: sources arrive as plain strings (job payloads, route names).
        if self.source not in SOURCES:
            raise InvalidInput(f"unknown synthesis source {self.source!r}", source=self.source)


@dataclass(frozen=True)
class SynthesisRecord:
    id: str
    owner_id: str | None
    source: str
    text: str
    voice: str
    model: str
    format: str
    sample_rate: int
    speed: float
    characters: int
    audio_seconds: float
    compute_seconds: float
    audio_key: str
    audio_bytes: int
    created_at: datetime


_RECORD_FIELDS = tuple(field.name for field in dataclasses.fields(SynthesisRecord))


def _to_record(row: SynthesisRow) -> SynthesisRecord:
    return SynthesisRecord(**{name: getattr(row, name) for name in _RECORD_FIELDS})


def _owned_by(query: Select[tuple[SynthesisRow]], owner_id: str | None) -> Select[tuple[SynthesisRow]]:
    # None means "local, unowned": it matches rows without an owner, never every row.
    if owner_id is None:
        return query.where(SynthesisRow.owner_id.is_(None))
    return query.where(SynthesisRow.owner_id == owner_id)


class SynthesisHistory:
    def __init__(self, db: Database, blobs: BlobStore) -> None:
        self._db = db
        self._blobs = blobs

    def record(self, new: NewSynthesis) -> SynthesisRecord:
        """Store a row for audio already written to the blob store."""
        row = SynthesisRow(
            id=uuid4().hex,
            characters=len(new.text),
            created_at=utcnow(),
            **dataclasses.asdict(new),
        )
        with self._db.session() as session:
            session.add(row)
            session.flush()
            return _to_record(row)

    def get(self, synthesis_id: str, *, owner_id: str | None) -> SynthesisRecord:
        """The synthesis, if it exists and belongs to `owner_id` (None: unowned, local use)."""
        with self._db.session() as session:
            return _to_record(self._find(session, synthesis_id, owner_id))

    def list(self, *, owner_id: str | None, limit: int = 50, offset: int = 0) -> list[SynthesisRecord]:
        """The owner's syntheses, newest first."""
        if not 1 <= limit <= MAX_PAGE:
            raise OutOfRange(f"limit must be between 1 and {MAX_PAGE}", limit=limit)
        if offset < 0:
            raise OutOfRange("offset must not be negative", offset=offset)
        # id breaks ties between rows created in the same microsecond, so pages never overlap.
        query = (
            _owned_by(select(SynthesisRow), owner_id)
            .order_by(SynthesisRow.created_at.desc(), SynthesisRow.id.desc())
            .limit(limit)
            .offset(offset)
        )
        with self._db.session() as session:
            return [_to_record(row) for row in session.scalars(query)]

    def delete(self, synthesis_id: str, *, owner_id: str | None) -> None:
        """Remove the row, then its audio."""
        with self._db.session() as session:
            row = self._find(session, synthesis_id, owner_id)
            audio_key = row.audio_key
            session.delete(row)
        # Only after the commit: had the blob gone first and the commit failed, the row would point
        # at missing audio. An orphaned file is the lesser harm, so a failure here is only logged.
        try:
            self._blobs.delete(audio_key)
        except (OSError, InvalidInput):
            log.warning("synthesis %s deleted, its audio %s not", synthesis_id, audio_key, exc_info=True)

    @staticmethod
    def _find(session: Session, synthesis_id: str, owner_id: str | None) -> SynthesisRow:
        query = _owned_by(select(SynthesisRow).where(SynthesisRow.id == synthesis_id), owner_id)
        row = session.scalars(query).one_or_none()
        if row is None:
            # Someone else's synthesis is reported exactly like a missing one: ids are not leaked.
            raise NotFound(f"no synthesis {synthesis_id!r}", synthesis_id=synthesis_id)
        return row
