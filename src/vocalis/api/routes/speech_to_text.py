"""ElevenLabs-compatible speech to text: ``POST /v1/speech-to-text`` (``speech_to_text.convert``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from vocalis.analysis.elevenlabs_format import Granularity, elevenlabs_transcript, recogniser_language
from vocalis.api.parts import Engines, Transcriber, UploadSlots
from vocalis.api.routes.listening import AnalysisUser
from vocalis.engines.client_models import check_model
from vocalis.errors import InvalidInput

router = APIRouter(tags=["ElevenLabs compatible"])


class Character(BaseModel):
    text: str = Field(description="One character of the word.")
    start: float = Field(description="Seconds: the word's time shared evenly among its characters.")
    end: float = Field(description="Seconds.")


class Word(BaseModel):
    text: str = Field(description="The word, or ' ' for the spacing between two words.")
    start: float = Field(description="Seconds into the audio.")
    end: float = Field(description="Seconds into the audio.")
    type: str = Field(description="word or spacing.")
    logprob: float = Field(description="Natural log of the confidence in the word (0 for spacing).")
    characters: list[Character] | None = Field(
        default=None, description="With timestamps_granularity=character: the word's characters."
    )


class SpeechToTextOut(BaseModel):
    language_code: str = Field(description="The language heard or given, ISO 639-1 (en, fr).")
    language_probability: float = Field(description="How sure detection was, 0-1 (1 when given).")
    text: str = Field(description="The whole transcript.")
    words: list[Word] = Field(description="Words and the spacing between them; empty for granularity none.")
    audio_duration_secs: float = Field(description="Length of the uploaded audio, in seconds.")


@router.post(
    "/v1/speech-to-text",
    summary="Speech to text (ElevenLabs shape)",
    description="Diarization, audio events, webhooks and additional formats are not offered: those "
    "fields are accepted and ignored. The audio must be uploaded as `file`; URLs are refused.",
)
async def speech_to_text(
    engines: Engines,
    transcriber: Transcriber,
    slots: UploadSlots,
    principal: AnalysisUser,
    model_id: Annotated[
        str, Form(description="scribe_v1, scribe_v2, whisper-1 or an engine name; the language picks it.")
    ],
    file: Annotated[
        UploadFile | None, File(description="Required: wav, mp3, m4a, ogg, webm or flac; at most 30 minutes.")
    ] = None,
    language_code: Annotated[
        str | None, Form(description="ISO 639-1 or 639-3 (en, eng, fr, fra); empty: detected.")
    ] = None,
    timestamps_granularity: Annotated[
        Granularity, Form(description="none, word (default) or character.")
    ] = Granularity.WORD,
    cloud_storage_url: Annotated[str | None, Form(description="Refused: upload the file instead.")] = None,
    source_url: Annotated[str | None, Form(description="Refused: upload the file instead.")] = None,
) -> SpeechToTextOut:
    check_model(engines, model_id, "stt")
    if cloud_storage_url or source_url:
        field = "cloud_storage_url" if cloud_storage_url else "source_url"
        raise InvalidInput(
            f"{field} is not supported: this server fetches no URLs; upload the audio as 'file'", field=field
        )
    if file is None:
        raise InvalidInput("upload the audio as 'file' (multipart form data)", field="file")
    language = recogniser_language(language_code)
    async with slots.slot():
        transcript = await run_in_threadpool(
            lambda: transcriber.transcribe_upload(file.file, filename=file.filename, language=language)
        )
    return SpeechToTextOut.model_validate(elevenlabs_transcript(transcript, timestamps_granularity))
