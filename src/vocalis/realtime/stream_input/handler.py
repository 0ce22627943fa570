"""The stream-input session: buffer text pieces, synthesise each complete sentence, send it with the
time of every character."""

from __future__ import annotations

import asyncio
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Protocol

from vocalis.accounts.models import Principal
from vocalis.audio.encode import without_id3
from vocalis.audio.formats import AudioFormat
from vocalis.errors import EmptyText
from vocalis.realtime.events import Event
from vocalis.realtime.handler import Session
from vocalis.realtime.stream_input.buffer import TextBuffer
from vocalis.realtime.stream_input.protocol import CharacterTimes, FinalMessage, SentenceAudio, TextInput
from vocalis.speech.alignment import character_alignment
from vocalis.speech.run import EncodedPiece, OutputSpec, SynthesisRun


@dataclass(frozen=True)
class SpeechOrder:
    text: str
    voice: str
    speed: float
    output: OutputSpec


class SynthesisStarter(Protocol):
    """What the session needs from the server: a validated run (quotas, voice, recording, word timings)
    and a synthesis slot to render it in, shared with every other request."""

    async def start(self, order: SpeechOrder, principal: Principal) -> SynthesisRun: ...

    def slot(self, run: SynthesisRun) -> AbstractAsyncContextManager[None]: ...


class StreamInputHandler:
    def __init__(self, synthesis: SynthesisStarter, *, voice: str, output: OutputSpec) -> None:
        self._synthesis = synthesis
        self._voice = voice
        self._output = output
        self._speed = 1.0
        self._buffer = TextBuffer()
        self._session: Session | None = None
        self._sent_audio = False

    async def start(self, session: Session) -> None:
        self._session = session

    async def handle(self, event: Event) -> bool:
        if not isinstance(event, TextInput):
            raise TypeError(f"stream-input has no {type(event).__name__} event")
        if event.speed is not None:
            self._speed = event.speed
        if event.text == "":
            await self._say(self._buffer.take_all())
            await self._send(FinalMessage())
            return False
        if event.text:
            self._buffer.add(event.text)
        await self._say(self._buffer.take_all() if event.flush else self._buffer.take_sentences())
        return True

    async def close(self) -> None:
        self._buffer.take_all()

    async def _say(self, text: str) -> None:
        if not text.strip():
            return
        session = self._require_session()
        order = SpeechOrder(text, self._voice, self._speed, self._output)
        try:
            run = await self._synthesis.start(order, session.principal)
        except EmptyText:
            return  # punctuation only: nothing to say
        async with self._synthesis.slot(run):
            pieces = await _render(run)
        audio = b"".join(p.data for p in pieces)
        # Every piece after the first continues one stream: no second MP3 tag in the middle of it.
        if self._sent_audio and self._output.format is AudioFormat.MP3:
            audio = without_id3(audio)
        self._sent_audio = self._sent_audio or bool(audio)
        await self._send(SentenceAudio(audio, _ms_times(run, text)))

    async def _send(self, event: Event) -> None:
        await self._require_session().send(event)

    def _require_session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the handler was not started")
        return self._session


async def _render(run: SynthesisRun) -> list[EncodedPiece]:
    """One chunk per worker-thread call, so a cancelled session stops the run before its next chunk."""
    pieces = iter(run)
    rendered: list[EncodedPiece] = []
    try:
        while (piece := await asyncio.to_thread(next, pieces, None)) is not None:
            rendered.append(piece)
    finally:
        run.cancel()
    return rendered


def _ms_times(run: SynthesisRun, text: str) -> CharacterTimes:
    aligned = character_alignment(text, run.stats.words, end=run.stats.audio_seconds)
    return CharacterTimes(
        chars=aligned.characters,
        start_ms=tuple(round(s * 1000) for s in aligned.starts),
        duration_ms=tuple(round((e - s) * 1000) for s, e in zip(aligned.starts, aligned.ends, strict=True)),
    )
