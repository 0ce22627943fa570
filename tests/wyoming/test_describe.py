"""`describe` lists what Home Assistant can pick: every voice of the library and every speech model."""

from __future__ import annotations

from wyoming.info import Describe, Info

from tests.servers import run_client
from tests.wyoming.conftest import connect, of_type, read_until, wyoming_server
from vocalis.engines.whisper_multilingual import multilingual_whisper_installed
from vocalis.graph import Vocalis


def _describe(graph: Vocalis) -> Info:
    async def scenario() -> Info:
        async with wyoming_server(graph) as server, connect(server) as client:
            await client.write_event(Describe().event())
            (event,) = await read_until(client, of_type("info"))
            return Info.from_event(event)

    return run_client(scenario())


def test_describe_lists_every_voice_with_its_language_and_the_speech_models(services: Vocalis) -> None:
    info = _describe(services)

    (tts,) = info.tts
    assert tts.supports_synthesize_streaming
    languages = {v.name: v.languages for v in tts.voices}
    assert tts.voices[0].name == services.default_voice  # Home Assistant offers the first one
    assert languages["af_heart"] == ["en-US"]
    assert languages["bm_george"] == ["en-GB"]
    assert languages["ff_siwis"] == ["fr-FR"]
    assert languages["heart"] == ["en-US"]  # hibari, the bundled fast voice
    assert {v.id for v in services.voices.list()} <= set(languages)
    assert len(languages) == len(tts.voices)  # each voice once

    (asr,) = info.asr
    models = {m.name: m.languages for m in asr.models}
    assert models["whisper-tiny-en"] == ["en"]
    if multilingual_whisper_installed():
        assert "fr" in models["whisper-base"] and "auto" not in models["whisper-base"]
