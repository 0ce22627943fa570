"""Voice cloning: upload a consented sample (``POST /voices``, ``POST /v1/voices/add``), follow the
clone job, read, edit, share and delete the voice, and speak with it (``/voices/{id}/synthesize``)."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.models import Principal
from vocalis.api.deps import SpeechUser, State, VoicesUser
from vocalis.api.state import ApiState
from vocalis.api.synthesis import SynthesisOrder, audio_response, start_run, whole
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode
from vocalis.audio.encode import encode
from vocalis.audio.formats import AudioFormat
from vocalis.cloning.consent import Consent
from vocalis.cloning.record import FEATURE_NAME, MIN_USEFUL_GAIN
from vocalis.cloning.registry import NewVoice, VoiceEntry, check_description, check_labels
from vocalis.cloning.sample import MAX_SECONDS, check_upload_size
from vocalis.cloning.service import check_name
from vocalis.cloning.store import new_voice_id
from vocalis.engines.protocols import VoiceInfo
from vocalis.errors import InvalidInput, NotFound
from vocalis.speech.run import OutputSpec

router = APIRouter(tags=["Voice cloning"])

CONSENT_HELP = (
    "Required. The speaker's consent in their own words: who, to what, when, e.g. \"I, Ana Lopez, "
    'consent to Vocalis cloning my voice for my course videos, on 2026-11-22". Stored with the voice.'
)
SAMPLE_HELP = "wav, mp3, m4a, ogg, webm or flac: 15 s to 5 min of one person speaking, at most 10 MB."


class CloneProgressOut(BaseModel):
    job_status: str = Field(description="queued or running.")
    done: int = Field(description="Renders done (probe sentences synthesised and compared).")
    total: int | None = Field(description="Renders planned.")
    stage: str | None = Field(description="profiling, searching, reranking or judging.")
    best_similarity: float | None = Field(description="Best similarity so far by the search encoder.")
    eta_seconds: float | None = Field(description="Estimated seconds left.")


class SimilarityOut(BaseModel):
    clone: float = Field(
        description="Cosine similarity of the clone to the sample (judge, held-out sentences)."
    )
    nearest_stock: float = Field(description="The same for the closest built-in voice.")
    nearest_stock_voice: str = Field(description="That built-in voice; use it when the gain is small.")
    gain: float = Field(description="clone - nearest_stock.")
    same_speaker_anchor: float | None = Field(
        description="The sample's two halves against each other: what a perfect copy would score."
    )
    judge: str = Field(description="The speaker encoder that scored these (not the one the search used).")
    independent: bool = Field(description="True when the judge is not the search's encoder.")
    meaning: str = Field(description="What these numbers mean, in words.")


class ConsentOut(BaseModel):
    statement: str = Field(description="The consent statement, verbatim.")
    speaker: str | None = Field(description="Who consents, when the statement says 'I, NAME, ...'.")
    dated: str | None = Field(description="The date the statement names.")
    recorded_at: str = Field(description="When Vocalis received it (UTC).")


class ClonedVoiceOut(BaseModel):
    voice_id: str = Field(
        description="Use it as `voice` / `voice_id` in every synthesis route, alone or in blends."
    )
    name: str = Field(description="Display name.")
    category: Literal["cloned"] = Field(default="cloned", description="Always cloned.")
    description: str = Field(description="The owner's description.")
    labels: dict[str, str] = Field(description="The owner's labels (short strings).")
    status: str = Field(description="cloning, ready, failed or cancelled.")
    is_owner: bool = Field(description="False for a voice someone shared with you.")
    shared_with: list[str] = Field(description="E-mails of the users it is shared with (owner only).")
    job_id: str | None = Field(description="The clone job: GET /v1/jobs/{id}, its /events, DELETE to cancel.")
    progress: CloneProgressOut | None = Field(description="While cloning.")
    similarity: SimilarityOut | None = Field(description="Once ready: how close it is, measured honestly.")
    recommend_stock: bool | None = Field(
        description=f"True when the clone gains under {MIN_USEFUL_GAIN} over the nearest built-in voice."
    )
    language: str | None = Field(description="Once ready: the reading rules it uses (en-US or en-GB).")
    gender: str | None = Field(description="Once ready.")
    consent: ConsentOut = Field(description="The consent given with the sample.")
    filename: str | None = Field(description="The uploaded file's name.")
    sample_seconds: float = Field(description="Length of the sample.")
    sample_rate: int = Field(description="Sample rate of the upload in Hz.")
    error: dict[str, str] | None = Field(description="{code, message} when failed or cancelled.")
    created_at: datetime = Field(description="When it was uploaded.")


class CloneAccepted(BaseModel):
    voice_id: str = Field(description="The new voice's id (usable once status is ready).")
    filename: str | None = Field(description="The uploaded file's name.")
    duration: float = Field(description="Seconds of audio in the sample.")
    sample_rate: int = Field(description="Sample rate of the upload in Hz.")
    message: str = Field(description="What happens next.")
    status: str = Field(description="cloning.")
    job_id: str = Field(description="Follow it at /v1/jobs/{job_id} (and /events); DELETE it to cancel.")


class ElevenAdded(BaseModel):
    voice_id: str = Field(description="The new voice's id (usable once its status is ready).")
    requires_verification: bool = Field(default=False, description="Always false.")
    status: str = Field(description="cloning.")
    job_id: str = Field(description="Follow it at /v1/jobs/{job_id}.")


class VoiceEdit(BaseModel):
    name: str | None = Field(default=None, description="New display name (1-60 characters).")
    description: str | None = Field(default=None, description="New description (up to 500 characters).")
    labels: dict[str, str] | None = Field(default=None, description="Replaces the labels.")
    shared_with: list[str] | None = Field(
        default=None,
        description="E-mails of the users who may use the voice; replaces the list; [] is private.",
    )


class VoiceDeleted(BaseModel):
    status: Literal["ok"] = Field(default="ok", description="Always ok.")
    voice_id: str = Field(description="The voice that was deleted (and its clone job cancelled).")


class VoiceSpeech(BaseModel):
    text: str = Field(description="What to say.", examples=["Hello, this is my cloned voice."])
    format: Literal["wav", "mp3"] = Field(default="wav", description="Audio format of the response.")
    sample_rate: int | None = Field(default=None, description="Resample to this rate (Hz); default 24000.")
    speed: float = Field(default=1.0, ge=0.25, le=4.0, description="Speaking speed.")


def meaning(entry: VoiceEntry) -> str:
    record = entry.record
    assert record is not None
    sim = record.similarity
    text = (
        f"A {FEATURE_NAME}, not a copy of the speaker: to an independent speaker encoder it is "
        f"{sim.clone:.2f} similar to the sample, against {sim.stock:.2f} for the closest built-in voice "
        f"({sim.stock_voice})"
    )
    if sim.anchor is not None:
        text += f"; the speaker against themself scores {sim.anchor:.2f}"
    if record.recipe.tone is not None:
        text += ". It speaks in the sample's tone (an equaliser matched to the recording, so it also "
        text += "takes on some of the microphone and room)"
    if record.recommend_stock:
        text += f". The gain is under {MIN_USEFUL_GAIN}: {sim.stock_voice} is as close and the honest choice"
    return text + "."


def to_out(state: ApiState, entry: VoiceEntry, principal: Principal) -> ClonedVoiceOut:
    record = entry.record
    progress = entry.progress
    is_owner = entry.owner_id == principal.user.id
    shared = [_email(state, u) for u in entry.shared_with] if is_owner else []
    return ClonedVoiceOut(
        voice_id=entry.id,
        name=entry.name,
        description=entry.description,
        labels=entry.labels,
        status=entry.status,
        is_owner=is_owner,
        shared_with=[e for e in shared if e],
        job_id=entry.job_id,
        progress=CloneProgressOut(
            job_status=progress.job_status,
            done=progress.done,
            total=progress.total,
            stage=progress.stage,
            best_similarity=progress.best,
            eta_seconds=progress.eta_s,
        )
        if progress
        else None,
        similarity=SimilarityOut(
            clone=record.similarity.clone,
            nearest_stock=record.similarity.stock,
            nearest_stock_voice=record.similarity.stock_voice,
            gain=record.similarity.gain,
            same_speaker_anchor=record.similarity.anchor,
            judge=record.similarity.judge,
            independent=record.similarity.independent,
            meaning=meaning(entry),
        )
        if record
        else None,
        recommend_stock=record.recommend_stock if record else None,
        language=record.language if record else None,
        gender=record.gender if record else None,
        consent=ConsentOut(**entry.consent.to_dict()),
        filename=entry.filename,
        sample_seconds=entry.sample_seconds,
        sample_rate=entry.sample_rate,
        error={"code": entry.error_code, "message": entry.error_message or ""} if entry.error_code else None,
        created_at=entry.created_at,
    )


def _email(state: ApiState, user_id: str) -> str | None:
    try:
        return state.accounts.directory.get(user_id).email
    except NotFound:
        return None


def _user_ids(state: ApiState, emails: list[str]) -> list[str]:
    ids: list[str] = []
    for email in emails:
        wanted = email.strip().lower()
        found = [u for u in state.accounts.directory.list(query=wanted, limit=20) if u.email == wanted]
        if not found:
            raise InvalidInput(f"no user with e-mail {email!r} to share the voice with", field="shared_with")
        ids.append(found[0].id)
    return ids


def _parse_labels(labels: str | None) -> dict[str, str]:
    if not labels:
        return {}
    try:
        parsed = json.loads(labels)
    except json.JSONDecodeError as exc:
        raise InvalidInput("labels must be a JSON object of short strings", field="labels") from exc
    if not isinstance(parsed, dict):
        raise InvalidInput("labels must be a JSON object of short strings", field="labels")
    return check_labels(parsed)


async def _read_sample(files: list[UploadFile]) -> tuple[AudioChunk, str | None]:
    """One or more uploads decoded to mono and joined (at the first file's rate)."""
    if not files:
        raise InvalidInput("upload a sample: one audio file of the speaker", field="files")
    check_upload_size(sum(file.size or 0 for file in files))
    pieces: list[AudioChunk] = []
    for file in files:
        data = await file.read()
        if not data:
            raise InvalidInput(f"{file.filename or 'the file'} is empty", field="files")
        pieces.append(await run_in_threadpool(decode, data, max_seconds=MAX_SECONDS, filename=file.filename))
    rate = pieces[0].sample_rate
    if any(p.sample_rate != rate for p in pieces):
        from vocalis.audio.resample import resample

        pieces = [resample(p, rate) for p in pieces]
    return AudioChunk.concat(pieces, rate), files[0].filename


async def _start_clone(
    state: ApiState,
    principal: Principal,
    *,
    files: list[UploadFile],
    name: str | None,
    description: str | None,
    labels: str | None,
    consent: str | None,
    denoise: bool,
) -> tuple[VoiceEntry, str]:
    """Everything checked before any job: consent, name, labels, the sample itself. Returns the voice
    (status cloning) and its job id."""
    agreement = Consent.from_statement(consent)
    clean_name = check_name(name or "")
    clean_labels = _parse_labels(labels)
    clean_description = check_description(description)
    cloner = await run_in_threadpool(state.job_runtime.clone_work.cloner)
    await run_in_threadpool(cloner.require_voices)  # refused now, not after the upload was stored
    audio, filename = await _read_sample(files)
    if denoise:
        from vocalis.audio.denoise import reduce_noise

        audio = await run_in_threadpool(reduce_noise, audio)
    wav = await run_in_threadpool(encode, audio, AudioFormat.WAV)
    checked = await run_in_threadpool(cloner.check, audio)
    voice_id = new_voice_id()
    new = NewVoice(
        owner_id=principal.user.id,
        name=clean_name,
        description=clean_description,
        labels=clean_labels,
        consent=agreement,
        filename=filename,
        sample_wav=wav,
        sample_seconds=checked.audio.duration,
        sample_rate=audio.sample_rate,
    )
    entry = await run_in_threadpool(state.job_runtime.voices.create, voice_id, new)
    job = await run_in_threadpool(
        state.jobs.submit_clone, voice_id, owner_id=principal.user.id, api_key_id=principal.key_id
    )
    return entry, job.id


SampleFile = Annotated[UploadFile, File(description=SAMPLE_HELP)]
Consented = Annotated[str | None, Form(description=CONSENT_HELP)]
Labels = Annotated[str | None, Form(description='JSON object of short strings, e.g. {"accent": "Irish"}.')]


@router.post("/voices", status_code=201, summary="Clone a voice from a sample (brief shape)")
async def clone_voice(
    state: State,
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
    entry, job_id = await _start_clone(
        state, principal, files=[file], name=name, description=description, labels=labels,
        consent=consent, denoise=remove_background_noise,
    )  # fmt: skip
    return CloneAccepted(
        voice_id=entry.id,
        filename=entry.filename,
        duration=entry.sample_seconds,
        sample_rate=entry.sample_rate,
        message=(
            f"The sample passed its checks; cloning has started (about 1-2 minutes). Follow it at "
            f"GET /voices/{entry.id} or /v1/jobs/{job_id}/events; the voice is usable once it is ready."
        ),
        status=entry.status,
        job_id=job_id,
    )


@router.post("/v1/voices/add", summary="Clone a voice from samples (ElevenLabs shape)")
async def add_voice(
    state: State,
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
    entry, job_id = await _start_clone(
        state, principal, files=files or [], name=name, description=description, labels=labels,
        consent=consent, denoise=remove_background_noise,
    )  # fmt: skip
    return ElevenAdded(voice_id=entry.id, status=entry.status, job_id=job_id)


async def cloned(state: ApiState, voice_id: str, principal: Principal) -> ClonedVoiceOut:
    entry = await run_in_threadpool(state.job_runtime.voices.get, voice_id, viewer=principal.user.id)
    return await run_in_threadpool(to_out, state, entry, principal)


async def visible_clones(
    state: ApiState, principal: Principal, wanted: VoiceFilter | None = None
) -> list[VoiceEntry]:
    if wanted is not None and wanted.category == "premade":
        return []
    found = await run_in_threadpool(state.job_runtime.voices.visible, viewer=principal.user.id)
    return [c for c in found if wanted is None or wanted.keeps(c.info(), "cloned")]


@dataclass(frozen=True)
class VoiceFilter:
    """Query parameters that narrow a voice listing."""

    category: Literal["premade", "cloned"] | None = None
    language: str | None = None
    gender: str | None = None
    search: str | None = None

    def keeps(self, voice: VoiceInfo, category: str) -> bool:
        words = (self.search or "").lower().split()
        haystack = f"{voice.id} {voice.name} {voice.accent} {voice.description}".lower()
        return (
            (self.category is None or self.category == category)
            and (not self.language or voice.language.lower().startswith(self.language.lower()))
            and (not self.gender or voice.gender == self.gender.lower())
            and all(w in haystack for w in words)
        )


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


class StockVoiceOut(BaseModel):
    voice_id: str = Field(description="Pass this as `voice`.")
    name: str = Field(description="Display name.")
    category: Literal["premade"] = Field(default="premade", description="A built-in voice or preset blend.")
    language: str = Field(description="BCP 47 tag, e.g. en-GB.")
    accent: str = Field(description="American, British, Japanese, ...")
    gender: str = Field(description="female, male or mixed (blends).")
    engine: str = Field(description="kokoro, hibari or piper.")
    sample_rate: int = Field(description="Native rate in Hz.")
    description: str = Field(description="Engine and notes.")


@router.get(
    "/voices/{voice_id}", summary="One voice: built-in, or cloned with its state, similarity and consent"
)
async def get_one_voice(voice_id: str, state: State, principal: VoicesUser) -> StockVoiceOut | ClonedVoiceOut:
    if voice_id.startswith("clone_"):
        return await cloned(state, voice_id, principal)
    info = state.services.voices.get(voice_id)
    return StockVoiceOut(
        voice_id=info.id, name=info.name, language=info.language, accent=info.accent, gender=info.gender,
        engine=info.engine, sample_rate=info.sample_rate, description=info.description,
    )  # fmt: skip


async def _edit(state: ApiState, voice_id: str, body: VoiceEdit, principal: Principal) -> ClonedVoiceOut:
    registry = state.job_runtime.voices
    shared = (
        await run_in_threadpool(_user_ids, state, body.shared_with) if body.shared_with is not None else None
    )

    def apply() -> VoiceEntry:
        return registry.update(
            voice_id,
            owner_id=principal.user.id,
            name=check_name(body.name) if body.name is not None else None,
            description=check_description(body.description) if body.description is not None else None,
            labels=check_labels(body.labels) if body.labels is not None else None,
            shared_with=shared,
        )

    entry = await run_in_threadpool(apply)
    return await run_in_threadpool(to_out, state, entry, principal)


@router.patch("/voices/{voice_id}", summary="Rename, describe, label or share a cloned voice")
async def edit_voice(voice_id: str, body: VoiceEdit, state: State, principal: VoicesUser) -> ClonedVoiceOut:
    return await _edit(state, voice_id, body, principal)


@router.patch("/v1/voices/{voice_id}", summary="Rename, describe, label or share a cloned voice")
async def edit_voice_v1(
    voice_id: str, body: VoiceEdit, state: State, principal: VoicesUser
) -> ClonedVoiceOut:
    return await _edit(state, voice_id, body, principal)


async def _delete(state: ApiState, voice_id: str, principal: Principal) -> VoiceDeleted:
    owner = principal.user.id

    def remove() -> None:
        entry = state.job_runtime.voices.delete(voice_id, owner_id=owner)
        if entry.job_id is not None:
            with contextlib.suppress(NotFound):  # the job was already removed (retention)
                state.jobs.cancel_or_delete(entry.job_id, owner_id=owner)

    await run_in_threadpool(remove)
    return VoiceDeleted(voice_id=voice_id)


@router.delete("/voices/{voice_id}", summary="Delete a cloned voice: its sample, table and record")
async def delete_voice(voice_id: str, state: State, principal: VoicesUser) -> VoiceDeleted:
    return await _delete(state, voice_id, principal)


@router.delete("/v1/voices/{voice_id}", summary="Delete a cloned voice (ElevenLabs shape)")
async def delete_voice_v1(voice_id: str, state: State, principal: VoicesUser) -> VoiceDeleted:
    return await _delete(state, voice_id, principal)


@router.post(
    "/voices/{voice_id}/synthesize",
    summary="Speak with a voice",
    response_class=Response,
    responses={200: {"content": {"audio/wav": {}, "audio/mpeg": {}}, "description": "The audio."}},
)
async def synthesize_with(voice_id: str, body: VoiceSpeech, state: State, principal: SpeechUser) -> Response:
    order = SynthesisOrder(
        text=body.text,
        voice=voice_id,
        speed=body.speed,
        output=OutputSpec(AudioFormat(body.format), sample_rate=body.sample_rate),
        source="voices",
    )
    run = await start_run(state, order, principal)
    return audio_response(await whole(state, run), run)
