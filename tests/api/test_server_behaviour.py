"""Behaviour only a real server shows: streaming timing, disconnects, a free event loop, overload."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.api.conftest import running_server
from tests.servers import run_client
from vocalis.config import Settings, SpeechSettings
from vocalis.engines.registry import EngineRegistry
from vocalis.engines.testing import CountingEngine, ToneEngine
from vocalis.graph import Vocalis
from vocalis.store.readiness import PROBE_TIMEOUT_S

SENTENCE = "This sentence is one of many that make a long request for the server."


def test_first_bytes_leave_when_the_first_sentence_is_ready(
    api_settings: Settings, services: Vocalis
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


def test_a_client_that_disconnects_stops_generation(api_settings: Settings, services: Vocalis) -> None:
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


def test_health_answers_fast_while_long_syntheses_run(api_settings: Settings, services: Vocalis) -> None:
    text = " ".join([SENTENCE] * 4)
    settings = api_settings.model_copy(update={"speech": SpeechSettings(max_concurrent=4)})
    measured = threading.Event()
    with running_server(settings, services.engines) as url:

        def synthesise() -> None:
            body = {"input": text, "voice": "af_heart"}
            with httpx.stream("POST", f"{url}/v1/audio/speech", json=body, timeout=300) as response:
                for _ in response.iter_bytes():
                    if measured.is_set():
                        return  # leaving stops the render (tested above); the rest is not needed

        workers = [threading.Thread(target=synthesise) for _ in range(4)]
        for worker in workers:
            worker.start()
        time.sleep(1.5)
        latencies = []
        with httpx.Client(base_url=url) as http:
            # The connection is opened first, unmeasured: in one CI run its first request took 1.39 s on a
            # loaded 2-core machine while the nine after it took 9-13 ms (a loop blocked by renders is
            # slow on every request, as the assertions below check).
            assert http.get("/health").status_code == 200
            for _ in range(10):
                started = time.perf_counter()
                assert http.get("/health").status_code == 200
                latencies.append(time.perf_counter() - started)
                time.sleep(0.1)
            running = http.get("/health").json()["running"]
        measured.set()
        for worker in workers:
            worker.join()
    assert running >= 2
    # A loop blocked by a render holds /health for a whole sentence's render (about a second here) on
    # every request. A busy machine instead delays one now and then: in CI runs, with the other test
    # worker on both cores, one request of ten took 1.39 s once, and another time a database check
    # outran the probe timeout (then 0.8 s) while the others took 3-30 ms.
    assert sorted(latencies)[len(latencies) // 2] < 0.05, latencies
    assert sum(latency > 0.25 for latency in latencies) <= 1, latencies
    assert max(latencies) < PROBE_TIMEOUT_S + 0.5, latencies


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


@dataclass(frozen=True)
class Answer:
    status: int
    retry_after: str | None
    code: str | None
    audio_bytes: int
    complete: bool  # the body arrived whole (no broken transfer, and a stream's final event)


class ServerErrors(logging.Handler):
    """Error records logged by the server in this process (uvicorn's loggers do not reach caplog)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def server_errors() -> Iterator[ServerErrors]:
    handler = ServerErrors()
    loggers = [logging.getLogger(name) for name in ("", "uvicorn", "uvicorn.error")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


async def _speech(http: httpx.AsyncClient, body: dict[str, object]) -> Answer:
    try:
        async with http.stream("POST", "/v1/audio/speech", json=body) as r:
            raw = await r.aread()
    except httpx.HTTPError:
        return Answer(200, None, None, 0, complete=False)  # a transfer cut off after the status line
    if r.status_code != 200:
        code = json.loads(raw)["error"]["code"]
        return Answer(r.status_code, r.headers.get("retry-after"), code, 0, complete=True)
    if body.get("stream_format") != "sse":
        return Answer(200, None, None, len(raw), complete=True)
    events = [json.loads(line[6:]) for line in raw.decode().splitlines() if line.startswith("data: ")]
    audio = sum(len(base64.b64decode(e["audio"])) for e in events if e["type"] == "speech.audio.delta")
    done = bool(events) and events[-1]["type"] == "speech.audio.done"
    return Answer(200, None, None, audio, complete=done)


def test_many_simultaneous_requests_are_either_whole_or_refused_before_they_start(
    tmp_path: Path, settings: Settings
) -> None:
    engines = EngineRegistry(tts={"tone": ToneEngine(render_delay=0.1)})
    limited = settings.model_copy(
        update={
            "data_dir": tmp_path,
            "speech": SpeechSettings(max_concurrent=1, max_queued=2, retry_after_s=3),
        }
    )
    audio = {"input": "One. Two. Three.", "voice": "tone_a", "response_format": "pcm"}
    kinds = [audio, {**audio, "stream_format": "sse"}]

    async def burst(url: str) -> tuple[Answer, list[Answer]]:
        async with httpx.AsyncClient(base_url=url, timeout=120) as http:
            alone = await _speech(http, audio)
            answers = await asyncio.gather(*(_speech(http, kinds[i % 2]) for i in range(30)))
        return alone, list(answers)

    with server_errors() as errors, running_server(limited, engines) as url:
        alone, answers = run_client(burst(url))
    # 16-bit samples of a tone 0.05 s a character: about 2 s for the three sentences.
    assert alone.status == 200 and alone.audio_bytes > 2 * 24000 * 1.0, alone
    served = [a for a in answers if a.status == 200]
    refused = [a for a in answers if a.status != 200]
    assert all(a.complete and a.audio_bytes == alone.audio_bytes for a in served), served
    assert all((a.status, a.code, a.retry_after) == (503, "overloaded", "3") for a in refused), refused
    assert len(served) >= 3 and len(refused) >= 1, (len(served), len(refused))
    assert not errors.records, [r.getMessage() for r in errors.records]


def test_a_fast_voice_is_not_queued_behind_slow_renders(api_settings: Settings, services: Vocalis) -> None:
    long_text = " ".join([SENTENCE] * 12)  # ~40 s of Kokoro audio: tens of seconds to render
    settings = api_settings.model_copy(update={"speech": SpeechSettings(max_concurrent=2, max_queued=4)})
    hibari = {"input": "A quick answer.", "voice": "heart", "response_format": "wav"}
    kokoro = {"input": long_text, "voice": "af_heart", "response_format": "pcm"}

    async def scenario(url: str) -> tuple[httpx.Response, float, dict[str, object]]:
        async with httpx.AsyncClient(base_url=url, timeout=300) as http:
            assert (await http.post("/v1/audio/speech", json=hibari)).status_code == 200  # model loaded

            async def slow() -> None:
                async with http.stream("POST", "/v1/audio/speech", json=kokoro) as r:
                    async for _ in r.aiter_bytes():
                        pass

            clients = [asyncio.create_task(slow()) for _ in range(3)]
            try:
                deadline = time.monotonic() + 60
                while (load := (await http.get("/health")).json())["running"] < 2 or load["waiting"] < 1:
                    assert time.monotonic() < deadline, load
                    await asyncio.sleep(0.1)
                started = time.perf_counter()
                r = await http.post("/v1/audio/speech", json=hibari)
                answered = time.perf_counter() - started
                still = (await http.get("/health")).json()
            finally:
                for client in clients:
                    client.cancel()  # leaving cancels the Kokoro renders
                await asyncio.gather(*clients, return_exceptions=True)
            return r, answered, still

    with running_server(settings, services.engines) as url:
        r, answered, still = run_client(scenario(url))
    assert r.status_code == 200 and r.headers["x-model"] == "hibari"
    assert len(r.content) > 44 + 2 * 24000 * 0.5  # at least half a second of 16-bit audio
    assert answered < 2.0, answered
    # The Kokoro renders were still running (and one waiting) when hibari answered.
    assert still["lanes"] == {  # type: ignore[comparison-overlap]
        "standard": {"running": 2, "waiting": 1},
        "fast": {"running": 0, "waiting": 0},
    }, still
