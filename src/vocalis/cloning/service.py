"""Cloning end to end: consent, sample checks, search, independent judging, saving, installing."""

from __future__ import annotations

import hashlib
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.equalizer import Equalizer
from vocalis.cloning.basis import MIN_BASIS, build_basis, english_stock_voices
from vocalis.cloning.consent import Consent
from vocalis.cloning.judge import SpectralStatsEncoder, anchor_similarity, voice_similarity
from vocalis.cloning.profiles import StockProfile, held_out_embeddings, stock_profiles
from vocalis.cloning.record import CloneRecord, Recipe, SampleSummary, Similarity
from vocalis.cloning.render import HELD_OUT, TableRenderer
from vocalis.cloning.result import CloneResult
from vocalis.cloning.sample import CheckedSample, check_audio, check_sample
from vocalis.cloning.search import (
    ProgressCallback,
    ProgressCounter,
    SearchResult,
    SearchSettings,
    TableSearch,
)
from vocalis.cloning.voicing import Voicing
from vocalis.engines.kokoro import KokoroEngine
from vocalis.engines.protocols import Embedding, SpeakerEncoder, VoiceActivity
from vocalis.engines.registry import EngineRegistry
from vocalis.engines.speaker import cosine, mean_embedding
from vocalis.errors import InvalidInput, ModelUnavailable

MAX_NAME_CHARS = 60
SEARCH_ENCODER = "voicefilter-dvector"  # the encoder the search optimises for


def check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME_CHARS:
        raise InvalidInput(f"a cloned voice needs a name of 1-{MAX_NAME_CHARS} characters", field="name")
    return name


class VoiceCloner:
    def __init__(
        self,
        engine: KokoroEngine,
        *,
        search_encoder: SpeakerEncoder,
        vad: VoiceActivity,
        cache_file: Path | None = None,
        judge: SpeakerEncoder | None = None,
        exclude: tuple[str, ...] = (),
        use_seed: bool = True,
    ) -> None:
        self.engine = engine
        self.cache_file = cache_file
        self.use_seed = use_seed  # read the profiles that ship with Vocalis beneath the cache
        self.search_encoder = search_encoder
        self._judge = judge
        self.vad = vad
        self.exclude = exclude  # stock voices left out of the basis (leave-one-out evaluation)

    @classmethod
    def from_engines(
        cls,
        engines: EngineRegistry,
        *,
        cache_file: Path | None,
        search_encoder: SpeakerEncoder | None = None,
        judge: SpeakerEncoder | None = None,
        vad: VoiceActivity | None = None,
        exclude: tuple[str, ...] = (),
        use_seed: bool = True,
    ) -> VoiceCloner:
        """A cloner over the app's Kokoro engine, caching stock-voice profiles in ``cache_file``.

        The search hears with the d-vector encoder and the result is judged by Resemblyzer, a second,
        independent encoder, when it is installed (else by the spectral statistic).
        """
        judges = [n for n in engines.speaker_encoders if n != SEARCH_ENCODER]
        return cls(
            engines.require_style_tts(),
            search_encoder=search_encoder or engines.speaker_encoder(SEARCH_ENCODER),
            vad=vad or engines.voice_activity(),
            cache_file=cache_file,
            judge=judge or (engines.speaker_encoder(judges[0]) if judges else None),
            exclude=exclude,
            use_seed=use_seed,
        )

    def judge_for(self, profiles: dict[str, StockProfile]) -> SpeakerEncoder:
        """The judge given (Resemblyzer from the engines), else the spectral statistic."""
        return self._judge or SpectralStatsEncoder([p.features for p in profiles.values()])

    def profiles(self, settings: SearchSettings | None = None) -> dict[str, StockProfile]:
        """The stock voices of the basis as the search encoder hears them (cached on disk)."""
        directions = (settings or SearchSettings()).directions
        basis = build_basis(self.engine, exclude=self.exclude, directions=directions)
        return stock_profiles(
            self.engine, basis, self.search_encoder, self.cache_file, use_seed=self.use_seed
        )

    def require_voices(self) -> None:
        """ModelUnavailable (with what to do) when the English voice packs to build from are missing."""
        found = [v for v in english_stock_voices(self.engine) if v not in self.exclude]
        if len(found) < MIN_BASIS:
            raise ModelUnavailable(
                f"voice cloning needs the English Kokoro voice packs; found {len(found)} "
                "(set VOCALIS_VOICES_DIR or run `vocalis models pull kokoro-voices`)"
            )

    def check(self, data: bytes | AudioChunk, *, filename: str | None = None) -> CheckedSample:
        """The sample checks alone (seconds): what an upload is refused for, before any job.

        Bytes are an uploaded file (size-limited, then decoded); audio is already decoded.
        """
        if isinstance(data, AudioChunk):
            return check_audio(data, vad=self.vad, encoder=self.search_encoder)
        return check_sample(data, vad=self.vad, encoder=self.search_encoder, filename=filename)

    def clone(
        self,
        data: bytes | AudioChunk,
        *,
        voice_id: str,
        name: str,
        consent: Consent,
        filename: str | None = None,
        settings: SearchSettings | None = None,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> CloneResult:
        """Clone the voice in ``data`` as ``voice_id``; storing it is the caller's business."""
        started = time.perf_counter()
        settings = settings or SearchSettings()
        checked = self.check(data, filename=filename)
        counter = ProgressCounter(settings.total, progress, cancel)
        counter.report("profiling")
        basis = build_basis(self.engine, exclude=self.exclude, directions=settings.directions)
        profiles = stock_profiles(
            self.engine, basis, self.search_encoder, self.cache_file, use_seed=self.use_seed
        )
        judge = self.judge_for(profiles)
        nearest = sorted(profiles, key=lambda v: -cosine(checked.embedding, profiles[v].embedding))
        judged = nearest[: settings.judged_stock] if settings.judged_stock else nearest
        stock_embeddings = held_out_embeddings(
            self.engine, judged, judge, self.cache_file, on_render=counter.check, use_seed=self.use_seed
        )
        counter.check()
        search = TableSearch(self.engine, basis, self.search_encoder, profiles, settings)
        result = search.run(
            checked.embedding, Voicing.measure(checked.speech), counter=counter, speech=checked.speech
        )
        probes = AudioChunk.concat(list(result.probes), result.probes[0].sample_rate)
        tone = Equalizer.matching(checked.speech, probes, max_gain_db=settings.tone_max_db)
        counter.report("judging")
        similarity = self._judge_result(
            judge, checked.speech, checked.windows, result, tone, stock_embeddings, counter
        )
        base = {v.id: v for v in self.engine.voices()}[result.base_voice]
        female = sum(w for v, w in result.weights if v[1] == "f")
        record = CloneRecord(
            id=voice_id,
            name=check_name(name),
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            language=base.language,
            accent=base.accent,
            gender="female" if female >= 0.5 else "male",
            base_voice=result.base_voice,
            consent=consent,
            similarity=similarity,
            voicing=result.voicing,
            recipe=Recipe(
                result.weights,
                result.coefficients,
                basis.voice_ids,
                settings.seed,
                result.evaluations,
                tone.gains_db,
            ),
            sample=SampleSummary(
                sha256=hashlib.sha256(
                    data if isinstance(data, bytes) else data.samples.tobytes()
                ).hexdigest(),
                seconds=round(checked.audio.duration, 2),
                speech_seconds=checked.speech_seconds,
                snr_db=checked.snr_db,
                speaker_consistency=checked.speaker_consistency,
            ),
            seconds=round(time.perf_counter() - started, 1),
        )
        return CloneResult(record, result.table)

    def _judge_result(
        self,
        judge: SpeakerEncoder,
        speech: AudioChunk,
        windows: tuple[AudioChunk, ...],
        result: SearchResult,
        tone: Equalizer,
        stock_embeddings: dict[str, list[Embedding]],
        counter: ProgressCounter,
    ) -> Similarity:
        reference = judge.embed(speech)
        renders = TableRenderer(self.engine, result.base_voice).render_all(HELD_OUT, result.table, tone)
        counter.tick(None, count=len(HELD_OUT))
        clone = voice_similarity(judge, reference, renders)
        stock_scores = {
            voice: round(cosine(reference, mean_embedding(embeddings)), 4)
            for voice, embeddings in stock_embeddings.items()
        }
        best = max(stock_scores, key=lambda v: stock_scores[v])
        return Similarity(
            clone=clone,
            stock=stock_scores[best],
            stock_voice=best,
            anchor=anchor_similarity(judge, windows),
            judge=judge.name,
            independent=judge.name != self.search_encoder.name,
            search_encoder=self.search_encoder.name,
            search_clone=result.score,
            search_stock=result.stock_score,
        )
