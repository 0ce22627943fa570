"""From measurements to the report: shared by whole-file analysis and the live analyser, so both
report alike; and the checks both apply to their input (language, length)."""

from __future__ import annotations

from collections.abc import Sequence

from vocalis.analysis import pitch as pitch_tracking
from vocalis.analysis.feedback import build_feedback, no_speech_feedback
from vocalis.analysis.fillers import filler_metrics, find_fillers
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
from vocalis.analysis.transcription import SAMPLE_RATE
from vocalis.analysis.voice import clarity_metrics, pitch_metrics, volume_metrics
from vocalis.audio.chunk import AudioChunk
from vocalis.engines.protocols import SpeechSpan, Transcript
from vocalis.errors import InvalidInput, TooLarge

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
