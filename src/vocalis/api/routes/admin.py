"""Admins manage accounts: list, change role, disable, delete; read the audit log."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.data import delete_account
from vocalis.accounts.roles import Role
from vocalis.api.deps import AdminUser
from vocalis.api.parts import Accounts, Owned
from vocalis.api.routes.auth import Done, UserOut
from vocalis.api.schemas.base import MAX_OFFSET, StrictBody

router = APIRouter(prefix="/api/v1/admin", tags=["Admin"])


@router.get("/users", summary="All accounts")
async def list_users(
    principal: AdminUser,
    accounts: Accounts,
    q: str | None = Query(default=None, description="Filter by part of the email."),
    limit: int = Query(default=100, ge=1, le=500, description="Page size."),
    offset: int = Query(default=0, ge=0, le=MAX_OFFSET, description="Rows to skip."),
) -> list[UserOut]:
    users = await run_in_threadpool(lambda: accounts.directory.list(limit=limit, offset=offset, query=q))
    return [UserOut.of(u) for u in users]


class UserPatch(StrictBody):
    role: Role | None = Field(default=None, strict=False, description="admin, recruiter or user.")
    disabled: bool | None = Field(default=None, description="Disable (signs the user out) or enable.")
    display_name: str | None = Field(default=None, description="Name shown in the app.", max_length=100)


@router.patch("/users/{user_id}", summary="Change an account's role, status or name")
async def update_user(user_id: str, body: UserPatch, principal: AdminUser, accounts: Accounts) -> UserOut:
    user = await run_in_threadpool(
        lambda: accounts.directory.update(
            user_id,
            actor_id=principal.user.id,
            role=body.role,
            disabled=body.disabled,
            display_name=body.display_name,
        )
    )
    return UserOut.of(user)


@router.delete("/users/{user_id}", summary="Delete an account and everything it owns")
async def delete_user(user_id: str, principal: AdminUser, accounts: Accounts, owned: Owned) -> Done:
    await run_in_threadpool(accounts.directory.get, user_id)
    await run_in_threadpool(
        lambda: delete_account(owned, accounts.directory, user_id, actor_id=principal.user.id)
    )
    return Done()


class AuditOut(BaseModel):
    at: datetime = Field(description="When.")
    actor_id: str | None = Field(description="Who (None for anonymous, e.g. a failed sign-in).")
    action: str = Field(description="login, login_failed, api_key_created, user_deleted, ...")
    target: str | None = Field(description="What it was done to.")
    ip: str | None = Field(description="Client address.")
    details: str = Field(description="JSON details; never secrets.")


@router.get("/audit", summary="The audit log, newest first")
async def audit(
    principal: AdminUser,
    accounts: Accounts,
    actor_id: str | None = Query(default=None, description="Only this user's events."),
    limit: int = Query(default=100, ge=1, le=1000, description="How many."),
) -> list[AuditOut]:
    events = await run_in_threadpool(lambda: accounts.audit.list(actor_id=actor_id, limit=limit))
    return [AuditOut.model_validate(e, from_attributes=True) for e in events]
