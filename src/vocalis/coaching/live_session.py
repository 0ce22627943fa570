"""``WS /ws/session/{id}`` as a session of the real-time layer: audio in, metrics, words, cues out.

Per connection: a metrics loop (a few updates a second, and the one cue the policy allows), and a
recognition loop (finished speech to final words, off the event loop; while the speaker goes on
without a pause, provisional captions of the words so far, ``final: false``). ``stop`` or the session's
``max_duration`` finishes it into the report. A connection that drops leaves the session paused,
nothing lost; reconnecting within ``RESUME_GRACE_S`` carries on where it was, and after that the
session is interrupted with what it received.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import Future
from typing import Any

from vocalis.accounts.models import Principal
from vocalis.coaching.events import (
    CoachingResult,
    ConfigChange,
    MetricsUpdate,
    MilestoneAchieved,
    Pause,
    RealtimeFeedback,
    Resume,
    SessionStarted,
    StatusChanged,
    Stop,
    TranscriptUpdate,
)
from vocalis.coaching.live import Heard, LiveCoach, decode_audio_data
from vocalis.coaching.service import CoachingService, target_band
from vocalis.coaching.sessions import Focus, SessionStatus
from vocalis.errors import InvalidInput, TooLarge
from vocalis.realtime import Event, Pcm16Audio, Session
from vocalis.realtime.events import AudioChunkMessage, Start

METRICS_EVERY_S = 0.25
RECOGNISE_EVERY_S = 0.25
# Provisional captions of the speech still going on: when the speaker pauses (the VAD heard the span
# end) and, while they go on, this often; each reads the last few seconds in the shared pool, packed
# with the other sessions' (see LiveCoach.recognise_caption).
CAPTION_EVERY_S = 1.0
CAPTION_MIN_NEW_S = 0.4  # speech no caption has read yet, worth reading
RESUME_GRACE_S = 300.0  # "reconnect within a few minutes and carry on"


class CoachingHandler:
    def __init__(self, service: CoachingService, session_id: str, principal: Principal) -> None:
        self._service = service
        self._session_id = session_id
        self._principal = principal
        self._live: LiveCoach | None = None
        self._session: Session | None = None
        self._sample_rate = 16_000
        self._unheard: list[Heard] = []
        self._finished = False

    async def start(self, session: Session) -> None:
        self._session = session
        live = await asyncio.to_thread(self._service.open_live, self._session_id, self._principal.user.id)
        self._live = live
        live.connections += 1
        resumed = live.received_seconds
        if live.status is SessionStatus.PAUSED:
            await asyncio.to_thread(self._service.set_live_status, live, SessionStatus.ACTIVE)
        await session.send(
            SessionStarted(
                session_id=live.session.id,
                status=live.status.value,
                language=live.session.language,
                sample_rate=self._sample_rate,
                resumed_at=round(resumed, 3),
                config=live.session.config.to_json(),
            )
        )
        session.spawn(self._metrics_loop())
        session.spawn(self._recognition_loop())

    async def handle(self, event: Event) -> bool:
        live = self._require()
        if isinstance(event, Start):
            if event.sample_rate != self._sample_rate:
                self._sample_rate = event.sample_rate
            return True
        if isinstance(event, Pcm16Audio | AudioChunkMessage):
            if isinstance(event, Pcm16Audio):
                pcm, rate, stamp = event.data, self._sample_rate, None
            else:
                pcm, rate, stamp = decode_audio_data(event.audio_data), event.sample_rate, event.timestamp
            try:
                await asyncio.to_thread(live.accept, pcm, rate, stamp)
            except TooLarge as exc:
                if exc.details.get("reason") != "max_duration":
                    raise
                await self._finish()  # the session's own limit: it ends with its report
                return False
            return True
        if isinstance(event, Pause | Resume):
            status = SessionStatus.PAUSED if isinstance(event, Pause) else SessionStatus.ACTIVE
            await asyncio.to_thread(self._service.set_live_status, live, status)
            await self._send(
                StatusChanged(status=live.status.value, elapsed_seconds=round(live.received_seconds, 3))
            )
            return True
        if isinstance(event, ConfigChange):
            await asyncio.to_thread(self._service.reconfigure, live, _changed(live, event))
            return True
        if isinstance(event, Stop):
            await self._finish()
            return False
        raise InvalidInput(f"unexpected event {event.type!r}")

    async def close(self) -> None:
        live = self._live
        if live is None or self._finished:
            return
        live.connections -= 1
        if live.connections > 0:
            return
        # Dropped without `stop`: paused, kept for a while in case the speaker comes back.
        await asyncio.to_thread(self._service.set_live_status, live, SessionStatus.PAUSED)
        loop = asyncio.get_running_loop()
        loop.call_later(RESUME_GRACE_S, self._abandon_if_gone, live)

    def _abandon_if_gone(self, live: LiveCoach) -> None:
        if live.connections == 0 and live.status is SessionStatus.PAUSED:
            asyncio.get_running_loop().run_in_executor(None, self._service.abandon_live, live.session.id)

    async def _finish(self) -> None:
        live = self._require()
        self._finished = True
        report = await asyncio.to_thread(self._service.finish_live, live)
        for milestone in report.get("milestones", []):
            await self._send(MilestoneAchieved(**milestone))
        await self._send(CoachingResult(session_id=live.session.id, status="completed", report=report))

    async def _metrics_loop(self) -> None:
        live = self._require()
        while not self._finished:
            await asyncio.sleep(METRICS_EVERY_S)
            if live.status is not SessionStatus.ACTIVE or self._finished:
                continue
            metrics, wpm, trend, filler = await asyncio.to_thread(live.metrics)
            heard = Heard(tuple(w for h in self._unheard for w in h.words))
            self._unheard.clear()
            cue = live.cue(metrics, heard)
            await self._send(
                MetricsUpdate(
                    elapsed_seconds=round(metrics.elapsed_seconds, 2),
                    speaking=metrics.speaking,
                    words_per_minute=None if wpm is None else round(wpm, 1),
                    target_wpm=list(target_band(live.session)),
                    filler_count=metrics.filler_count,
                    fillers_per_minute=_round(metrics.fillers_per_minute),
                    last_filler=filler,
                    loudness_lufs=_round(metrics.loudness_lufs),
                    pitch_hz=_round(metrics.pitch_hz),
                    pitch_trend=trend,
                    pitch_variation_semitones=_round(metrics.pitch_variation_semitones),
                    current_pause_seconds=round(metrics.silence_seconds, 2),
                    pause_count=metrics.pause_count,
                    long_pause_count=metrics.long_pause_count,
                    word_count=metrics.word_count,
                    transcript_lag_seconds=round(metrics.pending_speech_seconds, 2),
                    processing_ms=[round(t, 2) for t in live.chunk_timings()],
                )
            )
            if cue is not None:
                await self._send(
                    RealtimeFeedback(
                        feedback_type=cue.type, category=cue.category, severity=cue.severity,
                        message=cue.message, score=round(cue.score, 2), suggestions=list(cue.suggestions),
                        at=round(cue.at, 2),
                    )
                )  # fmt: skip

    async def _recognition_loop(self) -> None:
        """Final words of finished speech, and captions of the speech going on, each read when due:
        one of each in flight at a time, and a caption never waits for the finals of earlier speech
        (with four sessions, finals queue in the shared pool, and the words being said waited too)."""
        live = self._require()
        last_caption = time.monotonic()
        final: asyncio.Task[None] | None = None
        caption: asyncio.Task[None] | None = None
        try:
            while not self._finished:
                await asyncio.sleep(RECOGNISE_EVERY_S)
                for task in (final, caption):
                    if task is not None and task.done():
                        task.result()  # a failed recognition ends the loop as it did inline
                if self._finished or live.status is not SessionStatus.ACTIVE:
                    continue
                if live.has_pending and (final is None or final.done()):
                    final = asyncio.create_task(self._deliver(live.recognise_final(), final=True))
                if (
                    (caption is None or caption.done())
                    and live.uncaptioned_seconds >= CAPTION_MIN_NEW_S
                    and (not live.speaking or time.monotonic() - last_caption >= CAPTION_EVERY_S)
                ):
                    last_caption = time.monotonic()
                    caption = asyncio.create_task(self._deliver(live.recognise_caption(), final=False))
        finally:
            for task in (final, caption):
                if task is not None:
                    task.cancel()

    async def _deliver(self, recognising: Future[Heard], *, final: bool) -> None:
        # Shielded: when the connection goes, the recognition goes on (its words belong in the
        # report); cancelling it would cancel the pool's future, which ``finish`` waits for.
        heard = await asyncio.shield(asyncio.wrap_future(recognising))
        if final:
            self._unheard.append(heard)  # the cue policy hears final words only
        if heard.words and not self._finished:
            words = [
                {"text": w.text, "start": w.start, "end": w.end, "probability": round(w.probability, 3)}
                for w in heard.words
            ]
            await self._send(TranscriptUpdate(final=final, text=heard.text, words=words))

    async def _send(self, event: Event) -> None:
        if self._session is not None:
            await self._session.send(event)

    def _require(self) -> LiveCoach:
        if self._live is None:
            raise RuntimeError("the session has not started")
        return self._live


def _changed(live: LiveCoach, event: ConfigChange) -> Any:
    config = live.session.config
    values: dict[str, Any] = {}
    if event.focus is not None:
        try:
            values["focus"] = tuple(Focus(f) for f in dict.fromkeys(event.focus))
        except ValueError as exc:
            raise InvalidInput(
                f"unknown focus area in {event.focus}", field="focus", supported=[f.value for f in Focus]
            ) from exc
    if event.feedback_frequency is not None:
        values["feedback_frequency"] = event.feedback_frequency
    if event.real_time_feedback is not None:
        values["real_time_feedback"] = event.real_time_feedback
    if event.target_wpm is not None:
        if len(event.target_wpm) != 2:
            raise InvalidInput("target_wpm is [low, high]", field="target_wpm")
        values["target_wpm"] = (event.target_wpm[0], event.target_wpm[1])
    return config.changed(**values)  # validated by SessionConfig itself


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
