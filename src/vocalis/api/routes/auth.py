"""Accounts: register, sign in and out, refresh; the web app also gets HttpOnly cookies."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.models import SignedIn, User
from vocalis.api.deps import ACCESS_COOKIE, REFRESH_COOKIE, Authenticated
from vocalis.api.parts import Accounts, AppSettings
from vocalis.api.schemas.base import StrictBody
from vocalis.config import Settings
from vocalis.errors import Forbidden, Unauthorized

router = APIRouter(prefix="/api/v1", tags=["Accounts"])
REFRESH_COOKIE_PATH = "/api/v1/auth"


class UserOut(BaseModel):
    id: str = Field(description="User id.")
    email: str = Field(description="Sign-in email, lower-cased.")
    display_name: str = Field(description="Name shown in the app.")
    role: str = Field(description="admin, recruiter or user.")
    disabled: bool = Field(description="A disabled account cannot sign in or use its keys.")
    created_at: datetime = Field(description="When the account was made.")

    @classmethod
    def of(cls, user: User) -> UserOut:
        return cls(
            id=user.id,
            email=user.email,
            display_name=user.display_name,
            role=user.role.value,
            disabled=user.disabled,
            created_at=user.created_at,
        )


class RegisterBody(StrictBody):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"email": "ana@example.org", "password": "a long passphrase", "display_name": "Ana"}]
        }
    )

    email: str = Field(description="Email to sign in with.", max_length=320)
    password: str = Field(description="At least 10 characters.", max_length=256)
    display_name: str | None = Field(default=None, description="Name shown in the app.", max_length=100)


class LoginBody(StrictBody):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"email": "ana@example.org", "password": "a long passphrase"}]}
    )

    email: str = Field(description="Sign-in email.", max_length=320)
    password: str = Field(description="Password.", max_length=256)


class RefreshBody(StrictBody):
    refresh_token: str | None = Field(
        default=None, description="The refresh token; omit it when the web app's refresh cookie is sent."
    )


class Tokens(BaseModel):
    access_token: str = Field(description="Send as Authorization: Bearer. Short-lived.")
    refresh_token: str = Field(description="Exchange at /api/v1/auth/refresh for a new pair.")
    token_type: str = Field(default="bearer", description="Always bearer.")
    expires_in: int = Field(description="Seconds until the access token expires.")
    user: UserOut = Field(description="Who signed in.")


def _set_cookies(response: Response, signed: SignedIn, secure: bool) -> Tokens:
    tokens = signed.tokens
    now = datetime.now(UTC)
    access_age = int((tokens.access_expires_at - now).total_seconds())
    refresh_age = int((tokens.refresh_expires_at - now).total_seconds())
    response.set_cookie(
        ACCESS_COOKIE,
        tokens.access_token,
        max_age=access_age,
        httponly=True,
        samesite="strict",
        secure=secure,
    )
    response.set_cookie(
        REFRESH_COOKIE,
        tokens.refresh_token,
        max_age=refresh_age,
        httponly=True,
        samesite="strict",
        secure=secure,
        path=REFRESH_COOKIE_PATH,
    )
    return Tokens(
        access_token=tokens.access_token,
        refresh_token=tokens.refresh_token,
        expires_in=access_age,
        user=UserOut.of(signed.user),
    )


def secure_cookies(request: Request, settings: Settings) -> bool:
    """Secure when forced, or when the request came over HTTPS: directly, or through a trusted proxy
    (uvicorn's proxy headers middleware puts X-Forwarded-Proto from trusted_proxies into the scheme)."""
    return settings.auth.secure_cookies or request.url.scheme == "https"


def _client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


@router.post(
    "/auth/register",
    summary="Create an account",
    status_code=201,
    description="Creates the account and signs it in. A taken e-mail answers 409: without an e-mail "
    "round trip sign-up cannot hide which e-mails have accounts, so each such answer counts against the "
    "address's sign-in budget (429 once it is spent). Close registration to reveal nothing.",
)
async def register(
    body: RegisterBody, request: Request, response: Response, settings: AppSettings, accounts: Accounts
) -> Tokens:
    if not settings.auth.open_registration:
        raise Forbidden("registration is closed: ask an admin for an account")
    ip = _client_ip(request)
    await run_in_threadpool(
        accounts.rate_limits.hit, f"register:{ip}", settings.auth.login_attempts_per_minute, what="sign-ups"
    )
    signed = await accounts.signup.register(
        body.email,
        body.password,
        display_name=body.display_name,
        ip=ip,
        user_agent=request.headers.get("user-agent"),
    )
    return _set_cookies(response, signed, secure_cookies(request, settings))


@router.post(
    "/auth/login",
    summary="Sign in",
    description="One answer for every refusal: 401 `wrong email or password`. Repeated failures make the "
    "address wait (429 with Retry-After); the account itself never locks.",
)
async def login(
    body: LoginBody, request: Request, response: Response, settings: AppSettings, accounts: Accounts
) -> Tokens:
    ip = _client_ip(request)
    per_minute = settings.auth.login_attempts_per_minute
    await run_in_threadpool(accounts.rate_limits.hit, f"login:{ip}", per_minute, what="sign-in attempts")
    signed = await accounts.signin.sign_in(
        body.email, body.password, ip=ip, user_agent=request.headers.get("user-agent")
    )
    return _set_cookies(response, signed, secure_cookies(request, settings))


@router.post("/auth/refresh", summary="Exchange a refresh token for a new token pair")
async def refresh(
    body: RefreshBody, request: Request, response: Response, accounts: Accounts, settings: AppSettings
) -> Tokens:
    token = body.refresh_token or request.cookies.get(REFRESH_COOKIE)
    if not token:
        raise Unauthorized("send the refresh token in the body or the refresh cookie")
    signed = await run_in_threadpool(accounts.signin.refresh, token)
    return _set_cookies(response, signed, secure_cookies(request, settings))


class Done(BaseModel):
    ok: bool = Field(default=True, description="Always true.")


@router.post("/auth/logout", summary="Sign out: revokes this session's tokens")
async def logout(
    principal: Authenticated, request: Request, response: Response, accounts: Accounts, settings: AppSettings
) -> Done:
    if principal.session_id:
        await run_in_threadpool(accounts.signin.logout, principal.session_id)
    clear_cookies(response, secure_cookies(request, settings))
    return Done()


def clear_cookies(response: Response, secure: bool) -> None:
    """Expire both cookies with the attributes they were set with."""
    response.delete_cookie(ACCESS_COOKIE, httponly=True, samesite="strict", secure=secure)
    response.delete_cookie(
        REFRESH_COOKIE, path=REFRESH_COOKIE_PATH, httponly=True, samesite="strict", secure=secure
    )
