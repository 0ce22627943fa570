"""The interview scenario library over HTTP: what the caller may start (the built-in scenarios and
the published ones offered to them), with filters, and one scenario with its rubric."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from vocalis.api.parts import Interviews
from vocalis.api.routes.interviews import Candidate
from vocalis.api.schemas.interviews import ScenarioList, ScenarioSummary

router = APIRouter(prefix="/api/v1/scenarios", tags=["Interviews"])


@router.get("", summary="The scenario library")
async def list_scenarios(
    interviews: Interviews,
    principal: Candidate,
    language: Annotated[Literal["en", "fr"] | None, Query(description="Only this language.")] = None,
    category: Annotated[
        str | None, Query(description="Only this kind (behavioural, sales...).", max_length=40)
    ] = None,
    difficulty: Annotated[
        Literal["easy", "medium", "hard"] | None, Query(description="Only this level.")
    ] = None,
) -> ScenarioList:
    found = await run_in_threadpool(
        lambda: interviews.scenarios(
            principal.user.id, language=language, category=category, difficulty=difficulty
        )
    )
    return ScenarioList(scenarios=[ScenarioSummary.of(s) for s in found])


@router.get(
    "/{scenario_id}",
    summary="One scenario with its questions and rubric",
    responses={404: {"description": "No such scenario in that language (unknown_scenario)."}},
)
async def get_scenario(
    scenario_id: str,
    interviews: Interviews,
    principal: Candidate,
    language: Annotated[Literal["en", "fr"], Query(description="The scenario's language.")] = "en",
) -> dict[str, Any]:
    """The scenario as its file has it: questions with intent, key points, expected structure, target
    lengths and follow-up rules."""
    found = await run_in_threadpool(interviews.scenario, scenario_id, language, principal.user.id)
    return found.model_dump(mode="json")
