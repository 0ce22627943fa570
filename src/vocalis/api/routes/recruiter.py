"""``/api/v1/recruiter``: recruiters and trainers write scenarios, assign them to candidates and follow
their results; ``/api/v1/assignments``: a candidate's assignments. Every route checks the role
(recruiter or admin) and ownership: another recruiter's scenario, assignment or candidate answers 404."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.models import Principal
from vocalis.accounts.roles import Role
from vocalis.api.parts import Accounts, Interviews
from vocalis.api.routes.interviews import Candidate
from vocalis.api.schemas.interviews import AssignmentList, AssignmentOut, InterviewOut
from vocalis.api.schemas.recruiter import (
    AssignIn,
    CandidateList,
    CandidateOut,
    ScenarioChangeIn,
    ScenarioWriteIn,
    SeenInterviewOut,
    WrittenScenarioList,
    WrittenScenarioOut,
)
from vocalis.errors import Forbidden
from vocalis.interview.catalog import ScenarioStatus, Visibility, WrittenScenario
from vocalis.interview.recruiting import Recruiting
from vocalis.interview.service import InterviewService

router = APIRouter(prefix="/api/v1/recruiter", tags=["Recruiters"])
mine = APIRouter(prefix="/api/v1/assignments", tags=["Interviews"])


async def recruiter_user(principal: Candidate) -> Principal:
    if principal.user.role not in (Role.RECRUITER, Role.ADMIN):
        raise Forbidden("this needs the recruiter role: an admin gives it (PATCH /api/v1/admin/users/{id})")
    return principal


Recruiter = Annotated[Principal, Depends(recruiter_user)]


def _recruiting(interviews: InterviewService) -> Recruiting:
    assert interviews.recruiting is not None, "the graph builds recruiting with the interview service"
    return interviews.recruiting


def _shown(written: WrittenScenario, accounts: Accounts) -> WrittenScenarioOut:
    """The scenario with the e-mails of the people it is shared with (the ids mean nothing to its author)."""
    emails = [accounts.directory.get(user_id).email for user_id in written.shared_with]
    return WrittenScenarioOut.of(written, sorted(emails))


def _emails(user_ids: set[str], accounts: Accounts) -> dict[str, str]:
    return {user_id: accounts.directory.get(user_id).email for user_id in user_ids}


@mine.get("", summary="Scenarios recruiters asked you to practise")
async def my_assignments(interviews: Interviews, principal: Candidate) -> AssignmentList:
    found = await run_in_threadpool(_recruiting(interviews).received, principal.user.id)
    return AssignmentList(assignments=[AssignmentOut.of(a) for a in found])


@router.post(
    "/scenarios",
    status_code=201,
    summary="Write a scenario (a draft until published)",
    responses={409: {"description": "That id is taken (a built-in scenario's or another's)."}},
)
async def write_scenario(
    body: ScenarioWriteIn, interviews: Interviews, accounts: Accounts, principal: Recruiter
) -> WrittenScenarioOut:
    written = await run_in_threadpool(
        interviews.catalog.write, principal.user.id, body.scenario, Visibility(body.visibility)
    )
    return await run_in_threadpool(_shown, written, accounts)


@router.get("/scenarios", summary="Your scenarios")
async def my_scenarios(
    interviews: Interviews, accounts: Accounts, principal: Recruiter
) -> WrittenScenarioList:
    found = await run_in_threadpool(interviews.catalog.written_by, principal.user.id)
    return WrittenScenarioList(scenarios=[await run_in_threadpool(_shown, w, accounts) for w in found])


@router.get("/scenarios/{scenario_id}", summary="One of your scenarios")
async def my_scenario(
    scenario_id: str, interviews: Interviews, accounts: Accounts, principal: Recruiter
) -> WrittenScenarioOut:
    written = await run_in_threadpool(interviews.catalog.written, scenario_id, principal.user.id)
    return await run_in_threadpool(_shown, written, accounts)


@router.patch(
    "/scenarios/{scenario_id}",
    summary="Edit, publish, retire or share one of your scenarios",
    responses={409: {"description": "The document's id is not this scenario's."}},
)
async def change_scenario(
    scenario_id: str,
    body: ScenarioChangeIn,
    interviews: Interviews,
    accounts: Accounts,
    principal: Recruiter,
) -> WrittenScenarioOut:
    """Interviews already run keep the scenario as it was when they started."""
    recruiting = _recruiting(interviews)
    shared = None
    if body.shared_with is not None:
        shared = [await run_in_threadpool(recruiting.user_id, email) for email in body.shared_with]
    written = await run_in_threadpool(
        lambda: interviews.catalog.revise(
            scenario_id,
            principal.user.id,
            scenario=body.scenario,
            visibility=Visibility(body.visibility) if body.visibility else None,
            status=ScenarioStatus(body.status) if body.status else None,
            shared_with=shared,
        )
    )
    return await run_in_threadpool(_shown, written, accounts)


@router.post(
    "/assignments",
    status_code=201,
    summary="Ask a candidate to practise a scenario",
    responses={404: {"description": "No such candidate, or no such scenario you may assign."}},
)
async def assign(body: AssignIn, interviews: Interviews, principal: Recruiter) -> AssignmentOut:
    assignment = await run_in_threadpool(
        _recruiting(interviews).assign,
        principal.user.id,
        body.candidate_email,
        body.scenario_id,
        body.language,
        body.note,
    )
    return AssignmentOut.of(assignment)


@router.get("/assignments", summary="The assignments you gave")
async def given(interviews: Interviews, principal: Recruiter) -> AssignmentList:
    found = await run_in_threadpool(_recruiting(interviews).given, principal.user.id)
    return AssignmentList(assignments=[AssignmentOut.of(a) for a in found])


@router.delete("/assignments/{assignment_id}", status_code=204, summary="Withdraw an assignment")
async def withdraw(assignment_id: str, interviews: Interviews, principal: Recruiter) -> None:
    await run_in_threadpool(_recruiting(interviews).withdraw, assignment_id, principal.user.id)


@router.get("/candidates", summary="Your candidates and how they did")
async def candidates(interviews: Interviews, principal: Recruiter) -> CandidateList:
    found = await run_in_threadpool(_recruiting(interviews).candidates, principal.user.id)
    return CandidateList(candidates=[CandidateOut.of(c) for c in found])


@router.get("/interviews", summary="Interviews you may see: for your assignments, or shared with you")
async def seen(
    interviews: Interviews,
    principal: Recruiter,
    accounts: Accounts,
    candidate_id: Annotated[str | None, Query(description="Only this candidate's.", max_length=32)] = None,
) -> list[SeenInterviewOut]:
    found = await run_in_threadpool(_recruiting(interviews).interviews, principal.user.id, candidate_id)
    emails = await run_in_threadpool(_emails, {i.owner_id for i in found if i.owner_id}, accounts)
    return [
        SeenInterviewOut(**InterviewOut.of(i).model_dump(), candidate_email=emails.get(i.owner_id or "", ""))
        for i in found
    ]


@router.get("/interviews/{interview_id}", summary="A candidate's interview: transcript, answers, report")
async def seen_one(
    interview_id: str, interviews: Interviews, accounts: Accounts, principal: Recruiter
) -> dict[str, Any]:
    """``{"interview", "report", "candidate_email"}``: the report is null until the interview ends."""
    interview, turns, report = await run_in_threadpool(
        _recruiting(interviews).interview, principal.user.id, interview_id
    )
    owner = {interview.owner_id} if interview.owner_id else set()
    emails = await run_in_threadpool(_emails, owner, accounts)
    return {
        "interview": InterviewOut.of(interview, turns).model_dump(mode="json"),
        "report": report,
        "candidate_email": emails.get(interview.owner_id or "", ""),
    }


@router.get(
    "/results.csv",
    summary="Every result you may see, as CSV",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "One row per interview."}},
)
async def results_csv(interviews: Interviews, principal: Recruiter) -> Response:
    text = await run_in_threadpool(_recruiting(interviews).results_csv, principal.user.id)
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="interview-results.csv"'},
    )
