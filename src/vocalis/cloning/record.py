"""The record of a cloned voice: everything needed to render it, judge it and account for it.

A frozen dataclass with ``to_dict``/``from_dict`` so it can move from a JSON file into a database
row unchanged.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from vocalis.audio.equalizer import Equalizer
from vocalis.cloning.consent import Consent
from vocalis.cloning.voicing import VoicingCheck
from vocalis.engines.kokoro import ENGINE_NAME
from vocalis.engines.kokoro_model import SAMPLE_RATE
from vocalis.engines.protocols import VoiceInfo

RECORD_VERSION = 1
# Under this independent gain over the nearest stock voice, the stock voice is the honest offer.
MIN_USEFUL_GAIN = 0.02
FEATURE_NAME = "closest match built from the built-in voices"


@dataclass(frozen=True)
class Similarity:
    """Cosine similarities to the sample, by the judge (independent of the search) on held-out
    sentences, unless ``independent`` is False."""

    clone: float
    stock: float  # the best judged stock voice (all English ones by default), same judge, same sentences
    stock_voice: str
    anchor: float | None  # the sample's two halves against each other: a same-speaker ceiling
    judge: str
    independent: bool
    search_encoder: str
    search_clone: float  # the search's own encoder, probe sentences: optimistic by construction
    search_stock: float

    @property
    def gain(self) -> float:
        return round(self.clone - self.stock, 4)


@dataclass(frozen=True)
class Recipe:
    """How the voice was built: the stock packs blended, the moves along principal directions, and
    the equaliser matching its tone to the sample's (gains in dB; empty in records made before it)."""

    weights: tuple[tuple[str, float], ...]
    coefficients: tuple[float, ...]
    basis: tuple[str, ...]
    seed: int
    evaluations: int
    tone_db: tuple[float, ...] = ()

    @property
    def tone(self) -> Equalizer | None:
        return Equalizer(self.tone_db) if self.tone_db and any(self.tone_db) else None


@dataclass(frozen=True)
class SampleSummary:
    sha256: str
    seconds: float
    speech_seconds: float
    snr_db: float
    speaker_consistency: float


@dataclass(frozen=True)
class CloneRecord:
    id: str
    name: str
    created_at: str
    language: str
    accent: str
    gender: str
    base_voice: str  # the stock voice whose reading rules (G2P) the clone uses
    consent: Consent
    similarity: Similarity
    voicing: VoicingCheck
    recipe: Recipe
    sample: SampleSummary
    seconds: float  # wall time of the whole cloning

    @property
    def recommend_stock(self) -> bool:
        return self.similarity.gain < MIN_USEFUL_GAIN

    def voice_info(self) -> VoiceInfo:
        return VoiceInfo(
            id=self.id,
            name=self.name,
            language=self.language,
            accent=self.accent,
            gender=self.gender,
            engine=ENGINE_NAME,
            sample_rate=SAMPLE_RATE,
            description=(
                f"Cloned voice ({FEATURE_NAME}): similarity {self.similarity.clone:.2f} "
                f"vs {self.similarity.stock:.2f} for {self.similarity.stock_voice}"
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["version"] = RECORD_VERSION
        data["cloned"] = True
        data["recommend_stock"] = self.recommend_stock
        data["similarity"]["gain"] = self.similarity.gain
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CloneRecord:
        similarity = {k: v for k, v in data["similarity"].items() if k != "gain"}
        recipe = data["recipe"]
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            created_at=str(data["created_at"]),
            language=str(data["language"]),
            accent=str(data["accent"]),
            gender=str(data["gender"]),
            base_voice=str(data["base_voice"]),
            consent=Consent.from_dict(data["consent"]),
            similarity=Similarity(**similarity),
            voicing=VoicingCheck.from_dict(data["voicing"]),
            recipe=Recipe(
                weights=tuple((str(v), float(w)) for v, w in recipe["weights"]),
                coefficients=tuple(float(c) for c in recipe["coefficients"]),
                basis=tuple(recipe["basis"]),
                seed=int(recipe["seed"]),
                evaluations=int(recipe["evaluations"]),
                tone_db=tuple(float(g) for g in recipe.get("tone_db", ())),
            ),
            sample=SampleSummary(**data["sample"]),
            seconds=float(data["seconds"]),
        )
