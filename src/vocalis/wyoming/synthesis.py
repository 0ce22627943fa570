"""Text to speech for one connection: ``synthesize``, or a text stream spoken sentence by sentence.

Each answer is ``audio-start``, ``audio-chunk``s of 16-bit mono PCM as each text chunk is rendered,
and ``audio-stop``. A stream (``synthesize-start``, ``-chunk``s, ``-stop``) answers each complete
sentence as soon as its text is in, then ``synthesize-stopped``. Rendering goes through the synthesis
service, one chunk per worker-thread call, inside a slot of the same admission control as the HTTP
routes. An error is sent in-band; after a stream fails the rest of its text is dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.event import Event
from wyoming.tts import Synthesize, SynthesizeChunk, SynthesizeStart, SynthesizeStopped, SynthesizeVoice

from vocalis.audio.formats import AudioFormat
from vocalis.engines.protocols import VoiceInfo
from vocalis.errors import EmptyText, InvalidInput, TooLarge, UnknownVoice, VocalisError
from vocalis.realtime.stream_input.buffer import TextBuffer
from vocalis.speech.request import SpeechRequest
from vocalis.speech.run import OutputSpec, SynthesisRun
from vocalis.wyoming.events import error_event
from vocalis.wyoming.services import WyomingServices

Send = Callable[[Event], Awaitable[None]]

WIDTH, CHANNELS = 2, 1  # s16le mono, what the PCM encoder writes
SAMPLES_PER_EVENT = 2048
CLONE_PREFIX = "clone_"
NOBODY = ""  # a viewer id no user has: cloned voices resolve for no one


@dataclass(frozen=True)
class ChosenVoice:
    id: str
    viewer: str | None  # who the clone lookup is for; None only for ids that cannot be clones


def choose_voice(wanted: SynthesizeVoice | None, voices: Sequence[VoiceInfo], default: str) -> str:
    """The voice id for a request: its name, else a voice of its language (the default voice first)."""
    if wanted is None or (not wanted.name and not wanted.language):
        return default
    if wanted.name:
        return wanted.name.strip()
    language = _tag(wanted.language or "")
    ranked = sorted(voices, key=lambda v: v.id != default)
    exact = [v.id for v in ranked if _tag(v.language) == language]
    close = [v.id for v in ranked if _tag(v.language).split("-")[0] == language.split("-")[0]]
    if exact or close:
        return (exact or close)[0]
    spoken = sorted({v.language for v in voices})
    raise UnknownVoice(
        f"no voice speaks {wanted.language!r}; languages: {', '.join(spoken)}",
        language=wanted.language,
        supported=spoken,
    )


def _tag(language: str) -> str:
    return language.strip().replace("_", "-").lower()


@dataclass
class _TextStream:
    voice: ChosenVoice | None = None
    buffer: TextBuffer = field(default_factory=TextBuffer)
    failed: bool = False


class Speaker:
    def __init__(self, services: WyomingServices, send: Send) -> None:
        self._services = services
        self._send = send
        self._stream: _TextStream | None = None

    @property
    def streaming(self) -> bool:
        return self._stream is not None

    async def synthesize(self, request: Synthesize) -> None:
        limit = self._services.settings.max_text_chars
        if len(request.text) > limit:
            raise TooLarge(f"the text has {len(request.text)} characters; at most {limit} in one synthesize")
        await self._say(request.text, await self._choose(request.voice))

    async def start_stream(self, start: SynthesizeStart) -> None:
        self._stream = stream = _TextStream()
        try:
            stream.voice = await self._choose(start.voice)
        except VocalisError as exc:
            await self._fail(stream, exc)

    async def add_text(self, chunk: SynthesizeChunk) -> None:
        stream = self._require_stream("synthesize-chunk")
        if stream.failed or stream.voice is None:
            return
        try:
            stream.buffer.add(chunk.text)
            await self._say_sentences(stream.buffer.take_sentences(), stream.voice)
        except VocalisError as exc:
            await self._fail(stream, exc)

    async def stop_stream(self) -> None:
        stream = self._require_stream("synthesize-stop")
        self._stream = None
        if not stream.failed and stream.voice is not None:
            try:
                await self._say_sentences(stream.buffer.take_all(), stream.voice)
            except VocalisError as exc:
                await self._send(error_event(exc))
        await self._send(SynthesizeStopped().event())

    def _require_stream(self, event: str) -> _TextStream:
        if self._stream is None:
            raise InvalidInput(f"{event} without synthesize-start")
        return self._stream

    async def _fail(self, stream: _TextStream, error: VocalisError) -> None:
        stream.failed = True
        await self._send(error_event(error))

    async def _choose(self, wanted: SynthesizeVoice | None) -> ChosenVoice:
        """The voice checked now, so a bad one fails before any audio (off the loop: clones are rows)."""
        services = self._services
        by_language = wanted is not None and not wanted.name and bool(wanted.language)
        voices = await asyncio.to_thread(services.all_voices) if by_language else []
        voice_id = choose_voice(wanted, voices, services.default_voice)

        def resolve() -> ChosenVoice:
            viewer = (services.clones.viewer() or NOBODY) if voice_id.startswith(CLONE_PREFIX) else None
            services.voices.resolve(voice_id, viewer=viewer)
            return ChosenVoice(voice_id, viewer)

        return await asyncio.to_thread(resolve)

    async def _say_sentences(self, text: str, voice: ChosenVoice) -> None:
        if not text.strip():
            return
        try:
            await self._say(text, voice)
        except EmptyText:
            return  # punctuation only between sentences: nothing to say

    async def _say(self, text: str, voice: ChosenVoice) -> None:
        speech = self._services.speech
        request = SpeechRequest(text=text, voice=voice.id, viewer=voice.viewer)
        plan = await asyncio.to_thread(speech.plan, request)
        run = SynthesisRun(speech, plan, OutputSpec(AudioFormat.PCM))
        async with self._services.slots.admit(run.plan.engine.capabilities):
            await self._stream_run(run)

    async def _stream_run(self, run: SynthesisRun) -> None:
        rate = run.sample_rate
        step = SAMPLES_PER_EVENT * WIDTH * CHANNELS
        per_ms = rate * WIDTH * CHANNELS / 1000
        sent = 0  # bytes of audio so far, for the chunks' timestamps
        pieces = iter(run)
        try:
            await self._send(AudioStart(rate=rate, width=WIDTH, channels=CHANNELS, timestamp=0).event())
            while (piece := await asyncio.to_thread(next, pieces, None)) is not None:
                for start in range(0, len(piece.data), step):
                    audio = piece.data[start : start + step]
                    stamp = sent * 1000 // (rate * WIDTH * CHANNELS)
                    sent += len(audio)
                    chunk = AudioChunk(
                        rate=rate, width=WIDTH, channels=CHANNELS, audio=audio, timestamp=stamp
                    )
                    await self._send(chunk.event())
        finally:
            run.cancel()  # a client gone mid-answer stops the run before its next chunk
        await self._send(AudioStop(timestamp=round(sent / per_ms)).event())
