"""``WS /v1/text-to-speech/{voice_id}/stream-input``: text in as an LLM writes it, audio out per sentence.

ElevenLabs' input-streaming protocol (messages in ``vocalis.realtime.stream_input.protocol``). This
route only accepts, authenticates and hands over to the session layer; the adapter below gives the
session today's synthesis admission (quotas, recording, the shared synthesis slots).
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager

from fastapi import APIRouter, Query, WebSocket
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.authenticate import Credentials
from vocalis.accounts.models import Principal
from vocalis.accounts.roles import Scope
from vocalis.api.deps import State, authenticate, check_scope, credentials_of
from vocalis.api.parts import Orders, Slots, Voices
from vocalis.api.routes.elevenlabs import OUTPUT_FORMAT_HELP, parse_output_format
from vocalis.api.schemas.base import LANGUAGE_HELP
from vocalis.api.synthesis import start_run
from vocalis.audio.formats import AudioFormat
from vocalis.errors import UnsupportedFormat
from vocalis.realtime import SessionAuth, SessionLimits, StarletteTransport, serve_session
from vocalis.realtime.stream_input import SpeechOrder, StreamInputCodec, StreamInputHandler
from vocalis.speech.admission import SynthesisSlots
from vocalis.speech.orders import SynthesisOrder, SynthesisOrders
from vocalis.speech.run import SynthesisRun

router = APIRouter(tags=["ElevenLabs compatible"])
# Formats whose pieces can be concatenated into one playable stream.
STREAMABLE = (AudioFormat.MP3, AudioFormat.PCM, AudioFormat.OPUS)
# 5000 buffered characters, JSON-escaped at worst, fit with room to spare.
MAX_MESSAGE_BYTES = 128 * 1024


@router.websocket("/v1/text-to-speech/{voice_id}/stream-input")
async def stream_input(
    websocket: WebSocket,
    voice_id: str,
    state: State,
    voices: Voices,
    orders: Orders,
    slots: Slots,
    output_format: str = Query(default="mp3_44100_128", description=f"As {OUTPUT_FORMAT_HELP}."),
    inactivity_timeout: int = Query(
        default=20, ge=1, le=180, description="Seconds without a message before the server closes (1008)."
    ),
    language_code: str | None = Query(default=None, max_length=35, description=LANGUAGE_HELP),
) -> None:
    await websocket.accept()

    async def speech_principal(credentials: Credentials) -> Principal:
        return check_scope(await authenticate(state, credentials), Scope.SPEECH)

    async def open_session(principal: Principal) -> StreamInputHandler:
        output = parse_output_format(output_format)
        if output.format not in STREAMABLE:
            raise UnsupportedFormat(
                f"stream-input sends independent pieces; use mp3, pcm or opus, not {output.format.value}"
            )
        # A cloned voice resolves only for its owner and those it is shared with.
        await run_in_threadpool(voices.resolve, voice_id, viewer=principal.user.id)
        return StreamInputHandler(
            _RouteSynthesis(orders, slots, language_code), voice=voice_id, output=output
        )

    await serve_session(
        StarletteTransport(websocket),
        StreamInputCodec(),
        SessionAuth(lambda extra: credentials_of(websocket, extra=extra), speech_principal),
        open_session,
        SessionLimits(max_message_bytes=MAX_MESSAGE_BYTES, idle_timeout_s=float(inactivity_timeout)),
    )


class _RouteSynthesis:
    """Synthesis as every speech route admits it: the order checked, then a shared slot."""

    def __init__(self, orders: SynthesisOrders, slots: SynthesisSlots, language: str | None) -> None:
        self._orders = orders
        self._slots = slots
        self._language = language

    async def start(self, order: SpeechOrder, principal: Principal) -> SynthesisRun:
        synthesis = SynthesisOrder(
            order.text,
            order.voice,
            order.speed,
            order.output,
            source="stream-input",
            timestamps=True,
            language=self._language,
        )
        return await start_run(self._orders, synthesis, principal)

    def slot(self, run: SynthesisRun) -> AbstractAsyncContextManager[None]:
        return self._slots.admit(run.plan.engine.capabilities)
