"""Capability Protocols. Engines are synchronous; callers run them off the event loop.

Optional abilities are declared as data in the capabilities records, never as methods that raise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from vocalis.audio.chunk import AudioChunk, Samples


@dataclass(frozen=True)
class VoiceInfo:
    id: str
    name: str
    language: str  # BCP 47, e.g. "en-US"
    accent: str  # "American", "British", "Japanese", ...
    gender: str  # "female" | "male" | "mixed"
    engine: str
    sample_rate: int
    description: str = ""


@dataclass(frozen=True)
class VoicePart:
    voice_id: str
    weight: float


@dataclass(frozen=True)
class VoiceMix:
    """One voice or a weighted blend of voices of the same engine (weights sum to 1)."""

    engine: str
    parts: tuple[VoicePart, ...]

    @property
    def primary(self) -> str:
        """The heaviest component: it decides the language rules (G2P) of a blend."""
        return max(self.parts, key=lambda p: p.weight).voice_id

    @property
    def label(self) -> str:
        if len(self.parts) == 1:
            return self.parts[0].voice_id
        return "+".join(f"{p.voice_id}({p.weight:.3g})" for p in self.parts)


@dataclass(frozen=True)
class TTSCapabilities:
    sample_rate: int
    languages: tuple[str, ...]  # BCP 47 tags of the reading rules it has ("en-US", "fr-FR")
    max_units: int  # the most model input units (phoneme tokens) one render call accepts
    blends: bool  # can mix voices
    speed_range: tuple[float, float]
    # Renders in a small fraction of real time (tens of ms a sentence): the server gives such engines
    # slots of their own, so they never queue behind slow renders.
    fast: bool = False


@dataclass(frozen=True)
class PreparedText:
    """Text turned into what the model reads; ``units`` is compared with ``max_units``."""

    text: str
    phonemes: str
    units: int


@runtime_checkable
class PhonemeInput(Protocol):
    """An engine that can say phonemes as written (SSML ``<phoneme alphabet="ipa">``)."""

    def prepare_phonemes(self, ipa: str, voice: VoiceMix, language: str | None = None) -> PreparedText: ...


@runtime_checkable
class TextToSpeech(Protocol):
    name: str
    capabilities: TTSCapabilities

    def voices(self) -> Sequence[VoiceInfo]: ...

    def prepare(self, text: str, voice: VoiceMix, language: str | None = None) -> PreparedText:
        """Text (already normalised) to model input; ``language`` is one of ``capabilities.languages``
        (None: the voice's own reading rules)."""
        ...

    def render(self, prepared: PreparedText, voice: VoiceMix, speed: float) -> AudioChunk: ...


@dataclass(frozen=True)
class TranscribedWord:
    text: str
    start: float
    end: float
    probability: float


@dataclass(frozen=True)
class TranscribedSegment:
    text: str
    start: float
    end: float
    words: tuple[TranscribedWord, ...]


@dataclass(frozen=True)
class Transcript:
    text: str
    language: str
    duration: float
    segments: tuple[TranscribedSegment, ...]
    language_probability: float = 1.0  # how sure detection was; 1.0 when the language was given

    @property
    def words(self) -> list[TranscribedWord]:
        return [w for s in self.segments for w in s.words]


@dataclass(frozen=True)
class STTCapabilities:
    languages: tuple[str, ...]
    word_timestamps: bool
    sample_rate: int
    # Longest audio ForcedAligner.align accepts in one call; 0 when the engine cannot force-align.
    max_alignment_seconds: float = 0.0
    # Can render speech in any of its languages as English text (SpeechTranslator.translate).
    translates_to_english: bool = False
    # Can tell which language is spoken without transcribing (LanguageIdentifier.identify).
    identifies_language: bool = False


@runtime_checkable
class SpeechToText(Protocol):
    name: str
    capabilities: STTCapabilities

    def transcribe(
        self,
        audio: AudioChunk,
        *,
        language: str | None = None,
        word_timestamps: bool = False,
        initial_prompt: str | None = None,
        retry_repetitions: bool = True,
    ) -> Transcript:
        """``retry_repetitions``: decode again (at higher temperatures) when the text repeats itself,
        Whisper's guard against a repetition loop; off where repeated text is expected (several
        streams' clips read together, people reading the same script)."""
        ...


@dataclass(frozen=True)
class LanguageGuess:
    language: str
    probability: float  # among the languages asked about (they sum to 1)


@runtime_checkable
class LanguageIdentifier(Protocol):
    """Which language is spoken, from the sound (a recogniser forced to one language writes any speech
    in that language: English heard by an English-only model comes out as English words)."""

    name: str
    capabilities: STTCapabilities

    def identify(self, audio: AudioChunk, among: tuple[str, ...]) -> LanguageGuess:
        """The most likely of ``among`` (at least two language codes), from the first 30 s."""
        ...


@runtime_checkable
class SpeechTranslator(Protocol):
    """Speech in any language the engine knows, written as English text (Whisper's translate task).

    Engines declare it with ``capabilities.translates_to_english``; times are as in a transcript.
    """

    name: str
    capabilities: STTCapabilities

    def translate(
        self,
        audio: AudioChunk,
        *,
        language: str | None = None,
        word_timestamps: bool = False,
        initial_prompt: str | None = None,
    ) -> Transcript: ...


@runtime_checkable
class ForcedAligner(Protocol):
    """Times for a KNOWN text in audio (no recognition): one word per whitespace-separated word."""

    capabilities: STTCapabilities

    def align(self, audio: AudioChunk, text: str) -> tuple[TranscribedWord, ...]: ...


@dataclass(frozen=True)
class SpeechSpan:
    """A stretch of audio a voice-activity detector judged to be speech, in seconds."""

    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class VADCapabilities:
    sample_rate: int  # the rate the model runs at; callers resample other rates to it
    window_samples: int  # one speech probability per window of this many samples
    streaming: bool  # keeps state across windows, so a live stream can be fed piece by piece


@dataclass(frozen=True)
class SegmenterSettings:
    """Hysteresis on the speech probability, as Silero's own ``get_speech_timestamps`` does it.

    Speech starts at ``threshold`` and only ends after ``min_silence_s`` below ``negative_threshold``,
    so one quiet window inside a word does not split it. ``min_silence_s`` stays well below the
    0.5 s that counts as a pause, so every pause shows up as a gap between segments. Segments are
    not padded: padding would shorten every measured pause.
    """

    threshold: float = 0.5
    negative_threshold: float = 0.35
    min_speech_s: float = 0.1
    min_silence_s: float = 0.1


@runtime_checkable
class VoiceActivityStream(Protocol):
    """One live stream: samples in (any length, at the engine's rate), a probability per window out."""

    def process(self, samples: Samples) -> tuple[float, ...]: ...


@runtime_checkable
class VoiceActivity(Protocol):
    name: str
    capabilities: VADCapabilities
    segmentation: SegmenterSettings  # how probabilities become segments: live streams use the same rules

    def speech_probabilities(self, audio: AudioChunk) -> tuple[float, ...]: ...

    def speech_segments(self, audio: AudioChunk) -> tuple[SpeechSpan, ...]: ...

    def open_stream(self) -> VoiceActivityStream: ...


# A speaker embedding: 1-D float32, L2-normalised, compared by cosine similarity.
Embedding = npt.NDArray[np.float32]


@runtime_checkable
class SpeakerEncoder(Protocol):
    """Voice identity as a vector: same speaker close, different speakers apart, whatever is said."""

    name: str
    sample_rate: int  # the rate the model runs at; ``embed`` resamples other rates to it

    def embed(self, audio: AudioChunk) -> Embedding: ...


# Sentence embeddings: float32 [n, dimensions], one L2-normalised row per text, compared by cosine
# (a plain dot product, since rows are unit length).
SentenceEmbeddings = npt.NDArray[np.float32]

# What a text is to an asymmetric encoder such as E5, which was trained with a prefix per role:
# "query" for a question or search and for symmetric tasks (paraphrase, similarity, translation
# pairs); "passage" for a document to be found by queries. Symmetric encoders ignore it.
TextRole = Literal["query", "passage"]


@runtime_checkable
class SentenceEncoder(Protocol):
    """Meaning as a vector: paraphrases close, unrelated texts apart, across ``languages``."""

    name: str
    dimensions: int
    languages: tuple[str, ...]  # ISO 639-1 codes the model was trained on

    def embed(
        self, texts: Sequence[str], *, role: TextRole = "query", keep: bool = False
    ) -> SentenceEmbeddings:
        """``keep``: the texts are nobody's data (the built-in scenario library's key points), and their
        rows may be kept on disk for the next process; anything a user wrote or said never is."""
        ...


@runtime_checkable
class TurnDetector(Protocol):
    """Has the speaker finished their turn? Judged from how the end of their speech sounds (intonation,
    a trailing "and..."), not from silence alone, so a pause mid-thought is not taken for the end."""

    name: str
    sample_rate: int  # the rate ``probability`` expects
    max_seconds: float  # only the last this-many seconds of the turn are heard

    def probability(self, samples: npt.NDArray[np.float32]) -> float:
        """The chance, 0-1, that the turn ends where ``samples`` (the turn's audio so far) ends."""
        ...


ChatRole = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class ChatMessage:
    role: ChatRole
    content: str


@dataclass(frozen=True)
class ChatReply:
    text: str
    model: str  # the model that answered, as the server names it
    finish_reason: str  # "stop": the model ended its answer; "length": cut at max_tokens
    prompt_tokens: int | None = None  # as the server counted them, when it says
    completion_tokens: int | None = None

    @property
    def truncated(self) -> bool:
        return self.finish_reason == "length"


@runtime_checkable
class ChatModel(Protocol):
    """A chat-tuned language model: messages in, one reply out (no streaming, no tools)."""

    name: str

    def complete(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int = 256,
        temperature: float = 0.0,
        timeout_s: float | None = None,
    ) -> ChatReply: ...
