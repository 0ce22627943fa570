"""Usage analytics: ``GET /analytics`` and ``GET /v1/usage``. Admins see everyone; users themselves."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from vocalis.api.deps import Authenticated
from vocalis.api.parts import History, Jobs
from vocalis.api.schemas.base import IsoDateTime
from vocalis.errors import Forbidden
from vocalis.store.history import UsageBucket

router = APIRouter(tags=["Analytics"])


class UsageRow(BaseModel):
    key: str | None = Field(description="The voice, model, day, user id, API key id or source (null: none).")
    requests: int = Field(description="Syntheses made (a finished job counts as one).")
    characters: int = Field(description="Characters synthesised.")
    audio_seconds: float = Field(description="Seconds of audio made.")
    compute_seconds: float = Field(description="Seconds spent rendering.")
    real_time_factor: float | None = Field(
        description="compute / audio seconds: below 1 is faster than real time."
    )

    @classmethod
    def of(cls, bucket: UsageBucket) -> UsageRow:
        rtf = bucket.real_time_factor
        return cls(
            key=bucket.key,
            requests=bucket.requests,
            characters=bucket.characters,
            audio_seconds=bucket.audio_seconds,
            compute_seconds=bucket.compute_seconds,
            real_time_factor=round(rtf, 4) if rtf is not None else None,
        )


class QueueDepth(BaseModel):
    queued: int = Field(description="Jobs waiting for a worker (everyone's).")
    running: int = Field(description="Jobs being rendered now (everyone's).")


class Analytics(BaseModel):
    scope: Literal["everyone", "user"] = Field(description="everyone (an admin's view) or one user.")
    user_id: str | None = Field(description="The user counted, when scope is user.")
    since: datetime | None = Field(description="Counted from (inclusive).")
    until: datetime | None = Field(description="Counted until (exclusive).")
    totals: UsageRow = Field(description="Everything in the period.")
    by_voice: list[UsageRow] = Field(description="Per voice.")
    by_model: list[UsageRow] = Field(description="Per engine; real_time_factor is the engine's speed.")
    by_source: list[UsageRow] = Field(description="Per interface: openai, elevenlabs, tts, job, ...")
    by_day: list[UsageRow] = Field(description="Per UTC day (YYYY-MM-DD).")
    by_user: list[UsageRow] = Field(description="Per user id.")
    by_api_key: list[UsageRow] = Field(description="Per API key id (null: signed-in use).")
    real_time_factor: dict[str, float | None] = Field(
        description="Seconds of compute per second of audio, per engine."
    )
    jobs: dict[str, int] = Field(description="Jobs by status (all time).")
    queue: QueueDepth = Field(description="The job queue now.")


@router.get("/analytics", summary="Usage: characters, audio, requests and jobs, per voice/model/day/user/key")
@router.get("/v1/usage", summary="Usage (same as /analytics)")
async def analytics(
    history: History,
    jobs: Jobs,
    principal: Authenticated,
    since: Annotated[IsoDateTime | None, Query(description="From this time (ISO 8601).")] = None,
    until: Annotated[IsoDateTime | None, Query(description="Until this time (ISO 8601).")] = None,
    user_id: Annotated[
        str | None, Query(description="Admins: only this user. Others: only themselves.")
    ] = None,
) -> Analytics:
    me = principal.user.id
    if user_id is not None and user_id != me and not principal.is_admin:
        raise Forbidden("only admins see other users' usage")
    everyone = principal.is_admin and user_id is None
    owner = user_id or me

    def gather() -> Analytics:
        usage = history.usage(owner_id=owner, everyone=everyone, since=since, until=until)
        counts = jobs.counts(owner_id=owner, everyone=everyone)
        queued, running = jobs.queue_depth()
        by_model = [UsageRow.of(b) for b in usage.by_model]
        return Analytics(
            scope="everyone" if everyone else "user",
            user_id=None if everyone else owner,
            since=since,
            until=until,
            totals=UsageRow.of(usage.total),
            by_voice=[UsageRow.of(b) for b in usage.by_voice],
            by_model=by_model,
            by_source=[UsageRow.of(b) for b in usage.by_source],
            by_day=[UsageRow.of(b) for b in usage.by_day],
            by_user=[UsageRow.of(b) for b in usage.by_user],
            by_api_key=[UsageRow.of(b) for b in usage.by_api_key],
            real_time_factor={row.key or "": row.real_time_factor for row in by_model},
            jobs=counts,
            queue=QueueDepth(queued=queued, running=running),
        )

    return await run_in_threadpool(gather)
