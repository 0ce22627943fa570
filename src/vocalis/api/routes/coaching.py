"""Coaching sessions over HTTP: ``/api/v1/sessions`` (create, list, read, change, delete), a recorded
talk analysed into one, one chunk at a time for clients without WebSockets, the feedback, the
analytics timelines and the recording."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.models import Principal
from vocalis.accounts.roles import Scope
from vocalis.api.deps import check_scope, current_principal
from vocalis.api.parts import AppSettings, Coaching, Jobs, UploadSlots
from vocalis.api.schemas.base import MAX_OFFSET, IsoDateTime
from vocalis.api.schemas.coaching import (
    ChunkMetrics,
    FeedbackRequest,
    SessionIn,
    SessionOut,
    SessionPage,
    SessionTypeName,
    SessionUpdate,
)
from vocalis.coaching.live import decode_audio_data
from vocalis.coaching.repository import SessionFilter
from vocalis.coaching.sessions import Focus, NewSession, SessionStatus, SessionType
from vocalis.coaching.work import take_recording
from vocalis.errors import InvalidInput, NotFound

router = APIRouter(prefix="/api/v1/sessions", tags=["Coaching"])


async def coaching_user(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
    return check_scope(principal, Scope.ANALYSIS)


CoachingUser = Annotated[Principal, Depends(coaching_user)]


@router.post("", status_code=201, summary="Create a coaching session")
async def create_session(body: SessionIn, coaching: Coaching, principal: CoachingUser) -> SessionOut:
    new = NewSession(body.title, SessionType(body.session_type), body.language, body.config.to_config())
    return SessionOut.of(await run_in_threadpool(coaching.create, principal.user.id, new))


@router.get("", summary="Your coaching sessions, newest first")
async def list_sessions(
    coaching: Coaching,
    principal: CoachingUser,
    session_type: Annotated[SessionTypeName | None, Query(description="Only this type.")] = None,
    language: Annotated[str | None, Query(description="Only this language (en, fr).", max_length=8)] = None,
    status: Annotated[SessionStatus | None, Query(description="Only sessions in this state.")] = None,
    since: Annotated[IsoDateTime | None, Query(description="Created at or after (ISO 8601).")] = None,
    until: Annotated[IsoDateTime | None, Query(description="Created before (ISO 8601).")] = None,
    limit: int = Query(default=50, ge=1, le=200, description="Page size."),
    offset: int = Query(default=0, ge=0, le=MAX_OFFSET, description="Sessions to skip."),
) -> SessionPage:
    filters = SessionFilter(
        session_type=SessionType(session_type) if session_type else None,
        language=language,
        status=status,
        since=since,
        until=until,
    )
    sessions, total = await run_in_threadpool(
        coaching.page, principal.user.id, filters, limit=limit, offset=offset
    )
    return SessionPage(sessions=[SessionOut.of(s) for s in sessions], total=total, limit=limit, offset=offset)


@router.get("/{session_id}", summary="One session (another user's answers 404)")
async def get_session(session_id: str, coaching: Coaching, principal: CoachingUser) -> SessionOut:
    return SessionOut.of(await run_in_threadpool(coaching.get, session_id, principal.user.id))


@router.put("/{session_id}", summary="Rename a session or change its settings")
async def update_session(
    session_id: str, body: SessionUpdate, coaching: Coaching, principal: CoachingUser
) -> SessionOut:
    config = body.config.to_config() if body.config else None
    updated = await run_in_threadpool(
        lambda: coaching.update(session_id, principal.user.id, title=body.title, config=config)
    )
    return SessionOut.of(updated)


@router.delete("/{session_id}", status_code=204, summary="Delete a session, its report and recording")
async def delete_session(session_id: str, coaching: Coaching, principal: CoachingUser) -> None:
    await run_in_threadpool(coaching.delete, session_id, principal.user.id)


@router.post(
    "/{session_id}/audio/upload",
    summary="Analyse a recorded talk into the session: its report",
    responses={
        202: {"description": "A long talk: {job_id, session}; the job analyses it."},
        409: {"description": "The session already holds a talk (live or uploaded)."},
    },
)
async def upload_audio(
    session_id: str,
    coaching: Coaching,
    jobs: Jobs,
    settings: AppSettings,
    slots: UploadSlots,
    principal: CoachingUser,
    file: Annotated[UploadFile, File(description="wav, mp3, m4a, ogg, webm or flac; up to 30 minutes.")],
) -> JSONResponse:
    """Up to ``VOCALIS_ANALYSIS__JOB_AFTER_S`` (3 minutes) of audio: 200 with the report. Longer: 202
    with ``{"job_id", "session"}``; the job's progress is at /v1/jobs/{job_id}, and the report at
    /feedback and /analytics once the session is completed."""
    owner = principal.user.id
    await run_in_threadpool(coaching.get, session_id, owner)  # 404 before reading the body
    async with slots.slot():
        data = await file.read()
        taken = await run_in_threadpool(
            lambda: take_recording(
                coaching, jobs, session_id, owner, data, filename=file.filename,
                job_after_s=settings.analysis.job_after_s,
            )
        )  # fmt: skip
    if isinstance(taken, dict):
        return JSONResponse(taken)
    session = await run_in_threadpool(coaching.get, session_id, owner)
    return JSONResponse({"job_id": taken.id, "session": SessionOut.of(session).model_dump(mode="json")}, 202)


@router.post(
    "/{session_id}/audio/analyze",
    summary="One chunk of live audio over HTTP (no WebSocket)",
    responses={
        400: {"description": "Not a chunk: bad JSON or base64, odd length, unsupported rate."},
        409: {"description": "The session is finished."},
    },
)
async def analyze_chunk(
    session_id: str, request: Request, coaching: Coaching, principal: CoachingUser
) -> ChunkMetrics:
    """The body is JSON ``{"audio_data": base64 16-bit mono PCM, "sample_rate": 16000, "timestamp": ms}``
    (the WebSocket's ``audio_chunk``), or raw PCM with ``Content-Type: audio/pcm;rate=16000``. Send
    ``{"stop": true}`` as JSON to finish: the answer's ``feedback`` then holds the report."""
    owner = principal.user.id
    await run_in_threadpool(coaching.get, session_id, owner)  # 404 for another user's, before the body
    body = await request.body()
    kind = request.headers.get("content-type", "")
    if kind.startswith("audio/pcm"):
        rate = int(dict(p.split("=", 1) for p in kind.split(";")[1:] if "=" in p).get("rate", "16000"))
        message: dict[str, Any] = {"pcm": body, "sample_rate": rate}
    else:
        message = _json_chunk(body)
    if message.get("stop"):
        report = await run_in_threadpool(coaching.stop_over_http, session_id, owner)
        return ChunkMetrics(
            session_id=session_id, received_seconds=0, metrics={}, transcript=[], feedback=report
        )
    update = await run_in_threadpool(
        lambda: coaching.chunk_over_http(
            session_id, owner, message["pcm"], message["sample_rate"], message.get("timestamp")
        )
    )
    return ChunkMetrics(session_id=session_id, **update)


def _json_chunk(body: bytes) -> dict[str, Any]:
    import json

    try:
        value = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput("the body is JSON {audio_data, sample_rate, timestamp} or audio/pcm") from exc
    if not isinstance(value, dict):
        raise InvalidInput("the body is a JSON object")
    if value.get("stop") is True:
        return {"stop": True}
    data, rate, stamp = value.get("audio_data"), value.get("sample_rate", 16_000), value.get("timestamp")
    if not isinstance(data, str) or not isinstance(rate, int) or isinstance(rate, bool):
        raise InvalidInput(
            "audio_data (base64 string) and sample_rate (integer) are required", field="audio_data"
        )
    if stamp is not None and (not isinstance(stamp, int | float) or isinstance(stamp, bool)):
        raise InvalidInput("timestamp is a number of milliseconds", field="timestamp")
    return {"pcm": decode_audio_data(data), "sample_rate": rate, "timestamp": stamp}


@router.get("/{session_id}/feedback", summary="The session's feedback: priorities, items, AI summary")
async def get_feedback(session_id: str, coaching: Coaching, principal: CoachingUser) -> JSONResponse:
    results = await run_in_threadpool(coaching.results, session_id, principal.user.id)
    if results.report is None:
        raise NotFound(
            f"session {session_id} has no feedback yet: it has no finished talk", session=session_id
        )
    keys = (
        "score",
        "priorities",
        "strengths",
        "feedback",
        "content",
        "comparison",
        "milestones",
        "ai_summary",
    )
    return JSONResponse({k: results.report.get(k) for k in keys})


@router.post("/{session_id}/feedback/generate", summary="Write the feedback again, for chosen focus areas")
async def generate_feedback(
    session_id: str, coaching: Coaching, principal: CoachingUser, body: FeedbackRequest | None = None
) -> JSONResponse:
    focus = tuple(Focus(f) for f in body.focus) if body and body.focus else None
    report = await run_in_threadpool(coaching.regenerate_feedback, session_id, principal.user.id, focus)
    keys = ("score", "priorities", "strengths", "feedback", "ai_summary")
    return JSONResponse({k: report.get(k) for k in keys})


@router.get("/{session_id}/analytics", summary="Timelines: pace, volume, pitch, fillers, pauses, words")
async def get_analytics(session_id: str, coaching: Coaching, principal: CoachingUser) -> JSONResponse:
    results = await run_in_threadpool(coaching.results, session_id, principal.user.id)
    if results.timelines is None:
        raise NotFound(f"session {session_id} has no analytics yet", session=session_id)
    return JSONResponse({**results.timelines, "summary": results.summary})


@router.get(
    "/{session_id}/recording",
    summary="The session's recording (Ogg Opus; range requests for seeking)",
    response_class=FileResponse,
)
async def get_recording(session_id: str, coaching: Coaching, principal: CoachingUser) -> FileResponse:
    path = await run_in_threadpool(coaching.repository.recording_path, session_id, principal.user.id)
    if path is None:
        raise NotFound(f"session {session_id} has no recording yet", session=session_id)
    return FileResponse(path, media_type="audio/ogg", filename=f"{session_id}.ogg")
