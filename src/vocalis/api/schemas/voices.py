"""Voice cloning and voice lookups at the API edge: what ``/voices`` and ``/v1/voices`` send and take."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from vocalis.api.schemas.base import LANGUAGE_HELP, StrictBody
from vocalis.cloning.record import MIN_USEFUL_GAIN
from vocalis.cloning.voices_service import ClonedVoiceView


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

    @classmethod
    def of(cls, view: ClonedVoiceView) -> ClonedVoiceOut:
        entry = view.entry
        record = entry.record
        progress = entry.progress
        return cls(
            voice_id=entry.id,
            name=entry.name,
            description=entry.description,
            labels=entry.labels,
            status=entry.status,
            is_owner=view.is_owner,
            shared_with=list(view.shared_with),
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
                meaning=view.meaning or "",
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
            error={"code": entry.error_code, "message": entry.error_message or ""}
            if entry.error_code
            else None,
            created_at=entry.created_at,
        )


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


class VoiceEdit(StrictBody):
    name: str | None = Field(default=None, description="New display name (1-60 characters).")
    description: str | None = Field(default=None, description="New description (up to 500 characters).")
    labels: dict[str, str] | None = Field(default=None, description="Replaces the labels.")
    shared_with: list[str] | None = Field(
        default=None,
        description="E-mails of the users who may use the voice; replaces the list; [] is private. An "
        "e-mail with no account yet is kept too, and whoever signs up with it sees the voice: the answer "
        "is the same either way.",
    )


class VoiceDeleted(BaseModel):
    status: Literal["ok"] = Field(default="ok", description="Always ok.")
    voice_id: str = Field(description="The voice that was deleted (and its clone job cancelled).")


class VoiceSpeech(BaseModel):
    text: str = Field(description="What to say.", examples=["Hello, this is my cloned voice."])
    format: Literal["wav", "mp3"] = Field(default="wav", description="Audio format of the response.")
    sample_rate: int | None = Field(default=None, description="Resample to this rate (Hz); default 24000.")
    speed: float = Field(default=1.0, ge=0.25, le=4.0, description="Speaking speed.")
    language: str | None = Field(default=None, description=LANGUAGE_HELP)


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
