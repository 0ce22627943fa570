"""HTTP API benchmark: `python -m bench.api [--url URL [--api-key KEY]] [--quick | --smoke]`.

Starts `vocalis serve` on a free loopback port in local mode (as `scripts/serve` does: requests from
this machine act as the local admin) unless --url is given; a server elsewhere needs an API key
(--api-key or VOCALIS_API_KEY). Measures time to first byte and total time for a short and a long
request against the engine alone (same text, in this process, as ratios), streaming against
non-streaming, and throughput/latency with 1, 2, 4 and 8 concurrent clients. Prints one JSON
document and a one-line summary. `--smoke`: the same report for a few words, 1 and 2 clients.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from bench.paths import shared_voices
from bench.report import SMOKE_NOTE, BenchFailed, run_main, shaped
from vocalis.config import Settings
from vocalis.graph import build_graph
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
SMOKE_SHORT = "Good morning."
SMOKE_LONG = "Long texts are cut into sentences. Each one is spoken when ready."
REPORT_KEYS = ("short", "long", "concurrency", "targets")
VOICE = "af_heart"
# The smoke checks the HTTP path, not the engine (bench.tts does): hibari's voice renders in milliseconds.
SMOKE_VOICE = "heart"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`vocalis serve` on a free loopback port in local mode, as a user starts it with scripts/serve."""
    port = free_port()
    # Local mode is forced (scripts/serve lets a user turn it off): this private server has no accounts.
    env = {**os.environ, "VOCALIS_DATA_DIR": str(data_dir), "VOCALIS_AUTH__LOCAL_MODE": "true"}
    env.setdefault("VOCALIS_VOICES_DIR", str(shared_voices()))
    vocalis = Path(sys.executable).parent / "vocalis"
    command = [str(vocalis), "serve", "--host", "127.0.0.1", "--port", str(port)]
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir / "bench-server.log"
    with log.open("wb") as stderr:
        process = subprocess.Popen(command, env=env, stdout=stderr, stderr=stderr)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return process, url
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    process.kill()
    process.wait(timeout=30)
    tail = log.read_text(errors="replace").strip().splitlines()[-15:]
    why = f"exited with code {process.returncode}" if process.returncode else "was not healthy within 120 s"
    raise BenchFailed(f"`vocalis serve` {why}; its last lines:\n" + "\n".join(tail))


def checked(response: httpx.Response) -> httpx.Response:
    """The response, or a clear failure: a refusal of credentials says what to pass."""
    if response.status_code in (401, 403):
        response.read()
        raise BenchFailed(
            f"{response.request.url} answered {response.status_code} ({response.text[:200]}): pass an "
            "API key of an account that may synthesise (--api-key or VOCALIS_API_KEY), or omit --url "
            "to let the bench start its own server in local mode"
        )
    response.raise_for_status()
    return response


def timed_stream(http: httpx.Client, path: str, body: dict[str, object]) -> tuple[float, float, int]:
    started = time.perf_counter()
    first = None
    size = 0
    with http.stream("POST", path, json=body) as response:
        checked(response)
        for chunk in response.iter_bytes():
            if first is None:
                first = time.perf_counter() - started
            size += len(chunk)
    return first or 0.0, time.perf_counter() - started, size


def engine_alone(text: str, voice: str, repeats: int) -> tuple[float, float]:
    """(best total seconds, first chunk seconds) for the synthesis service with no HTTP around it."""
    voices_dir = Settings().voices_dir or shared_voices()
    speech = build_graph(Settings(voices_dir=voices_dir)).speech
    speech.synthesize(speech.plan(SpeechRequest("Warm up.", voice)))
    best, first = float("inf"), float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        stream = speech.stream(speech.plan(SpeechRequest(text, voice)))
        next(stream)
        first = min(first, time.perf_counter() - started)
        for _ in stream:
            pass
        best = min(best, time.perf_counter() - started)
    return best, first


def concurrency(
    url: str, clients: int, requests_per_client: int, text: str, voice: str, headers: dict[str, str]
) -> dict[str, float]:
    def one(_: int) -> tuple[float, int]:
        started = time.perf_counter()
        body = {"input": text, "voice": voice}
        r = httpx.post(f"{url}/v1/audio/speech", json=body, headers=headers, timeout=300)
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


Texts = tuple[tuple[str, str], ...]


def measure_server(
    args: argparse.Namespace, scratch: Path, repeats: int, texts: Texts, headers: dict[str, str]
) -> dict[str, object]:
    voice = args.voice
    """Streaming, whole responses and concurrency against --url or a server of our own."""
    process = None
    url = args.url
    if url is None:
        process, url = start_server(args.data_dir or scratch)
    try:
        http = httpx.Client(base_url=url, timeout=600, headers=headers)
        checked(http.post("/v1/audio/speech", json={"input": "Warm up.", "voice": voice}))
        report: dict[str, object] = {}
        for name, text in texts:
            body = {"input": text, "voice": voice}
            streamed = [timed_stream(http, "/v1/audio/speech", body) for _ in range(repeats)]
            whole = [
                timed_stream(http, f"/v1/text-to-speech/{voice}?output_format=mp3_24000_64", {"text": text})
                for _ in range(repeats)
            ]
            report[name] = {
                "streaming_ttfb_s": min(s[0] for s in streamed),
                "streaming_total_s": min(s[1] for s in streamed),
                "non_streaming_ttfb_s": min(w[0] for w in whole),
                "non_streaming_total_s": min(w[1] for w in whole),
            }
        levels = [1, 2] if args.smoke else [1, 2, 4, 8]
        per_client = 1 if args.quick or args.smoke else 2
        report["concurrency"] = [concurrency(url, n, per_client, texts[0][1], voice, headers) for n in levels]
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a running server (default: start one in local mode)")
    parser.add_argument(
        "--api-key",
        default=os.environ.get("VOCALIS_API_KEY"),
        help="API key for --url (default: $VOCALIS_API_KEY); not needed for the bench's own server",
    )
    parser.add_argument("--quick", action="store_true", help="fewer repeats and requests")
    parser.add_argument(
        "--smoke", action="store_true", help=f"a few words, once, 1 and 2 clients, voice {SMOKE_VOICE}"
    )
    parser.add_argument("--voice", help=f"voice to request (default {VOICE}; {SMOKE_VOICE} with --smoke)")
    parser.add_argument(
        "--data-dir", type=Path, help="data directory of the bench's server (default: a fresh temporary one)"
    )
    args = parser.parse_args()
    args.voice = args.voice or (SMOKE_VOICE if args.smoke else VOICE)
    repeats = 1 if args.quick or args.smoke else 3
    texts: Texts = (
        (("short", SMOKE_SHORT), ("long", SMOKE_LONG)) if args.smoke else (("short", SHORT), ("long", LONG))
    )
    headers = {"Authorization": f"Bearer {args.api_key}"} if args.url and args.api_key else {}
    with tempfile.TemporaryDirectory(prefix="vocalis-bench-api-") as scratch:
        report = measure_server(args, Path(scratch), repeats, texts, headers)
    # The engine alone runs after the server is gone, so the two never compete for the CPU.
    for name, text in texts:
        total, first = engine_alone(text, args.voice, repeats)
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
    report = shaped(REPORT_KEYS, report)
    print(json.dumps(report, indent=2))
    long = report["long"]
    assert isinstance(long, dict)
    levels_report = report["concurrency"]
    assert isinstance(levels_report, list)
    errors = sum(level["errors"] for level in levels_report)
    print(
        f"long: non-streaming {long['non_streaming_vs_engine']:.3f}x engine (target <=1.05), "
        f"streaming first byte {long['streaming_ttfb_minus_first_chunk_ms']:+.0f} ms vs first sentence "
        f"(target <=100); {levels_report[-1]['clients']} clients {levels_report[-1]['throughput_rps']:.2f} "
        f"req/s p95 {levels_report[-1]['latency_p95_s']:.2f} s, {errors} errors"
        + (SMOKE_NOTE if args.smoke else "")
    )


if __name__ == "__main__":
    run_main("bench.api", main)
