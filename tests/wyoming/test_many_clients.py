"""Many Home Assistant clients at once: syntheses share the admission queue, the loop stays free."""

from __future__ import annotations

import asyncio

from wyoming.event import Event
from wyoming.ping import Ping
from wyoming.tts import Synthesize, SynthesizeVoice

from tests.servers import run_client
from tests.wyoming.conftest import audio_of, connect, of_type, read_until, wyoming_server
from vocalis.graph import Vocalis
from vocalis.speech.admission import SynthesisSlots
from vocalis.wyoming.server import WyomingServer

TEXT = "The weather today is mild and dry, with a light breeze."


def test_syntheses_past_the_queue_are_refused_and_the_rest_complete_while_pings_are_answered(
    services: Vocalis,
) -> None:
    slots = SynthesisSlots(max_concurrent=1, max_queued=1, retry_after_s=3)
    arrivals: list[str] = []  # what came back, in order, across all connections

    async def synthesis(server: WyomingServer) -> list[Event]:
        async with connect(server) as client:
            voice = SynthesizeVoice(name="af_heart")
            await client.write_event(Synthesize(text=TEXT, voice=voice).event())
            events = await read_until(client, of_type("audio-stop", "error"))
            arrivals.append(events[-1].type)
            return events

    async def ping(server: WyomingServer) -> None:
        async with connect(server) as client:
            await client.write_event(Ping(text="busy?").event())
            await read_until(client, of_type("pong"))
            arrivals.append("pong")

    async def scenario() -> list[list[Event]]:
        async with wyoming_server(services, slots=slots) as server:
            syntheses = [asyncio.create_task(synthesis(server)) for _ in range(5)]
            await asyncio.sleep(0.05)  # the syntheses are sent first
            await ping(server)
            return list(await asyncio.gather(*syntheses))

    answers = run_client(scenario())

    refused = [a for a in answers if a[-1].type == "error"]
    spoken = [a for a in answers if a[-1].type == "audio-stop"]
    assert len(spoken) == 2 and len(refused) == 3  # one rendering, one waiting, the rest turned away
    assert all(a[-1].data["code"] == "overloaded" and "retry in 3 s" in a[-1].data["text"] for a in refused)
    assert all(audio_of(a).duration > 1.5 for a in spoken)
    assert arrivals.index("pong") < arrivals.index("audio-stop")  # engines run off the event loop
    assert slots.running == 0 and slots.waiting == 0


def test_a_connection_past_the_limit_gets_an_overloaded_error_and_the_others_keep_serving(
    services: Vocalis,
) -> None:
    async def scenario() -> tuple[list[Event], Event | None, list[Event]]:
        async with wyoming_server(services, max_connections=2) as server:
            async with connect(server) as first, connect(server) as second:
                await first.write_event(Ping(text="one").event())
                await read_until(first, of_type("pong"))  # both are being served
                await second.write_event(Ping(text="two").event())
                await read_until(second, of_type("pong"))
                async with connect(server) as third:
                    refused = await read_until(third, of_type("error"))
                    after = await third.read_event()  # then the server closes it
                await first.write_event(Ping(text="still").event())
                served = await read_until(first, of_type("pong"))
            return refused, after, served

    refused, after, served = run_client(scenario())
    assert refused[-1].data["code"] == "overloaded" and "2 Wyoming connections" in refused[-1].data["text"]
    assert after is None
    assert served[-1].data["text"] == "still"
