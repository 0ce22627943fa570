"""Admission: a place, once given, counts until released; a full lane refuses before anything starts."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from tests.servers import run_client
from vocalis.engines.protocols import TTSCapabilities
from vocalis.errors import Overloaded
from vocalis.speech.admission import LaneLoad, Place, SynthesisSlots

SLOW = TTSCapabilities(
    sample_rate=24000, languages=("en-US",), max_units=400, blends=True, speed_range=(0.5, 2.0)
)
FAST = replace(SLOW, fast=True)


def slots() -> SynthesisSlots:
    return SynthesisSlots(
        max_concurrent=1, max_queued=1, retry_after_s=4, fast_max_concurrent=1, fast_max_queued=0
    )


def test_places_not_yet_started_count_against_the_queue() -> None:
    lanes = slots()
    first, second = lanes.admit(SLOW), lanes.admit(SLOW)  # neither has begun waiting for its slot
    with pytest.raises(Overloaded) as refused:
        lanes.admit(SLOW)
    assert refused.value.retry_after == 4 and refused.value.details["lane"] == "standard"
    first.release()
    first.release()  # idempotent: every exit path may release
    third = lanes.admit(SLOW)
    assert lanes.lanes()["standard"] == LaneLoad(running=0, waiting=2)
    second.release()
    third.release()
    assert lanes.lanes()["standard"] == LaneLoad(running=0, waiting=0)


def test_an_admitted_place_waits_for_its_slot_and_is_never_refused() -> None:
    async def scenario() -> list[str]:
        lanes = slots()
        order: list[str] = []
        running, queued = lanes.admit(SLOW), lanes.admit(SLOW)

        async def render(name: str, place: Place, seconds: float) -> None:
            async with place:
                order.append(f"{name} starts")
                await asyncio.sleep(seconds)

        first = asyncio.create_task(render("first", running, 0.05))
        second = asyncio.create_task(render("second", queued, 0))
        await asyncio.sleep(0.01)
        assert (lanes.running, lanes.waiting) == (1, 1)
        await asyncio.gather(first, second)
        assert (lanes.running, lanes.waiting) == (0, 0)
        return order

    assert run_client(scenario()) == ["first starts", "second starts"]


def test_a_waiter_cancelled_in_the_queue_gives_its_place_back() -> None:
    async def scenario() -> tuple[int, int]:
        lanes = slots()
        running, queued = lanes.admit(SLOW), lanes.admit(SLOW)
        await running.__aenter__()
        waiter = asyncio.create_task(queued.__aenter__())
        await asyncio.sleep(0.01)
        waiter.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiter
        lanes.admit(SLOW).release()  # the cancelled place was given back: there is room again
        await running.__aexit__(None, None, None)
        return lanes.running, lanes.waiting

    assert run_client(scenario()) == (0, 0)


def test_fast_engines_have_their_own_slots() -> None:
    lanes = slots()
    lanes.admit(SLOW), lanes.admit(SLOW)
    fast = lanes.admit(FAST)  # the standard lane is full; the fast one is not
    with pytest.raises(Overloaded) as refused:
        lanes.admit(FAST)
    assert refused.value.details["lane"] == "fast"
    fast.release()
    assert lanes.lanes() == {"standard": LaneLoad(0, 2), "fast": LaneLoad(0, 0)}
