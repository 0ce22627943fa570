"""``WS /ws/interview/{id}``: a spoken interview against a real server, the candidate's answers
streamed at real speed like a microphone: captions follow the answer; a story without its result
gets a thinking pause longer (the result may still come), then a follow-up; a complete answer is
answered within a second; the interviewer stops at once when spoken over, and ends with the report
and a recording of both voices."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
import websockets

from tests.analysis.talks import Line, build_talk, load_noise
from tests.api.conftest import running_server
from tests.interview.voice_client import CANDIDATE_VOICE, INTERVIEWER_VOICE, Heard, Mic
from tests.servers import run_client
from vocalis.audio.resample import resample
from vocalis.config import InterviewSettings, Settings
from vocalis.graph import Vocalis

SCENARIOS = Path(__file__).resolve().parents[1] / "interview" / "scenarios"
NO_RESULT = (
    "At my last job at a travel agency, I decided to freeze new features for three weeks, which my team "
    "hated. My job was to get a late release out. I explained the reasons openly in a team meeting, and I "
    "listened to their objections one by one."
)
RESULT = "In the end we shipped on time, and bugs fell by forty percent."
STYLE = (
    "They would say I am calm and clear. For example, when our release slipped last spring, I kept the team "
    "focused on two goals. I could improve at delegating, so now I hand over one project every quarter."
)
EXAMPLE = "For example, last spring I handed the on-call rota to Priya, and it worked well."


def speech(services: Vocalis, text: str) -> np.ndarray:
    talk = build_talk(services, [Line(text)], voice=CANDIDATE_VOICE, margin=0.3)
    samples = resample(talk.audio, 16_000).samples
    # The answer's own speech, from its first word to its last: the mic adds the silence around it.
    return samples[int(talk.lines[0].start * 16_000) : int(talk.lines[-1].end * 16_000)]


def new_voice_interview(server: str) -> str:
    created = httpx.post(
        f"{server}/api/v1/interviews",
        json={"scenario_id": "quick-check", "mode": "voice", "voice": INTERVIEWER_VOICE},
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


@pytest.fixture(scope="module")
def server(services: Vocalis, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings: Settings = services.settings.model_copy(
        update={
            "data_dir": tmp_path_factory.mktemp("interview-live"),
            "interview": InterviewSettings(scenarios_dir=SCENARIOS),
        }
    )
    with running_server(settings, services.engines) as base:
        yield base


def test_a_spoken_interview_follows_up_handles_barge_in_and_ends_with_its_report(
    server: str, services: Vocalis
) -> None:
    texts = {"no_result": NO_RESULT, "result": RESULT, "style": STYLE, "example": EXAMPLE}
    answers = {name: speech(services, text) for name, text in texts.items()}
    interview_id = new_voice_interview(server)
    waits: dict[str, float] = {}
    barge: dict[str, float] = {}

    async def run() -> dict[str, Any]:
        async with websockets.connect(f"{server.replace('http', 'ws')}/ws/interview/{interview_id}") as ws:
            heard = Heard()
            mic = Mic(ws)
            sender = asyncio.create_task(mic.run())
            try:
                started = await heard.until(ws, "interview_started")
                assert started["questions"] == 2 and not started["resumed"]
                await heard.until(ws, "interviewer_speaking", kind="opening")
                await heard.until(ws, "interviewer_speaking", kind="question")
                await heard.until(ws, "interviewer_done")

                async def answer(name: str) -> int:
                    mark = heard.mark()
                    mic.play(answers[name])
                    await heard.until(ws, "candidate_speaking")
                    await heard.until(ws, "interviewer_speaking", kind="acknowledge")
                    ended = mic.speech_ended
                    assert ended is not None, [(round(t, 2), m) for t, m in heard.messages[-6:]]  # no cut-in
                    while (first := heard.first_audio_after(ended)) is None:
                        await heard.next(ws)
                    # on the audio's timeline, which the server keeps time by (the mic may lag, then catch up)
                    assert mic.speech_ended_audio is not None
                    waits[name] = mic.audio_sent_by(first) - mic.speech_ended_audio
                    return mark

                mark = await answer("no_result")
                turn = await heard.until(ws, "candidate_turn", since=mark)
                assert "freeze" in turn["text"].lower() and turn["question_id"] == "unpopular-decision"
                captions = [m["text"] for _, m in heard.messages[mark:] if m["type"] == "candidate_partial"]
                # Captions as the answer goes: the stretches read so far, each the start of the answer's
                # words (on a busy machine the later stretches are still being read when the answer ends).
                assert captions, "no caption while the answer went on"
                assert all(turn["text"].startswith(c) for c in captions), (captions, turn["text"])
                follow = await heard.until(ws, "interviewer_speaking", kind="follow_up")
                assert follow["text"] == "What was the result of that decision?"
                await heard.until(ws, "interviewer_done", line_id=follow["line_id"])

                mark = await answer("result")
                question = await heard.until(ws, "interviewer_speaking", since=mark, kind="question")
                assert question["question_id"] == "leadership-style"
                await asyncio.sleep(0.8)  # the candidate starts answering over the question
                mic.play(answers["style"])
                spoke = time.monotonic()
                done = await heard.until(ws, "interviewer_done", line_id=question["line_id"])
                barge["stop_s"] = time.monotonic() - spoke
                assert done["interrupted"]
                while True:
                    message = await heard.next(ws)
                    if message is None:
                        continue
                    if message["type"] == "interview_finished":
                        return dict(message["report"])
                    if message["type"] == "interviewer_speaking" and message["kind"] == "follow_up":
                        await heard.until(ws, "interviewer_done", line_id=message["line_id"])
                        mic.play(answers["example"])
            finally:
                sender.cancel()

    report = run_client(asyncio.wait_for(run(), 240))
    assert report["answered"] == 2 and 0 <= report["overall"] <= 100
    first = report["answers"][0]
    assert "result" not in first["structure"]["missing"] and first["delivery"]["spoken"]
    assert first["delivery"]["words_per_minute"] > 90
    # A story without its result waits a thinking pause longer (PATIENT_S, 1.8 s of silence: its result
    # may still come): a floor any machine keeps, counted in the audio sent, as the server counts it. On
    # the wall clock it is not: on a busy 2-core machine the mic fell behind and caught up, and the
    # story was answered 1.43 s after its speech ended. How soon a complete answer is answered depends
    # on how fast its last words are read, which the bench measures as percentiles on a quiet machine.
    assert waits["no_result"] > 1.5, waits
    assert barge["stop_s"] < 0.8, barge

    interview = httpx.get(f"{server}/api/v1/interviews/{interview_id}").json()
    assert interview["status"] == "completed" and interview["has_recording"]
    timed = [t for t in interview["turns"] if t["start_s"] is not None]
    assert {t["speaker"] for t in timed} == {"interviewer", "candidate"}
    assert all(a["start_s"] <= b["start_s"] for a, b in itertools.pairwise(timed))
    recording = httpx.get(
        f"{server}/api/v1/interviews/{interview_id}/recording", headers={"Range": "bytes=0-99"}
    )
    assert recording.status_code == 206 and recording.headers["content-type"] == "audio/ogg"


def test_a_dropped_connection_pauses_and_a_reconnection_asks_the_waiting_question_again(server: str) -> None:
    interview_id = new_voice_interview(server)
    address = f"{server.replace('http', 'ws')}/ws/interview/{interview_id}"

    async def first_visit() -> None:
        async with websockets.connect(address) as ws:
            heard = Heard()
            await heard.until(ws, "interviewer_speaking", kind="question")
            await heard.until(ws, "interviewer_done")
        # gone without `end`, as a closed laptop lid

    async def second_visit() -> dict[str, Any]:
        async with websockets.connect(address) as ws:
            heard = Heard()
            started = await heard.until(ws, "interview_started")
            assert started["question_index"] == 0 and started["resumed"] is True  # joined before
            again = await heard.until(ws, "interviewer_speaking")
            assert (
                again["kind"] == "question"
                and again["text"] == "Tell me about a decision your team did not like."
            )
            await ws.send(
                '{"type": "answer_text", "text": "I froze new features for three weeks before an audit."}'
            )
            await heard.until(ws, "candidate_turn", by="text")
            await ws.send('{"type": "end"}')
            finished = await heard.until(ws, "interview_finished")
            return finished

    run_client(asyncio.wait_for(first_visit(), 60))
    # The server keeps this connection's recording and pauses the interview as it winds the session
    # down, just after the socket has closed (a rejoin before that would start its timeline at 0).
    deadline = time.monotonic() + 10
    while (status := httpx.get(f"{server}/api/v1/interviews/{interview_id}").json()["status"]) != "paused":
        assert time.monotonic() < deadline, status
        time.sleep(0.05)
    report = run_client(asyncio.wait_for(second_visit(), 90))["report"]
    assert report["answered"] == 1
    turns = httpx.get(f"{server}/api/v1/interviews/{interview_id}").json()["turns"]
    assert [t["kind"] for t in turns][:2] == ["opening", "question"]  # said once, kept once
    assert (
        turns[0]["start_s"] is not None
        and httpx.get(f"{server}/api/v1/interviews/{interview_id}/recording").status_code == 200
    )


def test_a_second_connection_replaces_the_first_which_is_closed_and_kept_first(server: str) -> None:
    interview_id = new_voice_interview(server)
    address = f"{server.replace('http', 'ws')}/ws/interview/{interview_id}"

    async def two_tabs() -> tuple[int | None, dict[str, Any], dict[str, Any]]:
        async with websockets.connect(address) as first:
            heard = Heard()
            await heard.until(first, "interviewer_speaking", kind="question")
            await heard.until(first, "interviewer_done")
            # The first tab stays open (or its network dropped without the server noticing yet).
            async with websockets.connect(address) as second:
                now = Heard()
                started = await now.until(second, "interview_started")
                # By the time the second is under way, the first has been closed by the server.
                with contextlib.suppress(websockets.ConnectionClosed):
                    while True:
                        await asyncio.wait_for(first.recv(), 10)
                again = await now.until(second, "interviewer_speaking")
                await second.send('{"type": "answer_text", "text": "I froze new features for three weeks."}')
                await now.until(second, "candidate_turn", by="text")
                await second.send('{"type": "end"}')
                finished = await now.until(second, "interview_finished")
            return first.close_code, started | {"again": again}, finished

    closed_with, started, finished = run_client(asyncio.wait_for(two_tabs(), 120))
    assert closed_with == 1000
    assert started["resumed"] is True and started["question_index"] == 0
    assert started["again"]["kind"] == "question"
    assert finished["report"]["answered"] == 1
    shown = httpx.get(f"{server}/api/v1/interviews/{interview_id}").json()
    assert shown["status"] == "completed"  # not set back to paused by the first tab's close
    assert [t["kind"] for t in shown["turns"]][:2] == ["opening", "question"]


def test_a_text_interview_is_not_joined_by_voice_and_another_users_is_not_found(server: str) -> None:
    created = httpx.post(f"{server}/api/v1/interviews", json={"scenario_id": "quick-check", "mode": "text"})
    address = f"{server.replace('http', 'ws')}/ws/interview/{created.json()['id']}"

    async def join() -> dict[str, Any]:
        async with websockets.connect(address) as ws:
            return dict(json.loads(await asyncio.wait_for(ws.recv(), 30)))

    refused = run_client(join())
    assert refused["type"] == "error" and refused["error"]["code"] == "conflict"
    missing = f"{server.replace('http', 'ws')}/ws/interview/{'0' * 32}"

    async def unknown() -> int | None:
        async with websockets.connect(missing) as ws:
            with pytest.raises(websockets.ConnectionClosed):
                while True:
                    await asyncio.wait_for(ws.recv(), 30)
            return ws.close_code

    assert run_client(unknown()) == 1008


FRENCH = (
    "L'année dernière, j'ai décidé de geler les nouvelles fonctionnalités pendant trois semaines, "
    "et mon équipe n'a pas aimé cette décision."
)


def test_noise_is_not_an_answer_and_an_answer_in_french_is_asked_again_in_english(
    server: str, services: Vocalis
) -> None:
    """A noisy room (no speech) answers nothing; a French answer to an English interview is heard as
    French from its sound (the English recogniser would write it as English words) and not judged:
    the interviewer asks for English and the question stands."""
    noise = resample(load_noise("noise3"), 16_000).samples[: 16_000 * 4]
    noise = noise * (0.1 / max(float(np.sqrt(np.mean(noise**2))), 1e-6))  # a loud room: -20 dBFS
    talk = build_talk(services, [Line(FRENCH)], voice="ff_siwis", margin=0.3)
    french = resample(talk.audio, 16_000).samples
    interview_id = new_voice_interview(server)

    async def run() -> list[dict[str, Any]]:
        async with websockets.connect(f"{server.replace('http', 'ws')}/ws/interview/{interview_id}") as ws:
            heard, mic = Heard(), Mic(ws)
            sender = asyncio.create_task(mic.run())
            try:
                await heard.until(ws, "interviewer_speaking", kind="question")
                await heard.until(ws, "interviewer_done")
                mark = heard.mark()
                mic.play(noise.astype(np.float32))
                deadline = time.monotonic() + 4.0 + 2.5  # the noise, and the longest pause after it
                while (left := deadline - time.monotonic()) > 0:
                    with contextlib.suppress(TimeoutError):
                        await heard.next(ws, left)
                after = [m for _, m in heard.messages[mark:]]
                assert not [m for m in after if m["type"] == "candidate_turn" and m["text"]], after
                assert not [m for m in after if m["type"] == "interviewer_speaking"], after
                mic.play(french)
                turn = await heard.until(ws, "candidate_turn", timeout=60)
                asked = await heard.until(ws, "interviewer_speaking", timeout=60, kind="wrong_language")
                await ws.send('{"type": "end"}')
                await heard.until(ws, "interview_finished", timeout=60)
                return [turn, asked]
            finally:
                sender.cancel()

    turn, asked = run_client(asyncio.wait_for(run(), 150))
    assert turn["question_id"] == "unpopular-decision"
    assert "english" in asked["text"].lower(), asked
    turns = httpx.get(f"{server}/api/v1/interviews/{interview_id}").json()["turns"]
    assert "answer_other_language" in [t["kind"] for t in turns]
    report = httpx.get(f"{server}/api/v1/interviews/{interview_id}/report").json()
    assert report["answered"] == 0  # not judged
