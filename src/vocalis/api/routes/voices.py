"""Voice cloning: upload a consented sample (``POST /voices``, ``POST /v1/voices/add``), follow the
clone job, read, edit, share and delete the voice, and speak with it (``/voices/{id}/synthesize``)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.models import Principal
from vocalis.api.deps import SpeechUser, VoicesUser
from vocalis.api.parts import ClonedVoices, Orders, Slots, UploadSlots, Voices
from vocalis.api.schemas.voices import (
    CloneAccepted,
    ClonedVoiceOut,
    ElevenAdded,
    StockVoiceOut,
    VoiceDeleted,
    VoiceEdit,
    VoiceSpeech,
)
from vocalis.api.synthesis import audio_response, start_run, whole
from vocalis.audio.formats import AudioFormat
from vocalis.cloning.intake import CloneRequest, SampleUpload
from vocalis.cloning.voices_service import VoiceChanges, VoiceFilter
from vocalis.speech.orders import SynthesisOrder
from vocalis.speech.run import OutputSpec

router = APIRouter(tags=["Voice cloning"])

CONSENT_HELP = (
    "Required. The speaker's consent in their own words: who, to what, when, e.g. \"I, Ana Lopez, "
    'consent to Vocalis cloning my voice for my course videos, on 2026-11-22". Stored with the voice.'
)
SAMPLE_HELP = "wav, mp3, m4a, ogg, webm or flac: 15 s to 5 min of one person speaking, at most 10 MiB."


SampleFile = Annotated[UploadFile, File(description=SAMPLE_HELP)]
Consented = Annotated[str | None, Form(description=CONSENT_HELP)]
Labels = Annotated[
    str | None,
    Form(
        description='JSON object of short strings, e.g. {"accent": "Irish"}. A "consent" entry is taken as '
        "the consent statement when the consent field is absent (the ElevenLabs SDK cannot send it)."
    ),
]


def _request(
    principal: Principal, files: list[UploadFile], *, name: str | None, consent: str | None,
    description: str | None, labels: str | None, denoise: bool,
) -> CloneRequest:  # fmt: skip
    return CloneRequest(
        owner_id=principal.user.id,
        api_key_id=principal.key_id,
        samples=tuple(SampleUpload(f.file, f.filename, f.size) for f in files),
        name=name, consent=consent, description=description, labels=labels, denoise=denoise,
    )  # fmt: skip


@router.post("/voices", status_code=201, summary="Clone a voice from a sample (brief shape)")
async def clone_voice(
    cloned_voices: ClonedVoices,
    slots: UploadSlots,
    principal: VoicesUser,
    file: SampleFile,
    name: Annotated[str | None, Form(description="Required: a name for the voice, 1-60 characters.")] = None,
    consent: Consented = None,
    description: Annotated[str | None, Form(description="Up to 500 characters.")] = None,
    labels: Labels = None,
    remove_background_noise: Annotated[
        bool, Form(description="Reduce steady background noise in the sample first.")
    ] = False,
) -> CloneAccepted:
    request = _request(principal, [file], name=name, consent=consent, description=description, labels=labels,
                       denoise=remove_background_noise)  # fmt: skip
    async with slots.slot():  # the sample is decoded and checked before the job is queued
        started = await run_in_threadpool(cloned_voices.start_clone, request)
    entry = started.voice
    return CloneAccepted(
        voice_id=entry.id,
        filename=entry.filename,
        duration=entry.sample_seconds,
        sample_rate=entry.sample_rate,
        message=started.message,
        status=entry.status,
        job_id=started.job_id,
    )


@router.post("/v1/voices/add", summary="Clone a voice from samples (ElevenLabs shape)")
async def add_voice(
    cloned_voices: ClonedVoices,
    slots: UploadSlots,
    principal: VoicesUser,
    name: Annotated[str | None, Form(description="Required: a name for the voice, 1-60 characters.")] = None,
    files: Annotated[
        list[UploadFile] | None, File(description="Required. " + SAMPLE_HELP + " Several files are joined.")
    ] = None,
    consent: Consented = None,
    description: Annotated[str | None, Form(description="Up to 500 characters.")] = None,
    labels: Labels = None,
    remove_background_noise: Annotated[
        bool, Form(description="Reduce steady background noise in the samples first.")
    ] = False,
) -> ElevenAdded:
    request = _request(principal, files or [], name=name, consent=consent, description=description,
                       labels=labels, denoise=remove_background_noise)  # fmt: skip
    async with slots.slot():
        started = await run_in_threadpool(cloned_voices.start_clone, request)
    return ElevenAdded(voice_id=started.voice.id, status=started.voice.status, job_id=started.job_id)


def voice_filter(
    category: Annotated[
        Literal["premade", "cloned"] | None, Query(description="premade (built in) or cloned.")
    ] = None,
    language: Annotated[str | None, Query(description="Language tag prefix, e.g. en or en-GB.")] = None,
    gender: Annotated[str | None, Query(description="female, male or mixed.")] = None,
    search: Annotated[
        str | None, Query(description="Words to find in id, name, accent, description.")
    ] = None,
) -> VoiceFilter:
    return VoiceFilter(category, language, gender, search)


VoiceQuery = Annotated[VoiceFilter, Depends(voice_filter)]


@router.get(
    "/voices/{voice_id}", summary="One voice: built-in, or cloned with its state, similarity and consent"
)
async def get_one_voice(
    voice_id: str, cloned_voices: ClonedVoices, voices: Voices, principal: VoicesUser
) -> StockVoiceOut | ClonedVoiceOut:
    if voice_id.startswith("clone_"):
        view = await run_in_threadpool(lambda: cloned_voices.view(voice_id, viewer=principal.user.id))
        return ClonedVoiceOut.of(view)
    info = voices.get(voice_id)
    return StockVoiceOut(
        voice_id=info.id, name=info.name, language=info.language, accent=info.accent, gender=info.gender,
        engine=info.engine, sample_rate=info.sample_rate, description=info.description,
    )  # fmt: skip


EDIT_SUMMARY = "Rename, describe, label or share a cloned voice"


# One function for both prefixes; the /v1 route keeps the operationId it had as its own function.
@router.patch("/voices/{voice_id}", summary=EDIT_SUMMARY)
@router.patch(
    "/v1/voices/{voice_id}", summary=EDIT_SUMMARY, operation_id="edit_voice_v1_v1_voices__voice_id__patch"
)
async def edit_voice(
    voice_id: str, body: VoiceEdit, cloned_voices: ClonedVoices, principal: VoicesUser
) -> ClonedVoiceOut:
    changes = VoiceChanges(
        name=body.name, description=body.description, labels=body.labels, shared_with=body.shared_with
    )
    view = await run_in_threadpool(
        lambda: cloned_voices.edit(voice_id, owner_id=principal.user.id, changes=changes)
    )
    return ClonedVoiceOut.of(view)


@router.delete("/voices/{voice_id}", summary="Delete a cloned voice: its sample, table and record")
@router.delete("/v1/voices/{voice_id}", summary="Delete a cloned voice (ElevenLabs shape)",
               operation_id="delete_voice_v1_v1_voices__voice_id__delete")  # fmt: skip
async def delete_voice(voice_id: str, cloned_voices: ClonedVoices, principal: VoicesUser) -> VoiceDeleted:
    await run_in_threadpool(lambda: cloned_voices.delete(voice_id, owner_id=principal.user.id))
    return VoiceDeleted(voice_id=voice_id)


@router.post(
    "/voices/{voice_id}/synthesize",
    summary="Speak with a voice",
    response_class=Response,
    responses={200: {"content": {"audio/wav": {}, "audio/mpeg": {}}, "description": "The audio."}},
)
async def synthesize_with(
    voice_id: str, body: VoiceSpeech, orders: Orders, slots: Slots, principal: SpeechUser
) -> Response:
    order = SynthesisOrder(
        text=body.text,
        voice=voice_id,
        speed=body.speed,
        output=OutputSpec(AudioFormat(body.format), sample_rate=body.sample_rate),
        source="voices",
        language=body.language,
    )
    run = await start_run(orders, order, principal)
    return audio_response(await whole(slots, run), run)
