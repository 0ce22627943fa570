"""Session events: one frozen dataclass per message type, named on the wire by ``type``.

Text events travel as JSON objects (``{"type": "ping", "id": "7"}``); binary events carry their
payload as the whole frame (16-bit PCM audio needs no base64 and no JSON around it).
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

import numpy as np

from vocalis.audio.chunk import AudioChunk
from vocalis.errors import MalformedEvent


@dataclass(frozen=True)
class Event:
    """Base of every session event. Subclasses set ``type``, the name clients see."""

    type: ClassVar[str] = ""


@dataclass(frozen=True)
class BinaryEvent(Event, abc.ABC):
    """An event whose payload is a whole binary frame; each kind says how it reads and writes one."""

    @classmethod
    @abc.abstractmethod
    def from_bytes(cls, data: bytes) -> BinaryEvent: ...

    @abc.abstractmethod
    def to_bytes(self) -> bytes: ...


@dataclass(frozen=True)
class Ping(Event):
    """Keep-alive from the client; the runner answers it with a ``Pong`` carrying the same id.

    Browsers cannot send WebSocket protocol pings, so keep-alive is also an ordinary event.
    """

    type: ClassVar[str] = "ping"
    id: str | None = None


@dataclass(frozen=True)
class Pong(Event):
    type: ClassVar[str] = "pong"
    id: str | None = None


@dataclass(frozen=True)
class Pcm16Audio(BinaryEvent):
    """A chunk of mono 16-bit little-endian PCM; the sample rate is agreed by the session, not the frame."""

    type: ClassVar[str] = "audio.pcm16"
    data: bytes

    @classmethod
    def from_bytes(cls, data: bytes) -> Pcm16Audio:
        if len(data) % 2:
            raise MalformedEvent(
                f"a 16-bit PCM frame holds whole samples: {len(data)} bytes is an odd length",
                bytes=len(data),
            )
        return cls(bytes(data))

    def to_bytes(self) -> bytes:
        return self.data

    @classmethod
    def from_audio(cls, audio: AudioChunk) -> Pcm16Audio:
        scaled = np.clip(audio.samples, -1.0, 1.0) * 32767.0
        return cls(np.round(scaled).astype("<i2").tobytes())

    def to_audio(self, sample_rate: int) -> AudioChunk:
        samples = np.frombuffer(self.data, dtype="<i2").astype(np.float32) / 32768.0
        return AudioChunk(samples, sample_rate)


@dataclass(frozen=True)
class Start(Event):
    """A microphone session's first message: the rate of the binary PCM frames that follow, and for
    browsers (which cannot set headers) the API key."""

    type: ClassVar[str] = "start"
    sample_rate: int = 16_000
    api_key: str | None = None

    @property
    def credential(self) -> str | None:
        return self.api_key


@dataclass(frozen=True)
class AudioChunkMessage(Event):
    """Microphone audio as JSON (the original coaching brief's message), for clients that cannot send
    binary frames."""

    type: ClassVar[str] = "audio_chunk"
    audio_data: str  # base64 of 16-bit little-endian mono PCM
    sample_rate: int = 16_000
    timestamp: float | None = None  # ms since the start of the recording, as the client counts


@runtime_checkable
class CarriesCredential(Protocol):
    """An event that may bring an API key or token (the first message of a browser's session)."""

    @property
    def credential(self) -> str | None: ...
