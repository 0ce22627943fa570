"""Job values handed across modules (never ORM rows)."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, Protocol, runtime_checkable

from vocalis.audio.formats import AudioFormat
from vocalis.speech.timestamps import WordTimestamp


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self not in ACTIVE


ACTIVE = frozenset({JobStatus.QUEUED, JobStatus.RUNNING})
SPEECH_KIND = "speech"


@dataclass(frozen=True)
class SpecColumns:
    """How a job's spec is stored: the job row's columns (what a job listing shows of any kind)."""

    text: str
    voice: str
    speed: float = 1.0
    format: AudioFormat = AudioFormat.MP3
    sample_rate: int | None = None
    bitrate: int | None = None
    timestamps: bool = False
    language: str | None = None  # a speech job's reading rules ("fr-FR"); None: the voice's


@runtime_checkable
class JobSpec(Protocol):
    """What one job of one kind is asked to do: a frozen dataclass per kind, stored as columns.

    Each kind's spec class also has ``from_columns(columns) -> Self`` (see ``JobKinds``).
    """

    @property
    def kind(self) -> str: ...

    @property
    def characters(self) -> int: ...  # counted against the owner's daily quota

    def columns(self) -> SpecColumns: ...


@dataclass(frozen=True)
class SpeechSpec:
    """A speech job: what to synthesise and how to deliver it."""

    text: str
    voice: str
    speed: float = 1.0
    format: AudioFormat = AudioFormat.MP3
    sample_rate: int | None = None  # None: the engine's own rate
    bitrate: int | None = None
    timestamps: bool = True
    language: str | None = None  # reading rules ("fr", "fr-FR"); None: the voice's language

    kind: ClassVar[str] = SPEECH_KIND

    @property
    def characters(self) -> int:
        return len(self.text)

    def columns(self) -> SpecColumns:
        return SpecColumns(
            self.text,
            self.voice,
            self.speed,
            self.format,
            self.sample_rate,
            self.bitrate,
            self.timestamps,
            self.language,
        )

    @classmethod
    def from_columns(cls, columns: SpecColumns) -> SpeechSpec:
        return cls(
            columns.text,
            columns.voice,
            columns.speed,
            columns.format,
            columns.sample_rate,
            columns.bitrate,
            columns.timestamps,
            columns.language,
        )


@dataclass(frozen=True)
class UnknownSpec:
    """A row of a kind this process has no handler for (a newer version wrote it): kept, not run."""

    kind: str
    stored: SpecColumns

    @property
    def characters(self) -> int:
        return 0

    def columns(self) -> SpecColumns:
        return self.stored


class JobKinds:
    """The job kinds this process knows, by name: built once with the object graph."""

    def __init__(self, specs: Iterable[SpecDecoder]) -> None:
        self._decoders = {decoder.kind: decoder for decoder in specs}

    def decode(self, kind: str, columns: SpecColumns) -> JobSpec:
        decoder = self._decoders.get(kind)
        return decoder.from_columns(columns) if decoder is not None else UnknownSpec(kind, columns)

    def __contains__(self, kind: object) -> bool:
        return kind in self._decoders


@dataclass(frozen=True)
class SpecDecoder:
    """A kind's name and how its spec is read back (usually the spec class's ``from_columns``)."""

    kind: str
    from_columns: Callable[[SpecColumns], JobSpec]


@dataclass(frozen=True)
class NewJob:
    spec: JobSpec
    owner_id: str | None
    api_key_id: str | None = None
    source: str = "jobs"  # the interface that asked: "jobs" (/v1/jobs), "brief" (/synthesize), "voices"
    idempotency_key: str | None = None


@dataclass(frozen=True)
class JobDetail:
    """Progress a step count does not tell: the current stage, the best score so far, time left."""

    stage: str
    best: float | None = None
    eta_s: float | None = None

    @classmethod
    def from_json(cls, text: str | None) -> JobDetail | None:
        """The job row's ``detail`` column (JSON, or NULL for jobs that never reported any)."""
        return cls(**json.loads(text)) if text else None

    def to_json(self) -> str:
        return json.dumps({"stage": self.stage, "best": self.best, "eta_s": self.eta_s})


@dataclass(frozen=True)
class JobProgress:
    """What a running job reports: steps done of planned (chunks, renders, ...), and its detail."""

    done: int
    total: int | None
    detail: JobDetail | None = None


@dataclass(frozen=True)
class Job:
    id: str
    owner_id: str | None
    api_key_id: str | None
    source: str
    status: JobStatus
    spec: JobSpec
    characters: int
    model: str | None
    chunks_total: int | None
    chunks_done: int
    chars_done: int
    audio_seconds: float
    compute_seconds: float
    attempts: int
    retries: int
    error_code: str | None
    error_message: str | None
    synthesis_id: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    detail: JobDetail | None = None

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def eta_seconds(self) -> float | None:
        """Seconds of work left, from the rendering speed so far (per character of text)."""
        if self.status is not JobStatus.RUNNING:
            return None
        if self.detail is not None and self.detail.eta_s is not None:
            return self.detail.eta_s  # the job estimates its own time left
        if self.chars_done <= 0 or self.compute_seconds <= 0:
            return None
        remaining = max(0, self.characters - self.chars_done)
        return round(self.compute_seconds / self.chars_done * remaining, 1)


@dataclass(frozen=True)
class Claim:
    """Proof that one worker owns a job; every write it makes names the token."""

    job_id: str
    token: str
    worker: str


@dataclass(frozen=True)
class Segment:
    """Consecutive text chunks ``[first_chunk, end_chunk)`` rendered and saved as one part file."""

    first_chunk: int
    end_chunk: int
    char_end: int
    samples: int
    sample_rate: int
    part_key: str
    part_bytes: int
    crc32: int
    compute_seconds: float
    words: tuple[WordTimestamp, ...]  # times from the segment's start

    @property
    def seconds(self) -> float:
        return self.samples / self.sample_rate
