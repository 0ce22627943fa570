"""Accepting a clone: everything a sample and its form are checked for before any job exists.

Cheap refusals come first (consent, name, labels, description, missing voice packs), then the sample
is read, decoded and checked (seconds); only a sample that passes is stored and its job submitted, so
a refused upload leaves nothing behind.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode
from vocalis.audio.encode import encode
from vocalis.audio.formats import AudioFormat
from vocalis.cloning.consent import CONSENT_LABEL, Consent
from vocalis.cloning.explanations import cloning_started
from vocalis.cloning.fields import check_description, check_labels
from vocalis.cloning.repository import ClonedVoice, ClonedVoiceRepository, NewClonedVoice
from vocalis.cloning.result import new_voice_id
from vocalis.cloning.sample import MAX_SECONDS, check_upload_size
from vocalis.cloning.service import VoiceCloner, check_name
from vocalis.cloning.work import submit_clone_job
from vocalis.errors import InvalidInput
from vocalis.jobs.service import JobService


@dataclass(frozen=True)
class SampleUpload:
    file: BinaryIO  # read from where it is, so an upload over the size limit is never read at all
    filename: str | None
    size: int | None  # bytes, as the upload declared them


@dataclass(frozen=True)
class CloneRequest:
    owner_id: str
    api_key_id: str | None
    samples: tuple[SampleUpload, ...]  # several files of one speaker are joined
    name: str | None
    consent: str | None  # the speaker's statement, verbatim
    description: str | None = None
    # a JSON object of short strings, as a form sends it; its "consent" entry, if any, is the
    # statement of a client that cannot send the consent field (the ElevenLabs SDK)
    labels: str | None = None
    denoise: bool = False


@dataclass(frozen=True)
class StartedClone:
    voice: ClonedVoice  # status cloning
    job_id: str
    message: str  # what happens next, for people


class CloneIntake:
    def __init__(
        self, cloner: Callable[[], VoiceCloner], voices: ClonedVoiceRepository, jobs: JobService
    ) -> None:
        self._cloner = cloner  # built on first use: its encoders take seconds to load
        self._voices = voices
        self._jobs = jobs

    def start(self, request: CloneRequest) -> StartedClone:
        raw_labels = parse_label_object(request.labels)
        labelled_consent = raw_labels.pop(CONSENT_LABEL, None)
        statement = request.consent or (labelled_consent if isinstance(labelled_consent, str) else None)
        agreement = Consent.from_statement(statement)
        name = check_name(request.name or "")
        labels = check_labels(raw_labels)
        description = check_description(request.description)
        cloner = self._cloner()
        cloner.require_voices()  # refused now, not after the upload was stored
        audio, filename = read_sample(request.samples)
        if request.denoise:
            from vocalis.audio.denoise import reduce_noise

            audio = reduce_noise(audio)
        wav = encode(audio, AudioFormat.WAV)
        checked = cloner.check(audio)
        voice_id = new_voice_id()
        new = NewClonedVoice(
            owner_id=request.owner_id,
            name=name,
            description=description,
            labels=labels,
            consent=agreement,
            filename=filename,
            sample_wav=wav,
            sample_seconds=checked.audio.duration,
            sample_rate=audio.sample_rate,
        )
        entry = self._voices.create(voice_id, new)
        job = submit_clone_job(
            self._jobs, self._voices, voice_id, owner_id=request.owner_id, api_key_id=request.api_key_id
        )
        return StartedClone(entry, job.id, cloning_started(voice_id, job.id))


def parse_labels(labels: str | None) -> dict[str, str]:
    return check_labels(parse_label_object(labels))


def parse_label_object(labels: str | None) -> dict[str, Any]:
    """The form's labels as a JSON object, values not yet checked."""
    if not labels:
        return {}
    try:
        parsed = json.loads(labels)
    except json.JSONDecodeError as exc:
        raise InvalidInput("labels must be a JSON object of short strings", field="labels") from exc
    if parsed is None:  # "null": what the ElevenLabs SDK sends when no labels are given
        return {}
    if not isinstance(parsed, dict):
        raise InvalidInput("labels must be a JSON object of short strings", field="labels")
    return parsed


def read_sample(samples: tuple[SampleUpload, ...]) -> tuple[AudioChunk, str | None]:
    """One or more uploads decoded to mono and joined (at the first file's rate)."""
    if not samples:
        raise InvalidInput("upload a sample: one audio file of the speaker", field="files")
    check_upload_size(sum(sample.size or 0 for sample in samples))
    pieces: list[AudioChunk] = []
    for sample in samples:
        data = sample.file.read()
        if not data:
            raise InvalidInput(f"{sample.filename or 'the file'} is empty", field="files")
        pieces.append(decode(data, max_seconds=MAX_SECONDS, filename=sample.filename))
    rate = pieces[0].sample_rate
    if any(p.sample_rate != rate for p in pieces):
        from vocalis.audio.resample import resample

        pieces = [resample(p, rate) for p in pieces]
    return AudioChunk.concat(pieces, rate), samples[0].filename
