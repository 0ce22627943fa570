"""Turning a request for speech into a run: quotas, voice, speed, format and rate all checked before
the first byte, and the run's recorder ready to write its history row."""

from __future__ import annotations

from dataclasses import dataclass

from vocalis.accounts.limits import Quotas
from vocalis.accounts.models import Principal
from vocalis.audio.formats import encoding_rate
from vocalis.config import LimitSettings
from vocalis.engines.registry import EngineRegistry
from vocalis.speech.language import base_of
from vocalis.speech.recorder import RecordingInfo, SynthesisRecorder
from vocalis.speech.request import SpeechRequest
from vocalis.speech.run import OutputSpec, SynthesisRun
from vocalis.speech.service import SpeechService
from vocalis.store.blobs import BlobStore
from vocalis.store.history import SynthesisHistory


@dataclass(frozen=True)
class SynthesisOrder:
    text: str
    voice: str
    speed: float
    output: OutputSpec
    source: str  # which interface asked: "openai", "elevenlabs", "tts", "stream-input"
    timestamps: bool = False
    language: str | None = None  # reading rules; None: the voice's language


class SynthesisOrders:
    def __init__(
        self,
        speech: SpeechService,
        engines: EngineRegistry,
        quotas: Quotas,
        blobs: BlobStore,
        history: SynthesisHistory,
        limits: LimitSettings,
    ) -> None:
        self._speech = speech
        self._engines = engines
        self._quotas = quotas
        self._blobs = blobs
        self._history = history
        self._limits = limits

    def start(self, order: SynthesisOrder, principal: Principal) -> SynthesisRun:
        """Validate everything (text, voice, speed, format, rate, quotas); the run, not yet started."""
        owner = principal.user.id
        per_day = principal.user.characters_per_day or self._limits.characters_per_day
        self._quotas.check_characters(owner, len(order.text), per_day)
        self._quotas.check_storage(owner, self._limits.stored_audio_bytes)
        request = SpeechRequest(order.text, order.voice, order.speed, language=order.language, viewer=owner)
        plan = self._speech.plan(request)
        aligner = self._engines.speech_to_text(base_of(plan.language)) if order.timestamps else None
        rate = encoding_rate(order.output.format, plan.sample_rate, order.output.sample_rate)
        recorder = SynthesisRecorder(
            self._blobs,
            self._history,
            RecordingInfo(
                owner_id=owner,
                source=order.source,
                text=order.text,
                voice=plan.voice.label,
                model=plan.engine.name,
                format=order.output.format.value,
                extension=order.output.format.extension,
                sample_rate=rate,
                speed=order.speed,
                api_key_id=principal.key_id,
            ),
        )
        return SynthesisRun(self._speech, plan, order.output, aligner=aligner, recorder=recorder)
