"""Interview practice over HTTP: interviews (create, list, read, delete), typed answers (text mode) and
the report."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.models import Principal
from vocalis.accounts.roles import Scope
from vocalis.api.deps import check_scope, current_principal
from vocalis.api.parts import Interviews
from vocalis.api.schemas.base import MAX_OFFSET
from vocalis.api.schemas.interviews import (
    AnswerIn,
    InterviewIn,
    InterviewOut,
    InterviewPage,
    LineOut,
    ReplyOut,
    ShareIn,
)
from vocalis.errors import NotFound
from vocalis.interview.service import InterviewService, Reply

router = APIRouter(prefix="/api/v1/interviews", tags=["Interviews"])


async def interview_user(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
    return check_scope(principal, Scope.ANALYSIS)


Candidate = Annotated[Principal, Depends(interview_user)]


@router.post(
    "",
    status_code=201,
    summary="Start an interview",
    responses={
        404: {"description": "No such scenario in that language (unknown_scenario), or no such voice."}
    },
)
async def create_interview(body: InterviewIn, interviews: Interviews, principal: Candidate) -> InterviewOut:
    """The answer holds the opening and the first question in ``turns``. Text mode: post each answer to
    /answers. Voice mode: connect to WS /ws/interview/{id}."""
    interview = await run_in_threadpool(
        lambda: interviews.create(
            principal.user.id, body.scenario_id, body.language, body.voice, body.mode,
            assignment_id=body.assignment_id,
        )
    )  # fmt: skip
    turns = await run_in_threadpool(interviews.turns, interview.id, principal.user.id)
    return InterviewOut.of(interview, turns)


@router.get("", summary="Your interviews, newest first")
async def list_interviews(
    interviews: Interviews,
    principal: Candidate,
    scenario_id: Annotated[str | None, Query(description="Only this scenario.", max_length=60)] = None,
    limit: int = Query(default=50, ge=1, le=200, description="Page size."),
    offset: int = Query(default=0, ge=0, le=MAX_OFFSET, description="Interviews to skip."),
) -> InterviewPage:
    found, total = await run_in_threadpool(
        lambda: interviews.page(principal.user.id, scenario_id=scenario_id, limit=limit, offset=offset)
    )
    return InterviewPage(
        interviews=[InterviewOut.of(i) for i in found], total=total, limit=limit, offset=offset
    )


@router.get("/progress", summary="Your scores over time: overall, per dimension and per scenario")
async def progress(interviews: Interviews, principal: Candidate) -> dict[str, Any]:
    """``timeline``: each completed interview, oldest first, with its overall and dimension scores;
    ``by_scenario``: the same grouped by ``scenario_id:language``; ``averages`` per dimension."""
    return await run_in_threadpool(interviews.progress, principal.user.id)


@router.get("/{interview_id}", summary="One interview with its transcript and judged answers")
async def get_interview(interview_id: str, interviews: Interviews, principal: Candidate) -> InterviewOut:
    owner = principal.user.id
    interview = await run_in_threadpool(interviews.get, interview_id, owner)
    return InterviewOut.of(interview, await run_in_threadpool(interviews.turns, interview_id, owner))


@router.post(
    "/{interview_id}/answers",
    summary="Answer the current question (text mode)",
    responses={409: {"description": "The interview has ended."}},
)
async def answer(interview_id: str, body: AnswerIn, interviews: Interviews, principal: Candidate) -> ReplyOut:
    """The interviewer judges the answer and says what comes next: a follow-up when the answer leaves
    something out, the next question, or the closing line with the report."""
    reply = await run_in_threadpool(interviews.answer, interview_id, principal.user.id, body.text)
    return await _reply(interviews, reply, principal.user.id)


@router.post(
    "/{interview_id}/finish",
    summary="End the interview now, with the report of what was answered",
    responses={409: {"description": "The interview has already ended."}},
)
async def finish(interview_id: str, interviews: Interviews, principal: Candidate) -> ReplyOut:
    reply = await run_in_threadpool(interviews.finish, interview_id, principal.user.id)
    return await _reply(interviews, reply, principal.user.id)


@router.get(
    "/{interview_id}/report",
    summary="The report: scores per answer and overall, advice, comparison with earlier runs",
    responses={409: {"description": "The interview has not ended yet."}},
)
async def report(interview_id: str, interviews: Interviews, principal: Candidate) -> dict[str, Any]:
    return await run_in_threadpool(interviews.report, interview_id, principal.user.id)


@router.post(
    "/{interview_id}/share",
    status_code=204,
    summary="Show this interview to a recruiter or trainer (by e-mail)",
    responses={404: {"description": "No such interview of yours, or no user with that e-mail."}},
)
async def share_interview(
    interview_id: str, body: ShareIn, interviews: Interviews, principal: Candidate
) -> None:
    """They then see it, with its transcript, report and scores, in their recruiter dashboard."""
    recruiting = interviews.recruiting
    assert recruiting is not None
    user_id = await run_in_threadpool(recruiting.user_id, body.email)
    await run_in_threadpool(interviews.repository.share, interview_id, principal.user.id, user_id)


@router.get(
    "/{interview_id}/recording",
    summary="Both voices on one timeline (Ogg Opus; range requests for seeking)",
    response_class=FileResponse,
)
async def get_recording(interview_id: str, interviews: Interviews, principal: Candidate) -> FileResponse:
    """Each turn's ``start_s`` and ``end_s`` (GET /api/v1/interviews/{id}) are times in this recording."""
    path = await run_in_threadpool(interviews.repository.recording_path, interview_id, principal.user.id)
    if path is None:
        raise NotFound(f"interview {interview_id} has no recording (yet)", interview=interview_id)
    return FileResponse(path, media_type="audio/ogg", filename=f"{interview_id}.ogg")


@router.delete(
    "/{interview_id}", status_code=204, summary="Delete an interview, its transcript and recording"
)
async def delete_interview(interview_id: str, interviews: Interviews, principal: Candidate) -> None:
    await run_in_threadpool(interviews.delete, interview_id, principal.user.id)


async def _reply(interviews: InterviewService, reply: Reply, owner: str) -> ReplyOut:
    report = reply.report
    if report is not None:  # the chat model's feedback prose, when one is configured
        report = await run_in_threadpool(interviews.complete_report, reply.interview.id, owner)
    return ReplyOut(
        lines=[LineOut.of(line) for line in reply.lines],
        interview=InterviewOut.of(reply.interview),
        report=report,
    )
