"""Recording finished syntheses: the audio file and its history row, both or neither."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import IO, Protocol

from vocalis.speech.timestamps import WordTimestamp
from vocalis.store.blobs import BlobStore
from vocalis.store.history import NewSynthesis, SynthesisHistory, SynthesisRecord


@dataclass
class RunStats:
    """What one synthesis run measured as it went (the recorder stores it with the history row)."""

    audio_seconds: float = 0.0
    compute_seconds: float = 0.0
    chunks: int = 0
    first_chunk_seconds: float | None = None
    bytes: int = 0
    words: list[WordTimestamp] = field(default_factory=list)


class RecordingSink(Protocol):
    def write(self, data: bytes) -> None: ...

    def commit(self, stats: RunStats) -> None: ...

    def discard(self) -> None: ...


@dataclass(frozen=True)
class RecordingInfo:
    """What the history row says about a synthesis besides its measured numbers."""

    owner_id: str | None
    source: str
    text: str
    voice: str
    model: str
    format: str
    extension: str
    sample_rate: int
    speed: float
    api_key_id: str | None = None


class SynthesisRecorder:
    """Streams the encoded audio to a blob as it is produced; the row is written only on commit."""

    def __init__(self, blobs: BlobStore, history: SynthesisHistory, info: RecordingInfo) -> None:
        self._blobs = blobs
        self._history = history
        self._info = info
        self._key = blobs.new_key(info.extension)
        self._stack = contextlib.ExitStack()
        self._file: IO[bytes] | None = None
        self._size = 0
        self.record: SynthesisRecord | None = None

    def write(self, data: bytes) -> None:
        if self._file is None:
            self._file = self._stack.enter_context(self._blobs.writer(self._key))
        self._file.write(data)
        self._size += len(data)

    def commit(self, stats: RunStats) -> None:
        if self._file is None:
            self.write(b"")
        self._stack.close()
        info = self._info
        try:
            self.record = self._history.record(
                NewSynthesis(
                    owner_id=info.owner_id,
                    source=info.source,
                    text=info.text,
                    voice=info.voice,
                    model=info.model,
                    format=info.format,
                    sample_rate=info.sample_rate,
                    speed=info.speed,
                    audio_seconds=round(stats.audio_seconds, 3),
                    compute_seconds=round(stats.compute_seconds, 3),
                    audio_key=self._key,
                    audio_bytes=self._size,
                    api_key_id=info.api_key_id,
                )
            )
        except BaseException:
            self._blobs.delete(self._key)
            raise

    def discard(self) -> None:
        """Drop the partial file: the writer's exit with an error removes its temporary file."""
        self._stack.__exit__(RuntimeError, RuntimeError("synthesis did not complete"), None)
