"""HTTP API benchmark: `python -m bench.api [--url URL] [--quick]`.

Starts `vocalis serve` on a free loopback port unless --url is given. Measures time to first byte and
total time for a short and a long request against the engine alone (same text, in this process, as
ratios), streaming against non-streaming, and throughput/latency with 1, 2, 4 and 8 concurrent
clients. Prints one JSON document and a one-line summary.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from vocalis.config import Settings
from vocalis.services import build_services
from vocalis.speech.request import SpeechRequest

SHORT = "The meeting starts at nine, so please be on time."
LONG = " ".join(
    [
        "Long texts are cut into sentences and each one is spoken as soon as it is ready.",
        "That way a listener hears the beginning while the rest is still being made.",
        "The server keeps the event loop free, so other requests are answered at once.",
    ]
    * 3
)
SHARED_VOICES = Path(__file__).resolve().parent.parent.parent / "shared" / "models" / "kokoro-voices"
VOICE = "af_heart"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "VOCALIS_DATA_DIR": str(data_dir)}
    env.setdefault("VOCALIS_VOICES_DIR", str(SHARED_VOICES))
    vocalis = Path(sys.executable).parent / "vocalis"
    command = [str(vocalis), "serve", "--port", str(port)]
    process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start")


def timed_stream(http: httpx.Client, path: str, body: dict[str, object]) -> tuple[float, float, int]:
    started = time.perf_counter()
    first = None
    size = 0
    with http.stream("POST", path, json=body) as response:
        response.raise_for_status()
        for chunk in response.iter_bytes():
            if first is None:
                first = time.perf_counter() - started
            size += len(chunk)
    return first or 0.0, time.perf_counter() - started, size


def engine_alone(text: str, repeats: int) -> tuple[float, float]:
    """(best total seconds, first chunk seconds) for the synthesis service with no HTTP around it."""
    voices_dir = Settings().voices_dir or SHARED_VOICES
    speech = build_services(Settings(voices_dir=voices_dir)).speech
    speech.synthesize(speech.plan(SpeechRequest("Warm up.", VOICE)))
    best, first = float("inf"), float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        stream = speech.stream(speech.plan(SpeechRequest(text, VOICE)))
        next(stream)
        first = min(first, time.perf_counter() - started)
        for _ in stream:
            pass
        best = min(best, time.perf_counter() - started)
    return best, first


def concurrency(url: str, clients: int, requests_per_client: int) -> dict[str, float]:
    def one(_: int) -> tuple[float, int]:
        started = time.perf_counter()
        r = httpx.post(f"{url}/v1/audio/speech", json={"input": SHORT, "voice": VOICE}, timeout=300)
        return time.perf_counter() - started, r.status_code

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(one, range(clients * requests_per_client)))
    wall = time.perf_counter() - started
    latencies = sorted(r[0] for r in results)
    return {
        "clients": clients,
        "requests": len(results),
        "errors": sum(1 for _, status in results if status != 200),
        "throughput_rps": len(results) / wall,
        "latency_p50_s": statistics.median(latencies),
        "latency_p95_s": latencies[max(0, round(0.95 * len(latencies)) - 1)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--quick", action="store_true", help="fewer repeats and requests")
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/vocalis-bench-api"))
    args = parser.parse_args()
    repeats = 1 if args.quick else 3
    process = None
    url = args.url
    if url is None:
        process, url = start_server(args.data_dir)
    try:
        http = httpx.Client(base_url=url, timeout=600)
        http.post("/v1/audio/speech", json={"input": "Warm up.", "voice": VOICE}).raise_for_status()
        report: dict[str, object] = {}
        for name, text in (("short", SHORT), ("long", LONG)):
            body = {"input": text, "voice": VOICE}
            streamed = [timed_stream(http, "/v1/audio/speech", body) for _ in range(repeats)]
            whole = [
                timed_stream(http, f"/v1/text-to-speech/{VOICE}?output_format=mp3_24000_64", {"text": text})
                for _ in range(repeats)
            ]
            report[name] = {
                "streaming_ttfb_s": min(s[0] for s in streamed),
                "streaming_total_s": min(s[1] for s in streamed),
                "non_streaming_ttfb_s": min(w[0] for w in whole),
                "non_streaming_total_s": min(w[1] for w in whole),
            }
        levels = [1, 2, 4, 8]
        report["concurrency"] = [concurrency(url, n, 1 if args.quick else 2) for n in levels]
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
    # The engine alone runs after the server is gone, so the two never compete for the CPU.
    for name, text in (("short", SHORT), ("long", LONG)):
        total, first = engine_alone(text, repeats)
        entry = report[name]
        assert isinstance(entry, dict)
        entry["engine_total_s"] = total
        entry["engine_first_chunk_s"] = first
        entry["non_streaming_vs_engine"] = entry["non_streaming_total_s"] / total
        entry["streaming_ttfb_minus_first_chunk_ms"] = (entry["streaming_ttfb_s"] - first) * 1000
    report["targets"] = {
        "non_streaming_vs_engine": 1.05,
        "streaming_ttfb_minus_first_chunk_ms": 100,
        "errors": 0,
    }
    print(json.dumps(report, indent=2))
    long = report["long"]
    assert isinstance(long, dict)
    levels_report = report["concurrency"]
    assert isinstance(levels_report, list)
    errors = sum(level["errors"] for level in levels_report)
    print(
        f"long: non-streaming {long['non_streaming_vs_engine']:.3f}x engine (target <=1.05), "
        f"streaming first byte {long['streaming_ttfb_minus_first_chunk_ms']:+.0f} ms vs first sentence "
        f"(target <=100); 8 clients {levels_report[-1]['throughput_rps']:.2f} req/s "
        f"p95 {levels_report[-1]['latency_p95_s']:.2f} s, {errors} errors"
    )


if __name__ == "__main__":
    main()
