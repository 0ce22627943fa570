"""What a Wyoming connection uses from the object graph, gathered at one seam.

Wyoming has no authentication, so the server speaks for this machine's local user: it lists and
renders that user's cloned voices (the ones `vocalis voices clone` makes by default) and no one else's.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from vocalis.analysis.transcriber import Transcriber
from vocalis.audio.chunk import AudioChunk
from vocalis.config import WyomingSettings
from vocalis.engines.protocols import VoiceInfo
from vocalis.engines.registry import EngineRegistry
from vocalis.errors import StorageUnavailable
from vocalis.speech.admission import SynthesisSlots
from vocalis.speech.request import SpeechRequest
from vocalis.speech.service import SpeechService
from vocalis.voices.library import VoiceLibrary

if TYPE_CHECKING:
    from vocalis.graph import Vocalis

log = logging.getLogger(__name__)


class LocalClones:
    """Ready cloned voices the local user owns or was given; none without a local user or database."""

    def __init__(self, graph: Vocalis) -> None:
        self._graph = graph
        self._viewer: str | None = None
        self._lock = threading.Lock()

    def viewer(self) -> str | None:
        """The local user's id once it exists (it is looked up, never created, here)."""
        from vocalis.accounts.directory import LOCAL_USER_EMAIL

        with self._lock:
            if self._viewer is None:
                users = self._graph.accounts.directory.list(query=LOCAL_USER_EMAIL, limit=5)
                self._viewer = next((u.id for u in users if u.email == LOCAL_USER_EMAIL), None)
            return self._viewer

    def list(self) -> list[VoiceInfo]:
        try:
            viewer = self.viewer()
            if viewer is None:
                return []
            ready = self._graph.cloned_voice_repository.visible(viewer=viewer, status="ready")
        except StorageUnavailable as exc:
            log.warning("Wyoming lists no cloned voices: %s", exc.message)
            return []
        return [clone.info() for clone in ready]


@dataclass(frozen=True)
class WyomingServices:
    speech: SpeechService
    voices: VoiceLibrary
    transcriber: Transcriber
    engines: EngineRegistry
    slots: SynthesisSlots  # shared with the HTTP routes when one process serves both
    default_voice: str
    clones: LocalClones
    settings: WyomingSettings

    @classmethod
    def from_graph(
        cls, graph: Vocalis, *, settings: WyomingSettings | None = None, slots: SynthesisSlots | None = None
    ) -> WyomingServices:
        return cls(
            speech=graph.speech,
            voices=graph.voices,
            transcriber=graph.transcriber,
            engines=graph.engines,
            slots=slots or graph.slots,
            default_voice=graph.default_voice,
            clones=LocalClones(graph),
            settings=settings or graph.settings.wyoming,
        )

    def warm_up(self) -> float:
        """Load the default voice's model and the English recogniser now (about 2.5 s on 2 cores), so
        Home Assistant's first request after a start does not wait for them; the seconds it took.
        Runs off the event loop."""
        started = time.perf_counter()
        self.speech.synthesize(self.speech.plan(SpeechRequest("Ready.", self.default_voice)))
        self.engines.speech_to_text("en").transcribe(AudioChunk(np.zeros(8000, np.float32), 16000))
        return time.perf_counter() - started

    def all_voices(self) -> list[VoiceInfo]:
        """The default voice first (Home Assistant offers the first one), then the library, then clones."""
        found = [*self.voices.list(), *self.clones.list()]
        return sorted(found, key=lambda v: v.id != self.default_voice)
