"""Speech to text for one connection: ``transcribe``, ``audio-start``, ``audio-chunk``s, ``audio-stop``
answered by one ``transcript``.

Audio in any rate, width and channel count is collected as mono float32 (bounded by
``max_audio_seconds``) and given to the one transcription service (VAD + Whisper) off the event loop.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from wyoming.asr import Transcribe
from wyoming.asr import Transcript as WyomingTranscript
from wyoming.audio import AudioChunk

from vocalis.analysis.transcriber import AUTO
from vocalis.errors import InvalidInput, TooLarge, UnknownModel
from vocalis.wyoming.info import PROGRAM
from vocalis.wyoming.pcm import PcmCollector, PcmFormat
from vocalis.wyoming.services import WyomingServices


@dataclass(frozen=True)
class _Request:
    language: str  # a Whisper language code, or "auto"
    prompt: str | None  # names and terms that bias the recognition


class Listener:
    def __init__(self, services: WyomingServices) -> None:
        self._services = services
        self._collector = PcmCollector(max_seconds=services.settings.max_audio_seconds)
        self._request: _Request | None = None
        self._listening = False
        self._overflowed = False
        self._stray_reported = False

    def transcribe(self, request: Transcribe) -> None:
        """Checked now (model, language), so a bad request fails before its audio is collected."""
        engines = self._services.engines.stt
        if request.name is not None and request.name not in (PROGRAM, *engines):
            raise UnknownModel(
                f"no speech-to-text model {request.name!r}; models: {', '.join(engines)}",
                model=request.name,
                known=sorted(engines),
            )
        language = _language(request.language)
        if language is None:  # a model named without a language speaks its first one
            model = engines.get(request.name or "")
            language = model.capabilities.languages[0] if model else AUTO
        self._services.transcriber.engine(language)  # InvalidInput for a language no engine speaks
        words = [*(request.transcript_names or ()), *(request.transcript_terms or ())]
        self._request = _Request(language, ", ".join(words) + "." if words else None)

    def start(self) -> None:
        if self._request is None:
            self._request = _Request(AUTO, None)  # audio without transcribe: detect the language
        self._collector.clear()
        self._listening = True
        self._overflowed = False
        self._stray_reported = False

    def add(self, chunk: AudioChunk) -> None:
        if not self._listening:
            if self._stray_reported:
                return  # said once; a client streaming into the void is not answered per chunk
            self._stray_reported = True
            raise InvalidInput("audio-chunk without audio-start: send transcribe and audio-start first")
        if self._overflowed:
            return
        try:
            self._collector.add(chunk.audio, PcmFormat(chunk.rate, chunk.width, chunk.channels))
        except TooLarge:
            self._overflowed = True  # reported once; the rest of this audio is dropped
            raise

    async def stop(self) -> WyomingTranscript | None:
        """The transcript; None when the audio was refused (the error was sent already)."""
        if not self._listening:
            raise InvalidInput("audio-stop without audio-start")
        request, overflowed = self._request or _Request(AUTO, None), self._overflowed
        audio = self._collector.audio()
        self.close()
        if overflowed:
            return None
        if audio.duration == 0:
            return WyomingTranscript(text="")
        transcriber = self._services.transcriber
        result = await asyncio.to_thread(
            transcriber.transcribe, audio, language=request.language, prompt=request.prompt
        )
        return WyomingTranscript(text=result.text, language=result.language)

    def close(self) -> None:
        self._collector.clear()
        self._request = None
        self._listening = False
        self._overflowed = False


def _language(language: str | None) -> str | None:
    """Whisper's code for a language tag: "en-US" and "en_US" are "en"."""
    if language is None or not language.strip():
        return None
    return language.strip().replace("_", "-").split("-")[0].lower()
