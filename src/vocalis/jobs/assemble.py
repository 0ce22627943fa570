"""The final file: every saved part, in order, through one encoder, moved into place atomically.

One encoder over the whole job is what makes the result seamless: no codec start-up padding or
header between chunks, exactly as if the text had been rendered in one go.

The encoding runs on its own thread while the rest of the job is still rendering (on a second core
it costs no wall time), into a hidden temporary file that becomes the final file only when the last
segment is in. If the worker dies, the temporary file goes with it (the clean-up sweeps leftovers)
and whoever resumes the job encodes again from the part files, which stay until the job succeeds.
"""

from __future__ import annotations

import queue
import struct
import threading
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.encode import UNKNOWN_WAV_SIZE, StreamEncoder
from vocalis.audio.formats import AudioFormat
from vocalis.jobs.models import Segment, SpeechSpec
from vocalis.jobs.parts import PartStore
from vocalis.store.blobs import BlobStore

BLOCK_SECONDS = 10
WAV_HEADER_BYTES = 44


@dataclass(frozen=True)
class Assembled:
    key: str
    size: int
    sample_rate: int  # of the file (after any resampling)
    seconds: float


class _Abort(Exception):
    pass


class Assembler:
    """Feed it each saved segment in order; ``finish`` returns the file, ``abort`` leaves nothing."""

    def __init__(self, blobs: BlobStore, parts: PartStore, spec: SpeechSpec, engine_rate: int) -> None:
        self._blobs, self._parts, self._spec, self._rate = blobs, parts, spec, engine_rate
        # Built here so that a bad format option fails in the caller, before any rendering.
        self._encoder = StreamEncoder(
            spec.format, engine_rate, sample_rate=spec.sample_rate, bitrate=spec.bitrate
        )
        self._segments: queue.SimpleQueue[Segment | _Abort | None] = queue.SimpleQueue()
        self._result: Assembled | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="vocalis-job-assembler", daemon=True)
        self._thread.start()

    def add(self, segment: Segment) -> None:
        self._segments.put(segment)

    def finish(self) -> Assembled:
        self._segments.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result

    def abort(self) -> None:
        if self._thread.is_alive():
            self._segments.put(_Abort())
            self._thread.join()

    def _work(self) -> None:
        encoder, rate = self._encoder, self._rate
        key = self._blobs.new_key(self._spec.format.extension)
        size = samples = 0
        try:
            with self._blobs.writer(key) as out:
                while (segment := self._segments.get()) is not None:
                    if isinstance(segment, _Abort):
                        raise segment  # the writer removes its temporary file
                    for block in self._parts.read(segment, BLOCK_SECONDS * rate):
                        pcm = np.frombuffer(block, "<i2")
                        samples += len(pcm)
                        # Exactly inverts the encoder's float-to-int16 step: the samples come back unchanged.
                        data = encoder.write(AudioChunk(pcm.astype(np.float32) / np.float32(32767.0), rate))
                        out.write(data)
                        size += len(data)
                tail = encoder.close()
                out.write(tail)
                size += len(tail)
                if self._spec.format is AudioFormat.WAV:
                    _write_wav_sizes(out, size - WAV_HEADER_BYTES)
        except _Abort:
            return
        except BaseException as error:
            self._error = error
            # Keep draining so that add() never blocks and finish() sees the error.
            return
        self._result = Assembled(key=key, size=size, sample_rate=encoder.sample_rate, seconds=samples / rate)


def _write_wav_sizes(out: BinaryIO, data_size: int) -> None:
    """The stream encoder wrote "unknown length" into the header; now the length is known."""
    if data_size + 36 >= UNKNOWN_WAV_SIZE:
        return  # beyond 4 GB: leave the "until the data ends" marker every reader accepts
    out.seek(4)
    out.write(struct.pack("<I", 36 + data_size))
    out.seek(40)
    out.write(struct.pack("<I", data_size))
    out.seek(0, 2)
