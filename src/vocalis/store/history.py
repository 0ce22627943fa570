"""Synthesis history: one row per rendered synthesis, its audio in the blob store."""

from __future__ import annotations

import builtins
import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, get_args
from uuid import uuid4

from sqlalchemy import ColumnElement, Select, delete, func, or_, select
from sqlalchemy.orm import Session

from vocalis.errors import InvalidInput, NotFound, OutOfRange
from vocalis.store.blobs import BlobStore
from vocalis.store.db import Database
from vocalis.store.tables import SynthesisRow, utcnow

log = logging.getLogger(__name__)

SynthesisSource = Literal["openai", "elevenlabs", "tts", "stream-input", "cli", "job", "voices"]
SOURCES: frozenset[str] = frozenset(get_args(SynthesisSource))
MAX_PAGE = 500
HistorySort = Literal[
    "created_at",
    "-created_at",
    "characters",
    "-characters",
    "audio_seconds",
    "-audio_seconds",
    "voice",
    "-voice",
]
SORTS: tuple[str, ...] = get_args(HistorySort)


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
    api_key_id: str | None = None  # the API key that asked, if one did

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
    api_key_id: str | None = None


@dataclass(frozen=True)
class HistoryFilter:
    """Narrows a history search; every field left None matches everything."""

    voice: str | None = None
    source: str | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive
    text: str | None = None  # case-insensitive substring of the text


@dataclass(frozen=True)
class HistoryPage:
    items: tuple[SynthesisRecord, ...]
    total: int  # rows matching the filter, all pages together
    more: bool = False  # rows follow this page


_RECORD_FIELDS = tuple(field.name for field in dataclasses.fields(SynthesisRecord))


def _to_record(row: SynthesisRow) -> SynthesisRecord:
    return SynthesisRecord(**{name: getattr(row, name) for name in _RECORD_FIELDS})


def _owner_is(owner_id: str | None) -> ColumnElement[bool]:
    # None means "local, unowned": it matches rows without an owner, never every row.
    if owner_id is None:
        return SynthesisRow.owner_id.is_(None)
    return SynthesisRow.owner_id == owner_id


def _owned_by(query: Select[tuple[SynthesisRow]], owner_id: str | None) -> Select[tuple[SynthesisRow]]:
    return query.where(_owner_is(owner_id))


@dataclass(frozen=True)
class UsageBucket:
    key: str | None  # the voice, model, day (YYYY-MM-DD), user id, API key id or source
    requests: int
    characters: int
    audio_seconds: float
    compute_seconds: float

    @property
    def real_time_factor(self) -> float | None:
        """Seconds of computing per second of audio (below 1: faster than real time)."""
        return self.compute_seconds / self.audio_seconds if self.audio_seconds else None


@dataclass(frozen=True)
class UsageReport:
    total: UsageBucket
    by_voice: tuple[UsageBucket, ...]
    by_model: tuple[UsageBucket, ...]
    by_source: tuple[UsageBucket, ...]
    by_day: tuple[UsageBucket, ...]
    by_user: tuple[UsageBucket, ...]
    by_api_key: tuple[UsageBucket, ...]


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

    def search(
        self,
        *,
        owner_id: str | None,
        filters: HistoryFilter | None = None,
        sort: str = "-created_at",
        limit: int = 50,
        offset: int = 0,
        after_id: str | None = None,
    ) -> HistoryPage:
        """One page of the owner's syntheses matching ``filters``, and how many match in all.

        ``after_id`` pages by cursor (ElevenLabs' ``start_after_history_item_id``): the page starts after
        that item in the chosen order; ``total`` still counts every match."""
        if not 1 <= limit <= MAX_PAGE:
            raise OutOfRange(f"limit must be between 1 and {MAX_PAGE}", limit=limit)
        if offset < 0:
            raise OutOfRange("offset must not be negative", offset=offset)
        if sort not in SORTS:
            raise InvalidInput(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}", sort=sort)
        conditions = _conditions(filters or HistoryFilter())
        column = getattr(SynthesisRow, sort.removeprefix("-"))
        order = column.desc() if sort.startswith("-") else column.asc()
        # id breaks ties so that pages never overlap or skip rows.
        tie = SynthesisRow.id.desc() if sort.startswith("-") else SynthesisRow.id.asc()
        query = _owned_by(select(SynthesisRow), owner_id).where(*conditions)
        counted = select(func.count()).select_from(SynthesisRow).where(_owner_is(owner_id), *conditions)
        with self._db.session() as session:
            if after_id is not None:
                after = session.scalars(
                    _owned_by(select(SynthesisRow).where(SynthesisRow.id == after_id), owner_id)
                ).first()
                if after is None:
                    raise NotFound(f"no synthesis {after_id!r} to start after", synthesis_id=after_id)
                value = getattr(after, sort.removeprefix("-"))
                if sort.startswith("-"):
                    query = query.where(or_(column < value, (column == value) & (SynthesisRow.id < after.id)))
                else:
                    query = query.where(or_(column > value, (column == value) & (SynthesisRow.id > after.id)))
            rows = list(session.scalars(query.order_by(order, tie).limit(limit + 1).offset(offset)))
            items = tuple(_to_record(row) for row in rows[:limit])
            return HistoryPage(items=items, total=int(session.scalar(counted) or 0), more=len(rows) > limit)

    def get_many(
        self, synthesis_ids: Sequence[str], *, owner_id: str | None
    ) -> builtins.list[SynthesisRecord]:
        """The syntheses in the order given; NotFound (naming the first) if any is missing or not owned."""
        query = _owned_by(select(SynthesisRow).where(SynthesisRow.id.in_(set(synthesis_ids))), owner_id)
        with self._db.session() as session:
            found = {row.id: _to_record(row) for row in session.scalars(query)}
        for synthesis_id in synthesis_ids:
            if synthesis_id not in found:
                raise NotFound(f"no synthesis {synthesis_id!r}", synthesis_id=synthesis_id)
        return [found[i] for i in synthesis_ids]

    def delete_many(self, synthesis_ids: Sequence[str], *, owner_id: str | None) -> builtins.list[str]:
        """Delete those of the given syntheses the owner has (rows, then files); returns their ids."""
        query = _owned_by(select(SynthesisRow).where(SynthesisRow.id.in_(set(synthesis_ids))), owner_id)
        with self._db.session() as session:
            rows = list(session.scalars(query))
            for row in rows:
                session.delete(row)
        return self._drop_blobs([(row.id, row.audio_key) for row in rows])

    def expired(
        self, *, before: datetime | None, keep_per_owner: int | None, limit: int = MAX_PAGE
    ) -> builtins.list[SynthesisRecord]:
        """Syntheses past retention: created before ``before``, or beyond each owner's newest N."""
        expired: list[ColumnElement[bool]] = []
        if before is not None:
            expired.append(SynthesisRow.created_at < before)
        query = select(SynthesisRow)
        if keep_per_owner is not None:
            rank = (
                func.row_number()
                .over(
                    partition_by=SynthesisRow.owner_id,
                    order_by=(SynthesisRow.created_at.desc(), SynthesisRow.id.desc()),
                )
                .label("rank")
            )
            ranked = select(SynthesisRow.id, rank).subquery()
            query = query.join(ranked, ranked.c.id == SynthesisRow.id)
            expired.append(ranked.c.rank > keep_per_owner)
        if not expired:
            return []
        query = query.where(or_(*expired)).order_by(SynthesisRow.created_at).limit(limit)
        with self._db.session() as session:
            return [_to_record(row) for row in session.scalars(query)]

    def purge(self, records: Sequence[SynthesisRecord]) -> builtins.list[str]:
        """Delete these syntheses whoever owns them (retention): rows first, then their files."""
        ids = [r.id for r in records]
        with self._db.session() as session:
            gone = set(
                session.scalars(
                    delete(SynthesisRow).where(SynthesisRow.id.in_(ids)).returning(SynthesisRow.id)
                )
            )
        return self._drop_blobs([(r.id, r.audio_key) for r in records if r.id in gone])

    def usage(
        self,
        *,
        owner_id: str | None,
        everyone: bool = False,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> UsageReport:
        """Totals of the owner's syntheses (everyone's if ``everyone``), whole and grouped."""
        conditions = _conditions(HistoryFilter(since=since, until=until))
        if not everyone:
            conditions.append(_owner_is(owner_id))
        if self._db.dialect == "postgresql":
            day: ColumnElement[Any] = func.to_char(
                func.timezone("UTC", SynthesisRow.created_at), "YYYY-MM-DD"
            )
        else:  # SQLite keeps UTC wall-clock text; date() takes its first ten characters' worth
            day = func.date(SynthesisRow.created_at)
        with self._db.session() as session:

            def grouped(key: Any) -> tuple[UsageBucket, ...]:
                measures = (
                    func.count(),
                    func.coalesce(func.sum(SynthesisRow.characters), 0),
                    func.coalesce(func.sum(SynthesisRow.audio_seconds), 0.0),
                    func.coalesce(func.sum(SynthesisRow.compute_seconds), 0.0),
                )
                if key is None:
                    rows = session.execute(select(*measures).where(*conditions)).all()
                    return tuple(UsageBucket(None, *_numbers(row)) for row in rows)
                query = select(key, *measures).where(*conditions).group_by(key).order_by(key)
                return tuple(
                    UsageBucket(None if row[0] is None else str(row[0]), *_numbers(row[1:]))
                    for row in session.execute(query)
                )

            return UsageReport(
                total=grouped(None)[0],
                by_voice=grouped(SynthesisRow.voice),
                by_model=grouped(SynthesisRow.model),
                by_source=grouped(SynthesisRow.source),
                by_day=grouped(day),
                by_user=grouped(SynthesisRow.owner_id),
                by_api_key=grouped(SynthesisRow.api_key_id),
            )

    def without_audio(self, *, before: datetime) -> builtins.list[SynthesisRecord]:
        """Syntheses created before ``before`` whose audio file is missing."""
        query = select(SynthesisRow).where(SynthesisRow.created_at < before)
        with self._db.session() as session:
            records = [_to_record(row) for row in session.scalars(query)]
        return [r for r in records if not self._blobs.exists(r.audio_key)]

    def audio_keys(self) -> set[str]:
        """Every audio key a row points at (to find files no row owns)."""
        with self._db.session() as session:
            return set(session.scalars(select(SynthesisRow.audio_key)))

    def _drop_blobs(self, rows: Sequence[tuple[str, str]]) -> builtins.list[str]:
        # Files go after the rows' commit: a failed commit must not leave rows pointing at nothing.
        for synthesis_id, audio_key in rows:
            try:
                self._blobs.delete(audio_key)
            except (OSError, InvalidInput):
                log.warning("synthesis %s deleted, its audio %s not", synthesis_id, audio_key, exc_info=True)
        return [synthesis_id for synthesis_id, _ in rows]

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


def _numbers(row: Any) -> tuple[int, int, float, float]:
    requests, characters, audio, compute = row
    return int(requests), int(characters), round(float(audio), 3), round(float(compute), 3)


def _conditions(filters: HistoryFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.voice is not None:
        conditions.append(SynthesisRow.voice == filters.voice)
    if filters.source is not None:
        conditions.append(SynthesisRow.source == filters.source)
    if filters.since is not None:
        conditions.append(SynthesisRow.created_at >= filters.since)
    if filters.until is not None:
        conditions.append(SynthesisRow.created_at < filters.until)
    if filters.text:
        # autoescape: a user's "%" or "_" is a character to find, not a wildcard.
        conditions.append(SynthesisRow.text.icontains(filters.text, autoescape=True))
    return conditions
