"""The ElevenLabs stream-input wire format: untyped JSON objects, no ``type`` field.

Client messages: ``{"text": " ", "voice_settings": {...}, "xi_api_key": "..."}`` first; then
``{"text": "Hello ", "flush": false}`` pieces; ``{"flush": true}`` to say what is buffered now;
``{"text": ""}`` to finish. Server messages: ``{"audio": base64, "isFinal": false, "alignment": {...},
"normalizedAlignment": {...}}`` per sentence, ``{"isFinal": true}`` at the end, and
``{"error": {"code", "message", "details"}}``.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any, ClassVar

from vocalis.errors import InvalidEvent, InvalidInput, UnexpectedFrame, VocalisError
from vocalis.realtime.codec import Frame, check_field, parse_object
from vocalis.realtime.events import Event


@dataclass(frozen=True)
class TextInput(Event):
    type: ClassVar[str] = "text"
    text: str | None = None  # None: absent; "" ends the input
    flush: bool = False
    speed: float | None = None  # voice_settings.speed; ElevenLabs' other settings do not apply to Kokoro
    api_key: str | None = None  # xi_api_key or authorization, read on the first message only

    @property
    def credential(self) -> str | None:
        return self.api_key


@dataclass(frozen=True)
class CharacterTimes:
    chars: tuple[str, ...]
    start_ms: tuple[int, ...]
    duration_ms: tuple[int, ...]

    def to_dict(self) -> dict[str, list[Any]]:
        return {
            "chars": list(self.chars),
            "charStartTimesMs": list(self.start_ms),
            "charDurationsMs": list(self.duration_ms),
        }


@dataclass(frozen=True)
class SentenceAudio(Event):
    type: ClassVar[str] = "audio"
    audio: bytes  # one independently playable piece in the session's output format
    alignment: CharacterTimes


@dataclass(frozen=True)
class FinalMessage(Event):
    type: ClassVar[str] = "final"


class StreamInputCodec:
    def decode(self, frame: Frame) -> Event:
        if isinstance(frame, bytes):
            raise UnexpectedFrame("stream-input takes JSON text messages, not binary frames")
        message = parse_object(frame)
        settings = message.get("voice_settings")
        speed = settings.get("speed") if isinstance(settings, dict) else None
        key = message.get("xi_api_key") or message.get("authorization")
        return TextInput(
            text=check_field("text", message["text"], str) if "text" in message else None,
            flush=message.get("flush") is True,
            # Loose, as before: settings this server does not use are not checked.
            speed=float(speed) if isinstance(speed, int | float) and not isinstance(speed, bool) else None,
            api_key=key if isinstance(key, str) else None,
        )

    def encode(self, event: Event) -> Frame:
        if isinstance(event, SentenceAudio):
            alignment = event.alignment.to_dict()
            return json.dumps(
                {
                    "audio": base64.b64encode(event.audio).decode("ascii"),
                    "isFinal": False,
                    "alignment": alignment,
                    "normalizedAlignment": alignment,
                }
            )
        if isinstance(event, FinalMessage):
            return json.dumps({"isFinal": True})
        raise TypeError(f"{type(event).__name__} is not a stream-input server message")

    def encode_error(self, error: VocalisError) -> Frame:
        # Clients of this protocol were promised `invalid_input` for any bad message; the precise code
        # the session layer found (malformed_event, invalid_event_field, ...) rides along as the reason.
        if isinstance(error, InvalidEvent):
            legacy = InvalidInput(error.message, **error.details, reason=error.code)
            return json.dumps({"error": legacy.to_dict()})
        return json.dumps({"error": error.to_dict()})
