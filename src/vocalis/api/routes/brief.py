"""The original brief's routes: ``POST /tts``, ``GET /voices``, ``GET /health``."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from vocalis import __version__
from vocalis.api.deps import Authenticated, SpeechUser, State
from vocalis.api.routes.voices import VoiceQuery, visible_clones
from vocalis.api.synthesis import SynthesisOrder, audio_response, start_run, whole
from vocalis.audio.formats import AudioFormat
from vocalis.errors import InvalidInput, OutOfRange
from vocalis.speech.run import OutputSpec

router = APIRouter(tags=["Brief"])
MAX_TTS_CHARS = 500
MIN_TTS_SPEED, MAX_TTS_SPEED = 0.5, 2.0


class TtsBody(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"text": "Hello world", "voice": "af", "speed": 1.0}]}
    )

    text: str = Field(description=f"Text to say, up to {MAX_TTS_CHARS} characters.")
    voice: str = Field(default="af", description="Voice id or blend (GET /voices).")
    speed: float = Field(default=1.0, description=f"{MIN_TTS_SPEED} to {MAX_TTS_SPEED}.")


@router.post(
    "/tts",
    summary="Text to a 24 kHz WAV",
    response_class=Response,
    responses={200: {"content": {"audio/wav": {}}, "description": "16-bit mono WAV at 24 kHz."}},
)
async def tts(body: TtsBody, state: State, principal: SpeechUser) -> Response:
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
    )
    run = await start_run(state, order, principal)
    return audio_response(await whole(state, run), run)


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
async def voices(state: State, principal: Authenticated, wanted: VoiceQuery) -> list[VoiceEntry]:
    clones = await visible_clones(state, principal, wanted)
    return [
        *(
            VoiceEntry.model_validate(c.info(), from_attributes=True).model_copy(
                update={"category": "cloned", "status": c.status}
            )
            for c in clones
        ),
        *(
            VoiceEntry.model_validate(v, from_attributes=True)
            for v in state.services.voices.list()
            if wanted.keeps(v, "premade")
        ),
    ]


class EngineHealth(BaseModel):
    voices: int = Field(description="Voices this engine serves.")
    sample_rate: int = Field(description="Native rate in Hz.")


class Health(BaseModel):
    status: str = Field(description="ok, or degraded when the database is unreachable.")
    version: str = Field(description="Vocalis version.")
    database: bool = Field(description="The database answered.")
    engines: dict[str, EngineHealth] = Field(description="Text-to-speech engines by name.")
    running: int = Field(description="Syntheses rendering now.")
    waiting: int = Field(description="Syntheses waiting for a slot.")


@router.get("/health", summary="Liveness and readiness", responses={503: {"model": Health}})
async def health(state: State) -> Response:
    database = await run_in_threadpool(state.database.ping)
    engines = {
        name: EngineHealth(voices=len(engine.voices()), sample_rate=engine.capabilities.sample_rate)
        for name, engine in state.services.engines.tts.items()
    }
    report = Health(
        status="ok" if database else "degraded",
        version=__version__,
        database=database,
        engines=engines,
        running=state.slots.running,
        waiting=state.slots.waiting,
    )
    return JSONResponse(report.model_dump(), status_code=200 if database else 503)
