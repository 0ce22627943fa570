"""OpenAI-compatible speech: ``POST /v1/audio/speech`` and ``GET /v1/audio/voices`` (models: models.py)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from vocalis.api.deps import Authenticated, SpeechUser
from vocalis.api.parts import Engines, Orders, Slots, Voices
from vocalis.api.schemas.base import LANGUAGE_HELP, SSML_HELP, StrictBody, ignored_markup
from vocalis.api.synthesis import b64, sse, start_run, streaming_audio, streaming_events
from vocalis.audio.formats import AudioFormat
from vocalis.engines.client_models import check_model
from vocalis.errors import TooLarge
from vocalis.speech.orders import SynthesisOrder
from vocalis.speech.run import EncodedPiece, OutputSpec, SynthesisRun
from vocalis.voices.library import OPENAI_VOICES

router = APIRouter(tags=["OpenAI compatible"])
MAX_INPUT_CHARS = 4096
INSTRUCTIONS_HELP = (
    "Ignored: Vocalis's engines take no spoken-style instructions (gpt-4o-mini-tts's tone, accent or "
    "emotion); accepted so that clients sending it work. Choose the voice and speed instead."
)


class SpeechBody(StrictBody):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"model": "kokoro", "input": "Hello from Vocalis!", "voice": "af_heart", "speed": 1.0}
            ]
        }
    )

    model: str | None = Field(
        default=None,
        description="kokoro, hibari, piper, tts-1, tts-1-hd or gpt-4o-mini-tts (GET /v1/models); "
        "the voice picks the engine, so any of them (or none) says the same. Other ids are refused "
        "(404 unknown_model).",
    )
    input: str = Field(
        description=f"Text to say, up to {MAX_INPUT_CHARS} characters (use /v1/jobs for longer). {SSML_HELP}"
    )
    language: str | None = Field(default=None, description=f"Vocalis extension. {LANGUAGE_HELP}")
    voice: str = Field(
        default="af_heart",
        description="A voice id (GET /v1/audio/voices), a blend like 'af_bella(2)+af_sky(1)', "
        "or an OpenAI voice name (alloy, echo, fable, onyx, nova, shimmer, ...).",
    )
    instructions: str | None = Field(default=None, description=INSTRUCTIONS_HELP)
    response_format: Literal["mp3", "opus", "aac", "flac", "wav", "pcm"] = Field(
        default="mp3", description="Audio format; pcm is raw 16-bit little-endian mono at 24 kHz."
    )
    speed: float = Field(default=1.0, description="0.25 to 4.0.")
    stream_format: Literal["audio", "sse"] = Field(
        default="audio",
        description="audio: the audio bytes, streamed as each sentence is ready; sse: server-sent events "
        "with base64 audio deltas and a final done event.",
    )


@router.post(
    "/v1/audio/speech",
    summary="Text to speech (OpenAI shape)",
    response_class=Response,
    responses={200: {"content": {f.media_type: {} for f in AudioFormat}, "description": "The audio."}},
)
async def create_speech(
    body: SpeechBody, engines: Engines, orders: Orders, slots: Slots, principal: SpeechUser
) -> Response:
    check_model(engines, body.model, "tts")
    if len(body.input) > MAX_INPUT_CHARS:
        raise TooLarge(
            f"input is {len(body.input)} characters; the limit is {MAX_INPUT_CHARS}. "
            "Submit longer texts as a job (POST /v1/jobs).",
            limit=MAX_INPUT_CHARS,
            length=len(body.input),
        )
    voice = OPENAI_VOICES.get(body.voice, body.voice)
    order = SynthesisOrder(
        text=body.input,
        voice=voice,
        speed=body.speed,
        output=OutputSpec(AudioFormat(body.response_format)),
        source="openai",
        language=body.language,
    )
    run = await start_run(orders, order, principal)
    if body.stream_format == "sse":
        return _sse(slots, run)
    return streaming_audio(slots, run)


def _sse(slots: Slots, run: SynthesisRun) -> StreamingResponse:
    def delta(piece: EncodedPiece) -> dict[str, object] | None:
        return {"type": "speech.audio.delta", "audio": b64(piece.data)} if piece.data else None

    def done(finished: SynthesisRun) -> dict[str, object]:
        tokens_in = len(finished.plan.request.text)
        tokens_out = round(finished.stats.audio_seconds * 50)
        return {
            "type": "speech.audio.done",
            "ssml_ignored": [i.model_dump() for i in ignored_markup(finished.plan.ignored)],
            "usage": {
                "input_tokens": tokens_in,
                "output_tokens": tokens_out,
                "total_tokens": tokens_in + tokens_out,
            },
        }

    return streaming_events(
        slots, run, media_type="text/event-stream", frame=sse, piece_event=delta, done_event=done
    )


class VoiceIds(BaseModel):
    voices: list[str] = Field(description="Every voice id, including blends presets like 'af'.")
    aliases: dict[str, str] = Field(description="OpenAI voice names and the voice each one maps to.")


@router.get("/v1/audio/voices", summary="Voice ids (Kokoro-FastAPI shape)")
async def list_voice_ids(voices: Voices, principal: Authenticated) -> VoiceIds:
    known = [v.id for v in voices.list()]
    aliases = {name: voice for name, voice in OPENAI_VOICES.items() if voice in known}
    return VoiceIds(voices=known, aliases=aliases)
