"""One transcription service for every caller: ``POST /v1/audio/transcriptions``, ``POST
/v1/audio/translations``, ``POST /v1/speech-to-text`` and ``vocalis transcribe``.

All find the speech with the VAD first and send Whisper only that (see :mod:`.transcription`), so a
file transcribed over HTTP and on the command line gives the same text, times and language.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from vocalis.analysis.report import MAX_SECONDS
from vocalis.analysis.transcription import (
    SAMPLE_RATE,
    iter_transcribe_speech,
    locate_speech,
    transcribe_audio,
)
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode
from vocalis.engines.protocols import (
    SpeechToText,
    SpeechTranslator,
    STTCapabilities,
    Transcript,
    VoiceActivity,
)
from vocalis.engines.registry import EngineRegistry

AUTO = "auto"


class Transcriber:
    def __init__(self, engines: EngineRegistry, vad: VoiceActivity) -> None:
        self._engines = engines
        self._vad = vad  # Silero opens a fresh model state per call, so one instance serves all threads

    @classmethod
    def from_engines(cls, engines: EngineRegistry) -> Transcriber:
        from vocalis.engines.vad import SileroVad

        return cls(engines, SileroVad())

    def engine(self, language: str = AUTO) -> SpeechToText:
        """The engine for ``language`` (InvalidInput when none speaks it): cheap, so callers check it
        before decoding anything. ``auto`` wants one that detects the language; with none installed,
        the default engine reports the language it hears."""
        if language == AUTO and not any(AUTO in e.capabilities.languages for e in self._engines.stt.values()):
            return self._engines.speech_to_text(None)
        return self._engines.speech_to_text(language)

    def transcribe(self, audio: AudioChunk, *, language: str = AUTO, prompt: str | None = None) -> Transcript:
        """The whole transcript of ``audio`` (any rate); times are seconds into ``audio``."""
        stt = self.engine(language)
        heard = transcribe_audio(stt, self._vad, audio, language=_wanted(language), prompt=prompt)
        # A language that was given is certain, whatever the model's own guess would have been.
        return heard if language == AUTO else replace(heard, language_probability=1.0)

    def stream(
        self, audio: AudioChunk, *, language: str = AUTO, prompt: str | None = None
    ) -> Iterator[Transcript]:
        """The transcript in parts, each as soon as it is recognised.

        The engine is chosen and the speech located now, so bad input fails at the call, before a
        stream starts; recognition runs as the parts are taken.
        """
        stt = self.engine(language)
        located = locate_speech(self._vad, audio)
        return iter_transcribe_speech(
            stt, located.audio, located.spans, language=_wanted(language), prompt=prompt
        )

    def transcribe_upload(
        self, upload: BinaryIO, *, filename: str | None, language: str = AUTO, prompt: str | None = None
    ) -> Transcript:
        """An uploaded file: the language is checked before a byte is decoded."""
        self.engine(language)
        return self.transcribe(_decode(upload, filename), language=language, prompt=prompt)

    def translate_upload(
        self, upload: BinaryIO, *, filename: str | None, prompt: str | None = None
    ) -> Transcript:
        """An uploaded file's speech, in whatever language, as English text (same VAD and grouping as a
        transcript); the transcript's language is the one spoken. The engine is checked before decoding."""
        english = AsEnglish(self._engines.speech_translator())
        audio = _decode(upload, filename)
        return transcribe_audio(english, self._vad, audio, language=None, prompt=prompt)

    def stream_upload(
        self, upload: BinaryIO, *, filename: str | None, language: str = AUTO, prompt: str | None = None
    ) -> Iterator[Transcript]:
        self.engine(language)
        return self.stream(_decode(upload, filename), language=language, prompt=prompt)


def _wanted(language: str) -> str | None:
    return None if language == AUTO else language


def _decode(upload: BinaryIO, filename: str | None) -> AudioChunk:
    # Straight to the recogniser's rate: a 48 kHz stereo upload is never held at 48 kHz.
    return decode(upload.read(), max_seconds=MAX_SECONDS, filename=filename, sample_rate=SAMPLE_RATE)


class AsEnglish:
    """A translator seen as a recogniser whose transcripts are English: the transcription pipeline
    (VAD, grouping, hallucination checks) then translates without a second copy of it."""

    def __init__(self, translator: SpeechTranslator) -> None:
        self._translator = translator
        self.name = translator.name
        self.capabilities: STTCapabilities = translator.capabilities

    def transcribe(
        self,
        audio: AudioChunk,
        *,
        language: str | None = None,
        word_timestamps: bool = False,
        initial_prompt: str | None = None,
        retry_repetitions: bool = True,  # translations read one stream at a time: Whisper's guard stays on
    ) -> Transcript:
        return self._translator.translate(
            audio, language=language, word_timestamps=word_timestamps, initial_prompt=initial_prompt
        )
