"""Starting a synthesis for a route and delivering it: whole body, raw stream, or framed events."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator, Callable
from contextlib import aclosing
from dataclasses import dataclass

from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope, Send

from vocalis.accounts.models import Principal
from vocalis.api.bridge import stream_run
from vocalis.api.state import ApiState
from vocalis.audio.formats import encoding_rate
from vocalis.errors import VocalisError
from vocalis.speech.recorder import RecordingInfo, SynthesisRecorder
from vocalis.speech.request import SpeechRequest
from vocalis.speech.run import EncodedPiece, OutputSpec, SynthesisRun


@dataclass(frozen=True)
class SynthesisOrder:
    text: str
    voice: str
    speed: float
    output: OutputSpec
    source: str  # which interface asked: "openai", "elevenlabs", "tts", "stream-input"
    timestamps: bool = False


async def start_run(state: ApiState, order: SynthesisOrder, principal: Principal) -> SynthesisRun:
    """Validate everything (text, voice, speed, format, rate, quotas) before the first byte; build the run."""
    owner = principal.user.id
    limits = state.settings.limits
    per_day = principal.user.characters_per_day or limits.characters_per_day
    await run_in_threadpool(state.accounts.quotas.check_characters, owner, len(order.text), per_day)
    await run_in_threadpool(state.accounts.quotas.check_storage, owner, limits.stored_audio_bytes)
    speech = state.services.speech
    plan = await run_in_threadpool(
        speech.plan, SpeechRequest(order.text, order.voice, order.speed, viewer=owner)
    )
    aligner = state.services.engines.speech_to_text() if order.timestamps else None
    rate = encoding_rate(order.output.format, plan.sample_rate, order.output.sample_rate)
    recorder = SynthesisRecorder(
        state.blobs,
        state.history,
        RecordingInfo(
            owner_id=owner,
            source=order.source,
            text=order.text,
            voice=plan.voice.label,
            model=plan.engine.name,
            format=order.output.format.value,
            extension=order.output.format.extension,
            sample_rate=rate,
            speed=order.speed,
            api_key_id=principal.key_id,
        ),
    )
    return SynthesisRun(speech, plan, order.output, aligner=aligner, recorder=recorder)


async def whole(state: ApiState, run: SynthesisRun) -> list[EncodedPiece]:
    """Every piece of a run, rendered in one worker thread while holding a synthesis slot."""
    async with state.slots.slot():
        return await run_in_threadpool(list, iter(run))


def audio_response(
    pieces: list[EncodedPiece], run: SynthesisRun, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        content=b"".join(p.data for p in pieces),
        media_type=run.output.format.media_type,
        headers={**_audio_headers(run), **(headers or {})},
    )


def _audio_headers(run: SynthesisRun) -> dict[str, str]:
    return {
        "X-Sample-Rate": str(run.sample_rate),
        "X-Voice": run.plan.voice.label,
        "X-Model": run.plan.engine.name,
    }


def streaming_audio(state: ApiState, run: SynthesisRun) -> StreamingResponse:
    """Raw audio bytes as each chunk is encoded. A failure mid-stream aborts the connection, so the
    client sees an incomplete transfer rather than a short file that looks complete."""
    state.slots.admit()

    async def body() -> AsyncIterator[bytes]:
        async with aclosing(stream_run(run, state.slots)) as pieces:
            async for piece in pieces:
                if piece.data:
                    yield piece.data

    return ClosingStreamingResponse(
        body(), media_type=run.output.format.media_type, headers=_audio_headers(run)
    )


def streaming_events(
    state: ApiState,
    run: SynthesisRun,
    *,
    media_type: str,
    frame: Callable[[dict[str, object]], str],
    piece_event: Callable[[EncodedPiece], dict[str, object] | None],
    done_event: Callable[[SynthesisRun], dict[str, object] | None],
) -> StreamingResponse:
    """Framed events (SSE or NDJSON): one per piece, a final one, and an error event if it fails."""
    state.slots.admit()

    async def body() -> AsyncIterator[str]:
        try:
            async with aclosing(stream_run(run, state.slots)) as pieces:
                async for piece in pieces:
                    event = piece_event(piece)
                    if event is not None:
                        yield frame(event)
        except VocalisError as exc:
            yield frame({"type": "error", "error": exc.to_dict()})
            return
        done = done_event(run)
        if done is not None:
            yield frame(done)

    return ClosingStreamingResponse(body(), media_type=media_type, headers=_audio_headers(run))


class ClosingStreamingResponse(StreamingResponse):
    """Closes its body generator when the response ends for any reason, disconnects included, so the
    synthesis slot is released and the run cancelled at once rather than whenever the GC gets to it."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            close = getattr(self.body_iterator, "aclose", None)
            if close is not None:
                await close()


def sse(event: dict[str, object]) -> str:
    return f"data: {json.dumps(event)}\n\n"


def ndjson(event: dict[str, object]) -> str:
    return json.dumps(event) + "\n"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
