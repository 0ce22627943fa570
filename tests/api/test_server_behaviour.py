"""Behaviour only a real server shows: streaming timing, disconnects, a free event loop, overload."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx

from tests.api.conftest import running_server
from vocalis.config import Settings, SpeechSettings
from vocalis.engines.registry import EngineRegistry
from vocalis.engines.testing import CountingEngine, ToneEngine
from vocalis.services import Services

SENTENCE = "This sentence is one of many that make a long request for the server."


def test_first_bytes_leave_when_the_first_sentence_is_ready(
    api_settings: Settings, services: Services
) -> None:
    text = " ".join([SENTENCE] * 6)
    with (
        running_server(api_settings, services.engines) as url,
        httpx.Client(base_url=url, timeout=120) as http,
    ):
        http.post("/v1/audio/speech", json={"input": "Warm up.", "voice": "af_heart"})
        started = time.perf_counter()
        with http.stream("POST", "/v1/audio/speech", json={"input": text, "voice": "af_heart"}) as r:
            chunks = r.iter_bytes()
            next(chunks)
            first = time.perf_counter() - started
            for _ in chunks:
                pass
        total = time.perf_counter() - started
    assert first < total / 3, (first, total)


def test_a_client_that_disconnects_stops_generation(api_settings: Settings, services: Services) -> None:
    counting = CountingEngine(services.engines.get_tts("kokoro"))
    engines = EngineRegistry(tts={**services.engines.tts, "kokoro": counting}, stt=services.engines.stt)
    text = " ".join([SENTENCE] * 20)
    with running_server(api_settings, engines) as url, httpx.Client(base_url=url, timeout=120) as http:
        with http.stream("POST", "/v1/audio/speech", json={"input": text, "voice": "af_heart"}) as r:
            next(r.iter_bytes())
        # The chunk being rendered when the client left finishes (a thread cannot be interrupted);
        # then the slot is released and nothing more is rendered.
        deadline = time.monotonic() + 30
        while http.get("/health").json()["running"] != 0:
            assert time.monotonic() < deadline, "the synthesis slot was never released"
            time.sleep(0.2)
        after_close = counting.renders
        time.sleep(2.0)
        assert counting.renders == after_close  # nothing more is rendered
        assert after_close <= 5, after_close  # of 20 sentences


def test_health_answers_fast_while_long_syntheses_run(api_settings: Settings, services: Services) -> None:
    text = " ".join([SENTENCE] * 4)
    settings = api_settings.model_copy(update={"speech": SpeechSettings(max_concurrent=4)})
    with running_server(settings, services.engines) as url:

        def synthesise() -> None:
            httpx.post(f"{url}/v1/audio/speech", json={"input": text, "voice": "af_heart"}, timeout=300)

        workers = [threading.Thread(target=synthesise) for _ in range(4)]
        for worker in workers:
            worker.start()
        time.sleep(1.5)
        latencies = []
        with httpx.Client(base_url=url) as http:
            for _ in range(10):
                started = time.perf_counter()
                assert http.get("/health").status_code == 200
                latencies.append(time.perf_counter() - started)
                time.sleep(0.1)
            running = http.get("/health").json()["running"]
        for worker in workers:
            worker.join()
    assert running >= 2
    assert sorted(latencies)[len(latencies) // 2] < 0.05, latencies
    assert max(latencies) < 0.25, latencies


def test_overload_gives_503_with_retry_after_and_drops_nothing(tmp_path: Path, settings: Settings) -> None:
    tone = ToneEngine(render_delay=0.5)
    engines = EngineRegistry(tts={"tone": tone})
    limited = settings.model_copy(
        update={
            "data_dir": tmp_path,
            "speech": SpeechSettings(max_concurrent=1, max_queued=1, retry_after_s=7),
        }
    )
    results: list[httpx.Response] = []
    lock = threading.Lock()
    with running_server(limited, engines) as url:

        def ask() -> None:
            r = httpx.post(f"{url}/tts", json={"text": "One. Two.", "voice": "tone_a"}, timeout=60)
            with lock:
                results.append(r)

        threads = [threading.Thread(target=ask) for _ in range(4)]
        for thread in threads:
            thread.start()
            time.sleep(0.1)
        for thread in threads:
            thread.join()
    statuses = sorted(r.status_code for r in results)
    assert statuses == [200, 200, 503, 503], statuses
    refused = next(r for r in results if r.status_code == 503)
    assert refused.headers["retry-after"] == "7"
    assert refused.json()["error"]["code"] == "overloaded"
    served = [r for r in results if r.status_code == 200]
    assert all(len(r.content) > 44 for r in served)  # complete WAVs, not truncated
