"""Analyse a recording: detect speech, transcribe it, measure how it was said, score it, explain it."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from vocalis.analysis import pitch as pitch_tracking
from vocalis.analysis.feedback import build_feedback, no_speech_feedback
from vocalis.analysis.fillers import FILLER_PROMPTS, filler_metrics, find_fillers
from vocalis.analysis.model import Language, SpeechAnalysis
from vocalis.analysis.scoring import (
    Targets,
    overall,
    score_clarity,
    score_fillers,
    score_pace,
    score_pauses,
    score_pitch,
    score_volume,
)
from vocalis.analysis.timing import pace_metrics, pause_metrics, spoken_words, talk_range, voiced_spans
from vocalis.analysis.transcription import SAMPLE_RATE, transcribe_speech
from vocalis.analysis.voice import clarity_metrics, pitch_metrics, volume_metrics
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode, decode_file
from vocalis.audio.resample import resample
from vocalis.engines.protocols import SpeechSpan, SpeechToText, Transcript, VoiceActivity
from vocalis.errors import InvalidInput, TooLarge

if TYPE_CHECKING:
    from vocalis.analysis.incremental import IncrementalAnalyzer
    from vocalis.engines.registry import EngineRegistry

SUPPORTED_LANGUAGES: tuple[Language, ...] = ("en", "fr")
MAX_SECONDS = 30 * 60.0  # longer talks are split by the caller; analysis keeps all audio in memory


def check_language(language: str) -> Language:
    if language not in SUPPORTED_LANGUAGES:
        raise InvalidInput(
            f"speech analysis supports {' and '.join(SUPPORTED_LANGUAGES)}, not {language!r}",
            language=language,
            supported=list(SUPPORTED_LANGUAGES),
        )
    return language


def check_length(audio: AudioChunk) -> None:
    if audio.duration > MAX_SECONDS:
        raise TooLarge(
            f"the audio is {audio.duration:.1f} s long; analysis takes at most {MAX_SECONDS:g} s",
            duration=round(audio.duration, 3),
            max_seconds=MAX_SECONDS,
        )


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


def assemble(
    audio: AudioChunk,
    speech16k: AudioChunk,
    spans: Sequence[SpeechSpan],
    transcript: Transcript,
    language: Language,
    targets: Targets,
    pitch_frames: pitch_tracking.PitchFrames | None = None,
) -> SpeechAnalysis:
    """Everything measured from the audio, its speech segments and its transcript.

    Shared by whole-file analysis and the live analyser's ``finish``, so both report alike.
    """
    words = spoken_words(transcript.words)
    speech = voiced_spans(spans, words)
    talk = talk_range(speech, words)
    # Acoustic measures use every VAD segment: a word-less one is still sound, not background.
    volume = volume_metrics(audio, speech16k, spans)
    if talk is None or not words:
        return SpeechAnalysis(
            language=language,
            duration=audio.duration,
            speech_detected=False,
            transcript=transcript,
            speech_segments=tuple(spans),
            pace=None,
            pauses=None,
            fillers=None,
            volume=volume,
            pitch=None,
            clarity=None,
            scores=None,
            feedback=no_speech_feedback(language),
        )
    pauses = pause_metrics(speech, talk)
    pace = pace_metrics(words, talk, pauses, language)
    fillers = filler_metrics(find_fillers(words, language), talk.duration)
    frames = pitch_frames or pitch_tracking.track(speech16k.samples, SAMPLE_RATE)
    pitch = pitch_metrics(frames, spans)
    clarity = clarity_metrics(speech16k, spans, words, language)
    dimensions = [
        score_pace(pace, targets),
        score_pauses(pauses, talk.duration, targets),
        score_fillers(fillers, targets),
        score_volume(volume, targets),
        *([score_pitch(pitch, targets)] if pitch else []),
        score_clarity(clarity, targets),
    ]
    scores = overall(dimensions)
    return SpeechAnalysis(
        language=language,
        duration=audio.duration,
        speech_detected=True,
        transcript=transcript,
        speech_segments=tuple(speech),
        pace=pace,
        pauses=pauses,
        fillers=fillers,
        volume=volume,
        pitch=pitch,
        clarity=clarity,
        scores=scores,
        feedback=build_feedback(
            language=language,
            scores=scores,
            targets=targets,
            pace=pace,
            pauses=pauses,
            fillers=fillers,
            volume=volume,
            pitch=pitch,
            clarity=clarity,
        ),
    )


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
        from vocalis.engines.vad import SileroVad

        return cls(engines.speech_to_text, SileroVad(), targets)

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
        from vocalis.analysis.incremental import IncrementalAnalyzer

        return IncrementalAnalyzer(
            stt=self.stt(language), vad=self.vad, language=language, targets=self.targets
        )
