"""Working on one claimed job: plan, resume after the last saved segment, render, save, assemble."""

from __future__ import annotations

import dataclasses
import logging
import threading
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Literal

from vocalis.audio.formats import AudioFormat
from vocalis.engines.protocols import SpeechToText
from vocalis.errors import VocalisError
from vocalis.jobs.assemble import Assembler
from vocalis.jobs.heartbeat import Heartbeat
from vocalis.jobs.models import Claim, Job, JobKind, JobStatus, Segment
from vocalis.jobs.runtime import JobsRuntime
from vocalis.speech.request import SpeechRequest
from vocalis.speech.run import OutputSpec, SynthesisRun
from vocalis.speech.service import PlannedSpeech
from vocalis.speech.timestamps import WordTimestamp
from vocalis.store.history import NewSynthesis
from vocalis.store.tables import utcnow

log = logging.getLogger(__name__)
PCM_OUTPUT = OutputSpec(AudioFormat.PCM)


@dataclass(frozen=True)
class Outcome:
    # released: put back in the queue (shutting down); retry: put back to run again after retry_in
    # seconds; lost: someone else owns the job now (or it was cancelled or deleted).
    status: Literal["succeeded", "failed", "released", "retry", "lost"]
    retry_in: float | None = None


class ChunkFailed(Exception):
    def __init__(self, index: int, total: int, attempts: int, cause: Exception) -> None:
        super().__init__(f"text chunk {index + 1} of {total} failed {attempts} times: {cause}")
        self.cause = cause


@dataclass
class _Pending:
    """Chunks rendered since the last save."""

    first_chunk: int
    end_chunk: int = 0
    char_end: int = 0
    data: bytearray = field(default_factory=bytearray)
    words: list[WordTimestamp] = field(default_factory=list)
    compute_seconds: float = 0.0


class JobRunner:
    def __init__(self, runtime: JobsRuntime) -> None:
        self._rt = runtime
        self._settings = runtime.settings.jobs

    def run(self, claim: Claim, stop: threading.Event) -> Outcome:
        """Work until the job ends, ``stop`` is set (the job is then released) or the claim is lost."""
        lost = threading.Event()
        try:
            with Heartbeat(lambda: self._rt.claims.heartbeat(claim), self._settings.heartbeat_s, lost):
                outcome = self._run(claim, stop, lost)
        except ChunkFailed as failure:
            cause = failure.cause
            code = cause.code if isinstance(cause, VocalisError) else "engine_failure"
            retryable = isinstance(cause, VocalisError) and cause.retryable
            outcome = self._give_up(claim, code, str(failure), retryable=retryable)
        except VocalisError as error:
            outcome = self._give_up(claim, error.code, error.message, retryable=error.retryable)
        except Exception as error:
            log.exception("job %s failed", claim.job_id)
            outcome = self._give_up(
                claim, "internal_error", f"{type(error).__name__}: {error}", retryable=False
            )
        if outcome.status in ("failed", "lost"):
            self._discard_if_abandoned(claim.job_id)
        self._rt.hub.notify(claim.job_id)
        return outcome

    def _run(self, claim: Claim, stop: threading.Event, lost: threading.Event) -> Outcome:
        rt = self._rt
        job = rt.claims.load(claim)
        if job is None:
            return Outcome("lost")
        if job.kind is JobKind.CLONE:
            return Outcome(rt.clone_work.run(claim, job, stop, lost))
        request = SpeechRequest(job.spec.text, job.spec.voice, job.spec.speed, viewer=job.owner_id)
        plan = rt.services.speech.plan(request)
        stale = rt.claims.set_plan(claim, chunks_total=len(plan.chunks), model=plan.engine.name)
        if stale is None:
            return Outcome("lost")
        for key in stale:
            rt.parts.delete(key)
        segments = self._intact_segments(claim)
        if segments is None:
            return Outcome("lost")
        rt.hub.notify(claim.job_id)
        assembler = Assembler(rt.blobs, rt.parts, job.spec, plan.sample_rate)
        try:
            for segment in segments:
                assembler.add(segment)  # encoded while the rest renders
            stopped = self._render_rest(claim, job, plan, segments, assembler, stop, lost)
            if stopped is not None:
                assembler.abort()
                return stopped
            return self._finish(claim, job, plan, assembler)
        except BaseException:
            assembler.abort()
            raise

    def _render_rest(
        self,
        claim: Claim,
        job: Job,
        plan: PlannedSpeech,
        segments: list[Segment],
        assembler: Assembler,
        stop: threading.Event,
        lost: threading.Event,
    ) -> Outcome | None:
        """Render and save the chunks after the saved ones; None when all are saved."""
        rt = self._rt
        aligner = rt.services.engines.speech_to_text() if job.spec.timestamps else None
        audio = sum(s.seconds for s in segments)
        compute = sum(s.compute_seconds for s in segments)
        start = segments[-1].end_chunk if segments else 0
        pending = _Pending(first_chunk=start)
        for index in range(start, len(plan.chunks)):
            if lost.is_set():
                return Outcome("lost")
            if stop.is_set():
                break
            self._render_into(pending, plan, index, aligner, stop)
            # The first chunk is saved alone so progress shows early; later ones once enough work piled up.
            if index == 0 or pending.compute_seconds >= self._settings.commit_every_s:
                saved = self._save(claim, pending, plan.sample_rate, audio, compute)
                if saved is None:
                    return Outcome("lost")
                assembler.add(saved)
                audio, compute = audio + saved.seconds, compute + saved.compute_seconds
                pending = _Pending(first_chunk=index + 1)
        if pending.end_chunk > pending.first_chunk:
            saved = self._save(claim, pending, plan.sample_rate, audio, compute)
            if saved is None:
                return Outcome("lost")
            assembler.add(saved)
        if stop.is_set() or lost.is_set():
            return Outcome("released") if rt.claims.release(claim) else Outcome("lost")
        return None

    def _intact_segments(self, claim: Claim) -> list[Segment] | None:
        """Saved segments whose parts are whole; from the first damaged one on, they are rendered again."""
        segments = self._rt.claims.segments(claim.job_id)
        expected = 0
        for i, segment in enumerate(segments):
            if segment.first_chunk != expected or not self._rt.parts.intact(segment):
                log.warning("job %s: segment at chunk %d is damaged; rendering again", claim.job_id, expected)
                dropped = self._rt.claims.drop_segments(claim, segment.first_chunk)
                if dropped is None:
                    return None
                for key in dropped:
                    self._rt.parts.delete(key)
                return segments[:i]
            expected = segment.end_chunk
        return segments

    def _render_into(
        self,
        pending: _Pending,
        plan: PlannedSpeech,
        index: int,
        aligner: SpeechToText | None,
        stop: threading.Event,
    ) -> None:
        chunk_plan = dataclasses.replace(plan, chunks=(plan.chunks[index],))
        attempts = self._settings.chunk_attempts
        for attempt in range(attempts):
            try:
                run = SynthesisRun(self._rt.services.speech, chunk_plan, PCM_OUTPUT, aligner=aligner)
                data = run.read_all()
                break
            except VocalisError as error:
                if error.status < 500:
                    raise  # the input is at fault: another try renders the same mistake
                if attempt + 1 == attempts:
                    raise ChunkFailed(index, len(plan.chunks), attempts, error) from error
                cause: Exception = error
            except Exception as error:
                if attempt + 1 == attempts:
                    raise ChunkFailed(index, len(plan.chunks), attempts, error) from error
                cause = error
            log.warning("job chunk %d failed (%s); trying again", index, cause)
            stop.wait(self._settings.retry_backoff_s * 0.1 * 2**attempt)
        offset = len(pending.data) / 2 / plan.sample_rate
        pending.words.extend(
            dataclasses.replace(w, start=round(w.start + offset, 3), end=round(w.end + offset, 3))
            for w in run.stats.words
        )
        pending.data += data
        pending.compute_seconds += run.stats.compute_seconds
        pending.end_chunk = index + 1
        pending.char_end = plan.chunks[index].end

    def _save(
        self, claim: Claim, pending: _Pending, rate: int, audio_before: float, compute_before: float
    ) -> Segment | None:
        parts = self._rt.parts
        key = parts.key(claim.job_id, pending.first_chunk, claim.token)
        crc = parts.write(key, bytes(pending.data))
        segment = Segment(
            first_chunk=pending.first_chunk,
            end_chunk=pending.end_chunk,
            char_end=pending.char_end,
            samples=len(pending.data) // 2,
            sample_rate=rate,
            part_key=key,
            part_bytes=len(pending.data),
            crc32=crc,
            compute_seconds=pending.compute_seconds,
            words=tuple(pending.words),
        )
        recorded = self._rt.claims.record_segment(
            claim,
            segment,
            job_audio=audio_before + segment.seconds,
            job_compute=compute_before + segment.compute_seconds,
        )
        if not recorded:
            parts.delete(key)
            return None
        self._rt.hub.notify(claim.job_id)
        return segment

    def _finish(self, claim: Claim, job: Job, plan: PlannedSpeech, assembler: Assembler) -> Outcome:
        rt = self._rt
        segments = rt.claims.segments(claim.job_id)
        if [s.first_chunk for s in segments[1:]] != [s.end_chunk for s in segments[:-1]] or (
            segments[-1].end_chunk != len(plan.chunks)
        ):
            raise RuntimeError("the saved segments do not cover the text exactly once")
        result = assembler.finish()
        compute = sum(s.compute_seconds for s in segments)
        record = NewSynthesis(
            owner_id=job.owner_id,
            source="job",
            text=job.spec.text,
            voice=plan.voice.label,
            model=plan.engine.name,
            format=job.spec.format.value,
            sample_rate=result.sample_rate,
            speed=job.spec.speed,
            audio_seconds=round(result.seconds, 3),
            compute_seconds=round(compute, 3),
            audio_key=result.key,
            audio_bytes=result.size,
            api_key_id=job.api_key_id,
        )
        try:
            synthesis_id = rt.claims.complete(claim, record)
        except BaseException:
            rt.blobs.delete(result.key)
            raise
        if synthesis_id is None:
            rt.blobs.delete(result.key)
            return Outcome("lost")
        rt.parts.delete_job(claim.job_id)
        return Outcome("succeeded")

    def _give_up(self, claim: Claim, code: str, message: str, *, retryable: bool) -> Outcome:
        """Retry later if the error may pass and retries are left; otherwise the job fails, saying why."""
        job = self._rt.claims.load(claim)
        if job is None:
            return Outcome("lost")
        if retryable and job.retries < self._settings.max_retries:
            delay = self._settings.retry_backoff_s * 2**job.retries
            retry_at = utcnow() + timedelta(seconds=delay)
            if self._rt.claims.release(claim, retry_at=retry_at, error=(code, message)):
                return Outcome("retry", retry_in=delay)
            return Outcome("lost")
        return Outcome("failed") if self._rt.claims.fail(claim, code, message) else Outcome("lost")

    def _discard_if_abandoned(self, job_id: str) -> None:
        """Part files of a job that failed, was cancelled or deleted are of no further use."""
        try:
            status = self._rt.repository.status_of(job_id)
        except VocalisError:
            return
        if status is None or status in (JobStatus.FAILED, JobStatus.CANCELLED):
            self._rt.parts.delete_job(job_id)
