"""The Wyoming server speaks for the local user: its ready cloned voices are listed, nobody else's."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from wyoming.event import Event
from wyoming.info import Describe, Info
from wyoming.tts import Synthesize, SynthesizeVoice

from tests.servers import run_client
from tests.wyoming.conftest import connect, of_type, read_until, wyoming_server
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.encode import encode
from vocalis.audio.formats import AudioFormat
from vocalis.cloning.consent import Consent
from vocalis.cloning.record import CloneRecord, Recipe, SampleSummary, Similarity
from vocalis.cloning.repository import NewClonedVoice
from vocalis.cloning.result import new_voice_id
from vocalis.cloning.voicing import Voicing, VoicingCheck
from vocalis.config import Settings
from vocalis.graph import Vocalis, build_graph

CONSENT = "I, Test Speaker, consent to Vocalis cloning my voice for automated tests, on 2026-11-22"


def _ready_clone(graph: Vocalis, owner_id: str, name: str, language: str) -> str:
    """A ready clone without a search: af_heart's style table under a new id, with a plain record."""
    voice_id = new_voice_id()
    consent = Consent.from_statement(CONSENT)
    sample = AudioChunk(np.zeros(24_000, np.float32), 24_000)
    repository = graph.cloned_voice_repository
    repository.create(
        voice_id,
        NewClonedVoice(
            owner_id=owner_id, name=name, description="", labels={}, consent=consent, filename=None,
            sample_wav=encode(sample, AudioFormat.WAV), sample_seconds=1.0, sample_rate=24_000,
        ),
    )  # fmt: skip
    voicing = Voicing(voiced_fraction=0.5, median_f0=200.0)
    record = CloneRecord(
        id=voice_id, name=name, created_at="2026-11-22T00:00:00+00:00", language=language,
        accent="British" if language == "en-GB" else "American", gender="female", base_voice="af_heart",
        consent=consent,
        similarity=Similarity(0.8, 0.7, "af_heart", None, "judge", True, "search", 0.9, 0.8),
        voicing=VoicingCheck(voicing, voicing, 200.0, True, ()),
        recipe=Recipe((("af_heart", 1.0),), (), ("af_heart",), 0, 1),
        sample=SampleSummary("0" * 64, 1.0, 1.0, 30.0, 1.0), seconds=1.0,
    )  # fmt: skip
    table = graph.engines.require_style_tts().pack_table("af_heart")
    assert repository.finish(voice_id, record, table)
    return voice_id


def test_describe_lists_the_local_users_ready_clones_and_not_other_peoples(
    settings: Settings, services: Vocalis, tmp_path: Path
) -> None:
    private = settings.model_copy(update={"data_dir": tmp_path / "clones"})  # clones stay out of `services`
    graph = build_graph(private, engines=services.engines)
    directory = graph.accounts.directory
    mine = _ready_clone(graph, directory.local_user().id, "My Voice", "en-GB")
    other = directory.create("someone@example.org", "correct horse battery", actor_id=None)
    theirs = _ready_clone(graph, other.id, "Their Voice", "en-US")

    async def scenario() -> tuple[Info, Event]:
        async with wyoming_server(graph) as server, connect(server) as client:
            await client.write_event(Describe().event())
            (event,) = await read_until(client, of_type("info"))
            await client.write_event(Synthesize(text="Hello.", voice=SynthesizeVoice(name=theirs)).event())
            (refused,) = await read_until(client, of_type("error", "audio-stop"))
            return Info.from_event(event), refused

    try:
        info, refused = run_client(scenario())
    finally:
        graph.close()
    voices = {v.name: v for v in info.tts[0].voices}

    assert voices[mine].languages == ["en-GB"]
    assert "My Voice" in (voices[mine].description or "") and "cloned" in (voices[mine].description or "")
    assert theirs not in voices
    assert refused.type == "error" and refused.data["code"] == "unknown_voice"  # nor can it be used
