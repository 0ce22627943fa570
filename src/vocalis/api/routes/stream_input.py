"""``WS /v1/text-to-speech/{voice_id}/stream-input``: text in as an LLM writes it, audio out per sentence.

ElevenLabs' input-streaming protocol. Client messages: ``{"text": " ", "voice_settings": {...}}``
first; then ``{"text": "Hello ", "flush": false}`` pieces; ``{"flush": true}`` to say what is buffered
now; ``{"text": ""}`` to finish. Server messages: ``{"audio": base64, "isFinal": false,
"alignment": {...}, "normalizedAlignment": {...}}`` per sentence, ``{"isFinal": true}`` at the end,
and ``{"error": {"code", "message", "details"}}`` for a bad message (the socket stays open) or a
fatal problem (then it closes with code 1008 or 1011).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.models import Principal
from vocalis.accounts.roles import Scope
from vocalis.api.deps import State, authenticate, check_scope, credentials_of
from vocalis.api.routes.elevenlabs import OUTPUT_FORMAT_HELP, parse_output_format
from vocalis.api.synthesis import SynthesisOrder, b64, start_run
from vocalis.audio.formats import AudioFormat
from vocalis.errors import InvalidInput, TooLarge, Unauthorized, UnsupportedFormat, VocalisError
from vocalis.speech.alignment import character_alignment
from vocalis.speech.run import OutputSpec, SynthesisRun
from vocalis.text.chunking import split_sentences

router = APIRouter(tags=["ElevenLabs compatible"])
MAX_BUFFER_CHARS = 5000
POLICY_VIOLATION, INTERNAL_ERROR = 1008, 1011
# Formats whose pieces can be concatenated into one playable stream.
STREAMABLE = (AudioFormat.MP3, AudioFormat.PCM, AudioFormat.OPUS)


class TextBuffer:
    """Text received so far; hands out complete sentences and keeps the unfinished tail."""

    def __init__(self) -> None:
        self.text = ""

    def add(self, piece: str) -> None:
        if len(self.text) + len(piece) > MAX_BUFFER_CHARS:
            raise TooLarge(
                f"more than {MAX_BUFFER_CHARS} characters buffered without a sentence end; flush sooner"
            )
        self.text += piece

    def take_sentences(self) -> str:
        """Complete sentences at the front: followed by more text, or ended and followed by a space."""
        chunks = split_sentences(self.text)
        if not chunks:
            return ""
        last = chunks[-1]
        complete = chunks if _ends_sentence(last.text) and self.text[last.end :] else chunks[:-1]
        if not complete:
            return ""
        cut = complete[-1].end
        ready, self.text = self.text[:cut], self.text[cut:]
        return ready

    def take_all(self) -> str:
        ready, self.text = self.text, ""
        return ready


def _ends_sentence(text: str) -> bool:
    return text.rstrip("\"'”’)]").endswith((".", "!", "?", "…"))


def _ms_alignment(run: SynthesisRun, text: str, duration: float) -> dict[str, list[Any]]:
    aligned = character_alignment(text, run.stats.words, end=duration)
    return {
        "chars": list(aligned.characters),
        "charStartTimesMs": [round(s * 1000) for s in aligned.starts],
        "charDurationsMs": [round((e - s) * 1000) for s, e in zip(aligned.starts, aligned.ends, strict=True)],
    }


@router.websocket("/v1/text-to-speech/{voice_id}/stream-input")
async def stream_input(
    websocket: WebSocket,
    voice_id: str,
    state: State,
    output_format: str = Query(default="mp3_44100_128", description=f"As {OUTPUT_FORMAT_HELP}."),
) -> None:
    await websocket.accept()
    try:
        output = parse_output_format(output_format)
        if output.format not in STREAMABLE:
            raise UnsupportedFormat(
                f"stream-input sends independent pieces; use mp3, pcm or opus, not {output.format.value}"
            )
        principal = await _authenticate(websocket, state)
        # A cloned voice resolves only for its owner and those it is shared with.
        await run_in_threadpool(state.services.voices.resolve, voice_id, viewer=principal.user.id)
    except WebSocketDisconnect:
        return
    except VocalisError as exc:
        await websocket.send_json({"error": exc.to_dict()})
        await websocket.close(code=POLICY_VIOLATION)
        return
    session = _Session(websocket, state, voice_id, output, principal)
    try:
        await session.serve()
    except WebSocketDisconnect:
        return


async def _authenticate(websocket: WebSocket, state: State) -> Principal:
    """Headers or ?xi_api_key= at connect (browsers cannot set headers), else the first message's key."""
    query_key = websocket.query_params.get("xi_api_key") or websocket.query_params.get("token")
    credentials = credentials_of(websocket, extra=query_key)
    if credentials.bearer is None:
        try:
            return check_scope(await authenticate(state, credentials), Scope.SPEECH)  # local mode
        except Unauthorized:
            first = _Session.parse(await websocket.receive_text())
            key = first.get("xi_api_key") or first.get("authorization")
            credentials = credentials_of(websocket, extra=key if isinstance(key, str) else None)
    return check_scope(await authenticate(state, credentials), Scope.SPEECH)


class _Session:
    def __init__(
        self, websocket: WebSocket, state: State, voice: str, output: OutputSpec, principal: Principal
    ) -> None:
        self.websocket = websocket
        self.principal = principal
        self.state = state
        self.voice = voice
        self.output = output
        self.speed = 1.0
        self.buffer = TextBuffer()

    async def serve(self) -> None:
        while True:
            raw = await self.websocket.receive_text()
            try:
                message = self.parse(raw)
                finished = await self._handle(message)
            except (InvalidInput, TooLarge) as exc:
                await self.websocket.send_json({"error": exc.to_dict()})
                continue
            except VocalisError as exc:
                await self.websocket.send_json({"error": exc.to_dict()})
                await self.websocket.close(code=INTERNAL_ERROR)
                return
            if finished:
                await self.websocket.send_json({"isFinal": True})
                await self.websocket.close()
                return

    @staticmethod
    def parse(raw: str) -> dict[str, Any]:
        try:
            message = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"message is not JSON: {exc.msg}") from exc
        if not isinstance(message, dict):
            raise InvalidInput('message must be a JSON object like {"text": "Hello "}')
        text = message.get("text", "")
        if not isinstance(text, str):
            raise InvalidInput("`text` must be a string")
        return message

    async def _handle(self, message: dict[str, Any]) -> bool:
        settings = message.get("voice_settings")
        if isinstance(settings, dict) and isinstance(settings.get("speed"), int | float):
            self.speed = float(settings["speed"])
        text: str = message.get("text", "")
        if "text" in message and text == "":
            await self._say(self.buffer.take_all())
            return True
        if text:
            self.buffer.add(text)
        if message.get("flush") is True:
            await self._say(self.buffer.take_all())
        else:
            await self._say(self.buffer.take_sentences())
        return False

    async def _say(self, text: str) -> None:
        if not text.strip():
            return
        order = SynthesisOrder(
            text, self.voice, self.speed, self.output, source="stream-input", timestamps=True
        )
        try:
            run = await start_run(self.state, order, self.principal)
        except InvalidInput as exc:
            if exc.code == "empty_text":
                return
            raise
        async with self.state.slots.slot():
            pieces = await run_in_threadpool(list, iter(run))
        audio = b"".join(p.data for p in pieces)
        alignment = _ms_alignment(run, text, run.stats.audio_seconds)
        await self.websocket.send_json(
            {"audio": b64(audio), "isFinal": False, "alignment": alignment, "normalizedAlignment": alignment}
        )
