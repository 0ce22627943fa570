"""Interview benchmark: `python -m bench.interview [--smoke]`.

Two parts, as the spoken interview is judged:

- **Turn-taking** (a real `vocalis serve`, local mode, as a user starts it): a candidate answers six
  questions through ``WS /ws/interview/{id}``, each answer spoken by the project's TTS with natural
  pauses inside it (0.6-1.5 s, after finished sentences and after "because..." alike) and streamed at
  real speed in 100 ms frames. Measured: voice-to-voice latency (the end of the candidate's speech to
  the first byte of the interviewer's audio, p50/p95), false cut-ins (the interviewer starting while the
  candidate only paused mid-answer), time to stop on barge-in (from the moment the candidate has said
  the ``barge_in_s`` of speech over a question that the endpointer needs, to the interviewer's
  ``interviewer_done``, interrupted), and transcription lag (speech end to the
  ``candidate_turn`` with its words). The same answers go offline through two peers of the endpointer:
  Smart Turn alone (no patience) and a silence timeout of 0.8 s (VAD only, the classic voice agent).
- **Evaluation accuracy**: the 56 labelled answers of ``bench/data/interview_answers.json`` (English
  and French; strong, weak, off topic, STAR with parts missing, filler-heavy), spoken by several voices,
  transcribed by Whisper and scored: Spearman correlation of the overall score with the labels,
  off-topic answers detected, missing STAR parts found; the same typed, as the reference.

`--smoke`: two short answers, four labelled answers (one spoken), the candidate and the interviewer
speaking in hibari's fast "heart" voice, the same report shape.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import websockets
from tests.analysis.talks import Line, build_talk
from tests.interview.voice_client import Heard, Mic

from bench.api import start_server
from bench.paths import shared_voices
from bench.report import SMOKE_NOTE, BenchFailed, run_main, shaped
from vocalis.analysis.fillers import FILLER_PROMPTS
from vocalis.audio.resample import resample
from vocalis.config import Settings
from vocalis.conversation.endpointing import Endpointer, EndpointSettings, TurnEnded
from vocalis.graph import Vocalis, build_graph
from vocalis.interview.delivery import typed_words
from vocalis.interview.evaluation import evaluator_for
from vocalis.interview.scenarios import load_library

REPORT_KEYS = ("turn_taking", "peers", "evaluation", "targets")
TARGETS = {
    "voice_to_voice_ms_p50": 600,
    "voice_to_voice_ms_p95": 1000,
    "false_cut_in_rate": 0.05,
    "barge_in_stop_ms": 200,
    "spearman": 0.7,
    "off_topic_detected": 0.9,
    "star_missing_found": 0.8,
}
HERE = Path(__file__).resolve().parent
SCENARIOS = HERE / "data" / "interview_scenarios"
LABELLED = HERE / "data" / "interview_answers.json"
EN_VOICES = ("am_michael", "af_heart", "bf_emma", "am_adam")
FR_VOICES = ("ff_siwis",)
# A smoke run speaks in hibari's "heart" (~0.01 real-time factor against Kokoro's ~0.6 on one thread):
# the same code runs on speech that costs seconds less to make.
SMOKE_EN_VOICES = ("heart",)

# Each answer: (sentence, pause after it). Pauses inside answers are where a hasty interviewer cuts in.
ANSWERS: list[list[tuple[str, float]]] = [
    [
        (
            "Last year I moved my team of eight from weekly releases to a two week freeze before each audit,",
            1.0,
        ),
        ("because the regulator had flagged our change process.", 0.7),
        (
            "Nobody liked it, so I explained the reasons in a team meeting and listened to every objection.",
            1.2,
        ),
        ("In the end we passed the audit with zero findings, and the freeze went down to one week.", 0.0),
    ],
    [
        ("One of my developers, Karim, started missing deadlines in March, and", 1.3),
        ("I talked to him in private the same week.", 0.8),
        ("It turned out he was caring for his father, so we agreed on two tickets a week for a month.", 0.9),
        ("Six weeks later his work was back to normal, and he is now a senior engineer.", 0.0),
    ],
    [
        ("Our mobile app launch slipped by two months.", 1.4),
        ("We had underestimated the payment integration, and", 1.0),
        ("I had not flagged the risk early enough.", 0.6),
        (
            "Now I review every outside integration in week one: our last three launches were on time.",
            0.0,
        ),
    ],
    [
        ("When Julie and I disagreed about rewriting the billing service,", 1.1),
        ("I asked her to walk me through her reasons first.", 0.9),
        (
            "She had a point, so we agreed to fix the worst module first and count the bugs.",
            0.7,
        ),
        ("The bug count fell by forty percent, and we did the full rewrite together the next quarter.", 0.0),
    ],
    [
        ("My last job taught me to write things down.", 1.5),
        ("We lost a week once because two teams remembered a decision differently, so", 0.8),
        ("I started sending a short summary after every meeting.", 1.0),
        ("Now my team keeps a decision log, and nobody argues about what was agreed.", 0.0),
    ],
    [
        ("I have led small teams for five years, mostly on payment products,", 1.2),
        ("and this role is exactly where that experience helps.", 0.6),
        ("I would bring a habit of shipping in small steps and measuring everything.", 1.0),
        ("That is what cut our incident rate in half at my last company.", 0.0),
    ],
]
Answer = tuple[np.ndarray, float, list[float]]  # samples, where the speech ends, inner pauses
BARGE_AFTER_S = 0.6  # into the question when the candidate starts over it
BARGE_IN_S = EndpointSettings().barge_in_s  # the speech over ours the endpointer hears before it stops us
EXAMPLE = [("For example, last spring I handed the on-call rota to Priya, and it worked well.", 0.0)]


def rendered(
    graph: Vocalis, script: list[tuple[str, float]], voice: str
) -> tuple[np.ndarray, float, list[float]]:
    """16 kHz samples of the answer from its first word (the microphone sends silence around it), where
    its speech ends, and where each inner pause starts."""
    talk = build_talk(graph, [Line(text, gap) for text, gap in script], voice=voice, margin=0.2)
    samples = resample(talk.audio, 16_000).samples
    onset = talk.lines[0].start
    pauses = [line.end - onset for line, (_, gap) in zip(talk.lines, script, strict=True) if gap > 0]
    end = talk.lines[-1].end
    return samples[int(onset * 16_000) : int(end * 16_000) + 1600], end - onset, pauses


async def interview(
    url: str, answers: list[Answer], example: Answer, interviewer_voice: str | None = None
) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        created = await http.post(
            "/api/v1/interviews",
            json={"scenario_id": "bench-turns", "mode": "voice", "voice": interviewer_voice},
        )
        created.raise_for_status()
        interview_id = created.json()["id"]
    address = f"{url.replace('http', 'ws')}/ws/interview/{interview_id}"
    async with websockets.connect(address, max_size=2**22) as ws:
        heard, mic = Heard(), Mic(ws)
        sender = asyncio.create_task(mic.run())
        try:
            return await _converse(ws, heard, mic, answers, example)
        except Exception as exc:
            said = [
                (round(t, 1), m["type"], m.get("kind"), m.get("text", "")[:50]) for t, m in heard.messages
            ]
            raise BenchFailed(f"the interview went wrong ({exc!r}); what came back: {said}") from exc
        finally:
            sender.cancel()


async def _converse(
    ws: Any, heard: Heard, mic: Mic, answers: list[Answer], example: Answer
) -> dict[str, Any]:
    latencies: list[float] = []
    lags: list[float] = []
    barge_ins: list[float] = []
    cut_ins = turns = 0
    finished = False
    await heard.until(ws, "interviewer_speaking", kind="question")
    line_id = None
    for index, (samples, speech_end, _) in enumerate(answers):
        barge = index % 2 == 1  # every other answer starts over the question
        if barge and line_id is not None:
            await asyncio.sleep(BARGE_AFTER_S)
        else:
            await heard.until(ws, "interviewer_done", timeout=120)
        mic.play(samples, speech_end)
        if barge and line_id is not None:
            done = await heard.until(ws, "interviewer_done", line_id=line_id)
            stopped = time.monotonic()
            if done["interrupted"] and done["seconds"] >= BARGE_AFTER_S - 0.1 and mic.speech_started:
                # stopped by this answer: from the moment its first BARGE_IN_S of speech were said
                barge_ins.append(stopped - mic.speech_started - BARGE_IN_S)
        result = await answer_turn(ws, heard, mic)
        turns += 1
        cut_ins += result["cut_in"]
        if result["latency"] is not None:
            latencies.append(result["latency"])
        if result["lag"] is not None:
            lags.append(result["lag"])
        line_id = None
        while not finished:  # what the interviewer says next: a question, or a follow-up to answer
            message = await heard.next(ws, 120)
            if message is None:
                continue
            if message["type"] == "interview_finished":
                finished = True
            elif message["type"] == "interviewer_speaking" and message["kind"] in ("follow_up", "rephrase"):
                # (an answer judged off topic gets its question again in other words: answered the same way)
                await heard.until(ws, "interviewer_done", line_id=message["line_id"], timeout=120)
                mic.play(example[0], example[1])
                follow = await answer_turn(ws, heard, mic)
                turns += 1
                cut_ins += follow["cut_in"]
            elif message["type"] == "interviewer_speaking" and message["kind"] == "closing":
                await heard.until(ws, "interview_finished", timeout=120)
                finished = True
            elif message["type"] == "interviewer_speaking" and message["kind"] == "question":
                line_id = message["line_id"]
                break
        if finished:
            break
    if not finished:
        await ws.send(json.dumps({"type": "end"}))  # fewer answers than questions: end it here
        await heard.until(ws, "interview_finished", timeout=120)
    return {"latencies": latencies, "lags": lags, "barge_ins": barge_ins, "cut_ins": cut_ins, "turns": turns}


async def answer_turn(ws: Any, heard: Heard, mic: Mic) -> dict[str, Any]:
    """Until the interviewer has judged the answer: a cut-in is its voice before the answer ended."""
    cut_in = False
    while True:
        message = await heard.next(ws, 120)
        if message is None:
            continue
        if message["type"] == "interviewer_speaking" and mic.speech_ended is None:
            cut_in = True
        if message["type"] == "candidate_turn":
            break
    ended = mic.speech_ended
    turn_at = heard.messages[-1][0]
    while ended is not None and heard.first_audio_after(ended) is None:
        await heard.next(ws, 60)
    first = heard.first_audio_after(ended) if ended is not None else None
    return {
        "cut_in": cut_in,
        "latency": None if cut_in or first is None or ended is None else first - ended,
        "lag": None if ended is None else turn_at - ended,
    }


def peers(graph: Vocalis, answers: list[Answer]) -> dict[str, Any]:
    """The same answers through two other endpointers: Smart Turn without patience, silence only."""
    results: dict[str, Any] = {}
    for name, detector, settings in (
        ("smart_turn_alone", graph.engines.turn_detector(), EndpointSettings()),
        ("silence_0.8s", None, EndpointSettings(pause_s=0.8, max_pause_s=0.8)),
    ):
        delays, cut = [], 0
        for samples, speech_end, _ in answers:
            endpointer = Endpointer(graph.engines.voice_activity(), detector, settings)
            lead = np.zeros(3_200, np.float32)  # 0.2 s of silence before the answer, as the mic sends
            audio = np.concatenate([lead, samples, np.zeros(32_000, np.float32)])
            end = speech_end + len(lead) / 16_000
            ends = [
                e
                for i in range(0, len(audio), 1600)
                for e in endpointer.feed(audio[i : i + 1600])
                if isinstance(e, TurnEnded)
            ]
            if ends and ends[0].end < end - 0.3:
                cut += 1
            final = [e for e in ends if e.end >= end - 0.3]
            if final:
                delays.append(final[0].decided_at - end)
        results[name] = {
            "decision_ms_p50": _ms(delays, 50),
            "false_cut_in_rate": round(cut / len(answers), 3),
        }
    return results


def evaluation(graph: Vocalis, smoke: bool) -> dict[str, Any]:
    labelled = json.loads(LABELLED.read_text(encoding="utf-8"))["answers"]
    if smoke:
        labelled = [a for a in labelled if a["id"] in ("en-04", "en-20", "fr-06", "fr-07")]
    library = load_library()
    evaluator = evaluator_for(graph.engines.sentence_encoder(), library.values())
    transcriber = graph.transcriber
    rows = []
    shortest = min(labelled, key=lambda a: len(a["text"]))["id"]  # the one a smoke run speaks
    for answer in labelled:
        language = answer["language"]
        question = next(
            q for q in library[(answer["scenario_id"], language)].questions if q.id == answer["question_id"]
        )
        typed = evaluator.evaluate(
            question, answer["text"], typed_words(answer["text"]), language, spoken=False
        )
        spoken = None
        if not smoke or answer["id"] == shortest:
            voices = (SMOKE_EN_VOICES if smoke else EN_VOICES) if language == "en" else FR_VOICES
            n = len(rows)
            audio = build_talk(graph, [Line(answer["text"])], voice=voices[n % len(voices)]).audio
            transcript = transcriber.transcribe(audio, language=language, prompt=FILLER_PROMPTS.get(language))
            spoken = evaluator.evaluate(question, transcript.text, transcript.words, language, spoken=True)
        rows.append((answer, typed, spoken))
    result: dict[str, Any] = {"answers": len(rows), "spoken": sum(1 for r in rows if r[2] is not None)}
    for mode, index in (("typed", 1), ("spoken", 2)):
        judged = [(a, r[index]) for r in rows if (a := r[0]) and r[index] is not None]
        result[mode] = _accuracy(judged)
    return result


def _accuracy(judged: list[tuple[dict[str, Any], Any]]) -> dict[str, Any]:
    if len(judged) < 2:
        return {"spearman": None, "off_topic_detected": None, "star_missing_found": None}
    off = [e.shortfalls.off_topic for a, e in judged if a["off_topic"]]
    missing = found = 0
    for answer, judged_answer in judged:
        for part, present in (answer["star"] or {}).items():
            if not present and not answer["off_topic"]:
                missing += 1
                found += not judged_answer.structure.has(part)
    return {
        "spearman": round(
            _spearman([e.scores.overall for _, e in judged], [a["score"] for a, _ in judged]), 3
        ),
        "off_topic_detected": round(sum(off) / len(off), 3) if off else None,
        "star_missing_found": round(found / missing, 3) if missing else None,
    }


def _spearman(a: list[float], b: list[float]) -> float:
    def ranks(values: list[float]) -> np.ndarray:
        order = np.argsort(values, kind="stable")
        r = np.empty(len(values))
        r[order] = np.arange(len(values))
        for v in set(values):  # ties share their mean rank
            mask = np.array(values) == v
            r[mask] = r[mask].mean()
        return r

    return float(np.corrcoef(ranks(a), ranks(b))[0, 1]) if len(set(a)) > 1 and len(set(b)) > 1 else 0.0


def _ms(values: list[float], percentile: int) -> float | None:
    return round(float(np.percentile(values, percentile)) * 1000) if values else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="one answer, four labelled answers")
    args = parser.parse_args()
    graph = build_graph(Settings(voices_dir=Settings().voices_dir or shared_voices()))
    scripts = ANSWERS[:2] if args.smoke else ANSWERS
    if args.smoke:
        scripts = [script[-2:] for script in scripts]
    voices = SMOKE_EN_VOICES if args.smoke else EN_VOICES
    answers = [rendered(graph, script, voices[i % len(voices)]) for i, script in enumerate(scripts)]
    example = rendered(graph, EXAMPLE, voices[0])
    with tempfile.TemporaryDirectory(prefix="vocalis-bench-interview-") as data:
        os.environ["VOCALIS_INTERVIEW__SCENARIOS_DIR"] = str(SCENARIOS)  # the server's environment
        process, url = start_server(Path(data))
        try:
            # (a smoke run's interviewer speaks in "heart" too; a full run's in the default, af_heart)
            measured = asyncio.run(interview(url, answers, example, "heart" if args.smoke else None))
        finally:
            process.terminate()
            process.wait(timeout=30)
    turn_taking = {
        "answers": len(answers),
        "turns": measured["turns"],
        "voice_to_voice_ms_p50": _ms(measured["latencies"], 50),
        "voice_to_voice_ms_p95": _ms(measured["latencies"], 95),
        "false_cut_in_rate": round(measured["cut_ins"] / max(measured["turns"], 1), 3),
        "barge_in_stop_ms": _ms(measured["barge_ins"], 50),
        "transcription_lag_ms_p50": _ms(measured["lags"], 50),
        "inner_pauses": sum(len(a[2]) for a in answers),
    }
    report = shaped(REPORT_KEYS, {
        "turn_taking": turn_taking,
        "peers": peers(graph, answers),
        "evaluation": evaluation(graph, args.smoke),
        "targets": TARGETS,
    })  # fmt: skip
    print(json.dumps(report, indent=1))
    spoken = report["evaluation"]["spoken"]
    print(
        f"interview: voice-to-voice p50 {turn_taking['voice_to_voice_ms_p50']} ms, "
        f"p95 {turn_taking['voice_to_voice_ms_p95']} ms; false cut-ins {turn_taking['false_cut_in_rate']} "
        f"(Smart Turn alone {report['peers']['smart_turn_alone']['false_cut_in_rate']}, "
        f"0.8 s silence {report['peers']['silence_0.8s']['false_cut_in_rate']}); "
        f"barge-in stop {turn_taking['barge_in_stop_ms']} ms; "
        f"spoken evaluation spearman {spoken['spearman']}, "
        f"off topic {spoken['off_topic_detected']}, STAR gaps {spoken['star_missing_found']}"
        + (SMOKE_NOTE if args.smoke else "")
    )


if __name__ == "__main__":
    run_main("bench.interview", main)
