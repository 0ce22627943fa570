"""Durable jobs: ``/v1/jobs`` (and the brief's ``/jobs``, ``POST /synthesize?async_mode=true``)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.models import Principal
from vocalis.accounts.roles import Scope
from vocalis.api.deps import Authenticated, check_scope, require
from vocalis.api.parts import AppSettings, Blobs, DefaultVoice, Jobs, Orders, Slots
from vocalis.api.schemas.base import MAX_OFFSET
from vocalis.api.schemas.jobs import (
    MAX_SYNC_CHARS,
    BatchDeleted,
    IdsBody,
    JobBody,
    JobList,
    JobOut,
    JobRemoved,
    JobTimestamps,
    SynthesizeBody,
)
from vocalis.api.schemas.timing import WordTiming
from vocalis.api.synthesis import audio_response, start_run, whole
from vocalis.audio.formats import AudioFormat
from vocalis.config import Settings
from vocalis.errors import JobNotReady, TooLarge
from vocalis.jobs.models import JobSpec, JobStatus, NewJob, SpeechSpec
from vocalis.jobs.service import JobService
from vocalis.speech.orders import SynthesisOrder
from vocalis.speech.run import OutputSpec

router = APIRouter(tags=["Jobs"])
JobsUser = Annotated[Principal, Depends(require(Scope.JOBS))]
EVENT_POLL_S = 0.5
KEEPALIVE_S = 15.0


ACCEPTED: dict[int | str, dict[str, Any]] = {202: {"model": JobOut, "description": "Queued."}}


async def _submit(
    jobs: JobService,
    settings: Settings,
    principal: Principal,
    spec: JobSpec,
    *,
    source: str,
    key: str | None,
) -> JSONResponse:
    per_day = principal.user.characters_per_day or settings.limits.characters_per_day
    new = NewJob(spec, principal.user.id, principal.key_id, source, key)
    submitted = await run_in_threadpool(lambda: jobs.submit(new, characters_per_day=per_day))
    body = JobOut.of(submitted.job).model_dump(mode="json")
    return JSONResponse(body, status_code=202, headers={"Location": f"/v1/jobs/{submitted.job.id}"})


@router.post("/v1/jobs", summary="Submit a long synthesis as a job", status_code=202, response_model=JobOut,
             responses=ACCEPTED)  # fmt: skip
async def submit_job(
    body: JobBody,
    default_voice: DefaultVoice,
    jobs: Jobs,
    settings: AppSettings,
    principal: JobsUser,
    idempotency_key: str | None = Header(
        default=None,
        alias="Idempotency-Key",
        max_length=255,
        description="Send the same key again (after a timeout, say) to get the same job, not a second one.",
    ),
) -> JSONResponse:
    spec = SpeechSpec(
        text=body.text,
        voice=body.voice or default_voice,
        speed=body.speed,
        format=AudioFormat(body.format),
        sample_rate=body.options.sample_rate,
        bitrate=body.options.bitrate,
        timestamps=body.options.timestamps,
        language=body.language,
    )
    return await _submit(jobs, settings, principal, spec, source="jobs", key=idempotency_key)


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
    jobs: Jobs,
    settings: AppSettings,
    orders: Orders,
    slots: Slots,
    principal: Authenticated,
    async_mode: bool = Query(default=False, description="true: queue a job and answer 202 with its id."),
) -> Response:
    if async_mode:
        check_scope(principal, Scope.JOBS)
        spec = SpeechSpec(
            text=body.text,
            voice=body.voice_id,
            speed=body.speed,
            format=AudioFormat(body.format),
            language=body.language,
        )
        return await _submit(jobs, settings, principal, spec, source="brief", key=None)
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
        language=body.language,
    )
    run = await start_run(orders, order, principal)
    return audio_response(await whole(slots, run), run)


@router.get("/v1/jobs", summary="My jobs, newest first")
@router.get("/jobs", summary="My jobs, newest first")
async def list_jobs(
    jobs: Jobs,
    principal: JobsUser,
    status: Annotated[JobStatus | None, Query(description="Only jobs in this state.")] = None,
    limit: int = Query(default=50, ge=1, le=500, description="Page size."),
    offset: int = Query(default=0, ge=0, le=MAX_OFFSET, description="Jobs to skip."),
) -> JobList:
    page, total = await run_in_threadpool(
        lambda: jobs.list(owner_id=principal.user.id, status=status, limit=limit, offset=offset)
    )
    return JobList(jobs=[JobOut.of(j) for j in page], total=total, limit=limit, offset=offset)


@router.get("/v1/jobs/{job_id}", summary="A job's status and progress")
@router.get("/jobs/{job_id}", summary="A job's status and progress")
async def get_job(job_id: str, jobs: Jobs, principal: JobsUser) -> JobOut:
    return JobOut.of(await run_in_threadpool(lambda: jobs.get(job_id, owner_id=principal.user.id)))


@router.delete("/v1/jobs/{job_id}", summary="Cancel a job (or delete a finished one)")
@router.delete("/jobs/{job_id}", summary="Cancel a job (or delete a finished one)")
async def delete_job(job_id: str, jobs: Jobs, principal: JobsUser) -> JobRemoved:
    outcome = await run_in_threadpool(lambda: jobs.cancel_or_delete(job_id, owner_id=principal.user.id))
    return JobRemoved(id=job_id, outcome=outcome)


@router.post("/v1/jobs/batch_delete", summary="Cancel and delete several jobs")
@router.post("/jobs/batch_delete", summary="Cancel and delete several jobs")
async def batch_delete_jobs(body: IdsBody, jobs: Jobs, principal: JobsUser) -> BatchDeleted:
    result = await run_in_threadpool(lambda: jobs.delete_many(body.ids, owner_id=principal.user.id))
    return BatchDeleted(deleted=list(result.deleted), not_found=list(result.not_found))


@router.get(
    "/v1/jobs/{job_id}/audio",
    summary="Download a finished job's audio",
    response_class=FileResponse,
    responses={200: {"content": {f.media_type: {} for f in AudioFormat}, "description": "The audio file."}},
)
@router.get("/jobs/{job_id}/audio", summary="Download a finished job's audio", response_class=FileResponse)
async def job_audio(job_id: str, jobs: Jobs, blobs: Blobs, principal: JobsUser) -> FileResponse:
    record = await run_in_threadpool(lambda: jobs.result(job_id, owner_id=principal.user.id))
    path = blobs.path(record.audio_key)
    if not path.is_file():
        raise JobNotReady(f"job {job_id} has no audio: the file is gone", job_id=job_id)
    media_type = AudioFormat(record.format).media_type
    return FileResponse(
        path, media_type=media_type, filename=f"job-{job_id}.{AudioFormat(record.format).extension}"
    )


@router.get("/v1/jobs/{job_id}/timestamps", summary="Word timestamps of a finished job")
@router.get("/jobs/{job_id}/timestamps", summary="Word timestamps of a finished job")
async def job_timestamps(job_id: str, jobs: Jobs, principal: JobsUser) -> JobTimestamps:
    job, words = await run_in_threadpool(lambda: jobs.words(job_id, owner_id=principal.user.id))
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
async def job_events(job_id: str, jobs: Jobs, principal: JobsUser) -> StreamingResponse:
    owner = principal.user.id
    first = await run_in_threadpool(lambda: jobs.get(job_id, owner_id=owner))  # 404 before streaming

    async def events() -> AsyncIterator[str]:
        job, last, sent_at = first, None, time.monotonic()
        with jobs.listen(job_id) as changed:
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
                job = await run_in_threadpool(lambda: jobs.get(job_id, owner_id=owner))

    return StreamingResponse(events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})


def _frame(kind: str, job: dict[str, Any]) -> str:
    return f"event: {kind}\ndata: {json.dumps({'type': kind, 'job': job})}\n\n"
