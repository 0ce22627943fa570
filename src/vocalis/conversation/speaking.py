"""Our side of the conversation: lines rendered to audio, prepared before they are needed.

What an agent will say is often known in advance (an interviewer's questions, its acknowledgements):
``prepare`` renders them in the background, so saying one starts with its first audio at once. A line
not prepared is rendered clause by clause, its first clause first.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator

from vocalis.audio.chunk import AudioChunk
from vocalis.speech.request import SpeechRequest
from vocalis.speech.service import SpeechService

FRAME_S = 0.1  # audio is handed out in pieces this long


class Voice:
    def __init__(
        self, speech: SpeechService, voice: str, *, language: str | None, viewer: str | None
    ) -> None:
        self._speech = speech
        self._voice = voice
        self._language = language
        self._viewer = viewer
        self._ready: dict[str, AudioChunk] = {}
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self.sample_rate = speech.plan(self._request("Hello.")).sample_rate

    def prepare(self, texts: Iterable[str]) -> None:
        """Render these lines now (call off the event loop); already prepared ones are skipped, and
        nothing more is rendered once the conversation is over (``close``)."""
        for text in texts:
            if self._closed.is_set():
                return
            if text.strip() and not self.is_ready(text):
                audio = self._speech.synthesize(self._speech.plan(self._request(text)))
                with self._lock:
                    self._ready[text] = audio

    def close(self) -> None:
        """The conversation is over: lines being prepared stop after the one in hand (a process shutting
        down does not wait for a whole batch of lines nobody will hear)."""
        self._closed.set()
        with self._lock:
            self._ready.clear()

    def is_ready(self, text: str) -> bool:
        with self._lock:
            return text in self._ready

    def frames(self, text: str) -> Iterator[AudioChunk]:
        """The line's audio in FRAME_S pieces: from the prepared audio, or rendered clause by clause."""
        with self._lock:
            ready = self._ready.get(text)
        parts: Iterable[AudioChunk]
        if ready is not None:
            parts = (ready,)
        else:
            parts = (chunk.audio for chunk in self._speech.stream(self._speech.plan(self._request(text))))
        step = int(FRAME_S * self.sample_rate)
        for part in parts:
            for first in range(0, len(part.samples), step):
                yield AudioChunk(part.samples[first : first + step], part.sample_rate)

    def _request(self, text: str) -> SpeechRequest:
        return SpeechRequest(
            text=text, voice=self._voice, language=self._language, ssml=False, viewer=self._viewer
        )
