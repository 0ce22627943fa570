"""Jobs benchmark: `python -m bench.jobs [--words N] [--voice V] [--format F] [--short-jobs N] [--smoke]`.

Runs the real app in this process (embedded worker). Measures a long text (10,000 words by default) as
one job against the engine alone rendering the same text to the same format (target: at most 1.05x),
the time from submission to the first progress event (SSE), and the throughput of many short jobs
with 1 and 2 worker threads. Prints one JSON document and a one-line summary. `--smoke`: the same
report for a 60-word text and 3 short jobs.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from bench.paths import shared_voices
from bench.report import SMOKE_NOTE, BenchFailed, run_main, shaped
from vocalis.api.app import create_app
from vocalis.audio.formats import AudioFormat
from vocalis.config import JobSettings, LimitSettings, Settings
from vocalis.engines.registry import EngineRegistry
from vocalis.graph import build_graph
from vocalis.speech.request import SpeechRequest
from vocalis.speech.run import OutputSpec, SynthesisRun

SMOKE_WORDS, SMOKE_SHORT_JOBS = 60, 3
REPORT_KEYS = (
    "voice",
    "format",
    "words",
    "characters",
    "engine_alone_s",
    "job",
    "job_vs_engine_ratio",
    "target_ratio",
    "short_jobs",
)
SENTENCES = (
    "The rain had stopped by the time the train pulled into the station.",
    "She counted the windows twice, as if the number might change.",
    "Nobody on the platform seemed to notice the old man with the violin.",
    "In the distance, a bell rang seven times and then fell silent.",
    "He folded the letter, put it in his coat, and walked towards the river.",
    "Years later, they would argue about who had spoken first.",
)


def book(words: int) -> str:
    out: list[str] = []
    count = 0
    paragraph = 0
    while count < words:
        sentence = SENTENCES[len(out) % len(SENTENCES)]
        out.append(sentence)
        count += len(sentence.split())
        if len(out) % 5 == 0:
            paragraph += 1
            out.append("\n\n")
    return " ".join(out).replace(" \n\n ", "\n\n")


def engine_alone(
    settings: Settings, engines: EngineRegistry, text: str, voice: str, fmt: AudioFormat
) -> float:
    services = build_graph(settings, engines=engines)
    plan = services.speech.plan(SpeechRequest(text, voice))
    started = time.perf_counter()
    SynthesisRun(services.speech, plan, OutputSpec(fmt)).read_all()
    return time.perf_counter() - started


def app_client(settings: Settings, engines: EngineRegistry, workers: int) -> TestClient:
    configured = settings.model_copy(
        update={
            "jobs": JobSettings(workers=workers),
            "limits": LimitSettings(requests_per_minute=1_000_000, characters_per_day=100_000_000),
        }
    )
    client = TestClient(create_app(configured, engines=engines))
    return client


def sign_in(client: TestClient, email: str) -> None:
    accounts = client.app.state.vocalis.accounts  # type: ignore[attr-defined]
    user = accounts.directory.create(email, "correct horse battery", actor_id=None)
    client.headers["Authorization"] = f"Bearer {accounts.keys.create(user, 'bench', None).key}"


def long_job(client: TestClient, text: str, voice: str, fmt: AudioFormat) -> dict[str, Any]:
    body = {"text": text, "voice": voice, "format": fmt.value, "options": {"timestamps": False}}
    started = time.perf_counter()
    job_id = client.post("/v1/jobs", json=body).json()["id"]
    first_progress: float | None = None
    final: dict[str, Any] = {}
    with client.stream("GET", f"/v1/jobs/{job_id}/events") as events:
        for line in events.iter_lines():
            if not line.startswith("data: "):
                continue
            event = json.loads(line[6:])
            if first_progress is None and event["job"]["progress"]["chunks_done"] > 0:
                first_progress = time.perf_counter() - started
            if event["type"] != "progress":
                final = event
                break
    wall = time.perf_counter() - started
    if not final:
        raise BenchFailed(f"the event stream of job {job_id} ended before the job finished")
    job = final["job"]
    if job["status"] != "succeeded":
        raise BenchFailed(f"the long job {job['status']}: {job.get('error')}")
    return {
        "status": job["status"],
        "wall_s": round(wall, 3),
        "first_progress_s": round(first_progress or wall, 3),
        "chunks": job["progress"]["chunks_total"],
        "audio_s": job["progress"]["audio_seconds"],
    }


def short_jobs(
    settings: Settings, engines: EngineRegistry, voice: str, count: int, workers: int
) -> dict[str, Any]:
    with app_client(settings, engines, workers) as client:
        sign_in(client, f"short{workers}@example.org")
        started = time.perf_counter()
        for n in range(count):
            body = {"text": f"Short job number {n}. " + SENTENCES[n % len(SENTENCES)], "voice": voice,
                    "format": "mp3", "options": {"timestamps": False}}  # fmt: skip
            assert client.post("/v1/jobs", json=body).status_code == 202
        while True:
            listed = client.get("/v1/jobs", params={"limit": 500}).json()["jobs"]
            if all(j["status"] not in ("queued", "running") for j in listed):
                break
            time.sleep(0.02)
        wall = time.perf_counter() - started
    failed = [j for j in listed if j["status"] != "succeeded"]
    if failed:
        raise BenchFailed(f"{len(failed)} of {count} short jobs did not succeed: {failed[0].get('error')}")
    return {"workers": workers, "jobs": count, "wall_s": round(wall, 3), "jobs_per_s": round(count / wall, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=10_000, help="length of the long text")
    parser.add_argument("--voice", default="heart", help="voice (heart: hibari, fast; af_heart: Kokoro)")
    parser.add_argument("--format", default="mp3", choices=[f.value for f in AudioFormat])
    parser.add_argument("--short-jobs", type=int, default=50, help="short jobs for the throughput runs")
    parser.add_argument(
        "--smoke", action="store_true", help=f"at most {SMOKE_WORDS} words and {SMOKE_SHORT_JOBS} short jobs"
    )
    args = parser.parse_args()
    if args.smoke:
        args.words, args.short_jobs = min(args.words, SMOKE_WORDS), min(args.short_jobs, SMOKE_SHORT_JOBS)
    fmt = AudioFormat(args.format)
    with tempfile.TemporaryDirectory(prefix="vocalis-bench-jobs-") as tmp:
        voices = Settings().voices_dir or shared_voices()
        settings = Settings(data_dir=Path(tmp), voices_dir=voices)
        engines = build_graph(settings).engines
        text = book(args.words)
        engine_alone(settings, engines, SENTENCES[0], args.voice, fmt)  # load the model first
        alone = engine_alone(settings, engines, text, args.voice, fmt)
        with app_client(settings, engines, workers=1) as client:
            sign_in(client, "long@example.org")
            job = long_job(client, text, args.voice, fmt)
        throughput = [short_jobs(settings, engines, args.voice, args.short_jobs, w) for w in (1, 2)]
    ratio = job["wall_s"] / alone
    report = shaped(
        REPORT_KEYS,
        {
            "voice": args.voice,
            "format": fmt.value,
            "words": len(text.split()),
            "characters": len(text),
            "engine_alone_s": round(alone, 3),
            "job": job,
            "job_vs_engine_ratio": round(ratio, 3),
            "target_ratio": 1.05,
            "short_jobs": throughput,
        },
    )
    print(json.dumps(report, indent=2))
    one, two = throughput
    print(
        f"jobs: {report['words']} words ({job['audio_s']:.0f} s audio, {args.voice}, {fmt.value}) "
        f"job {job['wall_s']:.1f} s vs engine {alone:.1f} s = {ratio:.3f}x (target <=1.05); "
        f"first progress {job['first_progress_s']:.2f} s; {args.short_jobs} short jobs "
        f"{one['jobs_per_s']}/s with 1 worker, {two['jobs_per_s']}/s with 2"
        + (SMOKE_NOTE if args.smoke else "")
    )


if __name__ == "__main__":
    run_main("bench.jobs", main)
