"""A candidate's side of ``WS /ws/interview/{id}`` for tests and the benchmark: a microphone that
streams at real speed (silence unless an answer is playing) and a log of what came back, with times.

Like a browser's microphone (the web app sends 100 ms frames), a frame leaves once its 100 ms have been
said: ``speech_started`` and ``speech_ended`` are when the speech was said, a frame before it was sent.

On a busy machine the microphone falls behind and then catches up, so the server (which keeps time by
the audio it receives) can count a pause faster than the wall clock: ``speech_ended_audio`` and
``audio_sent_by`` give the same moments on the audio's own timeline."""

from __future__ import annotations

import asyncio
import json
import time
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# The candidate speaks in hibari's "heart" (~0.01 real-time factor; Kokoro's am_michael ran at ~1.2 on a
# busy AVX2 core, half a minute for the answers of each interview test): what the tests exercise is the
# interviewer's listening, which any clear English voice exercises alike.
CANDIDATE_VOICE = "heart"
# The interviewer of the API's live tests speaks in it too: after every answer the interviewer prepares
# what it may say next (4-8 lines), which in Kokoro's af_heart, the default, cost most of each test's
# CPU. The browser's spoken interview keeps the default, so Kokoro's lines are still heard end to end.
INTERVIEWER_VOICE = "heart"
FRAME = 1600  # 100 ms at 16 kHz
FRAME_S = FRAME / 16_000


@dataclass
class Mic:
    ws: Any
    queue: list[tuple[np.ndarray, float | None]] = field(default_factory=list)
    speech_ended: float | None = None  # wall time the latest answer's speech ended (was said)
    speech_started: float | None = None  # wall time the latest answer's first frame began to be said
    speech_ended_audio: float | None = None  # where it ended in the audio sent (seconds from the start)
    playing: bool = False
    sent_at: list[float] = field(default_factory=list)  # wall time each frame left

    def audio_sent_by(self, moment: float) -> float:
        """Seconds of audio sent by wall time ``moment``."""
        return bisect_right(self.sent_at, moment) * FRAME_S

    def play(self, samples: np.ndarray, speech_end_s: float | None = None) -> None:
        """Queue an answer; ``speech_end_s``: where its speech ends (default: its last sample)."""
        self.queue.append((samples, speech_end_s))
        self.speech_ended = self.speech_started = self.speech_ended_audio = None

    async def run(self) -> None:
        started = time.monotonic()
        sent = 0
        current: np.ndarray | None = None
        end_at = 0
        position = 0
        while True:
            if current is None and self.queue:
                current, end_s = self.queue.pop(0)
                end_at = len(current) if end_s is None else int(end_s * 16_000)
                position = 0
                self.playing, self.speech_started = True, time.monotonic() - FRAME_S
            if current is not None:
                frame = current[position : position + FRAME]
                if position < end_at <= position + FRAME:
                    # the speech ends inside this frame, said during the frame's time before it is sent
                    self.speech_ended = time.monotonic() - FRAME_S + (end_at - position) / 16_000
                    self.speech_ended_audio = len(self.sent_at) * FRAME_S + (end_at - position) / 16_000
                position += FRAME
                if position >= len(current):
                    current, self.playing = None, False
                if len(frame) < FRAME:
                    frame = np.concatenate([frame, np.zeros(FRAME - len(frame), np.float32)])
            else:
                frame = np.zeros(FRAME, np.float32)
            await self.ws.send((np.clip(frame, -1, 1) * 32767).astype("<i2").tobytes())
            self.sent_at.append(time.monotonic())
            sent += 1
            await asyncio.sleep(max(0.0, started + sent * FRAME_S - time.monotonic()))


@dataclass
class Heard:
    """Every message received, with its arrival time; interviewer audio frames by arrival time."""

    messages: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    audio_at: list[float] = field(default_factory=list)

    async def next(self, ws: Any, timeout: float = 60) -> dict[str, Any] | None:
        """The next JSON message (None for an audio frame, logged in ``audio_at``)."""
        frame = await asyncio.wait_for(ws.recv(), timeout)
        now = time.monotonic()
        if isinstance(frame, bytes):
            self.audio_at.append(now)
            return None
        message: dict[str, Any] = json.loads(frame)
        self.messages.append((now, message))
        if message["type"] == "error":
            raise AssertionError(f"the server sent an error: {message}")
        return message

    def mark(self) -> int:
        """A place in the log: ``until(..., since=mark)`` also finds what arrived after it."""
        return len(self.messages)

    async def until(
        self, ws: Any, event_type: str, timeout: float = 60, *, since: int | None = None, **match: Any
    ) -> dict[str, Any]:
        for _, message in self.messages[since if since is not None else len(self.messages) :]:
            if message["type"] == event_type and all(message.get(k) == v for k, v in match.items()):
                return message
        while True:
            message = await self.next(ws, timeout)
            if (
                message
                and message["type"] == event_type
                and all(message.get(k) == v for k, v in match.items())
            ):
                return message

    def first_audio_after(self, moment: float) -> float | None:
        return next((t for t in self.audio_at if t >= moment), None)
