"""Job values handed across modules (never ORM rows)."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from datetime import datetime

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


@dataclass(frozen=True)
class JobSpec:
    """What to synthesise and how to deliver it."""

    text: str
    voice: str
    speed: float = 1.0
    format: AudioFormat = AudioFormat.MP3
    sample_rate: int | None = None  # None: the engine's own rate
    bitrate: int | None = None
    timestamps: bool = True


class JobKind(enum.StrEnum):
    SPEECH = "speech"  # render ``spec.text`` with ``spec.voice``
    CLONE = "clone"  # build the cloned voice whose id is ``spec.voice`` from its stored sample


@dataclass(frozen=True)
class NewJob:
    spec: JobSpec
    owner_id: str | None
    api_key_id: str | None = None
    source: str = "jobs"  # the interface that asked: "jobs" (/v1/jobs), "brief" (/synthesize), "voices"
    idempotency_key: str | None = None
    kind: JobKind = JobKind.SPEECH


@dataclass(frozen=True)
class JobDetail:
    """Progress a chunk count does not tell: a clone's stage and best similarity so far."""

    stage: str
    best: float | None = None
    eta_s: float | None = None

    @classmethod
    def from_json(cls, text: str | None) -> JobDetail | None:
        """The job row's ``detail`` column (JSON, or NULL for jobs that never reported any)."""
        return cls(**json.loads(text)) if text else None


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
    kind: JobKind = JobKind.SPEECH
    detail: JobDetail | None = None

    @property
    def eta_seconds(self) -> float | None:
        """Seconds of work left, from the rendering speed so far (per character of text)."""
        if self.status is not JobStatus.RUNNING:
            return None
        if self.kind is JobKind.CLONE:
            return self.detail.eta_s if self.detail else None
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
