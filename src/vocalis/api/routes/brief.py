"""The original brief's routes: ``POST /tts``, ``GET /voices``, ``GET /health``."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from vocalis import __version__
from vocalis.api.deps import Authenticated, SpeechUser
from vocalis.api.parts import ClonedVoices, Engines, Orders, Readiness, Slots, Voices
from vocalis.api.routes.voices import VoiceQuery
from vocalis.api.schemas.base import LANGUAGE_HELP, SSML_HELP, StrictBody
from vocalis.api.synthesis import audio_response, start_run, whole
from vocalis.audio.formats import AudioFormat
from vocalis.errors import InvalidInput, OutOfRange
from vocalis.speech.orders import SynthesisOrder
from vocalis.speech.run import OutputSpec

router = APIRouter(tags=["Brief"])
MAX_TTS_CHARS = 500
MIN_TTS_SPEED, MAX_TTS_SPEED = 0.5, 2.0


class TtsBody(StrictBody):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"text": "Hello world", "voice": "af", "speed": 1.0}]}
    )

    text: str = Field(description=f"Text to say, up to {MAX_TTS_CHARS} characters. {SSML_HELP}")
    voice: str = Field(default="af", description="Voice id or blend (GET /voices).")
    speed: float = Field(default=1.0, description=f"{MIN_TTS_SPEED} to {MAX_TTS_SPEED}.")
    language: str | None = Field(default=None, description=LANGUAGE_HELP)


@router.post(
    "/tts",
    summary="Text to a 24 kHz WAV",
    response_class=Response,
    responses={200: {"content": {"audio/wav": {}}, "description": "16-bit mono WAV at 24 kHz."}},
)
async def tts(body: TtsBody, orders: Orders, slots: Slots, principal: SpeechUser) -> Response:
    if len(body.text) > MAX_TTS_CHARS:
        raise InvalidInput(f"Text too long (max {MAX_TTS_CHARS} characters)", limit=MAX_TTS_CHARS)
    if not MIN_TTS_SPEED <= body.speed <= MAX_TTS_SPEED:
        raise OutOfRange(
            f"speed {body.speed} is outside {MIN_TTS_SPEED}-{MAX_TTS_SPEED}",
            field="speed",
            minimum=MIN_TTS_SPEED,
            maximum=MAX_TTS_SPEED,
        )
    order = SynthesisOrder(
        text=body.text,
        voice=body.voice,
        speed=body.speed,
        output=OutputSpec(AudioFormat.WAV, 24000),
        source="tts",
        language=body.language,
    )
    run = await start_run(orders, order, principal)
    return audio_response(await whole(slots, run), run)


class VoiceEntry(BaseModel):
    id: str = Field(description="Pass this as `voice`.")
    name: str = Field(description="Display name.")
    language: str = Field(description="BCP 47 tag, e.g. en-GB.")
    accent: str = Field(description="American, British, Japanese, ...")
    gender: str = Field(description="female, male or mixed (blends).")
    engine: str = Field(description="kokoro, hibari or piper.")
    sample_rate: int = Field(description="Native rate in Hz.")
    description: str = Field(description="Engine and notes.")
    category: str = Field(default="premade", description="premade (built in) or cloned.")
    status: str = Field(default="ready", description="A cloned voice may still be cloning, or failed.")


@router.get("/voices", summary="Every voice you may use: stock, presets, your clones and shared ones")
async def voices(
    cloned_voices: ClonedVoices, voices: Voices, principal: Authenticated, wanted: VoiceQuery
) -> list[VoiceEntry]:
    clones = await run_in_threadpool(lambda: cloned_voices.visible(viewer=principal.user.id, wanted=wanted))
    return [
        *(
            VoiceEntry.model_validate(c.info(), from_attributes=True).model_copy(
                update={"category": "cloned", "status": c.status}
            )
            for c in clones
        ),
        *(
            VoiceEntry.model_validate(v, from_attributes=True)
            for v in voices.list()
            if wanted.keeps(v, "premade")
        ),
    ]


class EngineHealth(BaseModel):
    voices: int = Field(description="Voices this engine serves.")
    sample_rate: int = Field(description="Native rate in Hz.")
    fast: bool = Field(description="Renders in a small fraction of real time, in slots of its own.")


class LaneHealth(BaseModel):
    running: int = Field(description="Syntheses rendering now in this lane.")
    waiting: int = Field(description="Syntheses admitted and waiting for a slot of this lane.")


class Health(BaseModel):
    status: str = Field(
        description="ok when every dependency answered; degraded (with HTTP 503) when one did not."
    )
    version: str = Field(description="Vocalis version.")
    database: bool = Field(description="The database answered.")
    redis: bool | None = Field(
        description="Redis (rate limits, job queue) answered; null when no Redis is configured."
    )
    engines: dict[str, EngineHealth] = Field(description="Text-to-speech engines by name.")
    running: int = Field(description="Syntheses rendering now (all lanes).")
    waiting: int = Field(description="Syntheses waiting for a slot (all lanes).")
    lanes: dict[str, LaneHealth] = Field(
        description="Synthesis slots by lane: standard engines, and fast ones (hibari) apart."
    )


@router.get(
    "/health",
    summary="Liveness and readiness",
    description="Cheap: one round trip to each dependency, each bounded by a short timeout, in threads "
    "of its own so it answers even when requests fill the server. 200 when every dependency answered, "
    "503 with status 'degraded' when one did not (a load balancer takes the replica out).",
    responses={503: {"model": Health}},
)
async def health(readiness: Readiness, engines: Engines, slots: Slots) -> Response:
    answered = await readiness.check()
    tts = {
        name: EngineHealth(
            voices=len(engine.voices()),
            sample_rate=engine.capabilities.sample_rate,
            fast=engine.capabilities.fast,
        )
        for name, engine in engines.tts.items()
    }
    up = all(answered.values())
    report = Health(
        status="ok" if up else "degraded",
        version=__version__,
        database=answered["database"],
        redis=answered.get("redis"),
        engines=tts,
        running=slots.running,
        waiting=slots.waiting,
        lanes={name: LaneHealth(**asdict(load)) for name, load in slots.lanes().items()},
    )
    return JSONResponse(report.model_dump(), status_code=200 if up else 503)
