"""Cloned voices in the database: who owns them, who they are shared with, their state and record.

The sample (16-bit WAV) and the finished style table (.npy) are blobs; the row says where. Any
process (a server replica, a Celery worker, the CLI) can render a ready clone: :meth:`find` loads its
table into the Kokoro engine the first time the voice is used there.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from vocalis.cloning.consent import Consent
from vocalis.cloning.record import CloneRecord
from vocalis.cloning.shares import Sharing, load_sharing, replace_sharing, shared_with
from vocalis.cloning.tables import read_table, table_bytes
from vocalis.engines.g2p import Accent
from vocalis.engines.kokoro import ENGINE_NAME, ExtraVoice, KokoroEngine
from vocalis.engines.kokoro_model import SAMPLE_RATE
from vocalis.engines.kokoro_packs import StyleTable
from vocalis.engines.protocols import VoiceInfo
from vocalis.errors import Forbidden, NotFound, VoicePackUnreadable
from vocalis.jobs.claims import AlongsideWrite
from vocalis.jobs.models import Job, JobStatus
from vocalis.jobs.repository import JobRepository
from vocalis.store.blobs import BlobStore
from vocalis.store.db import Database
from vocalis.store.tables import utcnow
from vocalis.store.voice_tables import ClonedVoiceRow

CLONING, READY, FAILED, CANCELLED = "cloning", "ready", "failed", "cancelled"


@dataclass(frozen=True)
class CloneProgress:
    """Where the clone job of a voice still being made stands."""

    job_status: str
    done: int
    total: int | None
    stage: str | None
    best: float | None
    eta_s: float | None


@dataclass(frozen=True)
class ClonedVoice:
    id: str
    owner_id: str | None
    name: str
    description: str
    labels: dict[str, str]
    status: str  # cloning, ready, failed, cancelled
    job_id: str | None
    filename: str | None
    sample_seconds: float
    sample_rate: int
    consent: Consent
    record: CloneRecord | None
    error_code: str | None
    error_message: str | None
    created_at: datetime
    updated_at: datetime
    shared_with: tuple[str, ...] = ()  # user ids
    invited: tuple[str, ...] = ()  # e-mails it is shared with that had no account then
    progress: CloneProgress | None = None

    def info(self) -> VoiceInfo:
        """How the voice lists next to the stock voices."""
        record = self.record
        similarity = (
            f"; similarity {record.similarity.clone:.2f} vs {record.similarity.stock:.2f} for "
            f"{record.similarity.stock_voice}"
            if record
            else ""
        )
        return VoiceInfo(
            id=self.id,
            name=self.name,
            language=record.language if record else "en-US",
            accent=record.accent if record else "American",
            gender=record.gender if record else "unknown",
            engine=ENGINE_NAME,
            sample_rate=SAMPLE_RATE,
            description=(self.description or "Cloned voice") + similarity,
        )


@dataclass(frozen=True)
class NewClonedVoice:
    owner_id: str | None
    name: str
    description: str
    labels: dict[str, str]
    consent: Consent
    filename: str | None
    sample_wav: bytes  # the checked sample, decoded
    sample_seconds: float
    sample_rate: int  # of the upload


@dataclass
class _Installed:
    updated_at: datetime
    info: VoiceInfo = field(compare=False)


class ClonedVoiceRepository:
    def __init__(
        self, db: Database, blobs: BlobStore, engine: KokoroEngine | None, jobs: JobRepository
    ) -> None:
        self._db = db
        self._blobs = blobs
        self._jobs = jobs
        self._engine = engine
        self._installed: dict[str, _Installed] = {}
        self._lock = threading.Lock()

    @property
    def database(self) -> Database:
        return self._db

    # -- reading -------------------------------------------------------------------------------

    def _visible(self, viewer: str | None) -> Any:
        """None is a trusted caller (CLI, a worker acting for a job's owner checked at submission)."""
        if viewer is None:
            return ClonedVoiceRow.id.is_not(None)
        return or_(ClonedVoiceRow.owner_id == viewer, shared_with(viewer))

    def get(self, voice_id: str, *, viewer: str | None) -> ClonedVoice:
        """The voice if the viewer owns it or it is shared with them; NotFound otherwise."""
        entries = self._query(self._visible(viewer), ClonedVoiceRow.id == voice_id)
        if not entries:
            raise NotFound(f"no voice {voice_id!r}", voice=voice_id)
        return entries[0]

    def visible(self, *, viewer: str | None, status: str | None = None) -> list[ClonedVoice]:
        """The viewer's own voices and those shared with them, newest first."""
        conditions = [self._visible(viewer)]
        if status is not None:
            conditions.append(ClonedVoiceRow.status == status)
        return self._query(*conditions)

    def owned(self, owner_id: str) -> list[ClonedVoice]:
        return self._query(ClonedVoiceRow.owner_id == owner_id)

    def _query(self, *conditions: Any) -> list[ClonedVoice]:
        query = select(ClonedVoiceRow).where(*conditions).order_by(ClonedVoiceRow.created_at.desc())
        with self._db.session() as session:
            rows = list(session.scalars(query))
            shares = load_sharing(session, [r.id for r in rows])
        job_ids = [r.job_id for r in rows if r.status == CLONING and r.job_id]
        jobs = self._jobs.get_many(job_ids)
        return [_entry(r, shares.get(r.id, Sharing()), jobs.get(r.job_id or "")) for r in rows]

    def sample(self, voice_id: str) -> bytes:
        with self._db.session() as session:
            row = session.get(ClonedVoiceRow, voice_id)
            key = row.sample_key if row else None
        if key is None:
            raise NotFound(f"the sample of voice {voice_id!r} is gone", voice=voice_id)
        with self._blobs.open(key) as file:
            return file.read()

    # -- rendering -----------------------------------------------------------------------------

    def find(self, voice_id: str, viewer: str | None) -> VoiceInfo | None:
        """A ready clone the viewer may use, installed in the engine; None if there is none."""
        if self._engine is None or not voice_id.startswith("clone_"):
            return None
        try:
            entry = self.get(voice_id, viewer=viewer)
        except NotFound:
            return None
        if entry.status != READY or entry.record is None:
            return None
        with self._lock:
            installed = self._installed.get(voice_id)
            if installed is None or installed.updated_at != entry.updated_at:
                self._install(entry)
            return self._installed[voice_id].info

    def _install(self, entry: ClonedVoice) -> None:
        assert self._engine is not None and entry.record is not None
        with self._db.session() as session:
            row = session.get(ClonedVoiceRow, entry.id)
            key = row.table_key if row else None
        if key is None:
            raise VoicePackUnreadable(f"cloned voice {entry.id} has no style table", source=entry.id)
        with self._blobs.open(key) as file:
            table = read_table(file.read(), entry.id)
        info = entry.info()
        accent = Accent.GB if entry.record.language == "en-GB" else Accent.US
        self._engine.add_voice(ExtraVoice(info=info, g2p=accent, table=table, tone=entry.record.recipe.tone))
        self._installed[entry.id] = _Installed(entry.updated_at, info)

    def _uninstall(self, voice_id: str) -> None:
        with self._lock:
            if self._installed.pop(voice_id, None) is not None and self._engine is not None:
                self._engine.remove_voice(voice_id)

    # -- writing -------------------------------------------------------------------------------

    def create(self, voice_id: str, new: NewClonedVoice) -> ClonedVoice:
        """The voice row in state ``cloning``, with its sample stored; a job is attached next."""
        sample_key = self._blobs.new_key("wav")
        self._blobs.write_bytes(sample_key, new.sample_wav)
        now = utcnow()
        row = ClonedVoiceRow(
            id=voice_id,
            owner_id=new.owner_id,
            name=new.name,
            description=new.description,
            labels=json.dumps(new.labels, ensure_ascii=False),
            status=CLONING,
            filename=new.filename,
            sample_key=sample_key,
            sample_seconds=round(new.sample_seconds, 2),
            sample_rate=new.sample_rate,
            consent=json.dumps(new.consent.to_dict(), ensure_ascii=False),
            created_at=now,
            updated_at=now,
        )
        try:
            with self._db.session() as session:
                session.add(row)
        except BaseException:
            self._blobs.delete(sample_key)
            raise
        return self.get(voice_id, viewer=None)

    def attach_job(self, voice_id: str, job_id: str) -> None:
        with self._db.session() as session:
            session.execute(update(ClonedVoiceRow).where(ClonedVoiceRow.id == voice_id).values(job_id=job_id))

    def update(
        self,
        voice_id: str,
        *,
        owner_id: str | None,
        name: str | None = None,
        description: str | None = None,
        labels: dict[str, str] | None = None,
        shared_with: Sharing | None = None,
    ) -> ClonedVoice:
        """Only the owner edits; a user the voice is shared with gets Forbidden, anyone else NotFound."""
        entry = self._owned(voice_id, owner_id)
        values: dict[str, object] = {"updated_at": utcnow()}
        if name is not None:
            values["name"] = name
        if description is not None:
            values["description"] = description
        if labels is not None:
            values["labels"] = json.dumps(labels, ensure_ascii=False)
        with self._db.session() as session:
            session.execute(update(ClonedVoiceRow).where(ClonedVoiceRow.id == voice_id).values(**values))
            if shared_with is not None:
                replace_sharing(session, voice_id, shared_with, owner_id=entry.owner_id)
        return self.get(voice_id, viewer=owner_id)

    def _owned(self, voice_id: str, owner_id: str | None) -> ClonedVoice:
        entry = self.get(voice_id, viewer=owner_id)
        if owner_id is not None and entry.owner_id != owner_id:
            raise Forbidden(
                f"voice {voice_id} was shared with you; only its owner can change it", voice=voice_id
            )
        return entry

    def delete(self, voice_id: str, *, owner_id: str | None) -> ClonedVoice:
        """Row, shares, sample and table: all gone. Returns what was deleted (its job may need cancelling)."""
        entry = self._owned(voice_id, owner_id)
        with self._db.session() as session:
            row = session.get(ClonedVoiceRow, voice_id)
            if row is None:
                raise NotFound(f"no voice {voice_id!r}", voice=voice_id)
            keys = [k for k in (row.sample_key, row.table_key) if k]
            session.delete(row)
        for key in keys:
            self._blobs.delete(key)
        self._uninstall(voice_id)
        return entry

    def finish(
        self,
        voice_id: str,
        record: CloneRecord,
        table: StyleTable,
        *,
        complete_job: Callable[[AlongsideWrite], bool] | None = None,
    ) -> bool:
        """Table blob, then the voice marked ready (if still there), with its job's success if any.

        ``complete_job`` marks the clone job succeeded in the same transaction as the voice (the jobs
        package writes job rows); False if either is gone (cancelled, deleted, taken over), and the
        table is removed again. Without it (the CLI clones in its own process) only the voice is updated.
        """
        table_key = self._blobs.new_key("npy")
        self._blobs.write_bytes(table_key, table_bytes(table))

        def mark_ready(session: Session) -> bool:
            statement = (
                update(ClonedVoiceRow)
                .where(ClonedVoiceRow.id == voice_id, ClonedVoiceRow.status == CLONING)
                .values(
                    status=READY,
                    table_key=table_key,
                    updated_at=utcnow(),
                    record=json.dumps(record.to_dict(), ensure_ascii=False),
                    error_code=None,
                    error_message=None,
                )
            )
            return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]

        if complete_job is not None:
            ready = complete_job(mark_ready)
        else:
            with self._db.session() as session:
                ready = mark_ready(session)
        if not ready:
            self._blobs.delete(table_key)
        return ready


def _entry(row: ClonedVoiceRow, sharing: Sharing, job: Job | None) -> ClonedVoice:
    status, progress = row.status, None
    error_code, error_message = row.error_code, row.error_message
    if status == CLONING:
        if job is None and row.job_id is not None:
            status, error_code = FAILED, error_code or "job_missing"
            error_message = error_message or "the cloning job is gone"
        elif job is not None and job.status in (JobStatus.CANCELLED, JobStatus.FAILED):
            status = CANCELLED if job.status is JobStatus.CANCELLED else FAILED
            error_code, error_message = job.error_code or status, job.error_message or f"cloning was {status}"
        else:
            detail = job.detail if job else None
            progress = CloneProgress(
                job_status=job.status.value if job else JobStatus.QUEUED.value,
                done=job.chunks_done if job else 0,
                total=job.chunks_total if job else None,
                stage=detail.stage if detail else None,
                best=detail.best if detail else None,
                eta_s=detail.eta_s if detail else None,
            )
    return ClonedVoice(
        id=row.id,
        owner_id=row.owner_id,
        name=row.name,
        description=row.description,
        labels=json.loads(row.labels or "{}"),
        status=status,
        job_id=row.job_id,
        filename=row.filename,
        sample_seconds=row.sample_seconds,
        sample_rate=row.sample_rate,
        consent=Consent.from_dict(json.loads(row.consent)),
        record=CloneRecord.from_dict(json.loads(row.record)) if row.record else None,
        error_code=error_code,
        error_message=error_message,
        created_at=row.created_at,
        updated_at=row.updated_at,
        shared_with=sharing.user_ids,
        invited=sharing.invited,
        progress=progress,
    )
