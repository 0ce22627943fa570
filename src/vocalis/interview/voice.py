"""A spoken interview on one connection: the candidate's microphone heard by the conversation layer,
the interviewer's lines rendered by its voice, and both on one recording timeline.

Synchronous: the WebSocket session (``live_session.py``) runs these calls off the event loop. A
connection that drops leaves its part of the recording on disk; the interview's recording is all the
parts, in order, once it ends.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import soundfile as sf

from vocalis.analysis.fillers import FILLER_PROMPTS
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.encode import encode
from vocalis.audio.formats import AudioFormat
from vocalis.audio.resample import resample
from vocalis.conversation.completeness import sounds_unfinished
from vocalis.conversation.endpointing import Endpointer, EndpointEvent, EndpointSettings, SpeechStarted
from vocalis.conversation.listening import HeardTurn, Listener
from vocalis.conversation.speaking import Voice
from vocalis.engines.protocols import LanguageGuess, LanguageIdentifier, TranscribedWord
from vocalis.interview.interviewer import Line, Progress, RubricInterviewer
from vocalis.interview.records import Interview
from vocalis.interview.service import InterviewService, Reply
from vocalis.interview.structure import find_structure

RATE = 16_000
# How long an answer is expected to run before the interviewer may take a finished sentence for its
# end: this share of the question's shortest good answer (what was said before a follow-up counts).
EXPECTED_SHARE = 1.0
# The pause an answer that is not done yet needs before it may end: shorter than expected, a story
# without its result yet, or its last words mid-thought. People pause up to ~1.5 s to think.
PATIENT_S = 1.8
WAIT_S = 60.0  # while the latest words are being read (the endpointer's silence limit still applies)
# The language of an answer is identified from its sound once this much of it is heard (in the
# background, while the candidate goes on), and believed when this sure.
IDENTIFY_AFTER_S = 3.0
OTHER_LANGUAGE_SURE = 0.8


@dataclass
class _Said:
    at: float  # on this connection's timeline
    audio: AudioChunk  # at RATE


@dataclass
class VoiceInterview:
    service: InterviewService
    interview: Interview
    owner_id: str | None
    listener: Listener
    voice: Voice
    spool: Path  # the recording's parts, one per connection
    offset: float  # seconds of recording in earlier parts
    said: list[_Said] = field(default_factory=list)
    identifier: LanguageIdentifier | None = None
    _turn_from: float | None = None  # where the answer being heard began
    _guess: Future[LanguageGuess] | None = None  # its language, identified as it goes

    @property
    def interviewer(self) -> RubricInterviewer:
        return RubricInterviewer(self.interview.scenario, seed=self.interview.id)

    @property
    def progress(self) -> Progress:
        return self.interview.progress

    @property
    def now(self) -> float:
        """Seconds on this connection's timeline (microphone audio received)."""
        return self.listener.seconds

    def patience(self, turn_seconds: float) -> float:
        """The pause the answer so far needs before it may end (the turn detector then decides).

        ``PATIENT_S``, longer than a thinking pause, while the answer is not done: shorter than the
        question's shortest good answer (unless it answers a follow-up), a story (STAR) whose result
        has not been told, or words that stop mid-thought ("...and", "parce que", "um"). The
        endpointer's shortest pause once it is done.
        The words are read at each pause; until they are, the answer waits (at most the endpointer's
        silence limit)."""
        question = self.interviewer.question(self.progress)
        before = self.interview.answers.get(question.id, {})
        # A follow-up asks for one thing: its answer may be short (the words and the story still count).
        if not before and turn_seconds < question.target_seconds.min * EXPECTED_SHARE:
            return PATIENT_S
        so_far = self.listener.heard_so_far()
        if not so_far.complete:
            return WAIT_S
        if so_far.up_to_date and sounds_unfinished(so_far.text, self.interview.language):
            return PATIENT_S
        if question.structure == "star":
            told = f"{before.get('answer', '')} {so_far.text}"
            if not _has_result(told, self.interview.language):
                return PATIENT_S
        return 0.0

    def hear(self, samples: np.ndarray, *, we_are_speaking: bool) -> list[EndpointEvent]:
        events = self.listener.hear(samples, we_are_speaking=we_are_speaking)
        for event in events:
            if isinstance(event, SpeechStarted):
                self._turn_from, self._guess = event.at, None
        last = self.listener.endpointer.last_speech
        started = self._turn_from
        if (
            self._guess is None
            and started is not None
            and last is not None
            and last - started >= IDENTIFY_AFTER_S
        ):
            self._guess = self._identify(started, last)
        return events

    def poll(self) -> list[EndpointEvent]:
        """The pause under way judged again once a stretch of the answer has been read."""
        return self.listener.poll()

    def heard_language(self, heard: HeardTurn) -> str | None:
        """The answer's language when its sound says, surely, that it is not the interview's: a
        recogniser set to one language writes any speech in it (French read by the English model comes
        out as English words), so the words alone cannot tell."""
        guess, self._guess, self._turn_from = self._guess, None, None
        if guess is None:
            guess = self._identify(heard.start, heard.end)
        try:
            found = guess.result() if guess is not None else None
        except Exception:
            return None
        if found is None or found.language == self.interview.language:
            return None
        return found.language if found.probability >= OTHER_LANGUAGE_SURE else None

    def _identify(self, start: float, end: float) -> Future[LanguageGuess] | None:
        identifier = self.identifier
        if identifier is None or end <= start:
            return None
        clip = self.listener.clip(start, end)
        among = tuple(dict.fromkeys((self.interview.language, "en", "fr")))
        return self.service.recognition.submit(identifier.identify, clip, among)

    def lines_to_say(self) -> list[tuple[Line, int | None]]:
        """On connecting: the opening and first question of a new interview, or the question waiting
        for its answer when resuming."""
        turns = self.service.turns(self.interview.id, self.owner_id)
        if not any(t.speaker == "candidate" for t in turns) and all(t.start_s is None for t in turns):
            return [(Line(t.kind, t.text, t.question_id), t.seq) for t in turns]  # type: ignore[arg-type]
        asked = next((t for t in reversed(turns) if t.speaker == "interviewer" and t.question_id), None)
        return [] if asked is None else [(Line("question", asked.text, asked.question_id), None)]

    def lines_to_prepare(self) -> list[str]:
        """What the interviewer may say after the next answer, most likely first: the acknowledgement,
        the next question as said after it (with or without a follow-up first), the follow-ups."""
        interviewer = self.interviewer
        progress = self.progress
        texts: list[str] = []
        for turn in (progress.turn, progress.turn + 1):
            at = replace(progress, turn=turn)
            ack = interviewer.acknowledgement(at)
            texts.append(ack)
            texts.extend(line.after(ack) for line in interviewer.skip(at, elapsed_s=0.0).lines)
        texts.extend(f.text for f in interviewer.question(progress).follow_ups)
        return list(dict.fromkeys(t for t in texts if t))

    def answer(self, heard: HeardTurn) -> Reply:
        relative = [
            TranscribedWord(w.text, w.start - heard.start, w.end - heard.start, w.probability)
            for w in heard.words
        ]
        reply = self.service.answer(
            self.interview.id, self.owner_id, heard.text, words=relative,
            start_s=self.offset + heard.start, end_s=self.offset + heard.end,
            audio=self.listener.clip(heard.start, heard.end), heard_language=self.heard_language(heard),
        )  # fmt: skip
        self.interview = reply.interview
        return reply

    def answer_text(self, text: str) -> Reply:
        reply = self.service.answer(self.interview.id, self.owner_id, text)
        self.interview = reply.interview
        return reply

    def finish(self) -> Reply:
        reply = self.service.finish(self.interview.id, self.owner_id)
        self.interview = reply.interview
        return reply

    def wrap_up(self, kind: str) -> Reply:
        reply = self.service.wrap_up(self.interview.id, self.owner_id, kind)
        self.interview = reply.interview
        return reply

    def record_said(self, seq: int | None, at: float, audio: AudioChunk) -> None:
        """The interviewer's audio as the candidate heard it, placed on the timeline (and its turn)."""
        heard = resample(audio, RATE)
        self.said.append(_Said(at, heard))
        if seq is not None:
            self.service.repository.time_turn(
                self.interview.id, seq, self.offset + at, self.offset + at + heard.duration
            )

    def mix(self) -> AudioChunk:
        mic = self.listener.audio()
        end = max([mic.duration, *(s.at + s.audio.duration for s in self.said)])
        track = np.zeros(int(end * RATE) + 1, np.float32)
        track[: len(mic.samples)] += mic.samples
        for piece in self.said:
            first = int(piece.at * RATE)
            track[first : first + len(piece.audio.samples)] += piece.audio.samples
        return AudioChunk(np.clip(track, -1.0, 1.0), RATE)

    def keep_part(self) -> None:
        """This connection's recording, on disk until the interview ends."""
        audio = self.mix()
        if audio.duration < 0.1:
            return
        self.spool.mkdir(parents=True, exist_ok=True)
        index = len(parts(self.spool, self.interview.id))
        sf.write(self.spool / f"{self.interview.id}.{index:03d}.wav", audio.samples, RATE, subtype="PCM_16")

    def save_recording(self) -> None:
        """Every part and this connection's, as the interview's Ogg Opus recording."""
        pieces = [
            AudioChunk(sf.read(p, dtype="float32")[0], RATE) for p in parts(self.spool, self.interview.id)
        ]
        pieces.append(self.mix())
        whole = AudioChunk.concat(pieces, RATE)
        if whole.duration > 0:
            self.service.repository.set_recording(self.interview.id, encode(whole, AudioFormat.OPUS))
        for path in parts(self.spool, self.interview.id):
            path.unlink(missing_ok=True)


@lru_cache(maxsize=64)
def _has_result(text: str, language: str) -> bool:
    return find_structure(text, "star", language).has("result")


def parts(spool: Path, interview_id: str) -> list[Path]:
    return sorted(spool.glob(f"{interview_id}.*.wav"))


def recorded_seconds(spool: Path, interview_id: str) -> float:
    return float(sum(sf.info(p).duration for p in parts(spool, interview_id)))


def open_voice_interview(
    service: InterviewService,
    interview_id: str,
    owner_id: str | None,
    *,
    spool: Path,
    endpointing: EndpointSettings | None = None,
) -> VoiceInterview:
    interview = service.voice_interview(interview_id, owner_id)
    engines = service.engines
    language = interview.language
    endpointer = Endpointer(
        engines.voice_activity(),
        engines.turn_detector() if engines.turn_detectors else None,
        endpointing,
    )
    listener = Listener.on_executor(
        endpointer, service.recogniser(language), service.recognition, language=language,
        prompt=FILLER_PROMPTS.get(language),
    )  # fmt: skip
    assert interview.voice is not None
    voice = Voice(service.speech, interview.voice, language=language, viewer=owner_id)
    live = VoiceInterview(
        service, interview, owner_id, listener, voice, spool, recorded_seconds(spool, interview.id)
    )
    endpointer.patience = live.patience
    live.identifier = engines.language_identifier()
    return live
