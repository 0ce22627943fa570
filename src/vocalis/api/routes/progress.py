"""``/api/v1/progress``: how a speaker's sessions trend, their goals, the reference ranges, milestones."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from vocalis.api.parts import Coaching
from vocalis.api.routes.coaching import CoachingUser
from vocalis.api.schemas.coaching import GoalsIn, SessionTypeName
from vocalis.coaching.progress import Goals
from vocalis.coaching.sessions import SessionType

router = APIRouter(prefix="/api/v1/progress", tags=["Coaching"])


@router.get("", summary="Trends per metric across your sessions, goals, reference ranges, milestones")
async def get_progress(
    coaching: Coaching,
    principal: CoachingUser,
    session_type: Annotated[SessionTypeName | None, Query(description="Only sessions of this type.")] = None,
    language: Annotated[
        str | None, Query(description="Only sessions in this language (en, fr).", max_length=8)
    ] = None,
) -> JSONResponse:
    kind = SessionType(session_type) if session_type else None
    report = await run_in_threadpool(coaching.progress, principal.user.id, kind, language)
    return JSONResponse(report)


@router.put("/goals", summary="Set your goals (e.g. 130-160 wpm, under 3 fillers a minute)")
async def put_goals(body: GoalsIn, coaching: Coaching, principal: CoachingUser) -> JSONResponse:
    goals = Goals(**body.model_dump())
    await run_in_threadpool(coaching.set_goals, principal.user.id, goals)
    return JSONResponse(body.model_dump())
