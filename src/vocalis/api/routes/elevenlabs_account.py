"""ElevenLabs-compatible account: ``GET /v1/user`` and ``GET /v1/user/subscription``.

ElevenLabs tools read these to show the characters left; here they come from the account and its daily
character quota (used since midnight UTC, the limit, when it resets). Billing fields have fixed values:
a self-hosted server bills nothing.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.allowance import Allowance
from vocalis.accounts.roles import Role
from vocalis.api.deps import Authenticated
from vocalis.api.parts import Allowances

router = APIRouter(tags=["ElevenLabs compatible"])
NO_VOICE_LIMIT = 10_000  # Vocalis limits no voices; tools want a number


class Price(BaseModel):
    amount: str = Field(default="0", description="Always 0: nothing is billed.")
    currency: str = Field(default="usd", description="Always usd.")


class Subscription(BaseModel):
    tier: str = Field(description="self_hosted.")
    character_count: int = Field(description="Characters synthesised today (since 00:00 UTC).")
    character_limit: int = Field(description="Characters allowed a day.")
    next_character_count_reset_unix: int = Field(description="When the count resets: next 00:00 UTC.")
    max_credit_limit_extension: int = Field(default=0, description="Always 0.")
    can_extend_character_limit: bool = Field(default=False, description="Always false.")
    allowed_to_extend_character_limit: bool = Field(default=False, description="Always false.")
    voice_slots_used: int = Field(description="Cloned voices you own.")
    professional_voice_slots_used: int = Field(default=0, description="Always 0.")
    professional_voice_slots_used_in_workspace: int = Field(default=0, description="Always 0.")
    voice_limit: int = Field(default=NO_VOICE_LIMIT, description=f"No limit: always {NO_VOICE_LIMIT}.")
    voice_add_edit_counter: int = Field(description="Cloned voices you own.")
    professional_voice_limit: int = Field(default=0, description="Always 0.")
    can_extend_voice_limit: bool = Field(default=False, description="Always false.")
    can_use_instant_voice_cloning: bool = Field(default=True, description="Always true.")
    can_use_professional_voice_cloning: bool = Field(default=False, description="Always false.")
    current_overage: Price = Field(default_factory=Price, description="Always 0.")
    status: Literal["active"] = Field(default="active", description="Always active.")
    character_refresh_period: Literal["daily"] = Field(default="daily", description="The quota is daily.")

    @classmethod
    def of(cls, allowance: Allowance) -> Subscription:
        return cls(
            tier="self_hosted",
            character_count=allowance.characters_used,
            character_limit=allowance.characters_limit,
            next_character_count_reset_unix=int(allowance.resets_at.timestamp()),
            voice_slots_used=allowance.voices_owned,
            voice_add_edit_counter=allowance.voices_owned,
        )


class ElevenUser(BaseModel):
    user_id: str = Field(description="Your Vocalis user id.")
    first_name: str = Field(description="Your display name.")
    workspace_id: str = Field(description="Your user id: every user is their own workspace.")
    subscription: Subscription = Field(description="Your character quota and voices.")
    created_at: int = Field(description="When the account was made, Unix time.")
    seat_type: str = Field(description="workspace_admin for admins, workspace_member otherwise.")
    is_new_user: bool = Field(default=False, description="Always false.")
    is_api_key_hashed: bool = Field(default=True, description="Always true: keys are stored hashed.")
    can_use_delayed_payment_methods: bool = Field(default=False, description="Always false.")
    is_onboarding_completed: bool = Field(default=True, description="Always true.")
    is_onboarding_checklist_completed: bool = Field(default=True, description="Always true.")


@router.get("/v1/user/subscription", summary="My character quota (ElevenLabs shape)")
async def subscription(principal: Authenticated, allowances: Allowances) -> Subscription:
    return Subscription.of(await run_in_threadpool(allowances.of, principal.user))


@router.get("/v1/user", summary="Me and my character quota (ElevenLabs shape)")
async def user(principal: Authenticated, allowances: Allowances) -> ElevenUser:
    me = principal.user
    return ElevenUser(
        user_id=me.id,
        first_name=me.display_name,
        workspace_id=me.id,
        subscription=Subscription.of(await run_in_threadpool(allowances.of, me)),
        created_at=int(me.created_at.timestamp()),
        seat_type="workspace_admin" if me.role is Role.ADMIN else "workspace_member",
    )
