"""ElevenLabs-compatible speech: ``/v1/text-to-speech/{voice_id}`` (+ stream, timestamps)."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from vocalis.api.deps import SpeechUser
from vocalis.api.parts import Engines, Orders, Slots
from vocalis.api.schemas.base import LANGUAGE_HELP, SSML_HELP, IgnoredMarkupOut, StrictBody, ignored_markup
from vocalis.api.schemas.timing import WordTiming
from vocalis.api.synthesis import (
    audio_response,
    b64,
    ndjson,
    start_run,
    streaming_audio,
    streaming_events,
    whole,
)
from vocalis.audio.formats import AudioFormat
from vocalis.engines.client_models import check_model
from vocalis.errors import TooLarge, UnsupportedFormat
from vocalis.speech.alignment import character_alignment
from vocalis.speech.orders import SynthesisOrder
from vocalis.speech.run import EncodedPiece, OutputSpec, SynthesisRun

router = APIRouter(tags=["ElevenLabs compatible"])
MAX_TEXT_CHARS = 5000
_OUTPUT_FORMAT = re.compile(r"^(mp3|pcm|opus|wav|flac|aac)_(\d{4,5})(?:_(\d{2,3}))?$")
OUTPUT_FORMAT_HELP = (
    "codec_samplerate[_kbps]: mp3_44100_128, mp3_22050_32, pcm_16000, pcm_24000, opus_48000_64, "
    "wav_24000, flac_44100, aac_44100_128"
)
OutputFormat = Query(default="mp3_44100_128", description=f"Audio format as {OUTPUT_FORMAT_HELP}.")


def parse_output_format(value: str) -> OutputSpec:
    match = _OUTPUT_FORMAT.match(value)
    if match is None:
        raise UnsupportedFormat(
            f"output_format {value!r} is not supported; use {OUTPUT_FORMAT_HELP}", output_format=value
        )
    kbps = match.group(3)
    return OutputSpec(
        format=AudioFormat(match.group(1)),
        sample_rate=int(match.group(2)),
        bitrate=int(kbps) * 1000 if kbps else None,
    )


class VoiceSettings(StrictBody):
    model_config = ConfigDict(extra="allow")

    stability: float | None = Field(default=None, description="Accepted for compatibility; not used.")
    similarity_boost: float | None = Field(default=None, description="Accepted for compatibility; not used.")
    style: float | None = Field(default=None, description="Accepted for compatibility; not used.")
    use_speaker_boost: bool | None = Field(default=None, description="Accepted for compatibility; not used.")
    speed: float = Field(default=1.0, description="0.25 to 4.0.")


class TextToSpeechBody(StrictBody):
    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={"examples": [{"text": "Hello from Vocalis!", "model_id": "kokoro"}]},
    )

    text: str = Field(description=f"Text to say, up to {MAX_TEXT_CHARS} characters. {SSML_HELP}")
    model_id: str | None = Field(
        default=None,
        description="eleven_multilingual_v2, eleven_flash_v2_5, ..., or an engine name (GET /v1/models); "
        "the voice decides the engine. Other ids are refused (404 unknown_model).",
    )
    voice_settings: VoiceSettings = Field(default_factory=VoiceSettings, description="Only speed is used.")
    language_code: str | None = Field(default=None, description=LANGUAGE_HELP)


def _order(
    voice_id: str, body: TextToSpeechBody, output_format: str, engines: Engines, *, timestamps: bool = False
) -> SynthesisOrder:
    check_model(engines, body.model_id, "tts")
    if len(body.text) > MAX_TEXT_CHARS:
        raise TooLarge(
            f"text is {len(body.text)} characters; the limit is {MAX_TEXT_CHARS}. Use a job (POST /v1/jobs).",
            limit=MAX_TEXT_CHARS,
        )
    return SynthesisOrder(
        text=body.text,
        voice=voice_id,
        speed=body.voice_settings.speed,
        output=parse_output_format(output_format),
        source="elevenlabs",
        timestamps=timestamps,
        language=body.language_code,
    )


AUDIO_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {f.media_type: {} for f in AudioFormat}, "description": "The audio."}
}


@router.post("/v1/text-to-speech/{voice_id}", summary="Text to speech", response_class=Response,
             responses=AUDIO_RESPONSES)  # fmt: skip
async def text_to_speech(
    voice_id: str,
    body: TextToSpeechBody,
    engines: Engines,
    orders: Orders,
    slots: Slots,
    principal: SpeechUser,
    output_format: str = OutputFormat,
) -> Response:
    run = await start_run(orders, _order(voice_id, body, output_format, engines), principal)
    return audio_response(await whole(slots, run), run)


@router.post("/v1/text-to-speech/{voice_id}/stream", summary="Text to speech, streamed",
             response_class=StreamingResponse, responses=AUDIO_RESPONSES)  # fmt: skip
async def text_to_speech_stream(
    voice_id: str,
    body: TextToSpeechBody,
    engines: Engines,
    orders: Orders,
    slots: Slots,
    principal: SpeechUser,
    output_format: str = OutputFormat,
) -> StreamingResponse:
    run = await start_run(orders, _order(voice_id, body, output_format, engines), principal)
    return streaming_audio(slots, run)


class Alignment(BaseModel):
    characters: list[str] = Field(description="Every character of the original text.")
    character_start_times_seconds: list[float] = Field(description="When each character starts, in seconds.")
    character_end_times_seconds: list[float] = Field(description="When each character ends, in seconds.")


class AudioWithTimestamps(BaseModel):
    audio_base64: str = Field(description="The whole audio, base64.")
    alignment: Alignment = Field(description="Character times against the original text.")
    normalized_alignment: Alignment = Field(
        description="Same as alignment: times refer to the original text."
    )
    words: list[WordTiming] = Field(description="Word times against the original text.")
    ssml_ignored: list[IgnoredMarkupOut] = Field(
        default_factory=list,
        description="SSML markup not rendered as written (also the X-SSML-Ignored header).",
    )


@router.post(
    "/v1/text-to-speech/{voice_id}/with-timestamps", summary="Text to speech with character and word times"
)
async def text_to_speech_with_timestamps(
    voice_id: str,
    body: TextToSpeechBody,
    engines: Engines,
    orders: Orders,
    slots: Slots,
    principal: SpeechUser,
    output_format: str = OutputFormat,
) -> AudioWithTimestamps:
    run = await start_run(orders, _order(voice_id, body, output_format, engines, timestamps=True), principal)
    pieces = await whole(slots, run)
    alignment = character_alignment(body.text, run.stats.words, end=run.stats.audio_seconds).to_dict()
    return AudioWithTimestamps(
        audio_base64=b64(b"".join(p.data for p in pieces)),
        alignment=Alignment.model_validate(alignment),
        normalized_alignment=Alignment.model_validate(alignment),
        words=[WordTiming.model_validate(w, from_attributes=True) for w in run.stats.words],
        ssml_ignored=ignored_markup(run.plan.ignored),
    )


@router.post("/v1/text-to-speech/{voice_id}/stream/with-timestamps",
             summary="Streamed text to speech with times (one JSON object per line)",
             response_class=StreamingResponse)  # fmt: skip
async def text_to_speech_stream_with_timestamps(
    voice_id: str,
    body: TextToSpeechBody,
    engines: Engines,
    orders: Orders,
    slots: Slots,
    principal: SpeechUser,
    output_format: str = OutputFormat,
) -> StreamingResponse:
    run = await start_run(orders, _order(voice_id, body, output_format, engines, timestamps=True), principal)

    def piece_event(piece: EncodedPiece) -> dict[str, object] | None:
        if piece.chunk is None:
            return {"audio_base64": b64(piece.data), "alignment": None} if piece.data else None
        chunk = piece.chunk
        text = body.text[chunk.source_start : chunk.source_end]
        aligned = character_alignment(
            text,
            piece.words,
            offset=chunk.source_start,
            time_offset=chunk.start,
            end=chunk.start + chunk.audio.duration,
        ).to_dict()
        return {"audio_base64": b64(piece.data), "alignment": aligned, "normalized_alignment": aligned}

    def done(_: SynthesisRun) -> None:
        return None

    return streaming_events(
        slots, run, media_type="application/x-ndjson", frame=ndjson, piece_event=piece_event, done_event=done
    )
