"""Live coaching benchmark: `python -m bench.coaching [--quick | --smoke] [--levels 1,4,8,...]`.

Starts `vocalis serve` (local mode, as a user does) and, at each level, N WebSocket clients at once,
each streaming a real talk (the project's TTS reading a filler-heavy script, real noise mixed in at
20 dB SNR) at real speed in 100 ms frames to ``/ws/session/{id}``. As real speakers do, the sessions
say different things and start at different moments: session k reads the script's sentences rotated by
k and starts k x ``STAGGER_S`` after the first (the same talk in lockstep made every shared caption
window hold one phrase several times over, which Whisper continued as a loop: 1.1-1.8 s per window).

Measures, per level: the server's processing time per chunk (p50/p95, reported by the server in
``metrics_update``), the live transcript lag from the end of a word to the first ``transcript`` event
that carries it, a provisional caption or the final words (p50/p95), the server's memory per session,
and the first level at which each target breaks (chunk p95 under 20 ms; lag p95 under 2 s). Accuracy
at one session: the live report against the whole-file analysis of the same audio
(``POST /api/v1/analysis``, the reference path) and against the script's truth, and the live speech
segments of the hand-labelled recording in ../shared/audio against its labels.
`--smoke`: one session, a 4 s clip, the same report shape.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import soundfile as sf
import websockets
from tests.analysis.talks import SHARED_AUDIO, Talk, build_talk, load_noise, with_noise
from tests.coaching.talks import FILLER_TALK
from tests.engines.test_vad import frame_agreement, labelled_speech

from bench.api import start_server
from bench.paths import shared_voices
from bench.report import SMOKE_NOTE, BenchFailed, run_main, shaped
from vocalis.analysis.fillers import normalise
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode_file
from vocalis.config import Settings
from vocalis.engines.protocols import SpeechSpan
from vocalis.graph import build_graph

REPORT_KEYS = ("talk", "levels", "breaks_at", "accuracy", "targets")
TARGETS = {"chunk_ms_p95": 20.0, "transcript_lag_s_p95": 2.0}
SAME_WORD_S = 0.3
FULL_LEVELS = (1, 2, 4, 8, 12, 16, 20)
CHUNK = 1600  # 100 ms at 16 kHz
STAGGER_S = 0.37  # between the starts of two sessions of a level
SNR_DB = 20.0


def pcm(samples: np.ndarray) -> bytes:
    data: bytes = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
    return data


async def one_session(url: str, audio: AudioChunk, tail_s: float = 2.0) -> dict[str, Any]:
    """Stream ``audio`` at real speed and collect what came back, with receive times."""
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        created = await http.post("/api/v1/sessions", json={"title": "bench", "session_type": "presentation"})
        session_id = created.json()["id"]
    samples = np.concatenate([audio.samples, np.zeros(round(16_000 * tail_s), np.float32)])
    received: list[tuple[float, dict[str, Any]]] = []
    ws_url = url.replace("http://", "ws://") + f"/ws/session/{session_id}"
    async with websockets.connect(ws_url, max_size=None) as ws:

        async def reader() -> None:
            async for message in ws:
                event = json.loads(message)
                received.append((time.monotonic(), event))
                if event["type"] == "coaching_result":
                    return

        reading = asyncio.create_task(reader())
        await ws.send(json.dumps({"type": "start", "sample_rate": 16000}))
        started = time.monotonic()
        for i in range(0, len(samples), CHUNK):
            await ws.send(pcm(samples[i : i + CHUNK]))
            wait = started + (i + CHUNK) / 16_000 - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
        await ws.send(json.dumps({"type": "stop"}))
        await asyncio.wait_for(reading, timeout=300)
    errors = [e for _, e in received if e["type"] == "error"]
    if errors:
        raise BenchFailed(f"the server answered errors: {errors[:2]}")
    chunk_ms = [t for _, e in received if e["type"] == "metrics_update" for t in e["processing_ms"]]
    lags = word_lags(received, started, started + len(samples) / 16_000)
    report = next(e for _, e in received if e["type"] == "coaching_result")["report"]
    cues = [e["feedback_type"] for _, e in received if e["type"] == "realtime_feedback"]
    return {"chunk_ms": chunk_ms, "lags": lags, "report": report, "cues": cues}


def word_lags(received: list[tuple[float, dict[str, Any]]], started: float, ended: float) -> list[float]:
    """For each word of the talk: from its end to the first transcript event (provisional caption or
    final) that carried it, or to the report when it was first heard there, after ``stop``. The same
    word is the same text once punctuation and case are set aside ("change," in a caption, "change" in
    the final) at the same place: its start or its end within SAME_WORD_S (Whisper times a filler's
    start loosely: "Um," at 15.0-15.0 in a caption, 14.5-15.0 in the final)."""
    events = [(at, e) for at, e in received if e["type"] == "transcript"]
    result_at, result = next((at, e) for at, e in received if e["type"] == "coaching_result")
    lags = []
    # Every word of the talk, even those first heard in the report after ``stop`` (then late by that).
    finals = [(at, e) for at, e in events if e["final"]]
    heard_live = {(normalise(w["text"]), round(w["start"], 1)) for _, e in finals for w in e["words"]}
    leftover = [
        w
        for w in result["report"]["analysis"]["transcript"]["words"]
        if (normalise(w["text"]), round(w["start"], 1)) not in heard_live and w["end"] < ended - started
    ]
    finals.append((result_at, {"words": leftover}))  # fmt: skip
    for at, event in finals:
        for word in event["words"]:
            carried = (t for t, e in events if t <= at for w in e["words"] if same_word(w, word))
            first = min(carried, default=at)
            lags.append(first - (started + word["end"]))
    return lags


def same_word(a: dict[str, Any], b: dict[str, Any]) -> bool:
    near = abs(a["start"] - b["start"]) < SAME_WORD_S or abs(a["end"] - b["end"]) < SAME_WORD_S
    return near and normalise(a["text"]) == normalise(b["text"])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def staggered(url: str, audio: AudioChunk, delay: float) -> dict[str, Any]:
    await asyncio.sleep(delay)
    return await one_session(url, audio)


async def level(url: str, pid: int, talks: list[AudioChunk], sessions: int) -> dict[str, Any]:
    base = rss_mb(pid)
    peak = [base]

    async def watch() -> None:
        while True:
            peak.append(rss_mb(pid))
            await asyncio.sleep(0.5)

    watcher = asyncio.create_task(watch())
    results = await asyncio.gather(
        *(staggered(url, talks[k % len(talks)], k * STAGGER_S) for k in range(sessions))
    )
    watcher.cancel()
    chunk = np.array([t for r in results for t in r["chunk_ms"]])
    lags = np.array([t for r in results for t in r["lags"]])
    return {
        "sessions": sessions,
        "chunks": len(chunk),
        "chunk_ms_p50": round(float(np.percentile(chunk, 50)), 2) if len(chunk) else None,
        "chunk_ms_p95": round(float(np.percentile(chunk, 95)), 2) if len(chunk) else None,
        "words_timed": len(lags),
        "transcript_lag_s_p50": round(float(np.percentile(lags, 50)), 2) if len(lags) else None,
        "transcript_lag_s_p95": round(float(np.percentile(lags, 95)), 2) if len(lags) else None,
        "memory_mb_per_session": round((max(peak) - base) / sessions, 1),
        "filler_cue_sessions": sum("filler_burst" in r["cues"] for r in results),
        "_first": results[0]["report"],
    }


def breaks_at(levels: list[dict[str, Any]]) -> dict[str, int | None]:
    """The first level whose p95 misses each target (None: held at every level run)."""
    out: dict[str, int | None] = {}
    for key, limit in TARGETS.items():
        over = [lv["sessions"] for lv in levels if lv[key] is None or lv[key] > limit]
        out[key] = over[0] if over else None
    return out


def accuracy(
    url: str, talk: Talk, noisy: AudioChunk, live_report: dict[str, Any], vad_live: dict[str, Any]
) -> dict[str, Any]:
    buffer = io.BytesIO()
    sf.write(buffer, noisy.samples, noisy.sample_rate, format="WAV", subtype="PCM_16")
    whole = httpx.post(f"{url}/api/v1/analysis", files={"file": ("talk.wav", buffer.getvalue())},
                       data={"language": "en"}, timeout=300).json()  # fmt: skip
    live = live_report["analysis"]
    truth_fillers = sum(len(line.fillers) for line in talk.lines)
    truth, covered = labelled_speech()
    spans = tuple(SpeechSpan(s["start"], s["end"]) for s in vad_live["report"]["analysis"]["speech_segments"])
    return {
        "live_wpm": live["pace"]["words_per_minute"] if live["pace"] else None,
        "whole_file_wpm": whole["pace"]["words_per_minute"] if whole["pace"] else None,
        "true_wpm": round(talk.words_per_minute, 1),
        "live_fillers": live["fillers"]["count"] if live["fillers"] else 0,
        "whole_file_fillers": whole["fillers"]["count"] if whole["fillers"] else 0,
        "true_fillers": truth_fillers,
        "live_pauses": live["pauses"]["count"] if live["pauses"] else 0,
        "whole_file_pauses": whole["pauses"]["count"] if whole["pauses"] else 0,
        "true_pauses": len(talk.pauses),
        "live_words": len(live["transcript"]["words"]),
        "whole_file_words": len(whole["transcript"]["words"]),
        "vad_frame_agreement_live": round(frame_agreement(truth, spans, covered), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="levels 1, 4 and 20 only")
    parser.add_argument("--smoke", action="store_true", help="one session, a 4 s clip")
    parser.add_argument("--levels", help="comma-separated numbers of simultaneous sessions")
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")] if args.levels else (
        [1] if args.smoke else [1, 4, 20] if args.quick else list(FULL_LEVELS))  # fmt: skip
    graph = build_graph(Settings(voices_dir=Settings().voices_dir or shared_voices()))
    script = FILLER_TALK[:1] if args.smoke else FILLER_TALK
    noise = load_noise("noise1")
    talk = build_talk(graph, script)
    noisy = with_noise(talk, SNR_DB, noise)
    rotated = [build_talk(graph, script[k:] + script[:k]) for k in range(1, min(max(levels), len(script)))]
    talks = [noisy, *(with_noise(t, SNR_DB, noise) for t in rotated)]
    labelled = decode_file(SHARED_AUDIO / "vad_train.wav", sample_rate=16_000)
    with tempfile.TemporaryDirectory(prefix="vocalis-bench-coaching-") as data:
        process, url = start_server(Path(data))
        try:
            measured = [asyncio.run(level(url, process.pid, talks, n)) for n in levels]
            vad_live = asyncio.run(one_session(url, labelled, tail_s=0.5))
            result = accuracy(url, talk, noisy, measured[0].pop("_first"), vad_live)
        finally:
            process.terminate()
            process.wait(timeout=30)
    for lv in measured:
        lv.pop("_first", None)
    report = shaped(REPORT_KEYS, {
        "talk": {"seconds": round(noisy.duration, 1), "snr_db": SNR_DB, "words": talk.word_count},
        "levels": measured,
        "breaks_at": breaks_at(measured),
        "accuracy": result,
        "targets": TARGETS,
    })  # fmt: skip
    print(json.dumps(report, indent=1))
    one = measured[0]
    last = measured[-1]
    print(
        f"coaching: 1 session chunk p95 {one['chunk_ms_p95']} ms, lag p95 {one['transcript_lag_s_p95']} s; "
        f"{last['sessions']} sessions chunk p95 {last['chunk_ms_p95']} ms, "
        f"lag p95 {last['transcript_lag_s_p95']} s, {last['memory_mb_per_session']} MB/session; "
        f"targets break at {report['breaks_at']}; live vs whole-file "
        f"wpm {result['live_wpm']} vs {result['whole_file_wpm']} (true {result['true_wpm']})"
        + (SMOKE_NOTE if args.smoke else "")
    )


if __name__ == "__main__":
    run_main("bench.coaching", main)
