"""Synthesis: validate everything first, then stream one AudioChunk per text chunk.

A request is plain text or SSML (:mod:`vocalis.speech.document`); either becomes segments, each said
with one voice, language and prosody, cut into chunks that fit the model. Everything that can be wrong
(an unknown voice or language, bad SSML, nothing sayable) is found by :meth:`SpeechService.plan`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.levels import trim_silence
from vocalis.audio.prosody import gain, played_faster
from vocalis.audio.resample import resample
from vocalis.engines.protocols import PhonemeInput, PreparedText, TextToSpeech, VoiceMix
from vocalis.engines.registry import EngineRegistry
from vocalis.errors import EmptyText, OutOfRange, UnsupportedLanguage, VocalisError
from vocalis.speech.document import Segment, SpeechDocument, read_document
from vocalis.speech.language import normalize_for, reading_language
from vocalis.speech.request import SpeechChunk, SpeechRequest
from vocalis.text.chunking import SENTENCE_PAUSE, Boundary, TextChunk, chunk_text, split_chunk
from vocalis.text.scripts import scripts_of
from vocalis.text.ssml import IgnoredMarkup
from vocalis.voices.library import VoiceLibrary

MIN_SPEED, MAX_SPEED = 0.25, 4.0
# Characters per chunk before G2P; a chunk whose phonemes still exceed the model's limit is split again.
MAX_CHUNK_CHARS = 400
FIRST_CHUNK_CHARS = 160
_SAYABLE = re.compile(r"[^\W_]")
_ENDS_SENTENCE = re.compile(r"[.!?…。！？][\"'”’)\]]*\s*$")


@dataclass(frozen=True)
class PlannedSegment:
    """A segment with its voice, engine, reading language and speed resolved."""

    source: Segment
    voice: VoiceMix
    engine: TextToSpeech
    language: str  # one of the engine's languages ("fr-FR")
    speed: float  # the request's speed times the segment's rate, within the engine's range
    pitch_factor: float  # 2 ** (semitones / 12)


@dataclass(frozen=True)
class PlannedChunk:
    """A slice of a segment's text, and the silence after it in seconds (at the speed it is said)."""

    piece: TextChunk  # offsets into the segment's text
    segment: PlannedSegment
    pause_after: float
    pause_before: float = 0.0  # only a document that starts with a break

    @property
    def text(self) -> str:
        return self.piece.text

    @property
    def start(self) -> int:
        """Offset in the request's text (the SSML document for SSML)."""
        return self.segment.source.document_span(self.piece.start, self.piece.end)[0]

    @property
    def end(self) -> int:
        return self.segment.source.document_span(self.piece.start, self.piece.end)[1]


@dataclass(frozen=True)
class PlannedSpeech:
    """A validated request: the request's voice and engine, and the chunks to say."""

    request: SpeechRequest
    engine: TextToSpeech
    voice: VoiceMix
    chunks: tuple[PlannedChunk, ...]
    language: str  # the reading rules of the request's voice, one of its engine's languages ("fr-FR")
    ignored: tuple[IgnoredMarkup, ...] = ()  # SSML markup read but not rendered as written

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
        document = read_document(request.text, ssml=request.ssml, language=language)
        chunks = self._chunks(request, document, voice)
        if not chunks:
            raise EmptyText("text has nothing to say (only punctuation, symbols or emoji)")
        plan = PlannedSpeech(request, engine, voice, chunks, language, document.ignored)
        self._check_sayable(plan)
        return plan

    def _segment(self, request: SpeechRequest, segment: Segment, default: VoiceMix) -> PlannedSegment:
        voice = (
            default if segment.voice is None else self._voices.resolve(segment.voice, viewer=request.viewer)
        )
        engine = self._engines.get_tts(voice.engine)
        wanted = segment.language or request.language
        language = reading_language(wanted, self._language(voice), engine.capabilities.languages)
        low, high = engine.capabilities.speed_range
        pitch = 2.0 ** (segment.pitch_semitones / 12.0)
        # A higher pitch is rendered slower, then played faster: the duration stays (see played_faster).
        speed = min(max(request.speed * segment.rate / pitch, low), high)
        return PlannedSegment(segment, voice, engine, language, speed, pitch)

    def _chunks(
        self, request: SpeechRequest, document: SpeechDocument, voice: VoiceMix
    ) -> tuple[PlannedChunk, ...]:
        chunks: list[PlannedChunk] = []
        segments = document.segments
        lead = (segments[0].pause_before or 0.0) if segments else 0.0
        for i, segment in enumerate(segments):
            planned = self._segment(request, segment, voice)
            first = FIRST_CHUNK_CHARS if not chunks else MAX_CHUNK_CHARS
            if segment.phonemes is not None:
                pieces = [TextChunk(segment.text, 0, len(segment.text), Boundary.END)]
            else:
                pieces = [
                    c
                    for c in chunk_text(segment.text, max_chars=MAX_CHUNK_CHARS, first_max_chars=first)
                    if _SAYABLE.search(normalize_for(c.text, planned.language).text)
                ]
            after = segments[i + 1].pause_before if i + 1 < len(segments) else document.trailing_pause
            for j, piece in enumerate(pieces):
                pause = piece.pause_after / planned.speed
                if j == len(pieces) - 1 and after is not None:
                    pause = after  # a break or the end of <s>/<p> says how long, as written
                elif j == len(pieces) - 1 and i + 1 < len(segments) and _ENDS_SENTENCE.search(piece.text):
                    pause = SENTENCE_PAUSE / planned.speed  # "Hello. <voice ...>" still pauses
                before = lead if not chunks else 0.0
                chunks.append(PlannedChunk(piece, planned, pause, before))
        return tuple(chunks)

    def _check_sayable(self, plan: PlannedSpeech) -> None:
        """Some chunk must give the voice something to say, or the audio would be empty.

        Stops at the first chunk that does (usually the first one: one G2P call of a short chunk).
        """
        for chunk in plan.chunks:
            if _SAYABLE.search(self._prepare(chunk, chunk.piece).phonemes):
                return
        scripts = scripts_of(plan.request.text)
        raise UnsupportedLanguage(
            f"voice {plan.voice.label} ({plan.language}) cannot say this text yet: it has no words it can "
            f"read in {', '.join(scripts) or 'these characters'}; pick a voice of that language",
            voice=plan.voice.label,
            language=plan.language,
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
        rate = plan.sample_rate
        for chunk in plan.chunks:
            segment = chunk.segment
            for text, prepared in self._fit(chunk):
                if not _SAYABLE.search(prepared.phonemes):
                    continue
                rendered = segment.engine.render(prepared, segment.voice, segment.speed)
                speech = gain(
                    played_faster(trim_silence(rendered), segment.pitch_factor), segment.source.volume_db
                )
                speech = resample(speech, rate)
                pause = chunk.pause_after if text.end == chunk.piece.end else text.pause_after / segment.speed
                lead = AudioChunk.silence(
                    chunk.pause_before if text.start == chunk.piece.start else 0.0, rate
                )
                tail = AudioChunk.silence(pause, rate)
                audio = AudioChunk(np.concatenate([lead.samples, speech.samples, tail.samples]), rate)
                yield SpeechChunk(
                    audio=audio,
                    speech_seconds=speech.duration,
                    start=position,
                    text=text,
                    spoken_text=prepared.text,
                    language=segment.language,
                    positions=segment.source.positions,
                    lead_seconds=lead.duration,
                )
                position += audio.duration

    def _fit(
        self, chunk: PlannedChunk, text: TextChunk | None = None
    ) -> list[tuple[TextChunk, PreparedText]]:
        """Split a chunk until each piece's phonemes fit the model's input limit."""
        text = text or chunk.piece
        limit = chunk.segment.engine.capabilities.max_units
        prepared = self._prepare(chunk, text)
        if prepared.units <= limit or len(text.text) < 2 or chunk.segment.source.phonemes is not None:
            return [(text, prepared)]
        # Phonemes per character vary; aim below the limit so one more split is rarely needed.
        target = max(1, min(len(text.text) - 1, int(len(text.text) * limit / prepared.units * 0.9)))
        pieces: list[tuple[TextChunk, PreparedText]] = []
        for part in split_chunk(text, target):
            pieces.extend(self._fit(chunk, part))
        return pieces

    def _prepare(self, chunk: PlannedChunk, text: TextChunk) -> PreparedText:
        segment = chunk.segment
        ipa = segment.source.phonemes
        if ipa is not None and isinstance(segment.engine, PhonemeInput):
            prepared = segment.engine.prepare_phonemes(ipa, segment.voice, segment.language)
            return dataclasses.replace(prepared, text=text.text)
        normalized = normalize_for(text.text, segment.language).text
        return segment.engine.prepare(normalized, segment.voice, segment.language)

    def synthesize(self, plan: PlannedSpeech) -> AudioChunk:
        """The whole audio at the engine's rate."""
        return AudioChunk.concat([p.audio for p in self.stream(plan)], plan.sample_rate)
