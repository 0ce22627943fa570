"""Synthesis: validate everything first, then stream one AudioChunk per text chunk."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.levels import trim_silence
from vocalis.engines.protocols import PreparedText, TextToSpeech, VoiceMix
from vocalis.engines.registry import EngineRegistry
from vocalis.errors import EmptyText, OutOfRange, UnsupportedLanguage, VocalisError
from vocalis.speech.language import normalize_for, reading_language
from vocalis.speech.request import SpeechChunk, SpeechRequest
from vocalis.text.chunking import TextChunk, chunk_text, split_chunk
from vocalis.text.scripts import scripts_of
from vocalis.voices.library import VoiceLibrary

MIN_SPEED, MAX_SPEED = 0.25, 4.0
# Characters per chunk before G2P; a chunk whose phonemes still exceed the model's limit is split again.
MAX_CHUNK_CHARS = 400
FIRST_CHUNK_CHARS = 160
_SAYABLE = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class PlannedSpeech:
    """A validated request: the engine, the voice, and the text cut into chunks."""

    request: SpeechRequest
    engine: TextToSpeech
    voice: VoiceMix
    chunks: tuple[TextChunk, ...]
    language: str  # the reading rules, one of the engine's languages ("fr-FR")

    @property
    def sample_rate(self) -> int:
        return self.engine.capabilities.sample_rate


class SpeechService:
    def __init__(self, engines: EngineRegistry, voices: VoiceLibrary) -> None:
        self._engines = engines
        self._voices = voices

    def plan(self, request: SpeechRequest) -> PlannedSpeech:
        """Everything that can be wrong with a request is found here, before any audio is made."""
        if not request.text.strip():
            raise EmptyText("text is empty: give some words to say")
        if not MIN_SPEED <= request.speed <= MAX_SPEED:
            raise OutOfRange(
                f"speed {request.speed} is outside {MIN_SPEED}-{MAX_SPEED}",
                field="speed",
                minimum=MIN_SPEED,
                maximum=MAX_SPEED,
            )
        voice = self._voices.resolve(request.voice, viewer=request.viewer)
        engine = self._engines.get_tts(voice.engine)
        language = reading_language(request.language, self._language(voice), engine.capabilities.languages)
        chunks = tuple(
            c
            for c in chunk_text(request.text, max_chars=MAX_CHUNK_CHARS, first_max_chars=FIRST_CHUNK_CHARS)
            if _SAYABLE.search(normalize_for(c.text, language).text)
        )
        if not chunks:
            raise EmptyText("text has nothing to say (only punctuation, symbols or emoji)")
        plan = PlannedSpeech(request=request, engine=engine, voice=voice, chunks=chunks, language=language)
        self._check_sayable(plan)
        return plan

    def _check_sayable(self, plan: PlannedSpeech) -> None:
        """Some chunk must give the voice something to say, or the audio would be empty.

        Stops at the first chunk that does (usually the first one: one G2P call of a short chunk).
        """
        for chunk in plan.chunks:
            if _SAYABLE.search(self._prepare(plan, chunk).phonemes):
                return
        language = plan.language
        scripts = scripts_of(plan.request.text)
        raise UnsupportedLanguage(
            f"voice {plan.voice.label} ({language}) cannot say this text yet: it has no words it can "
            f"read in {', '.join(scripts) or 'these characters'}; pick a voice of that language",
            voice=plan.voice.label,
            language=language,
            scripts=", ".join(scripts),
        )

    def _language(self, voice: VoiceMix) -> str:
        try:
            return self._voices.get(voice.primary).language
        except VocalisError:
            return "unknown language"

    def stream(self, plan: PlannedSpeech) -> Iterator[SpeechChunk]:
        """One SpeechChunk per text chunk, each ready as soon as its audio is rendered."""
        position = 0.0
        for chunk in plan.chunks:
            for piece in self._fit(plan, chunk):
                if not _SAYABLE.search(piece.prepared.phonemes):
                    continue
                rendered = plan.engine.render(piece.prepared, plan.voice, plan.request.speed)
                speech = trim_silence(rendered)
                pause = AudioChunk.silence(piece.text.pause_after / plan.request.speed, speech.sample_rate)
                audio = AudioChunk(np.concatenate([speech.samples, pause.samples]), speech.sample_rate)
                yield SpeechChunk(
                    audio=audio,
                    speech_seconds=speech.duration,
                    start=position,
                    text=piece.text,
                    spoken_text=piece.prepared.text,
                    language=plan.language,
                )
                position += audio.duration

    def _fit(self, plan: PlannedSpeech, chunk: TextChunk) -> list[_Piece]:
        """Split a chunk until each piece's phonemes fit the model's input limit."""
        limit = plan.engine.capabilities.max_units
        prepared = self._prepare(plan, chunk)
        if prepared.units <= limit or len(chunk.text) < 2:
            return [_Piece(chunk, prepared)]
        # Phonemes per character vary; aim below the limit so one more split is rarely needed.
        target = max(1, min(len(chunk.text) - 1, int(len(chunk.text) * limit / prepared.units * 0.9)))
        pieces: list[_Piece] = []
        for part in split_chunk(chunk, target):
            pieces.extend(self._fit(plan, part))
        return pieces

    def _prepare(self, plan: PlannedSpeech, chunk: TextChunk) -> PreparedText:
        return plan.engine.prepare(normalize_for(chunk.text, plan.language).text, plan.voice, plan.language)

    def synthesize(self, plan: PlannedSpeech) -> AudioChunk:
        """The whole audio at the engine's rate."""
        return AudioChunk.concat([p.audio for p in self.stream(plan)], plan.sample_rate)


@dataclass(frozen=True)
class _Piece:
    text: TextChunk
    prepared: PreparedText
