"""Rendering fixed sentences with arbitrary style tables, and the sentences themselves.

Probe sentences drive the search; held-out sentences are only ever used to judge the result, so a
table tuned to the probes' phonemes cannot score well on them by accident.
"""

from __future__ import annotations

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.equalizer import Equalizer
from vocalis.audio.levels import trim_silence
from vocalis.engines.kokoro import ENGINE_NAME, KokoroEngine
from vocalis.engines.kokoro_packs import StyleTable
from vocalis.engines.protocols import PreparedText, VoiceMix, VoicePart

# ~3 s each: long enough for a stable embedding, short enough for ~1.2 s per render on 2 cores.
PROBES = (
    "She asked the driver to stop near the old bridge on Maple Street.",
    "The rainbow is a division of white light into many beautiful colours.",
)
HELD_OUT = (
    "A rainbow forms when sunlight strikes drops of rain.",
    "I would like a table for two tonight at eight, please.",
    "Our numbers look strong, but support still needs work.",
)


def single(voice_id: str) -> VoiceMix:
    return VoiceMix(engine=ENGINE_NAME, parts=(VoicePart(voice_id, 1.0),))


class TableRenderer:
    """Renders sentences read with ``accent_voice``'s rules (G2P), in any voice's style table."""

    def __init__(self, engine: KokoroEngine, accent_voice: str) -> None:
        self.engine = engine
        self.accent_voice = accent_voice
        self._prepared: dict[str, PreparedText] = {}

    def render(self, text: str, table: StyleTable, tone: Equalizer | None = None) -> AudioChunk:
        prepared = self._prepared.get(text)
        if prepared is None:
            prepared = self._prepared[text] = self.engine.prepare(text, single(self.accent_voice))
        audio = self.engine.render_table(prepared, table, 1.0)
        return trim_silence(audio if tone is None else tone.apply(audio))

    def render_all(
        self, texts: tuple[str, ...], table: StyleTable, tone: Equalizer | None = None
    ) -> list[AudioChunk]:
        return [self.render(t, table, tone) for t in texts]
