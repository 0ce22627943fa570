"""Processes sharing the stock-profile cache take turns to fill it, and read it without waiting once full."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from vocalis.cloning.profiles import _filling


def test_a_second_filler_waits_for_the_first_then_finds_its_entries(tmp_path: Path) -> None:
    cache = tmp_path / "profiles" / "stock.json"
    first_inside = threading.Event()
    seen_by_second: list[bool] = []

    def first() -> None:
        with _filling(cache, ["af_x"]):
            first_inside.set()
            time.sleep(0.3)  # rendering
            cache.write_text(json.dumps({"af_x": {}}))

    def second() -> None:
        first_inside.wait(5)
        with _filling(cache, ["af_x"]):
            seen_by_second.append(cache.is_file())

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen_by_second == [True]  # it did not enter while the first was still rendering
    assert time.monotonic() - started >= 0.3


def test_a_full_cache_is_read_without_the_lock(tmp_path: Path) -> None:
    cache = tmp_path / "stock.json"
    cache.write_text(json.dumps({"af_x": {}}))
    held = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with _filling(cache, ["af_missing"]):
            held.set()
            release.wait(30)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(5)
    started = time.monotonic()
    with _filling(cache, ["af_x"]):
        waited = time.monotonic() - started
    release.set()
    thread.join(5)
    assert waited < 5.0  # the holder keeps the lock for up to 30 s: no wait at all, even on a loaded machine
