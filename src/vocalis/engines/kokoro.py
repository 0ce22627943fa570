"""Kokoro-82M v1.0 (int8 ONNX) text to speech: 24 kHz, dozens of voices, blends."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.equalizer import Equalizer
from vocalis.engines.g2p import Accent, Phonemizer
from vocalis.engines.ipa import kokoro_symbols
from vocalis.engines.kokoro_model import MAX_PHONEME_TOKENS, SAMPLE_RATE, load_model_files
from vocalis.engines.kokoro_packs import PackInfo, StyleTable, bundled_packs, read_pack, scan_directory
from vocalis.engines.onnx import create_session
from vocalis.engines.protocols import PreparedText, TTSCapabilities, VoiceInfo, VoiceMix
from vocalis.errors import EngineFailure, UnknownVoice

ENGINE_NAME = "kokoro"


@dataclass(frozen=True)
class ExtraVoice:
    """A voice whose style table comes from elsewhere (a cloned voice), not from a voice pack."""

    info: VoiceInfo
    g2p: Accent
    table: StyleTable
    tone: Equalizer | None = None  # applied to everything rendered with this voice (or its share of a blend)


class KokoroEngine:
    name = ENGINE_NAME
    capabilities = TTSCapabilities(
        sample_rate=SAMPLE_RATE,
        languages=("en-US", "en-GB", "fr-FR", "es-ES", "it-IT", "pt-BR", "zh-CN", "ja-JP"),
        max_units=MAX_PHONEME_TOKENS - 2,
        blends=True,
        speed_range=(0.25, 4.0),
    )

    def __init__(self, *, voices_dirs: Sequence[Path], phonemizer: Phonemizer, threads: int = 0) -> None:
        self._phonemizer = phonemizer
        self._threads = threads
        # Later directories never shadow earlier ones: the configured directory wins over pulled packs.
        packs = bundled_packs()
        for directory in reversed(voices_dirs):
            packs.update(scan_directory(directory))
        self._packs: dict[str, PackInfo] = dict(sorted(packs.items()))
        self._lock = threading.Lock()
        self._session: Any = None
        self._vocab: dict[str, int] = {}
        self._tables: dict[str, StyleTable] = {}
        self._extra: dict[str, ExtraVoice] = {}

    def add_voice(self, voice: ExtraVoice) -> None:
        """Make a voice with its own style table renderable (and blendable) by id, e.g. a clone."""
        if voice.info.id in self._packs:
            raise ValueError(f"{voice.info.id!r} is a voice pack; an added voice cannot replace it")
        if voice.table.shape != (MAX_PHONEME_TOKENS, 256):
            raise ValueError(f"a style table is {MAX_PHONEME_TOKENS} x 256, got {voice.table.shape}")
        with self._lock:
            self._extra[voice.info.id] = voice
            # Blends that named an earlier table under this id must not be served from the cache.
            self._tables.clear()

    def remove_voice(self, voice_id: str) -> None:
        with self._lock:
            self._extra.pop(voice_id, None)
            self._tables.clear()

    def pack_table(self, voice_id: str) -> StyleTable:
        """The (510, 256) style table of one voice: the raw material of cloning."""
        extra = self._extra.get(voice_id)
        return extra.table if extra is not None else read_pack(self._pack(voice_id))

    def g2p_accent(self, voice_id: str) -> Accent:
        """The rules this voice reads text with (a clone reads like the stock voice it started from)."""
        extra = self._extra.get(voice_id)
        return extra.g2p if extra is not None else self._pack(voice_id).g2p

    def voices(self) -> list[VoiceInfo]:
        """The voice packs. Added voices (clones) render but are not listed: they belong to someone."""
        return self._pack_voices()

    def _pack_voices(self) -> list[VoiceInfo]:
        return [
            VoiceInfo(
                id=p.voice_id,
                name=p.name,
                language=p.language,
                accent=p.accent,
                gender=p.gender,
                engine=ENGINE_NAME,
                sample_rate=SAMPLE_RATE,
                description=f"Kokoro v1.0, {p.accent} {p.gender}"
                + ("" if p.g2p.value == p.language else f"; reads text with {p.g2p.value} rules"),
            )
            for p in self._packs.values()
        ]

    def _load(self) -> Any:
        with self._lock:
            if self._session is None:
                files = load_model_files()
                self._vocab = files.vocab
                self._session = create_session(files.onnx, threads=self._threads)
            return self._session

    def warm_up(self) -> None:
        self._load()

    def _pack(self, voice_id: str) -> PackInfo:
        info = self._packs.get(voice_id)
        if info is None:
            raise UnknownVoice(f"Kokoro has no voice {voice_id!r}", voice=voice_id)
        return info

    def _table(self, voice: VoiceMix) -> StyleTable:
        key = voice.label
        with self._lock:
            cached = self._tables.get(key)
        if cached is not None:
            return cached
        table = np.zeros((MAX_PHONEME_TOKENS, 256), np.float32)
        for part in voice.parts:
            table += np.float32(part.weight) * self.pack_table(part.voice_id)
        with self._lock:
            self._tables[key] = table
        return table

    def prepare(self, text: str, voice: VoiceMix, language: str | None = None) -> PreparedText:
        accent = self.g2p_accent(voice.primary) if language is None else Accent(language)
        self._load()
        phonemes = "".join(c for c in self._phonemizer(text, accent) if c in self._vocab)
        return PreparedText(text=text, phonemes=phonemes, units=len(phonemes))

    def prepare_phonemes(self, ipa: str, voice: VoiceMix, language: str | None = None) -> PreparedText:
        """Phonemes written in IPA, said as written (the symbols Kokoro lacks are dropped)."""
        self._load()
        reading = language or self.g2p_accent(voice.primary).value
        phonemes = "".join(c for c in kokoro_symbols(ipa, reading) if c in self._vocab)
        return PreparedText(text=ipa, phonemes=phonemes, units=len(phonemes))

    def render(self, prepared: PreparedText, voice: VoiceMix, speed: float) -> AudioChunk:
        audio = self.render_table(prepared, self._table(voice), speed)
        tone = self._tone(voice)
        return audio if tone is None else tone.apply(audio)

    def _tone(self, voice: VoiceMix) -> Equalizer | None:
        """The blend's tone: each added voice's equaliser at its weight (stock voices are flat)."""
        parts = [
            (extra.tone, part.weight)
            for part in voice.parts
            if (extra := self._extra.get(part.voice_id)) is not None and extra.tone is not None
        ]
        return Equalizer.mix(parts) if parts else None

    def render_table(self, prepared: PreparedText, table: StyleTable, speed: float) -> AudioChunk:
        """Render with any style table, registered or not (a cloning search tries many)."""
        session = self._load()
        ids = [self._vocab[c] for c in prepared.phonemes]
        if not ids:
            return AudioChunk(np.zeros(0, np.float32), SAMPLE_RATE)
        if len(ids) > MAX_PHONEME_TOKENS - 2:
            raise EngineFailure(f"{len(ids)} phoneme tokens exceed Kokoro's limit", units=len(ids))
        style = np.ascontiguousarray(table[len(ids) - 1], dtype=np.float32).reshape(1, 256)
        try:
            (audio,) = session.run(
                None,
                {
                    "tokens": np.array([[0, *ids, 0]], dtype=np.int64),
                    "style": style,
                    "speed": np.array([speed], dtype=np.float32),
                },
            )
        except Exception as exc:  # onnxruntime's errors are untyped
            raise EngineFailure(f"Kokoro failed to render: {exc}") from exc
        return AudioChunk(np.asarray(audio, np.float32).reshape(-1), SAMPLE_RATE)
