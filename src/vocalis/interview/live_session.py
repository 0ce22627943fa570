"""``WS /ws/interview/{id}`` as a session of the real-time layer: a spoken interview.

The microphone's audio goes to the conversation layer (VAD, turn detector, transcription as the
candidate speaks). When the candidate's turn ends, the interviewer's acknowledgement starts at once
(its audio was prepared in advance), while the answer's last words are read, judged and the next
line chosen; that line follows the acknowledgement. Speech over the interviewer stops its audio
(barge-in). Long silence gets "are you still there?", then a polite end; an answer far over its time
is cut, kindly. A dropped connection pauses the interview; reconnecting resumes at the question that
was waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

from vocalis.accounts.models import Principal
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.resample import resample
from vocalis.coaching.live import decode_audio_data
from vocalis.conversation.endpointing import BargeIn, EndpointEvent, SpeechStarted, TurnEnded
from vocalis.conversation.listening import HeardTurn
from vocalis.errors import EmptyText, InvalidInput, VocalisError
from vocalis.interview.events import (
    AnswerText,
    CandidatePartial,
    CandidateSpeaking,
    CandidateTurn,
    EndInterview,
    InterviewerDone,
    InterviewerSpeaking,
    InterviewFinished,
    InterviewStarted,
)
from vocalis.interview.interviewer import Line
from vocalis.interview.service import InterviewService, Reply
from vocalis.interview.voice import VoiceInterview, open_voice_interview
from vocalis.realtime import Event, Pcm16Audio, Session
from vocalis.realtime.events import AudioChunkMessage, Start

T = TypeVar("T")
LEAD_S = 0.3  # interviewer audio sent ahead of real time: what a barge-in may leave in the buffer
STILL_THERE_S = 12.0  # silence after a question before "are you still there?"
GIVE_UP_S = 12.0  # further silence before the interviewer ends politely
ANSWER_LIMIT_FACTOR = 1.5  # an answer this many times its target's maximum is cut, kindly
WATCH_EVERY_S = 0.25
END_WAIT_S = 30.0  # how long `end` waits for the answer being judged
REPLACED_WAIT_S = 15.0  # how long a new connection waits for the one it replaces to close


@dataclass
class _Saying:
    line_id: int
    interrupted: bool = False
    stopped: asyncio.Event | None = None  # set at once on barge-in, whatever the speaker is waiting on

    def stop(self) -> None:
        self.interrupted = True
        if self.stopped is not None:
            self.stopped.set()


class InterviewHandler:
    def __init__(
        self, service: InterviewService, interview_id: str, principal: Principal, spool: Path
    ) -> None:
        self._service = service
        self._interview_id = interview_id
        self._principal = principal
        self._spool = spool
        self._live: VoiceInterview | None = None
        self._session: Session | None = None
        self._rate = 16_000
        self._lines: asyncio.Queue[tuple[Line, int | None, str]] = asyncio.Queue()
        self._saying: _Saying | None = None
        self._line_ids = 0
        self._deciding = False
        self._finished = False
        self._last_heard = time.monotonic()  # candidate speech or the end of an interviewer line
        self._turn_started: float | None = None  # connection time the candidate's turn began
        self._still_asked = False
        self._resumed = False  # the candidate went on speaking after their turn seemed to end
        self._carry: HeardTurn | None = None  # what they said before going on: part of the same answer
        self._pending_end: TurnEnded | None = None  # the end of that rest, heard while deciding
        self._captioned = ""  # the words of the answer in progress last sent
        self._hearing = asyncio.Lock()  # the listener hears a frame, or judges a pause again, at a time
        self._closed = False  # the connection has ended: nothing more is heard on it
        self._close_done = asyncio.Event()  # close() has finished: the recording is kept, the status set

    # -- the session -----------------------------------------------------------------------------

    async def start(self, session: Session) -> None:
        self._session = session
        # An older connection to this interview (dropped, or another tab) closes before this one opens.
        await self._service.connections.enter(self._interview_id, self)
        try:
            await self._open(session)
        except VocalisError:
            raise  # the session layer closes this handler now (close() leaves then)
        except BaseException:
            # After any other failure it does not: a later connection must not wait for this one's close.
            self._close_done.set()
            self._service.connections.leave(self._interview_id, self)
            raise

    async def _open(self, session: Session) -> None:
        owner = self._principal.user.id
        live = await asyncio.to_thread(
            open_voice_interview, self._service, self._interview_id, owner, spool=self._spool
        )
        self._live = live
        loop = asyncio.get_running_loop()

        def read() -> None:  # on the recogniser's thread: judge the pause again now, not at the next frame
            with contextlib.suppress(RuntimeError):  # the loop has closed: the session is over
                loop.call_soon_threadsafe(self._poll_soon, live)

        live.listener.on_read = read
        # Joined before: answered already, or a connection's part of the recording kept (no answer yet).
        resumed = live.interview.started_at is not None or live.offset > 0
        interview = live.interview
        await session.send(
            InterviewStarted(
                interview_id=interview.id, status=interview.status.value, language=interview.language,
                question_index=live.progress.question_index, questions=len(interview.scenario.questions),
                sample_rate=self._rate, resumed=resumed,
            )
        )  # fmt: skip
        first = await asyncio.to_thread(live.lines_to_say)
        for line, seq in first:
            self._lines.put_nowait((line, seq, line.text))
        session.spawn(self._speak_loop())
        session.spawn(self._prepare(live))
        session.spawn(self._watch())

    async def handle(self, event: Event) -> bool:
        live = self._require()
        if isinstance(event, Start):
            self._rate = event.sample_rate
            return True
        if isinstance(event, Pcm16Audio | AudioChunkMessage):
            if isinstance(event, Pcm16Audio):
                audio = event.to_audio(self._rate)
            else:
                pcm = decode_audio_data(event.audio_data)
                audio = Pcm16Audio(pcm).to_audio(event.sample_rate)
            await self._hear(live, audio)
            return True
        if isinstance(event, AnswerText):
            if self._deciding or self._finished:
                raise InvalidInput("the interviewer is still answering: wait for its next line")
            if not event.text.strip():
                raise EmptyText("the answer is empty")
            self._interrupt()
            asked = live.interviewer.question(live.progress).id
            await self._send(
                CandidateTurn(text=event.text, start=live.now, end=live.now, by="text", question_id=asked)
            )
            self._deciding = True
            self._session_spawn(self._decide(live, None, event.text))
            return True
        if isinstance(event, EndInterview):
            deadline = time.monotonic() + END_WAIT_S
            while self._deciding and time.monotonic() < deadline:
                await asyncio.sleep(0.05)  # an answer being judged counts in the report
            if not self._finished:
                self._interrupt()
                reply = await asyncio.to_thread(live.finish)
                await self._conclude(live, reply, speak=False)
            return False
        raise InvalidInput(f"unexpected event {event.type!r}")

    async def close(self) -> None:
        self._closed = True
        try:
            await self._wind_down()
        finally:
            self._close_done.set()
            self._service.connections.leave(self._interview_id, self)

    async def replaced(self) -> None:
        """A new connection to this interview takes over: this one ends, and has closed on return."""
        if self._session is not None:
            self._session.end()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(REPLACED_WAIT_S):
                await self._close_done.wait()

    async def _wind_down(self) -> None:
        live = self._live
        if live is not None:
            live.voice.close()
        if live is None or self._finished:
            return
        # This connection's part of the recording is on disk before the interview reads as paused: a
        # rejoin that sees it paused places its own audio after this part on the timeline.
        try:
            await asyncio.to_thread(live.keep_part)
        finally:
            await asyncio.to_thread(self._service.pause, live.interview.id, self._principal.user.id)

    # -- listening -------------------------------------------------------------------------------

    async def _hear(self, live: VoiceInterview, audio: AudioChunk) -> None:
        samples = resample(audio, 16_000).samples
        async with self._hearing:
            speaking = self._saying is not None and not self._saying.interrupted
            events = await asyncio.to_thread(live.hear, samples, we_are_speaking=speaking)
            await self._heard(live, events)

    def _poll_soon(self, live: VoiceInterview) -> None:
        if not (self._closed or self._finished):
            self._session_spawn(self._poll(live))

    async def _poll(self, live: VoiceInterview) -> None:
        async with self._hearing:
            if not (self._closed or self._finished):
                await self._heard(live, await asyncio.to_thread(live.poll))

    async def _heard(self, live: VoiceInterview, events: list[EndpointEvent]) -> None:
        for event in events:
            if isinstance(event, SpeechStarted):
                self._last_heard = time.monotonic()
                self._turn_started = event.at
                self._still_asked = False
                if self._deciding:
                    self._resumed = True  # not finished after all: the answer goes on
                await self._send(CandidateSpeaking(at=event.at))
            elif isinstance(event, BargeIn):
                self._interrupt()
            elif isinstance(event, TurnEnded):
                self._last_heard = time.monotonic()
                self._turn_started = None
                self._captioned = ""
                if self._finished:
                    continue
                if self._deciding:
                    if self._resumed:
                        self._pending_end = event  # the rest of an answer still being read
                    continue
                self._deciding = True
                self._session_spawn(self._take_turn(live, event))
        await self._caption(live)

    async def _caption(self, live: VoiceInterview) -> None:
        """The answer's words so far, as each stretch between pauses is read."""
        if self._turn_started is None:
            return
        so_far = live.listener.heard_so_far()
        if so_far.text and so_far.text != self._captioned:
            self._captioned = so_far.text
            await self._send(CandidatePartial(text=so_far.text))

    async def _take_turn(self, live: VoiceInterview, ended: TurnEnded, *, cut: bool = False) -> None:
        ack = live.interviewer.acknowledgement(live.progress)
        if not cut:
            self._lines.put_nowait((Line("acknowledge", ack), None, ack))  # at once: prepared audio
        heard: HeardTurn = _joined(self._carry, await asyncio.wrap_future(live.listener.turn(ended)))
        self._carry = None
        if self._resumed and not cut:
            # They went on speaking while their words were read: nothing is answered yet, and what was
            # said joins the rest of the answer.
            self._carry, self._resumed = heard, False
            pending, self._pending_end = self._pending_end, None
            if pending is None:
                self._deciding = False
            else:
                self._session_spawn(self._take_turn(live, pending))
            return
        question = live.interviewer.question(live.progress)
        await self._send(
            CandidateTurn(text=heard.text, start=heard.start, end=heard.end,
                          by="time_limit" if cut else ended.by, question_id=question.id)
        )  # fmt: skip
        if not heard.text.strip():
            self._deciding = False  # noise, not words: nothing to answer
            return
        await self._decide(live, heard, heard.text, said=None if cut else ack)

    async def _decide(
        self, live: VoiceInterview, heard: HeardTurn | None, text: str, *, said: str | None = None
    ) -> None:
        try:
            reply = (
                await asyncio.to_thread(live.answer, heard)
                if heard
                else await asyncio.to_thread(live.answer_text, text)
            )
        finally:
            # Committed: speech from here on answers what the interviewer says next.
            self._deciding, self._resumed = False, False
            pending, self._pending_end = self._pending_end, None
        for line, seq in zip(reply.lines, reply.line_seqs, strict=True):
            self._lines.put_nowait((line, seq, line.after(said) if said else line.text))
        if reply.report is not None:
            await self._conclude(live, reply, speak=True)
            return
        self._session_spawn(self._prepare(live))  # what may be said after the next answer
        if pending is not None:  # a whole turn spoken while this one was judged
            self._deciding = True
            self._session_spawn(self._take_turn(live, pending))

    async def _conclude(self, live: VoiceInterview, reply: Reply, *, speak: bool) -> None:
        if speak:
            await self._lines.join()  # the closing line is said before the report
        self._finished = True
        await asyncio.to_thread(live.save_recording)
        report = await asyncio.to_thread(
            self._service.complete_report, live.interview.id, self._principal.user.id
        )
        await self._send(InterviewFinished(interview_id=live.interview.id, report=report))
        if self._session is not None:
            self._session.end()

    # -- speaking --------------------------------------------------------------------------------

    async def _speak_loop(self) -> None:
        live = self._require()
        while True:
            line, seq, text = await self._lines.get()
            try:
                if text.strip():
                    await self._say(live, line, seq, text)
            finally:
                self._lines.task_done()

    async def _say(self, live: VoiceInterview, line: Line, seq: int | None, text: str) -> None:
        self._line_ids += 1
        saying = _Saying(self._line_ids, stopped=asyncio.Event())
        self._saying = saying
        live.listener.endpointer.rearm_barge_in()
        rate = live.voice.sample_rate
        await self._send(InterviewerSpeaking(line_id=saying.line_id, kind=line.kind, text=text,
                                             question_id=line.question_id, sample_rate=rate))  # fmt: skip
        frames = live.voice.frames(text)
        started_at, started = live.now, time.monotonic()
        sent: list[np.ndarray] = []
        seconds = 0.0
        while not saying.interrupted:
            frame = await self._unless_stopped(saying, asyncio.to_thread(next, frames, None))
            if frame is None or saying.interrupted:
                break
            await self._send(Pcm16Audio.from_audio(frame))
            sent.append(frame.samples)
            seconds += frame.duration
            ahead = seconds - (time.monotonic() - started) - LEAD_S
            if ahead > 0:
                await self._unless_stopped(saying, asyncio.sleep(ahead))
        heard_s = min(seconds, time.monotonic() - started) if saying.interrupted else seconds
        if sent:
            audio = np.concatenate(sent)[: int(heard_s * rate)]
            await asyncio.to_thread(live.record_said, seq, started_at, AudioChunk(audio, rate))
        if not saying.interrupted:  # until it has played
            await self._unless_stopped(
                saying, asyncio.sleep(max(0.0, seconds - (time.monotonic() - started)))
            )
        self._saying = None
        self._last_heard = time.monotonic()
        await self._send(
            InterviewerDone(line_id=saying.line_id, interrupted=saying.interrupted, seconds=round(heard_s, 2))
        )

    async def _unless_stopped(self, saying: _Saying, work: Awaitable[T]) -> T | None:
        """``work``'s result, or None as soon as the line is stopped (a barge-in does not wait for a
        clause to finish rendering or for the pacing pause to end)."""
        assert saying.stopped is not None
        task = asyncio.ensure_future(work)
        stop = asyncio.ensure_future(saying.stopped.wait())
        await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
        stop.cancel()
        if task.done():
            return task.result()
        task.add_done_callback(lambda t: t.exception() if not t.cancelled() else None)  # render ends alone
        return None

    def _interrupt(self) -> None:
        if self._saying is not None:
            self._saying.stop()

    async def _prepare(self, live: VoiceInterview) -> None:
        await asyncio.to_thread(live.voice.prepare, live.lines_to_prepare())
        # The judge's model and its contrast set load once per process (seconds): before the first answer.
        await asyncio.to_thread(lambda: self._service.evaluator.warm_up(live.interview.language))

    # -- time ------------------------------------------------------------------------------------

    async def _watch(self) -> None:
        """Silence and endless answers: a gentle prompt, a polite end, a kind cut."""
        live = self._require()
        while not self._finished:
            await asyncio.sleep(WATCH_EVERY_S)
            if self._finished or self._deciding or self._saying is not None or not self._lines.empty():
                continue
            if self._turn_started is not None:
                limit = live.interviewer.question(live.progress).target_seconds.max * ANSWER_LIMIT_FACTOR
                if live.now - self._turn_started > limit:
                    await self._cut(live)
                continue
            quiet = time.monotonic() - self._last_heard
            if not self._still_asked and quiet >= STILL_THERE_S:
                self._still_asked = True
                line = live.interviewer.prompt(live.progress, "still_there")
                self._lines.put_nowait((line, None, line.text))
            elif self._still_asked and quiet >= GIVE_UP_S:
                self._deciding = True
                reply = await asyncio.to_thread(live.wrap_up, "no_answer_end")
                self._deciding = False
                for line, seq in zip(reply.lines, reply.line_seqs, strict=True):
                    self._lines.put_nowait((line, seq, line.text))
                await self._conclude(live, reply, speak=True)

    async def _cut(self, live: VoiceInterview) -> None:
        """The answer has gone on far too long: the interviewer steps in and takes it as it is."""
        start = self._turn_started or 0.0
        self._turn_started = None
        self._deciding = True
        line = live.interviewer.prompt(live.progress, "time_cut")
        self._lines.put_nowait((line, None, line.text))
        ended = TurnEnded(start=start, end=live.now, decided_at=live.now, by="silence", probability=None)
        async with self._hearing:  # not while a frame is being heard on another thread
            live.listener.endpointer.reset()
        await self._take_turn(live, ended, cut=True)

    # -- helpers ---------------------------------------------------------------------------------

    def _session_spawn(self, work: object) -> None:
        assert self._session is not None
        self._session.spawn(work)  # type: ignore[arg-type]

    async def _send(self, event: Event) -> None:
        if self._session is not None:
            await self._session.send(event)

    def _require(self) -> VoiceInterview:
        if self._live is None:
            raise RuntimeError("the interview has not started")
        return self._live


def _joined(before: HeardTurn | None, after: HeardTurn) -> HeardTurn:
    if before is None:
        return after
    text = f"{before.text} {after.text}".strip()
    return HeardTurn(before.start, after.end, text, (*before.words, *after.words))
