"""The signed-in user: profile, password, API keys, data export, account deletion."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.data import delete_account, export_archive
from vocalis.accounts.models import ApiKeyInfo
from vocalis.api.deps import Authenticated
from vocalis.api.parts import Accounts, AppSettings, Owned
from vocalis.api.routes.auth import Done, UserOut, clear_cookies, secure_cookies
from vocalis.api.schemas.base import StrictBody
from vocalis.errors import Forbidden

router = APIRouter(prefix="/api/v1", tags=["Accounts"])


@router.get("/user/profile", summary="Who am I")
async def profile(principal: Authenticated) -> UserOut:
    return UserOut.of(principal.user)


class ProfileBody(StrictBody):
    display_name: str = Field(description="Name shown in the app.", min_length=1, max_length=100)


@router.patch("/user/profile", summary="Change my display name")
async def update_profile(body: ProfileBody, principal: Authenticated, accounts: Accounts) -> UserOut:
    user = await run_in_threadpool(
        lambda: accounts.directory.update(
            principal.user.id, actor_id=principal.user.id, display_name=body.display_name
        )
    )
    return UserOut.of(user)


class PasswordBody(StrictBody):
    current_password: str = Field(description="The password now.", max_length=256)
    new_password: str = Field(description="At least 10 characters.", max_length=256)


@router.post("/user/password", summary="Change my password (signs out every other session)")
async def change_password(body: PasswordBody, principal: Authenticated, accounts: Accounts) -> Done:
    await run_in_threadpool(
        lambda: accounts.directory.change_password(
            principal.user.id, body.current_password, body.new_password, keep_session=principal.session_id
        )
    )
    return Done()


@router.get(
    "/user/export",
    summary="Download all my data (zip of records and audio)",
    response_class=FileResponse,
    responses={200: {"content": {"application/zip": {}}, "description": "The archive."}},
)
async def export(principal: Authenticated, accounts: Accounts, owned: Owned) -> FileResponse:
    if principal.via == "api_key":
        raise Forbidden("sign in to export your data; API keys cannot")
    fd, path = tempfile.mkstemp(prefix="vocalis-export-", suffix=".zip")
    os.close(fd)
    user = principal.user
    keys = await run_in_threadpool(accounts.keys.list, user.id)
    audit = await run_in_threadpool(lambda: accounts.audit.list(actor_id=user.id, limit=1000))
    extra = {"api_keys": keys, "audit_events": audit}
    try:
        await run_in_threadpool(export_archive, owned, user.id, user, extra, path)
    except BaseException:
        os.unlink(path)
        raise
    stamp = datetime.now().strftime("%Y%m%d")
    return FileResponse(
        path,
        media_type="application/zip",
        filename=f"vocalis-export-{stamp}.zip",
        background=BackgroundTask(os.unlink, path),
    )


class DeleteAccountBody(StrictBody):
    password: str | None = Field(
        default=None, description="Required for accounts with a password.", max_length=256
    )
    confirm: bool = Field(description="Must be true: everything you own is deleted, files included.")


@router.delete("/user", summary="Delete my account and everything it owns")
async def delete_me(
    body: DeleteAccountBody,
    principal: Authenticated,
    request: Request,
    response: Response,
    accounts: Accounts,
    owned: Owned,
    settings: AppSettings,
) -> Done:
    if not body.confirm:
        raise Forbidden("set confirm to true to delete the account")
    if principal.via == "api_key":
        raise Forbidden("sign in to delete the account; API keys cannot")
    if principal.via != "local":
        await run_in_threadpool(accounts.directory.verify_password, principal.user.id, body.password or "")
    user_id = principal.user.id
    await run_in_threadpool(lambda: delete_account(owned, accounts.directory, user_id, actor_id=user_id))
    clear_cookies(response, secure_cookies(request, settings))
    return Done()


class KeyBody(StrictBody):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "laptop", "scopes": ["speech", "voices"]}]}
    )

    name: str = Field(description="A name to recognise the key by.", min_length=1, max_length=100)
    scopes: list[str] | None = Field(
        default=None, description="speech, voices, jobs, analysis, admin; default: all but admin."
    )


class KeyOut(BaseModel):
    id: str = Field(description="Key id, for revoking.")
    name: str = Field(description="The key's name.")
    prefix: str = Field(description="The first characters of the key, to recognise it.")
    scopes: list[str] = Field(description="What the key may do.")
    created_at: datetime = Field(description="When it was made.")
    last_used_at: datetime | None = Field(description="When it was last used.")
    revoked_at: datetime | None = Field(description="When it was revoked, if it was.")

    @classmethod
    def of(cls, info: ApiKeyInfo) -> KeyOut:
        return cls(
            id=info.id,
            name=info.name,
            prefix=info.prefix,
            scopes=[s.value for s in info.scopes],
            created_at=info.created_at,
            last_used_at=info.last_used_at,
            revoked_at=info.revoked_at,
        )


class NewKey(KeyOut):
    key: str = Field(description="The key itself. Shown once: store it now.")


@router.post("/keys", summary="Create an API key (shown once)", status_code=201)
async def create_key(body: KeyBody, principal: Authenticated, accounts: Accounts) -> NewKey:
    if principal.via == "api_key":
        raise Forbidden("sign in to create keys; an API key cannot create keys")
    issued = await run_in_threadpool(accounts.keys.create, principal.user, body.name, body.scopes)
    return NewKey(key=issued.key, **KeyOut.of(issued.info).model_dump())


@router.get("/keys", summary="My API keys (prefixes only)")
async def list_keys(principal: Authenticated, accounts: Accounts) -> list[KeyOut]:
    return [KeyOut.of(k) for k in await run_in_threadpool(accounts.keys.list, principal.user.id)]


@router.delete("/keys/{key_id}", summary="Revoke an API key")
async def revoke_key(key_id: str, principal: Authenticated, accounts: Accounts) -> Done:
    await run_in_threadpool(accounts.keys.revoke, principal.user.id, key_id)
    return Done()
