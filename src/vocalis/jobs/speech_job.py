"""Speech jobs: plan the text, resume after the last saved segment, render, save, assemble.

Each chunk's raw audio goes to a part file and its segment row in one claim-checked step; the final
file is encoded from the parts only when every chunk is in, and its history row is written in one
transaction with the job's success.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from dataclasses import dataclass, field

from vocalis.audio.formats import AudioFormat, check_bitrate, encoding_rate
from vocalis.config import JobSettings
from vocalis.engines.protocols import SpeechToText
from vocalis.engines.registry import EngineRegistry
from vocalis.errors import StepFailed, TooLarge, VocalisError
from vocalis.jobs.assemble import Assembler
from vocalis.jobs.claims import JobClaims
from vocalis.jobs.events import ProgressHub
from vocalis.jobs.handlers import JobWork, Outcome
from vocalis.jobs.models import SPEECH_KIND, Claim, Job, JobSpec, Segment, SpeechSpec
from vocalis.jobs.parts import PartStore
from vocalis.speech.language import base_of
from vocalis.speech.request import SpeechRequest
from vocalis.speech.run import OutputSpec, SynthesisRun
from vocalis.speech.service import PlannedSpeech, SpeechService
from vocalis.speech.timestamps import WordTimestamp, shift_words
from vocalis.store.blobs import BlobStore
from vocalis.store.history import NewSynthesis

log = logging.getLogger(__name__)
PCM_OUTPUT = OutputSpec(AudioFormat.PCM)


def _chunk_failed(index: int, total: int, attempts: int, cause: Exception) -> StepFailed:
    return StepFailed(f"text chunk {index + 1} of {total} failed {attempts} times: {cause}", cause)


@dataclass
class _Pending:
    """Chunks rendered since the last save."""

    first_chunk: int
    end_chunk: int = 0
    char_end: int = 0
    data: bytearray = field(default_factory=bytearray)
    words: list[WordTimestamp] = field(default_factory=list)
    compute_seconds: float = 0.0


class SpeechJobHandler:
    """Runs speech jobs (``SpeechSpec``)."""

    kind = SPEECH_KIND

    def __init__(
        self,
        speech: SpeechService,
        engines: EngineRegistry,
        claims: JobClaims,
        parts: PartStore,
        blobs: BlobStore,
        hub: ProgressHub,
        settings: JobSettings,
    ) -> None:
        self._speech = speech
        self._engines = engines
        self._claims = claims
        self._parts = parts
        self._blobs = blobs
        self._hub = hub
        self._settings = settings

    def validate(self, spec: JobSpec, *, viewer: str | None) -> None:
        """Everything a worker would reject, found now: length, voice, speed, text, format options."""
        spec = _speech_spec(spec)
        limit = self._settings.max_text_chars
        if len(spec.text) > limit:
            raise TooLarge(
                f"text is {len(spec.text)} characters; a job takes at most {limit}",
                limit=limit,
                length=len(spec.text),
            )
        plan = self._speech.plan(
            SpeechRequest(spec.text, spec.voice, spec.speed, language=spec.language, viewer=viewer)
        )
        encoding_rate(spec.format, plan.sample_rate, spec.sample_rate)
        check_bitrate(spec.format, spec.bitrate)
        if spec.timestamps:
            self._engines.speech_to_text()  # ModelUnavailable now rather than at the end

    def run(self, job: Job, work: JobWork) -> Outcome:
        claim = work.claim
        spec = _speech_spec(job.spec)
        request = SpeechRequest(
            spec.text, spec.voice, spec.speed, language=spec.language, viewer=job.owner_id
        )
        plan = self._speech.plan(request)
        stale = self._claims.set_plan(claim, chunks_total=len(plan.chunks), model=plan.engine.name)
        if stale is None:
            return Outcome("lost")
        for key in stale:
            self._parts.delete(key)
        segments = self._intact_segments(claim)
        if segments is None:
            return Outcome("lost")
        self._hub.notify(claim.job_id)
        assembler = Assembler(self._blobs, self._parts, spec, plan.sample_rate)
        try:
            for segment in segments:
                assembler.add(segment)  # encoded while the rest renders
            stopped = self._render_rest(work, spec, plan, segments, assembler)
            if stopped is not None:
                assembler.abort()
                return stopped
            return self._finish(claim, job, spec, plan, assembler)
        except BaseException:
            assembler.abort()
            raise

    def _render_rest(
        self,
        work: JobWork,
        spec: SpeechSpec,
        plan: PlannedSpeech,
        segments: list[Segment],
        assembler: Assembler,
    ) -> Outcome | None:
        """Render and save the chunks after the saved ones; None when all are saved."""
        claim, stop, lost = work.claim, work.stop, work.lost
        aligner = self._engines.speech_to_text(base_of(plan.language)) if spec.timestamps else None
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
            return Outcome("released") if self._claims.release(claim) else Outcome("lost")
        return None

    def _intact_segments(self, claim: Claim) -> list[Segment] | None:
        """Saved segments whose parts are whole; from the first damaged one on, they are rendered again."""
        segments = self._claims.segments(claim.job_id)
        expected = 0
        for i, segment in enumerate(segments):
            if segment.first_chunk != expected or not self._parts.intact(segment):
                log.warning("job %s: segment at chunk %d is damaged; rendering again", claim.job_id, expected)
                dropped = self._claims.drop_segments(claim, segment.first_chunk)
                if dropped is None:
                    return None
                for key in dropped:
                    self._parts.delete(key)
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
                run = SynthesisRun(self._speech, chunk_plan, PCM_OUTPUT, aligner=aligner)
                data = run.read_all()
                break
            except VocalisError as error:
                if error.status < 500:
                    raise  # the input is at fault: another try renders the same mistake
                if attempt + 1 == attempts:
                    raise _chunk_failed(index, len(plan.chunks), attempts, error) from error
                cause: Exception = error
            except Exception as error:
                if attempt + 1 == attempts:
                    raise _chunk_failed(index, len(plan.chunks), attempts, error) from error
                cause = error
            log.warning("job chunk %d failed (%s); trying again", index, cause)
            stop.wait(self._settings.retry_backoff_s * 0.1 * 2**attempt)
        offset = len(pending.data) / 2 / plan.sample_rate
        pending.words.extend(shift_words(run.stats.words, offset))
        pending.data += data
        pending.compute_seconds += run.stats.compute_seconds
        pending.end_chunk = index + 1
        pending.char_end = plan.chunks[index].end

    def _save(
        self, claim: Claim, pending: _Pending, rate: int, audio_before: float, compute_before: float
    ) -> Segment | None:
        parts = self._parts
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
        recorded = self._claims.record_segment(
            claim,
            segment,
            job_audio=audio_before + segment.seconds,
            job_compute=compute_before + segment.compute_seconds,
        )
        if not recorded:
            parts.delete(key)
            return None
        self._hub.notify(claim.job_id)
        return segment

    def _finish(
        self, claim: Claim, job: Job, spec: SpeechSpec, plan: PlannedSpeech, assembler: Assembler
    ) -> Outcome:
        segments = self._claims.segments(claim.job_id)
        if [s.first_chunk for s in segments[1:]] != [s.end_chunk for s in segments[:-1]] or (
            segments[-1].end_chunk != len(plan.chunks)
        ):
            raise RuntimeError("the saved segments do not cover the text exactly once")
        result = assembler.finish()
        compute = sum(s.compute_seconds for s in segments)
        record = NewSynthesis(
            owner_id=job.owner_id,
            source="job",
            text=spec.text,
            voice=plan.voice.label,
            model=plan.engine.name,
            format=spec.format.value,
            sample_rate=result.sample_rate,
            speed=spec.speed,
            audio_seconds=round(result.seconds, 3),
            compute_seconds=round(compute, 3),
            audio_key=result.key,
            audio_bytes=result.size,
            api_key_id=job.api_key_id,
        )
        try:
            synthesis_id = self._claims.complete(claim, record)
        except BaseException:
            self._blobs.delete(result.key)
            raise
        if synthesis_id is None:
            self._blobs.delete(result.key)
            return Outcome("lost")
        self._parts.delete_job(claim.job_id)
        return Outcome("succeeded")


def _speech_spec(spec: JobSpec) -> SpeechSpec:
    if not isinstance(spec, SpeechSpec):
        raise TypeError(f"a speech job needs a SpeechSpec, not {type(spec).__name__}")
    return spec
