"""Durable jobs: ``/v1/jobs`` (and the brief's ``/jobs``, ``POST /synthesize?async_mode=true``)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.models import Principal
from vocalis.accounts.roles import Scope
from vocalis.api.deps import Authenticated, State, check_scope, require
from vocalis.api.routes.elevenlabs import WordTiming
from vocalis.api.state import ApiState
from vocalis.api.synthesis import SynthesisOrder, audio_response, start_run, whole
from vocalis.audio.formats import AudioFormat
from vocalis.errors import JobNotReady, TooLarge
from vocalis.jobs.models import Job, JobKind, JobSpec, JobStatus, NewJob
from vocalis.speech.run import OutputSpec

router = APIRouter(tags=["Jobs"])
JobsUser = Annotated[Principal, Depends(require(Scope.JOBS))]
FormatName = Literal["mp3", "opus", "aac", "flac", "wav", "pcm"]
MAX_SYNC_CHARS = 5000
PREVIEW_CHARS = 200
EVENT_POLL_S = 0.5
KEEPALIVE_S = 15.0


class JobOptions(BaseModel):
    sample_rate: int | None = Field(
        default=None, description="Output rate in Hz (8000-48000); default: the voice's own (24000)."
    )
    bitrate: int | None = Field(
        default=None, description="Bits per second for mp3, opus and aac, e.g. 64000."
    )
    timestamps: bool = Field(default=True, description="Also compute word timestamps (GET .../timestamps).")


class JobBody(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"text": "Chapter one. It was a bright cold day in April.", "voice": "af_heart",
                          "format": "mp3", "options": {"bitrate": 64000, "timestamps": True}}]
        }
    )  # fmt: skip

    text: str = Field(min_length=1, description="Text to say: up to 1,000,000 characters (a whole book).")
    voice: str | None = Field(default=None, description="Voice id or blend; default: the server's default.")
    speed: float = Field(default=1.0, description="0.25 to 4.0.")
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


class JobOut(BaseModel):
    id: str = Field(description="Job id.")
    kind: JobKind = Field(
        default=JobKind.SPEECH,
        description="speech (renders text) or clone (builds the cloned voice named in `voice`; "
        "progress counts the search's renders).",
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
        return cls(
            id=job.id,
            kind=job.kind,
            status=job.status,
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
            voice=job.spec.voice,
            model=job.model,
            format=job.spec.format.value,
            speed=job.spec.speed,
            options=JobOptions(
                sample_rate=job.spec.sample_rate, bitrate=job.spec.bitrate, timestamps=job.spec.timestamps
            ),
            characters=job.characters,
            text_preview=job.spec.text[:PREVIEW_CHARS],
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
            if done and job.spec.timestamps and job.kind is JobKind.SPEECH
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


class IdsBody(BaseModel):
    ids: list[str] = Field(min_length=1, max_length=500, description="Ids to delete.")


class BatchDeleted(BaseModel):
    deleted: list[str] = Field(description="Ids deleted (running ones were cancelled first).")
    not_found: list[str] = Field(description="Ids that do not exist or are not yours.")


class JobTimestamps(BaseModel):
    job_id: str = Field(description="Job id.")
    audio_seconds: float = Field(description="Length of the audio.")
    words: list[WordTiming] = Field(description="Every word of the text with its time in the audio.")


ACCEPTED: dict[int | str, dict[str, Any]] = {202: {"model": JobOut, "description": "Queued."}}


async def _submit(
    state: ApiState, principal: Principal, spec: JobSpec, *, source: str, key: str | None
) -> JSONResponse:
    per_day = principal.user.characters_per_day or state.settings.limits.characters_per_day
    new = NewJob(spec, principal.user.id, principal.key_id, source, key)
    submitted = await run_in_threadpool(lambda: state.jobs.submit(new, characters_per_day=per_day))
    body = JobOut.of(submitted.job).model_dump(mode="json")
    return JSONResponse(body, status_code=202, headers={"Location": f"/v1/jobs/{submitted.job.id}"})


@router.post("/v1/jobs", summary="Submit a long synthesis as a job", status_code=202, response_model=JobOut,
             responses=ACCEPTED)  # fmt: skip
async def submit_job(
    body: JobBody,
    state: State,
    principal: JobsUser,
    idempotency_key: str | None = Header(
        default=None,
        alias="Idempotency-Key",
        max_length=255,
        description="Send the same key again (after a timeout, say) to get the same job, not a second one.",
    ),
) -> JSONResponse:
    spec = JobSpec(
        text=body.text,
        voice=body.voice or state.services.default_voice,
        speed=body.speed,
        format=AudioFormat(body.format),
        sample_rate=body.options.sample_rate,
        bitrate=body.options.bitrate,
        timestamps=body.options.timestamps,
    )
    return await _submit(state, principal, spec, source="jobs", key=idempotency_key)


class SynthesizeBody(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"text": "Hello there.", "voice_id": "af"}]})

    text: str = Field(
        min_length=1, description=f"Text to say (synchronously up to {MAX_SYNC_CHARS} characters)."
    )
    voice_id: str = Field(default="af", description="Voice id or blend (GET /voices).")
    speed: float = Field(default=1.0, description="0.25 to 4.0.")
    style: str | None = Field(default=None, description="Accepted for compatibility; not used.")
    format: FormatName = Field(default="wav", description="Audio format.")


@router.post(
    "/synthesize",
    summary="Synthesise now (audio) or as a job (async_mode=true: 202 and a job id)",
    response_class=Response,
    responses={
        200: {"content": {f.media_type: {} for f in AudioFormat}, "description": "The audio."},
        **ACCEPTED,
    },
)
async def synthesize(
    body: SynthesizeBody,
    state: State,
    principal: Authenticated,
    async_mode: bool = Query(default=False, description="true: queue a job and answer 202 with its id."),
) -> Response:
    if async_mode:
        check_scope(principal, Scope.JOBS)
        spec = JobSpec(text=body.text, voice=body.voice_id, speed=body.speed, format=AudioFormat(body.format))
        return await _submit(state, principal, spec, source="brief", key=None)
    check_scope(principal, Scope.SPEECH)
    if len(body.text) > MAX_SYNC_CHARS:
        raise TooLarge(
            f"text is {len(body.text)} characters; synchronously the limit is {MAX_SYNC_CHARS}. "
            "Use async_mode=true.",
            limit=MAX_SYNC_CHARS,
        )
    order = SynthesisOrder(
        text=body.text,
        voice=body.voice_id,
        speed=body.speed,
        output=OutputSpec(AudioFormat(body.format)),
        source="tts",
    )
    run = await start_run(state, order, principal)
    return audio_response(await whole(state, run), run)


@router.get("/v1/jobs", summary="My jobs, newest first")
@router.get("/jobs", summary="My jobs, newest first")
async def list_jobs(
    state: State,
    principal: JobsUser,
    status: Annotated[JobStatus | None, Query(description="Only jobs in this state.")] = None,
    limit: int = Query(default=50, ge=1, le=500, description="Page size."),
    offset: int = Query(default=0, ge=0, description="Jobs to skip."),
) -> JobList:
    jobs, total = await run_in_threadpool(
        lambda: state.jobs.list(owner_id=principal.user.id, status=status, limit=limit, offset=offset)
    )
    return JobList(jobs=[JobOut.of(j) for j in jobs], total=total, limit=limit, offset=offset)


@router.get("/v1/jobs/{job_id}", summary="A job's status and progress")
@router.get("/jobs/{job_id}", summary="A job's status and progress")
async def get_job(job_id: str, state: State, principal: JobsUser) -> JobOut:
    return JobOut.of(await run_in_threadpool(lambda: state.jobs.get(job_id, owner_id=principal.user.id)))


@router.delete("/v1/jobs/{job_id}", summary="Cancel a job (or delete a finished one)")
@router.delete("/jobs/{job_id}", summary="Cancel a job (or delete a finished one)")
async def delete_job(job_id: str, state: State, principal: JobsUser) -> JobRemoved:
    outcome = await run_in_threadpool(lambda: state.jobs.cancel_or_delete(job_id, owner_id=principal.user.id))
    return JobRemoved(id=job_id, outcome=outcome)


@router.post("/v1/jobs/batch_delete", summary="Cancel and delete several jobs")
@router.post("/jobs/batch_delete", summary="Cancel and delete several jobs")
async def batch_delete_jobs(body: IdsBody, state: State, principal: JobsUser) -> BatchDeleted:
    result = await run_in_threadpool(lambda: state.jobs.delete_many(body.ids, owner_id=principal.user.id))
    return BatchDeleted(deleted=list(result.deleted), not_found=list(result.not_found))


@router.get(
    "/v1/jobs/{job_id}/audio",
    summary="Download a finished job's audio",
    response_class=FileResponse,
    responses={200: {"content": {f.media_type: {} for f in AudioFormat}, "description": "The audio file."}},
)
@router.get("/jobs/{job_id}/audio", summary="Download a finished job's audio", response_class=FileResponse)
async def job_audio(job_id: str, state: State, principal: JobsUser) -> FileResponse:
    record = await run_in_threadpool(lambda: state.jobs.result(job_id, owner_id=principal.user.id))
    path = state.blobs.path(record.audio_key)
    if not path.is_file():
        raise JobNotReady(f"job {job_id} has no audio: the file is gone", job_id=job_id)
    media_type = AudioFormat(record.format).media_type
    return FileResponse(
        path, media_type=media_type, filename=f"job-{job_id}.{AudioFormat(record.format).extension}"
    )


@router.get("/v1/jobs/{job_id}/timestamps", summary="Word timestamps of a finished job")
@router.get("/jobs/{job_id}/timestamps", summary="Word timestamps of a finished job")
async def job_timestamps(job_id: str, state: State, principal: JobsUser) -> JobTimestamps:
    job, words = await run_in_threadpool(lambda: state.jobs.words(job_id, owner_id=principal.user.id))
    return JobTimestamps(
        job_id=job.id,
        audio_seconds=job.audio_seconds,
        words=[WordTiming.model_validate(w, from_attributes=True) for w in words],
    )


@router.get(
    "/v1/jobs/{job_id}/events",
    summary="A job's progress as server-sent events",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "progress events, then one final "
                     "event: succeeded, failed or cancelled. Each carries the job as in GET /v1/jobs/{id}."}},
)  # fmt: skip
@router.get(
    "/jobs/{job_id}/events",
    summary="A job's progress as server-sent events",
    response_class=StreamingResponse,
)
async def job_events(job_id: str, state: State, principal: JobsUser) -> StreamingResponse:
    owner = principal.user.id
    first = await run_in_threadpool(lambda: state.jobs.get(job_id, owner_id=owner))  # 404 before streaming

    async def events() -> AsyncIterator[str]:
        job, last, sent_at = first, None, time.monotonic()
        with state.job_runtime.hub.listen(job_id) as changed:
            while True:
                seen = (job.status, job.chunks_done, job.chunks_total, job.attempts, job.error_code)
                if seen != last:
                    kind = job.status.value if job.status.finished else "progress"
                    yield _frame(kind, JobOut.of(job).model_dump(mode="json"))
                    last, sent_at = seen, time.monotonic()
                    if job.status.finished:
                        return
                elif time.monotonic() - sent_at > KEEPALIVE_S:
                    yield ": keep-alive\n\n"  # proxies close connections that stay silent too long
                    sent_at = time.monotonic()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), EVENT_POLL_S)
                changed.clear()
                job = await run_in_threadpool(lambda: state.jobs.get(job_id, owner_id=owner))

    return StreamingResponse(events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})


def _frame(kind: str, job: dict[str, Any]) -> str:
    return f"event: {kind}\ndata: {json.dumps({'type': kind, 'job': job})}\n\n"
