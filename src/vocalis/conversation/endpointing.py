"""When has the speaker finished? Voice activity for speech and pauses, a turn detector for the end.

Waiting for a long silence (the usual 0.5-0.8 s, or more) makes a voice agent slow, and still cuts in
on people who pause to think. Here a pause of ``pause_s`` (0.2 s) asks the turn detector whether the
speech so far sounds finished (falling intonation, a complete phrase); if so, the turn ends at once,
and if not, the listener waits on, up to ``max_pause_s`` of silence (2 s, longer than the 1.5 s
pauses people take mid-answer), which ends the turn whatever the detector says.

A listener that expects a long turn (an answer to "tell me about a time when...") gives the endpointer
a ``patience``: the pause a turn of a given length needs before it may end. Between sentences people
pause 0.25-0.45 s with a finished intonation, so without it a long answer would be cut after its first
sentence; with it, a turn far shorter than expected needs up to ``max_pause_s`` of silence, and one of
the expected length ends after ``pause_s``.

While a listener waits for a pause's words to be read before it may end the turn, it asks the detector
about that pause at once (``judge_pause``), so the answer is ready when the words are: the detector's
tens of milliseconds leave the time between the speaker's last word and our reply.

While we are speaking, speech of ``barge_in_s`` from the other side is a barge-in: our audio stops.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from vocalis.engines.protocols import TurnDetector, VoiceActivity

Samples = npt.NDArray[np.float32]
RATE = 16_000


@dataclass(frozen=True)
class EndpointSettings:
    speech_at: float = 0.5  # VAD probability that is speech
    silence_below: float = 0.35  # VAD probability that is silence (hysteresis in between)
    pause_s: float = 0.2  # silence after speech before the turn detector is asked
    complete_at: float = 0.5  # the detector's probability that ends the turn
    max_pause_s: float = 2.0  # silence that ends the turn whatever the detector says
    min_turn_s: float = 0.25  # less speech than this (a cough, "mm") does not make a turn
    barge_in_s: float = 0.25  # speech over our own that stops it


@dataclass(frozen=True)
class SpeechStarted:
    at: float  # seconds since the stream began


@dataclass(frozen=True)
class TurnEnded:
    start: float  # first speech of the turn
    end: float  # last speech of the turn
    decided_at: float  # when the end was called: ``end`` plus the pause it took
    by: Literal["turn_detector", "silence"]
    probability: float | None  # the detector's, when it decided


@dataclass(frozen=True)
class Paused:
    """A pause inside the turn (the detector heard an unfinished thought): a good place to transcribe."""

    at: float  # where the speech before the pause ended
    probability: float | None


@dataclass(frozen=True)
class BargeIn:
    at: float


EndpointEvent = SpeechStarted | Paused | TurnEnded | BargeIn


class Endpointer:
    """One listener's turn-taking: 16 kHz mono audio in, in any pieces; speech, turn and barge-in
    events out. Synchronous (VAD and the detector run on the caller's thread)."""

    def __init__(
        self,
        vad: VoiceActivity,
        detector: TurnDetector | None,
        settings: EndpointSettings | None = None,
        *,
        patience: Callable[[float], float] | None = None,
    ) -> None:
        self.settings = settings or EndpointSettings()
        self.patience = patience  # turn length (s) -> pause (s) it needs before it may end
        self._stream = vad.open_stream()
        self._window_s = vad.capabilities.window_samples / vad.capabilities.sample_rate
        self._detector = detector
        self._index = 0  # windows judged
        self._turn_start: float | None = None
        self._speech_run = 0.0  # seconds of speech in a row (barge-in)
        self._last_speech: float | None = None
        self._paused_at: float | None = None  # the pause last reported (speech end before it)
        self._asked_at: float | None = None  # the pause the detector was last asked about
        self._judged: tuple[float, float] | None = None  # (pause, probability) judged ahead of time
        self._quiet = False  # the latest window was silence: the pause may be judged again without audio
        self._audio: list[Samples] = []  # the turn's audio (for the detector), from its start
        self._audio_start = 0.0
        self.speaking = False  # in a turn that has not ended

    @property
    def elapsed(self) -> float:
        return self._index * self._window_s

    @property
    def last_speech(self) -> float | None:
        """Where the latest speech ended (seconds on the stream), None before any."""
        return self._last_speech

    @property
    def silence_s(self) -> float:
        """Silence since the last speech (0 while speaking; since the start when nothing was said)."""
        last = self._last_speech if self._last_speech is not None else 0.0
        return max(0.0, self.elapsed - last)

    def feed(self, samples: Samples, *, we_are_speaking: bool = False) -> list[EndpointEvent]:
        events: list[EndpointEvent] = []
        start = self.elapsed
        probabilities = self._stream.process(samples)
        self._remember(samples, start)
        s = self.settings
        for probability in probabilities:
            now = self._index * self._window_s
            self._index += 1
            self._quiet = probability < s.silence_below
            if probability >= s.speech_at:
                self._speech_run += self._window_s
                self._last_speech = self.elapsed
                if self._turn_start is None:
                    self._turn_start = now
                    self.speaking = True
                    events.append(SpeechStarted(round(now, 3)))
                if we_are_speaking and self._speech_run >= s.barge_in_s:
                    events.append(BargeIn(round(self.elapsed, 3)))
                    self._speech_run = -1e9  # once per run of speech
            elif probability < s.silence_below:
                self._speech_run = 0.0
                decided = self._maybe_end()
                if decided is not None:
                    events.append(decided)
        return events

    def poll(self) -> list[EndpointEvent]:
        """Judge the pause under way again, without new audio: for a listener whose patience has just
        changed (the words it waited for are read), so the turn ends now rather than at the next frame."""
        if not self._quiet:
            return []
        decided = self._maybe_end()
        return [] if decided is None else [decided]

    def judge_pause(self) -> None:
        """Ask the detector now about the pause under way (at least ``pause_s`` long), as the turn would
        be judged if it ended after ``pause_s``; the answer is used if it does. For a listener about to
        wait for the turn's words: the detector's time then overlaps the reading."""
        s = self.settings
        last = self._last_speech
        if (
            self._detector is None
            or self._turn_start is None
            or last is None
            or self.elapsed - last < s.pause_s
            or (self._judged is not None and self._judged[0] == last)
        ):
            return
        self._judged = (last, self._detector.probability(self._turn_audio()))

    def rearm_barge_in(self) -> None:
        """We start a new line: speech already under way counts again as speech over ours (a barge-in
        fires once per run of speech, so without this the next line would play over them)."""
        if self._speech_run < 0:
            self._speech_run = 0.0

    def reset(self) -> None:
        """Forget the turn in progress (after we cut in: what follows is a new turn)."""
        self._turn_start = None
        self._asked_at = None
        self._paused_at = None
        self._judged = None
        self.speaking = False
        self._audio, self._audio_start = [], self.elapsed

    def _maybe_end(self) -> TurnEnded | Paused | None:
        if self._turn_start is None or self._last_speech is None:
            return None
        s = self.settings
        pause = self.elapsed - self._last_speech
        if pause < s.pause_s:
            return None
        length = self._last_speech - self._turn_start
        if length < s.min_turn_s:
            self.reset()  # a cough or a click: no turn
            return None
        if pause >= s.max_pause_s:
            return self._end("silence", None)
        needed = (
            s.pause_s if self.patience is None else max(s.pause_s, min(s.max_pause_s, self.patience(length)))
        )
        probability: float | None = None
        if pause >= needed and self._asked_at != self._last_speech:
            self._asked_at = self._last_speech  # once per pause
            if self._detector is not None:
                judged = self._judged
                if needed <= s.pause_s and judged is not None and judged[0] == self._last_speech:
                    probability = judged[1]  # asked at this pause, as now after ``pause_s``
                else:
                    probability = self._detector.probability(self._turn_audio())
                    self._judged = (self._last_speech, probability)  # judge_pause need not ask again
                if probability >= s.complete_at:
                    return self._end("turn_detector", probability)
        if self._paused_at != self._last_speech:
            self._paused_at = self._last_speech
            return Paused(round(self._last_speech, 3), None if probability is None else round(probability, 3))
        return None

    def _end(self, by: Literal["turn_detector", "silence"], probability: float | None) -> TurnEnded:
        assert self._turn_start is not None and self._last_speech is not None
        ended = TurnEnded(
            start=round(self._turn_start, 3),
            end=round(self._last_speech, 3),
            decided_at=round(self.elapsed, 3),
            by=by,
            probability=None if probability is None else round(probability, 3),
        )
        self.reset()
        return ended

    def _remember(self, samples: Samples, start: float) -> None:
        if self._turn_start is None and not self._audio:
            self._audio_start = start
        self._audio.append(np.asarray(samples, dtype=np.float32))
        # Keep what the detector can hear (8 s) plus a little: a long answer does not grow memory.
        keep = int(((self._detector.max_seconds if self._detector else 8.0) + 1.0) * RATE)
        total = sum(len(a) for a in self._audio)
        while self._audio and total - len(self._audio[0]) >= keep:
            total -= len(self._audio[0])
            self._audio_start += len(self._audio[0]) / RATE
            self._audio.pop(0)

    def _turn_audio(self) -> Samples:
        audio = np.concatenate(self._audio) if self._audio else np.zeros(0, np.float32)
        assert self._turn_start is not None and self._last_speech is not None
        # From the turn's start to now (the detector was trained with the pause after the speech).
        first = max(0, int((self._turn_start - self._audio_start - 0.1) * RATE))
        return audio[first:]
