"""Analyse a recording: detect speech, transcribe it, measure how it was said, score it, explain it."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from vocalis.analysis.fillers import FILLER_PROMPTS
from vocalis.analysis.incremental import IncrementalAnalyzer
from vocalis.analysis.model import SpeechAnalysis
from vocalis.analysis.report import MAX_SECONDS, assemble, check_language, check_length
from vocalis.analysis.scoring import (
    Targets,
)
from vocalis.analysis.transcription import SAMPLE_RATE, transcribe_speech
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode, decode_file
from vocalis.audio.resample import resample
from vocalis.engines.protocols import SpeechToText, VoiceActivity

if TYPE_CHECKING:
    from vocalis.engines.registry import EngineRegistry


def analyze(
    audio: AudioChunk,
    *,
    language: str,
    stt: SpeechToText,
    vad: VoiceActivity,
    targets: Targets | None = None,
) -> SpeechAnalysis:
    """The full analysis of ``audio`` (any rate; mono) in ``language`` ("en" or "fr")."""
    lang = check_language(language)
    check_length(audio)
    speech16k = resample(audio, SAMPLE_RATE)
    spans = vad.speech_segments(speech16k) if len(speech16k.samples) else ()
    transcript = transcribe_speech(stt, speech16k, spans, language=lang, prompt=FILLER_PROMPTS[lang])
    return assemble(audio, speech16k, spans, transcript, lang, targets or Targets())


class SpeechAnalyzer:
    """Analysis with a registry's engines: the recogniser is chosen by the talk's language."""

    def __init__(
        self,
        stt_for: Callable[[str], SpeechToText],
        vad: VoiceActivity,
        targets: Targets | None = None,
    ) -> None:
        self._stt_for = stt_for
        self.vad = vad
        self.targets = targets or Targets()

    @classmethod
    def from_engines(cls, engines: EngineRegistry, targets: Targets | None = None) -> SpeechAnalyzer:
        return cls(engines.speech_to_text, engines.voice_activity(), targets)

    def with_targets(self, targets: Targets) -> SpeechAnalyzer:
        """The same engines, judging against other targets (a session's own pace band)."""
        return SpeechAnalyzer(self._stt_for, self.vad, targets)

    def stt(self, language: str) -> SpeechToText:
        return self._stt_for(check_language(language))

    def analyze(self, audio: AudioChunk, *, language: str) -> SpeechAnalysis:
        return analyze(audio, language=language, stt=self.stt(language), vad=self.vad, targets=self.targets)

    def analyze_bytes(self, data: bytes, *, language: str, filename: str | None = None) -> SpeechAnalysis:
        """Decode an upload and analyse it; the language is checked before any decoding."""
        check_language(language)
        return self.analyze(decode(data, max_seconds=MAX_SECONDS, filename=filename), language=language)

    def analyze_file(self, path: str | os.PathLike[str], *, language: str) -> SpeechAnalysis:
        check_language(language)
        return self.analyze(decode_file(path, max_seconds=MAX_SECONDS), language=language)

    def live(self, *, language: str) -> IncrementalAnalyzer:
        return IncrementalAnalyzer(
            stt=self.stt(language), vad=self.vad, language=language, targets=self.targets
        )
