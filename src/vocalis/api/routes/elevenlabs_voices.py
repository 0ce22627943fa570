"""ElevenLabs-compatible voices: ``GET /v1/voices``, ``GET /v2/voices`` (search, sort, pages), one voice."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.models import Principal
from vocalis.api.deps import Authenticated
from vocalis.api.parts import ClonedVoices, Voices
from vocalis.api.routes.voices import VoiceQuery
from vocalis.api.schemas.voices import ClonedVoiceOut
from vocalis.cloning.voices_service import ClonedVoiceService, ClonedVoiceView, VoiceFilter
from vocalis.engines.protocols import VoiceInfo
from vocalis.voices.library import VoiceLibrary
from vocalis.voices.listing import Direction, Listed, SortKey, page_of, sort_voices

router = APIRouter(tags=["ElevenLabs compatible"])


class ElevenVoice(BaseModel):
    voice_id: str = Field(description="Pass this in the path of /v1/text-to-speech/{voice_id}.")
    name: str = Field(description="Display name.")
    category: str = Field(description="premade for stock voices and presets, cloned for your clones.")
    description: str = Field(description="What the voice is and which engine renders it.")
    labels: dict[str, str] = Field(description="accent, gender, language, engine.")
    preview_url: str | None = Field(default=None, description="Not provided: synthesise a preview instead.")
    sample_rate: int = Field(description="The engine's native rate in Hz.")
    created_at_unix: int | None = Field(default=None, description="When a cloned voice was made.")
    cloning: ClonedVoiceOut | None = Field(
        default=None, description="For a cloned voice: its state, similarity to the sample and consent."
    )


class ElevenVoiceList(BaseModel):
    voices: list[ElevenVoice] = Field(
        description="Every voice you may use: stock, presets, your clones and those shared with you."
    )


class ElevenVoicePage(BaseModel):
    voices: list[ElevenVoice] = Field(description="This page of the voices found.")
    has_more: bool = Field(description="Whether another page follows.")
    total_count: int = Field(description="How many voices were found in all.")
    next_page_token: str | None = Field(description="Pass as next_page_token for the next page.")


def eleven_voice(voice: VoiceInfo) -> ElevenVoice:
    return ElevenVoice(
        voice_id=voice.id,
        name=voice.name,
        category="premade",
        description=voice.description,
        labels={
            "accent": voice.accent,
            "gender": voice.gender,
            "language": voice.language,
            "engine": voice.engine,
        },
        sample_rate=voice.sample_rate,
    )


def eleven_clone(view: ClonedVoiceView) -> ElevenVoice:
    entry = view.entry
    voice = eleven_voice(entry.info())
    labels = {**voice.labels, **entry.labels, "status": entry.status}
    return voice.model_copy(
        update={
            "category": "cloned",
            "labels": labels,
            "cloning": ClonedVoiceOut.of(view),
            "created_at_unix": int(entry.created_at.timestamp()),
        }
    )


def _listed(
    cloned_voices: ClonedVoiceService, voices: VoiceLibrary, principal: Principal, wanted: VoiceFilter
) -> list[Listed[ElevenVoice]]:
    clones = cloned_voices.visible_views(viewer=principal.user.id, wanted=wanted)
    found = [Listed(eleven_clone(c), c.entry.name, c.entry.created_at) for c in clones]
    found += [Listed(eleven_voice(v), v.name, None) for v in voices.list() if wanted.keeps(v, "premade")]
    return found


@router.get("/v1/voices", summary="Voices (ElevenLabs shape)")
async def list_voices(
    cloned_voices: ClonedVoices, voices: Voices, principal: Authenticated, wanted: VoiceQuery
) -> ElevenVoiceList:
    found = await run_in_threadpool(_listed, cloned_voices, voices, principal, wanted)
    return ElevenVoiceList(voices=[entry.item for entry in found])


@router.get(
    "/v2/voices",
    summary="Search, sort and page the voices (ElevenLabs shape)",
    description="What the ElevenLabs SDK's voices.search() calls. Filters (search, category, language, "
    "gender) as on /v1/voices; voice_type and the other ElevenLabs filters are accepted and ignored.",
)
async def search_voices(
    cloned_voices: ClonedVoices,
    voices: Voices,
    principal: Authenticated,
    wanted: VoiceQuery,
    sort: Annotated[
        SortKey | None, Query(description="name or created_at_unix; default: your clones, then built-in.")
    ] = None,
    sort_direction: Annotated[
        Direction | None, Query(description="asc or desc (default asc for name, desc for created_at_unix).")
    ] = None,
    page_size: Annotated[int, Query(ge=1, le=100, description="Voices per page, 1-100.")] = 10,
    next_page_token: Annotated[
        str | None, Query(max_length=200, description="The previous page's next_page_token.")
    ] = None,
) -> ElevenVoicePage:
    found = await run_in_threadpool(_listed, cloned_voices, voices, principal, wanted)
    direction = sort_direction or ("asc" if sort == "name" else "desc")
    page = page_of(sort_voices(found, sort, direction), page_size=page_size, token=next_page_token)
    return ElevenVoicePage(
        voices=page.items,
        has_more=page.has_more,
        total_count=page.total,
        next_page_token=page.next_page_token,
    )


@router.get("/v1/voices/{voice_id}", summary="One voice (ElevenLabs shape)")
async def get_voice(
    voice_id: str, cloned_voices: ClonedVoices, voices: Voices, principal: Authenticated
) -> ElevenVoice:
    if voice_id.startswith("clone_"):
        view = await run_in_threadpool(lambda: cloned_voices.view(voice_id, viewer=principal.user.id))
        return eleven_clone(view)
    return eleven_voice(voices.get(voice_id))
