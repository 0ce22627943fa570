"""Coaching sessions end to end, for the API, the WebSocket and the CLI: create and list them, analyse
a recording into one, run one live, and finish it into a report with timelines, comparison with the
earlier sessions, milestones and (when asked and configured) a chat model's personal summary."""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from vocalis.analysis.analyzer import SpeechAnalyzer
from vocalis.analysis.model import SpeechAnalysis
from vocalis.analysis.recognition_pool import RecognitionPool
from vocalis.analysis.report import MAX_SECONDS
from vocalis.analysis.transcription import SAMPLE_RATE
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode
from vocalis.audio.encode import encode
from vocalis.audio.formats import AudioFormat
from vocalis.coaching.cues import CuePolicy, CueSettings
from vocalis.coaching.live import Heard, LiveCoach
from vocalis.coaching.milestones import award, milestone_board
from vocalis.coaching.progress import Goals, SessionSummary, progress
from vocalis.coaching.references import all_references, references
from vocalis.coaching.report import build_report, select_feedback
from vocalis.coaching.repository import CoachingRepository, SessionFilter, SessionResults
from vocalis.coaching.sessions import (
    CoachingSession,
    Focus,
    NewSession,
    SessionConfig,
    SessionStatus,
    SessionType,
)
from vocalis.coaching.summary_writer import write_summary
from vocalis.coaching.timelines import summary as summarise
from vocalis.coaching.timelines import timelines
from vocalis.engines.registry import EngineRegistry
from vocalis.errors import Conflict, InvalidInput


class CoachingService:
    def __init__(
        self,
        repository: CoachingRepository,
        engines: EngineRegistry,
        spool_dir: Path | None = None,
        *,
        recognition_workers: int = 1,
    ) -> None:
        self.repository = repository
        self._spool_dir = spool_dir
        self._engines = engines
        self._speech_analyzer: SpeechAnalyzer | None = None  # built on first use: not every process analyses
        self._live: dict[str, LiveCoach] = {}
        self._lock = threading.Lock()
        # Every live session's speech is recognised here, read together when they wait together,
        # as many reads at once as the recogniser runs at once.
        self._recognition = RecognitionPool(workers=recognition_workers)

    # Sessions ---------------------------------------------------------------------------------

    def create(self, owner_id: str | None, new: NewSession) -> CoachingSession:
        return self.repository.create(owner_id, new)

    def get(self, session_id: str, owner_id: str | None) -> CoachingSession:
        session = self.repository.get(session_id, owner_id)
        live = self._live.get(session_id)
        if live is not None and session.is_live:
            return _with_live(session, live)
        return session

    def page(
        self, owner_id: str | None, filters: SessionFilter, *, limit: int, offset: int
    ) -> tuple[list[CoachingSession], int]:
        return self.repository.page(owner_id, filters, limit=limit, offset=offset)

    def update(
        self, session_id: str, owner_id: str | None, *, title: str | None, config: SessionConfig | None
    ) -> CoachingSession:
        return self.repository.update(session_id, owner_id, title=title, config=config)

    def delete(self, session_id: str, owner_id: str | None) -> None:
        self.repository.get(session_id, owner_id)
        with self._lock:
            self._live.pop(session_id, None)
        self.repository.delete(session_id, owner_id)

    # A recording --------------------------------------------------------------------------------

    def analyse_recording(
        self,
        session_id: str,
        owner_id: str | None,
        data: bytes,
        *,
        filename: str | None,
        job_after_s: float | None = None,
    ) -> dict[str, Any] | None:
        """Analyse an uploaded talk into the session (one not already recorded) and finish it: its
        report. Longer than ``job_after_s``, it is checked and kept for a job instead (None)."""
        session = self._check_new_recording(session_id, owner_id, data)
        audio = self._decode(session, data, filename)  # bad audio is refused here, job or not
        self.repository.set_status(session_id, SessionStatus.ACTIVE)
        if job_after_s is not None and audio.duration > job_after_s:
            self.repository.keep_upload(session_id, data)
            return None
        analysis = self._analyzer_for(session).analyze(audio, language=session.language)
        return self.complete(session, analysis, audio)

    def analyse_stored(
        self,
        session_id: str,
        data: bytes,
        *,
        progress: Callable[[str, int, float | None], None],
        status: SessionStatus = SessionStatus.COMPLETED,
    ) -> None:
        """A job's work: the stored upload analysed into its session, progress by stage."""
        session = self.repository.get_any(session_id)
        progress("decoding", 0, None)
        audio = self._decode(session, data, None)
        progress("analysing", 1, audio.duration)
        analysis = self._analyzer_for(session).analyze(audio, language=session.language)
        progress("reporting", 2, 0.0)
        self.complete(session, analysis, audio, status=status)
        self.repository.drop_upload(session_id)

    def _check_new_recording(self, session_id: str, owner_id: str | None, data: bytes) -> CoachingSession:
        session = self.repository.get(session_id, owner_id)
        if session.status is not SessionStatus.CREATED or session_id in self._live:
            raise Conflict(
                f"session {session_id} is {session.status.value}: a recording goes into a new session",
                status=session.status.value,
            )
        if not data:
            raise InvalidInput("the uploaded file is empty")
        return session

    def _decode(self, session: CoachingSession, data: bytes, filename: str | None) -> AudioChunk:
        limit = min(MAX_SECONDS, session.config.max_duration)
        return decode(data, max_seconds=limit, filename=filename, sample_rate=SAMPLE_RATE)

    def _analyzer_for(self, session: CoachingSession) -> SpeechAnalyzer:
        if self._speech_analyzer is None:
            self._speech_analyzer = SpeechAnalyzer.from_engines(self._engines)
        analyzer = self._speech_analyzer
        low, high = target_band(session)
        return analyzer.with_targets(replace(analyzer.targets, words_per_minute=(float(low), float(high))))

    # Live ---------------------------------------------------------------------------------------

    def open_live(self, session_id: str, owner_id: str | None) -> LiveCoach:
        """The session's live state: a new one, or the one a dropped connection left paused."""
        session = self.repository.get(session_id, owner_id)
        with self._lock:
            live = self._live.get(session_id)
            if live is not None:
                return live
            if session.status is not SessionStatus.CREATED:
                raise Conflict(
                    f"session {session_id} is {session.status.value}; start a new session to record again",
                    status=session.status.value,
                )
            analyzer = self._analyzer_for(session).live(language=session.language)
            self._recognition.warm(analyzer.stt, language=analyzer.language)
            live = LiveCoach(
                session,
                analyzer,
                cues=CuePolicy(cue_settings(session)),
                recognition=self._recognition,
                spool=self._spool_dir / f"{session.id}.pcm" if self._spool_dir else None,
            )
            self._live[session_id] = live
        self.repository.set_status(session_id, SessionStatus.ACTIVE)
        return live

    def set_live_status(self, live: LiveCoach, status: SessionStatus) -> None:
        if status is SessionStatus.PAUSED:
            live.pause()
        elif status is SessionStatus.ACTIVE:
            live.resume()
        self.repository.set_status(live.session.id, status, audio_seconds=live.received_seconds)

    def reconfigure(self, live: LiveCoach, config: SessionConfig) -> None:
        live.reconfigure(config, CuePolicy(cue_settings(live.session, config)))
        self.repository.update(live.session.id, live.session.owner_id, config=config)

    def finish_live(self, live: LiveCoach, status: SessionStatus = SessionStatus.COMPLETED) -> dict[str, Any]:
        with self._lock:
            self._live.pop(live.session.id, None)
        analysis = live.finish()
        audio = AudioChunk(np.frombuffer(live.pcm16(), "<i2").astype(np.float32) / 32768.0, SAMPLE_RATE)
        report = self.complete(live.session, analysis, audio, status=status)
        live.discard_spool()
        return report

    def chunk_over_http(
        self, session_id: str, owner_id: str | None, pcm: bytes, sample_rate: int, timestamp_ms: float | None
    ) -> dict[str, Any]:
        """One chunk for a client without WebSockets: taken, recognised, measured, maybe a cue."""
        live = self.open_live(session_id, owner_id)
        live.accept(pcm, sample_rate, timestamp_ms)
        heard = live.transcribe()
        caption = live.caption() if not heard.words else Heard(())
        metrics, wpm, trend, filler = live.metrics()
        cue = live.cue(metrics, heard)
        plain = {k: round(v, 3) if isinstance(v, float) else v for k, v in asdict(metrics).items()}
        return {
            "received_seconds": round(live.received_seconds, 3),
            "metrics": {**plain, "recent_words_per_minute": wpm, "pitch_trend": trend, "last_filler": filler},
            "transcript": [{"text": w.text, "start": w.start, "end": w.end} for w in heard.words],
            "caption": [{"text": w.text, "start": w.start, "end": w.end} for w in caption.words],
            "feedback": None if cue is None else asdict(cue),
        }

    def stop_over_http(self, session_id: str, owner_id: str | None) -> dict[str, Any]:
        live = self._live.get(session_id)
        self.repository.get(session_id, owner_id)  # another user's session is not found
        if live is None:
            raise Conflict(f"session {session_id} is not live: send audio first")
        return {"report": self.finish_live(live)}

    def abandon_live(self, session_id: str) -> None:
        """A live session given up (its owner left and did not come back): interrupted, with the
        report and recording of what it received."""
        live = self._live.get(session_id)
        if live is not None:
            self.finish_live(live, SessionStatus.INTERRUPTED)

    # Results ------------------------------------------------------------------------------------

    def complete(
        self,
        session: CoachingSession,
        analysis: SpeechAnalysis,
        audio16k: AudioChunk,
        *,
        status: SessionStatus = SessionStatus.COMPLETED,
    ) -> dict[str, Any]:
        band = target_band(session)
        summary = summarise(analysis, target_wpm=band)
        earlier = [
            s
            for c, s in self.repository.summaries(session.owner_id)
            if (c.session_type, c.language) == (session.session_type, session.language) and c.id != session.id
        ]
        report = build_report(
            analysis, session_id=session.id, focus=session.config.focus, previous=earlier, summary=summary
        )
        report["target_wpm"] = list(band)
        report["milestones"] = self._award(session, summary)
        if session.config.ai_coaching and self._engines.has_chat_model:
            report["ai_summary"] = write_summary(self._engines.chat_model(), report)
        recording = encode(audio16k, AudioFormat.OPUS) if audio16k.duration > 0 else None
        self.repository.save_results(
            session.id,
            SessionResults(report, timelines(analysis, audio16k), summary),
            audio_seconds=audio16k.duration,
            recording=recording,
        )
        self.repository.set_status(session.id, status, audio_seconds=audio16k.duration)
        return report

    def _award(self, session: CoachingSession, summary: dict[str, Any]) -> list[dict[str, str]]:
        if session.owner_id is None:
            return []
        now = datetime.now(UTC)
        history = [
            _summary(c, s) for c, s in self.repository.summaries(session.owner_id) if c.id != session.id
        ]
        new = _summary(session, summary, ended_at=now)
        already = {m.code for m in self.repository.milestones(session.owner_id)}
        earned = award(history, new, self.goals(session.owner_id), already)
        codes = self.repository.award(session.owner_id, [m.code for m in earned], session.id)
        earned_by_code = {m.code: m for m in earned}
        return [
            {
                "code": code,
                "title": earned_by_code[code].title(session.language),
                "description": earned_by_code[code].description(session.language),
            }
            for code in codes
        ]

    def results(self, session_id: str, owner_id: str | None) -> SessionResults:
        return self.repository.results(session_id, owner_id)

    def regenerate_feedback(
        self, session_id: str, owner_id: str | None, focus: tuple[Focus, ...] | None
    ) -> dict[str, Any]:
        """The feedback again, for chosen focus areas (default: the session's), from the stored analysis;
        the chat model's summary is written afresh when the session asks for one."""
        session = self.repository.get(session_id, owner_id)
        results = self.repository.results(session_id, owner_id)
        if results.report is None:
            raise Conflict(f"session {session_id} has no report yet: it is {session.status.value}")
        report = {
            **results.report,
            **select_feedback(results.report["all_feedback"], focus or session.config.focus),
        }
        if session.config.ai_coaching and self._engines.has_chat_model:
            report["ai_summary"] = write_summary(self._engines.chat_model(), report)
        self.repository.save_results(
            session_id,
            SessionResults(report, results.timelines, results.summary),
            audio_seconds=session.audio_seconds,
        )
        return report

    # Goals --------------------------------------------------------------------------------------

    def goals(self, user_id: str) -> Goals | None:
        stored = self.repository.goals(user_id)
        return Goals(**stored) if stored else None

    def set_goals(self, user_id: str, goals: Goals) -> Goals:
        self.repository.set_goals(user_id, asdict(goals))
        return goals

    def progress(
        self, owner_id: str, session_type: SessionType | None, language: str | None
    ) -> dict[str, Any]:
        """Trends per metric across the user's sessions, goals, reference ranges and milestones."""
        goals = self.goals(owner_id)
        report = progress(self.summaries(owner_id), goals, session_type=session_type, language=language)
        earned = {m.code: m for m in self.repository.milestones(owner_id)}
        shown = (language or "en") if (language or "en") in ("en", "fr") else "en"
        return {
            **_plain(asdict(report)),
            "goals": None if goals is None else asdict(goals),
            "references": [_plain(asdict(r)) for r in all_references()],
            "milestones": [
                {
                    "code": status.milestone.code,
                    "title": status.milestone.title(shown),
                    "description": status.milestone.description(shown),
                    "earned": status.earned,
                    "achieved_at": earned[status.milestone.code].achieved_at.isoformat()
                    if status.earned
                    else None,
                    "session_id": earned[status.milestone.code].session_id if status.earned else None,
                }
                for status in milestone_board(set(earned))
            ],
        }

    def summaries(self, owner_id: str) -> list[SessionSummary]:
        return [
            _summary(c, s) for c, s in self.repository.summaries(owner_id) if s.get("speech_detected", True)
        ]

    def close(self) -> None:
        """The process is stopping: live sessions' files are closed, their audio kept on disk."""
        with self._lock:
            for live in self._live.values():
                live.close_spool()
        self._recognition.close()

    def recover(self) -> list[str]:
        """At start: live sessions a stopped server left behind are interrupted. Those whose audio is on
        disk keep it as an upload for an analysis job (returned: the caller submits the jobs)."""
        spooled = []
        for session_id in self.repository.interrupt_live():
            spool = self._spool_dir / f"{session_id}.pcm" if self._spool_dir else None
            if spool is None or not spool.is_file() or spool.stat().st_size < 2:
                continue
            pcm = spool.read_bytes()
            samples = np.frombuffer(pcm[: len(pcm) // 2 * 2], "<i2").astype(np.float32) / 32768.0
            self.repository.keep_upload(session_id, encode(AudioChunk(samples, SAMPLE_RATE), AudioFormat.WAV))
            spool.unlink()
            spooled.append(session_id)
        return spooled


def target_band(session: CoachingSession) -> tuple[int, int]:
    if session.config.target_wpm is not None:
        return session.config.target_wpm
    pace = references(session.session_type, session.language).get("words_per_minute")
    return (
        (int(pace.low), int(pace.high))
        if pace and pace.low is not None and pace.high is not None
        else (130, 160)
    )


def cue_settings(session: CoachingSession, config: SessionConfig | None = None) -> CueSettings:
    config = config or session.config
    band = config.target_wpm or target_band(session)
    return CueSettings(
        language=session.language,
        focus=tuple(f.value for f in config.focus),
        feedback_frequency=config.feedback_frequency,
        target_wpm=(float(band[0]), float(band[1])),
        real_time_feedback=config.real_time_feedback,
    )  # fmt: skip


def _summary(
    session: CoachingSession, values: dict[str, Any], ended_at: datetime | None = None
) -> SessionSummary:
    return SessionSummary(
        session_id=session.id,
        session_type=session.session_type,
        language=session.language,
        ended_at=ended_at or session.ended_at or session.updated_at,
        duration_seconds=float(values.get("duration_seconds") or 0.0),
        words_per_minute=values.get("words_per_minute"),
        fillers_per_minute=values.get("fillers_per_minute"),
        pause_ratio=values.get("pause_ratio"),
        long_pauses_per_minute=values.get("long_pauses_per_minute"),
        speech_lufs=values.get("speech_lufs"),
        pitch_variation_semitones=values.get("pitch_variation_semitones"),
        overall_score=values.get("overall_score"),
        pace_in_range_fraction=values.get("pace_in_range_fraction"),
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, float):
        return round(value, 4)
    return value


def _with_live(session: CoachingSession, live: LiveCoach) -> CoachingSession:
    return replace(session, status=live.status, audio_seconds=live.received_seconds)
