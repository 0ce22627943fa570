"""Wyoming events in and out: client events checked into the package's typed values, and errors
turned into ``error`` events.

The ``wyoming`` package's ``from_event`` trusts its input (a missing field is a KeyError, a number
where text belongs passes through), so every field this server uses is checked here, once.
"""

from __future__ import annotations

from typing import Any

from wyoming.asr import Transcribe
from wyoming.audio import AudioChunk, AudioStart
from wyoming.error import Error
from wyoming.event import Event
from wyoming.tts import Synthesize, SynthesizeChunk, SynthesizeStart, SynthesizeVoice

from vocalis.errors import InvalidEventField, VocalisError
from vocalis.wyoming.pcm import PcmFormat

# Client events this server answers; anything else is refused with an unknown_event error.
CLIENT_EVENTS = (
    "describe",
    "ping",
    "select-program",
    "synthesize",
    "synthesize-start",
    "synthesize-chunk",
    "synthesize-stop",
    "transcribe",
    "audio-start",
    "audio-chunk",
    "audio-stop",
)


def error_event(error: VocalisError) -> Event:
    return Error(text=error.message, code=error.code).event()


def _text(data: dict[str, Any], key: str, event: str) -> str | None:
    return None if data.get(key) is None else _required(data, key, event)


def _required(data: dict[str, Any], key: str, event: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise InvalidEventField(f"{event}: {key} must be a string", field=key)
    return value


def _voice(data: dict[str, Any], event: str) -> SynthesizeVoice | None:
    voice = data.get("voice")
    if voice is None:
        return None
    if not isinstance(voice, dict):
        raise InvalidEventField(
            f"{event}: voice must be an object with name, language or speaker", field="voice"
        )
    name = _text(voice, "name", event)
    language = _text(voice, "language", event)
    speaker = _text(voice, "speaker", event)
    if name is None and language is None:
        return None
    return SynthesizeVoice(name=name, language=language, speaker=speaker)


def synthesize(event: Event) -> Synthesize:
    return Synthesize(
        text=_required(event.data, "text", "synthesize"), voice=_voice(event.data, "synthesize")
    )


def synthesize_start(event: Event) -> SynthesizeStart:
    return SynthesizeStart(voice=_voice(event.data, "synthesize-start"))


def synthesize_chunk(event: Event) -> SynthesizeChunk:
    return SynthesizeChunk(text=_required(event.data, "text", "synthesize-chunk"))


def transcribe(event: Event) -> Transcribe:
    data = event.data
    names = _words(data, "transcript_names")
    terms = _words(data, "transcript_terms")
    return Transcribe(
        name=_text(data, "name", "transcribe"),
        language=_text(data, "language", "transcribe"),
        transcript_names=names,
        transcript_terms=terms,
    )


def _words(data: dict[str, Any], key: str) -> list[str] | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidEventField(f"transcribe: {key} must be a list of strings", field=key)
    return list(value)


def audio_format(event: Event) -> PcmFormat:
    data = event.data
    return PcmFormat.checked(data.get("rate"), data.get("width"), data.get("channels"))


def audio_start(event: Event) -> AudioStart:
    fmt = audio_format(event)
    return AudioStart(rate=fmt.rate, width=fmt.width, channels=fmt.channels)


def audio_chunk(event: Event) -> AudioChunk:
    fmt = audio_format(event)
    return AudioChunk(rate=fmt.rate, width=fmt.width, channels=fmt.channels, audio=event.payload or b"")


def program_name(event: Event) -> str:
    return _required(event.data, "name", "select-program")
