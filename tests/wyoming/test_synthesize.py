"""Text to speech over Wyoming, checked by listening: Whisper transcribes the audio that comes back."""

from __future__ import annotations

from collections.abc import Callable

from wyoming.audio import AudioStart
from wyoming.event import Event
from wyoming.tts import Synthesize, SynthesizeChunk, SynthesizeStart, SynthesizeStop, SynthesizeVoice

from tests.conftest import word_error_rate
from tests.servers import run_client
from tests.wyoming.conftest import audio_of, connect, of_type, read_until, wyoming_server
from vocalis.audio.chunk import AudioChunk
from vocalis.graph import Vocalis

SENTENCE = "The kitchen light is on, and the front door is locked."
FIRST, SECOND = "Good morning, it is sunny outside today.", "Take an umbrella for the evening rain."


def test_synthesize_streams_a_sentence_as_pcm_that_says_the_text(
    services: Vocalis, transcribe: Callable[[AudioChunk], str]
) -> None:
    async def scenario() -> list[Event]:
        async with wyoming_server(services) as server, connect(server) as client:
            voice = SynthesizeVoice(name="af_heart")
            await client.write_event(Synthesize(text=SENTENCE, voice=voice).event())
            return await read_until(client, of_type("audio-stop", "error"))

    answer = run_client(scenario())

    assert answer[0].type == "audio-start" and answer[-1].type == "audio-stop"
    start = AudioStart.from_event(answer[0])
    assert (start.rate, start.width, start.channels) == (24_000, 2, 1)
    assert sum(e.type == "audio-chunk" for e in answer) > 1  # chunked, not one blob
    audio = audio_of(answer)
    assert 2.0 < audio.duration < 8.0
    assert word_error_rate(SENTENCE, transcribe(audio)) <= 0.2


def test_a_voice_chosen_by_language_and_the_default_voice_speak(
    services: Vocalis, transcribe: Callable[[AudioChunk], str]
) -> None:
    async def scenario() -> tuple[list[Event], list[Event]]:
        async with wyoming_server(services) as server, connect(server) as client:
            british = SynthesizeVoice(language="en_GB")
            await client.write_event(Synthesize(text=FIRST, voice=british).event())
            by_language = await read_until(client, of_type("audio-stop", "error"))
            await client.write_event(Synthesize(text=SECOND).event())
            default = await read_until(client, of_type("audio-stop", "error"))
            return by_language, default

    by_language, default = run_client(scenario())

    assert word_error_rate(FIRST, transcribe(audio_of(by_language))) <= 0.2
    assert word_error_rate(SECOND, transcribe(audio_of(default))) <= 0.2


def test_streaming_text_is_spoken_sentence_by_sentence_as_it_arrives(
    services: Vocalis, transcribe: Callable[[AudioChunk], str]
) -> None:
    async def scenario() -> tuple[list[Event], list[Event]]:
        async with wyoming_server(services) as server, connect(server) as client:
            await client.write_event(SynthesizeStart(voice=SynthesizeVoice(name="af_heart")).event())
            words = f"{FIRST} {SECOND}".split(" ")
            cut = len(FIRST.split(" ")) + 2  # the first sentence and two words of the second
            for word in words[:cut]:
                await client.write_event(SynthesizeChunk(text=word + " ").event())
            # The first sentence is answered while the rest of the text has not been written yet.
            first = await read_until(client, of_type("audio-stop", "error"))
            for word in words[cut:]:
                await client.write_event(SynthesizeChunk(text=word + " ").event())
            await client.write_event(Synthesize(text=f"{FIRST} {SECOND}").event())  # compatibility copy
            await client.write_event(SynthesizeStop().event())
            rest = await read_until(client, of_type("synthesize-stopped", "error"))
            return first, rest

    first, rest = run_client(scenario())

    assert [e.type for e in first if e.type != "audio-chunk"] == ["audio-start", "audio-stop"]
    rest_types = [e.type for e in rest if e.type != "audio-chunk"]
    assert rest_types == ["audio-start", "audio-stop", "synthesize-stopped"]
    assert word_error_rate(FIRST, transcribe(audio_of(first))) <= 0.2
    assert word_error_rate(SECOND, transcribe(audio_of(rest))) <= 0.2  # said once: the copy is not spoken


def test_an_unknown_voice_is_an_error_event_and_the_connection_keeps_serving(services: Vocalis) -> None:
    async def scenario() -> tuple[list[Event], list[Event], list[Event]]:
        async with wyoming_server(services) as server, connect(server) as client:
            await client.write_event(Synthesize(text="Hi.", voice=SynthesizeVoice(name="af_hart")).event())
            unknown = await read_until(client, of_type("audio-stop", "error"))
            await client.write_event(SynthesizeStart(voice=SynthesizeVoice(language="xx")).event())
            await client.write_event(SynthesizeChunk(text="Nobody hears this. ").event())
            await client.write_event(SynthesizeStop().event())
            stream = await read_until(client, of_type("synthesize-stopped"))
            await client.write_event(Synthesize(text="Hello.", voice=SynthesizeVoice(name="heart")).event())
            after = await read_until(client, of_type("audio-stop", "error"))
            return unknown, stream, after

    unknown, stream, after = run_client(scenario())

    assert [e.type for e in unknown] == ["error"]
    assert unknown[0].data["code"] == "unknown_voice"
    assert "af_heart" in unknown[0].data["text"]  # the suggestion
    assert [e.type for e in stream] == ["error", "synthesize-stopped"]
    assert stream[0].data["code"] == "unknown_voice"
    assert after[-1].type == "audio-stop" and audio_of(after).duration > 0.2
