"""Durable jobs at the API edge: what ``/v1/jobs``, ``/jobs`` and ``POST /synthesize`` send and take."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from vocalis.api.schemas.base import LANGUAGE_HELP, SSML_HELP, StrictBody
from vocalis.api.schemas.timing import WordTiming
from vocalis.jobs.models import Job, JobStatus, SpeechSpec

FormatName = Literal["mp3", "opus", "aac", "flac", "wav", "pcm"]
MAX_SYNC_CHARS = 5000
PREVIEW_CHARS = 200


class JobOptions(StrictBody):
    sample_rate: int | None = Field(
        default=None, description="Output rate in Hz (8000-48000); default: the voice's own (24000)."
    )
    bitrate: int | None = Field(
        default=None, description="Bits per second for mp3, opus and aac, e.g. 64000."
    )
    timestamps: bool = Field(default=True, description="Also compute word timestamps (GET .../timestamps).")


class JobBody(StrictBody):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"text": "Chapter one. It was a bright cold day in April.", "voice": "af_heart",
                          "format": "mp3", "options": {"bitrate": 64000, "timestamps": True}}]
        }
    )  # fmt: skip

    text: str = Field(
        min_length=1, description=f"Text to say: up to 1,000,000 characters (a whole book). {SSML_HELP}"
    )
    voice: str | None = Field(default=None, description="Voice id or blend; default: the server's default.")
    speed: float = Field(default=1.0, description="0.25 to 4.0.")
    language: str | None = Field(default=None, description=LANGUAGE_HELP)
    format: FormatName = Field(default="mp3", description="Format of the finished file.")
    options: JobOptions = Field(default_factory=JobOptions, description="Sample rate, bitrate, timestamps.")


class JobProgress(BaseModel):
    chunks_done: int = Field(description="Text chunks rendered and saved.")
    chunks_total: int | None = Field(description="Text chunks in all; null until a worker has started.")
    percent: float | None = Field(description="chunks_done / chunks_total, 0-100.")
    audio_seconds: float = Field(description="Seconds of audio rendered so far.")
    compute_seconds: float = Field(description="Seconds spent rendering so far.")
    eta_seconds: float | None = Field(description="Estimated seconds of work left, while running.")
    stage: str | None = Field(
        default=None, description="A clone job's stage: profiling, searching, reranking, judging, done."
    )
    best_similarity: float | None = Field(
        default=None, description="A clone job's best similarity to the sample so far (search encoder)."
    )


class JobError(BaseModel):
    code: str = Field(description="Stable machine code, e.g. engine_failure, unknown_voice, cancelled.")
    message: str = Field(description="What went wrong, for people.")


# The kinds of job the API shows (each has its own handler in the job system). No docstring: it
# would become the schema's description, and the web app's types are generated from the schema.
class JobKind(enum.StrEnum):
    SPEECH = "speech"
    CLONE = "clone"
    COACHING_ANALYSIS = "coaching_analysis"


class JobOut(BaseModel):
    id: str = Field(description="Job id.")
    kind: JobKind = Field(
        default=JobKind.SPEECH,
        description="speech (renders text), clone (builds the cloned voice named in `voice`; "
        "progress counts the search's renders) or coaching_analysis (analyses the long talk uploaded "
        "into the coaching session named in `voice`; progress counts its stages).",
    )
    status: JobStatus = Field(description="queued, running, succeeded, failed or cancelled.")
    created_at: datetime = Field(description="When it was submitted.")
    started_at: datetime | None = Field(description="When a worker first started it.")
    finished_at: datetime | None = Field(description="When it succeeded, failed or was cancelled.")
    voice: str = Field(description="The voice asked for.")
    model: str | None = Field(description="The engine rendering it, once known.")
    format: str = Field(description="Format of the finished file.")
    speed: float = Field(description="Speaking speed.")
    options: JobOptions = Field(description="Sample rate, bitrate, timestamps.")
    characters: int = Field(description="Length of the text.")
    text_preview: str = Field(description=f"The first {PREVIEW_CHARS} characters of the text.")
    progress: JobProgress = Field(description="How far it got.")
    error: JobError | None = Field(description="Why it failed or was cancelled (or the last retried error).")
    attempts: int = Field(description="Times a worker started on it (more than 1 after a crash or retry).")
    history_item_id: str | None = Field(description="The history item holding the result, once succeeded.")
    audio_url: str | None = Field(description="Where to download the result, once succeeded.")
    timestamps_url: str | None = Field(description="Where to get word timestamps, once succeeded.")

    @classmethod
    def of(cls, job: Job) -> JobOut:
        done = job.status is JobStatus.SUCCEEDED
        total = job.chunks_total
        stored = job.spec.columns()
        speech = job.spec if isinstance(job.spec, SpeechSpec) else None
        return cls(
            id=job.id,
            kind=JobKind(job.kind),
            status=job.status,
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
            voice=stored.voice,
            model=job.model,
            format=stored.format.value,
            speed=stored.speed,
            options=JobOptions(
                sample_rate=stored.sample_rate, bitrate=stored.bitrate, timestamps=stored.timestamps
            ),
            characters=job.characters,
            text_preview=stored.text[:PREVIEW_CHARS],
            progress=JobProgress(
                chunks_done=job.chunks_done,
                chunks_total=total,
                percent=round(100 * job.chunks_done / total, 1) if total else None,
                audio_seconds=job.audio_seconds,
                compute_seconds=job.compute_seconds,
                eta_seconds=job.eta_seconds,
                stage=job.detail.stage if job.detail else None,
                best_similarity=job.detail.best if job.detail else None,
            ),
            error=JobError(code=job.error_code, message=job.error_message or "") if job.error_code else None,
            attempts=job.attempts,
            history_item_id=job.synthesis_id,
            audio_url=f"/v1/jobs/{job.id}/audio" if done and job.synthesis_id else None,
            timestamps_url=f"/v1/jobs/{job.id}/timestamps"
            if done and speech is not None and speech.timestamps
            else None,
        )


class JobList(BaseModel):
    jobs: list[JobOut] = Field(description="This page, newest first.")
    total: int = Field(description="Jobs matching, all pages together.")
    limit: int = Field(description="Page size.")
    offset: int = Field(description="Jobs skipped.")


class JobRemoved(BaseModel):
    id: str = Field(description="Job id.")
    outcome: Literal["cancelled", "deleted"] = Field(
        description="cancelled (it was queued or running; its partial audio is discarded) or deleted "
        "(it had finished; its result went with it)."
    )


class IdsBody(StrictBody):
    ids: list[str] = Field(min_length=1, max_length=500, description="Ids to delete.")


class BatchDeleted(BaseModel):
    deleted: list[str] = Field(description="Ids deleted (running ones were cancelled first).")
    not_found: list[str] = Field(description="Ids that do not exist or are not yours.")


class JobTimestamps(BaseModel):
    job_id: str = Field(description="Job id.")
    audio_seconds: float = Field(description="Length of the audio.")
    words: list[WordTiming] = Field(description="Every word of the text with its time in the audio.")


class SynthesizeBody(StrictBody):
    model_config = ConfigDict(json_schema_extra={"examples": [{"text": "Hello there.", "voice_id": "af"}]})

    text: str = Field(
        min_length=1, description=f"Text to say (synchronously up to {MAX_SYNC_CHARS} characters)."
    )
    voice_id: str = Field(default="af", description="Voice id or blend (GET /voices).")
    speed: float = Field(default=1.0, description="0.25 to 4.0.")
    language: str | None = Field(default=None, description=LANGUAGE_HELP)
    style: str | None = Field(default=None, description="Accepted for compatibility; not used.")
    format: FormatName = Field(default="wav", description="Audio format.")
