"""Interview practice in the web app, in Chromium whose fake microphone plays recorded answers (Kokoro
speech at 16 kHz): a typed interview from the library to its report; a whole spoken interview (the
question heard and captioned, a follow-up asking for the result of a story that left it out, the next
question, the report with scores, the replay that seeks to a clicked turn and highlights it, the
dashboard); speech over the interviewer stopping its audio at once, then pause, resume with the waiting
question asked again, and end with the report; axe on the library, the room and the report.

The candidate answers when the interviewer has finished, however long the server took to say its line
(the machine may be busy): the test unmutes the room's microphone then. Chromium's fake capture device
reads its file each time the microphone opens, so the file is rewritten with the next answer just
before Unmute; Mute releases the microphone once the answer has been heard.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import httpx
import numpy as np
import pytest
import soundfile as sf
from playwright.sync_api import Browser, Page, WebSocket, expect

from tests.api.conftest import running_server
from tests.api.test_interview_live import EXAMPLE, NO_RESULT, RESULT, STYLE, new_voice_interview, speech
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, browser_page, playable_duration, require_build
from tests.e2e.test_accessibility import assert_accessible
from vocalis.config import InterviewSettings, Settings
from vocalis.graph import Vocalis

SCENARIOS = Path(__file__).resolve().parents[1] / "interview" / "scenarios"
RATE = 16_000
QUESTION_1 = "Tell me about a decision your team did not like."
FOLLOW_UP = "What was the result of that decision?"
QUESTION_2 = "How would your team describe you as a leader?"
ROOM_URL = re.compile(r"/app/interviews/[0-9a-f]{32}$")
LINE_TIMEOUT_MS = 45_000  # the server judging an answer and saying its next line, on a busy machine
Events = list[dict[str, Any]]


class Microphone:
    """Chromium's fake microphone: what it plays from the next time the page opens it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.silence()

    def load(self, speech: np.ndarray, *, lead_s: float = 0.3, tail_s: float = 3.0) -> None:
        """The next opening plays `speech` after `lead_s` of silence, then silence (the tail lets the
        interviewer hear the answer end)."""
        lead, tail = (np.zeros(round(s * RATE), np.float32) for s in (lead_s, tail_s))
        pieces = [lead, speech, tail]
        written = self.path.with_suffix(".tmp.wav")
        sf.write(written, np.concatenate(pieces), RATE, subtype="PCM_16")
        written.replace(self.path)  # whole: Chromium never reads a half-written file

    def silence(self) -> None:
        self.load(np.zeros(RATE // 2, np.float32), lead_s=0.0, tail_s=0.0)


class Answers:
    """The candidate's recorded answers (``speech``: the tests' candidate voice), each synthesised the
    first time it is needed: the example is said only when the interviewer asks for one."""

    TEXTS: ClassVar[dict[str, str]] = {
        "no_result": NO_RESULT,
        "result": RESULT,
        "style": STYLE,
        "example": EXAMPLE,
    }

    def __init__(self, services: Vocalis) -> None:
        self._services = services
        self._said: dict[str, np.ndarray] = {}

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self._said:
            self._said[name] = speech(self._services, self.TEXTS[name])
        return self._said[name]


@pytest.fixture(scope="module")
def answers(services: Vocalis) -> Answers:
    return Answers(services)


@pytest.fixture(scope="module")
def server(services: Vocalis, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A local-mode server with the test scenarios (quick-check: two questions) beside the built-in ones."""
    require_build()
    settings: Settings = services.settings.model_copy(
        update={
            "data_dir": tmp_path_factory.mktemp("interview-e2e"),
            "interview": InterviewSettings(scenarios_dir=SCENARIOS),
        }
    )
    with running_server(settings, services.engines) as base:
        yield base


@pytest.fixture(scope="module")
def microphone(tmp_path_factory: pytest.TempPathFactory) -> Microphone:
    return Microphone(tmp_path_factory.mktemp("microphone") / "microphone.wav")


@pytest.fixture(scope="module")
def mic_browser(browser: Browser, microphone: Microphone) -> Iterator[Browser]:
    """A Chromium of its own (flags are per browser) whose microphone plays the Microphone's file once."""
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={microphone.path}%noloop",
        "--autoplay-policy=no-user-gesture-required",
    ]
    chromium = browser.browser_type.launch(executable_path=str(CHROMIUM), args=args)
    yield chromium
    chromium.close()


# Watches the interviewer's voice as the page plays it (Web Audio buffers): how many were scheduled, and how
# many are still to be heard (neither over nor stopped).
SPEAKER_PROBE = """(() => {
  const played = [];
  const start = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function (when = 0, ...rest) {
    const at = Math.max(when, this.context.currentTime);
    played.push({ node: this, end: at + (this.buffer ? this.buffer.duration : 0), stopped: false });
    return start.call(this, when, ...rest);
  };
  const stop = AudioBufferSourceNode.prototype.stop;
  AudioBufferSourceNode.prototype.stop = function (...args) {
    for (const p of played) if (p.node === this) p.stopped = true;
    return stop.apply(this, args);
  };
  window.__voice = () => ({
    scheduled: played.length,
    pending: played.filter((p) => !p.stopped && p.end > p.node.context.currentTime + 0.02).length,
  });
})();"""


@pytest.fixture
def mic_page(mic_browser: Browser, server: str, microphone: Microphone) -> Iterator[Page]:
    microphone.silence()
    with browser_page(mic_browser, server) as page:
        page.add_init_script(SPEAKER_PROBE)
        yield page


class Sockets:
    """Every interview socket the page opens, with the server's text events on each (as they arrive,
    with the time they were seen) and the bytes of audio sent: attached when the socket opens, so
    nothing is missed."""

    def __init__(self, page: Page) -> None:
        self.events: list[Events] = []
        self.sent: list[int] = []
        page.on("websocket", self._attach)

    def _attach(self, socket: WebSocket) -> None:
        if "/ws/interview/" not in socket.url:
            return
        events: Events = []
        self.events.append(events)

        def received(payload: str | bytes) -> None:
            if isinstance(payload, str):
                events.append({**json.loads(payload), "_t": time.monotonic()})

        def sent(payload: str | bytes) -> None:
            if isinstance(payload, bytes):
                self.sent.append(len(payload))

        socket.on("framereceived", received)
        socket.on("framesent", sent)

    @property
    def last(self) -> Events:
        return self.events[-1] if self.events else []


def story(events: Events) -> str:
    """What happened, for a failure message."""
    start = events[0]["_t"] if events else 0.0
    lines = []
    for e in events:
        detail = {k: v for k, v in e.items() if k not in ("_t", "type", "report")}
        lines.append(f"{e['_t'] - start:6.1f}s {e['type']} {detail}")
    return "\n".join(lines)


def start_room(page: Page) -> None:
    with page.expect_websocket(lambda ws: "/ws/interview/" in ws.url):
        page.get_by_role("button", name=re.compile(r"^(Start|Resume) interview$")).click()


# Records every value the room's data-speaker takes (a state can last less than a poll).
SPEAKERS = """() => {
  window.__speakers = [];
  new MutationObserver((records) => {
    for (const r of records) if (r.attributeName === 'data-speaker') window.__speakers.push(r.oldValue);
  }).observe(document, { subtree: true, attributes: true, attributeOldValue: true,
                         attributeFilter: ['data-speaker'] });
}"""
SPOKEN = "window.__speakers"  # each value the room's data-speaker had, up to the last change


@pytest.fixture
def page_on(browser: Browser, server: str) -> Iterator[Callable[[str], Page]]:
    with browser_page(browser, server) as page:
        page.emulate_media(reduced_motion="reduce")

        def go(path: str) -> Page:
            page.goto(path)
            return page

        yield go


def test_an_assignment_in_french_is_offered_and_starts(page_on: Callable[[str], Page], server: str) -> None:
    me = httpx.get(f"{server}/api/v1/user/profile").json()["email"]
    note = "Entraînez-vous avant vendredi."
    assigned = httpx.post(
        f"{server}/api/v1/recruiter/assignments",
        json={"candidate_email": me, "scenario_id": "leading-a-team", "language": "fr", "note": note},
    )
    assert assigned.status_code == 201, assigned.text
    page = page_on("/app/interviews")
    mine = page.get_by_test_id("assignments")
    expect(mine.get_by_role("heading", name="Assigned to you")).to_be_visible()
    expect(mine).to_contain_text("Entretien comportemental : le leadership")
    expect(mine).to_contain_text(note)
    mine.get_by_role("button", name="Practise Entretien comportemental : le leadership (assigned)").click()
    start = page.get_by_test_id("interview-start")
    start.get_by_role("radio", name=re.compile("^Text")).check()
    start.get_by_role("button", name="Start interview").click()
    expect(page).to_have_url(ROOM_URL)
    caption = page.get_by_test_id("caption-interviewer")
    expect(caption).to_have_text(re.compile(r"^Racontez-moi une fois où vous avez dû prendre une décision"))
    expect(caption).to_have_attribute("lang", "fr")
    expect(page.get_by_test_id("room-question")).to_have_text("Question 1 of 5")
    expect(page.get_by_test_id("room-log")).to_contain_text("Bonjour, merci d’être avec nous.")


def test_a_typed_interview_runs_from_the_library_to_its_report(
    page_on: Callable[[str], Page], server: str
) -> None:
    page = page_on("/app/interviews")
    page.get_by_label("Type").select_option("behavioural")
    card = page.locator(".scenario-card[data-scenario=quick-check][data-language=en]")
    card.get_by_role("button", name="Practise Quick check: two questions").click()
    page.get_by_test_id("interview-start").get_by_role("radio", name=re.compile("^Text")).check()
    page.get_by_role("button", name="Start interview").click()
    expect(page).to_have_url(ROOM_URL)
    caption = page.get_by_test_id("caption-interviewer")
    expect(caption).to_have_text(QUESTION_1)
    expect(page.get_by_test_id("room-question")).to_have_text("Question 1 of 2")

    answer = page.get_by_label("Your answer")
    answer.fill(NO_RESULT)
    page.get_by_role("button", name="Send answer").click()
    expect(caption).to_have_text(FOLLOW_UP, timeout=30_000)
    answer.fill(RESULT)
    page.get_by_role("button", name="Send answer").click()
    expect(caption).to_have_text(re.compile(re.escape(QUESTION_2)), timeout=30_000)
    expect(page.get_by_test_id("room-question")).to_have_text("Question 2 of 2")
    assert_accessible(page, "typed interview room")
    answer.fill(STYLE)
    page.get_by_role("button", name="Send answer").click()
    # The closing line and the report, or one more line about this question first (an example, or the
    # question in other words): it is answered, and if the interviewer still goes on, Finish ends it.
    report = page.get_by_test_id("interview-report")
    waiting = page.locator("[data-testid=interview-room][data-phase=live]")  # for an answer
    expect(report.or_(waiting)).to_be_visible(timeout=30_000)
    if waiting.is_visible():
        answer.fill(EXAMPLE)
        page.get_by_role("button", name="Send answer").click()
        expect(report.or_(waiting)).to_be_visible(timeout=30_000)
        if waiting.is_visible():
            page.get_by_role("button", name="Finish now").click()
    expect(report).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("report-answer")).to_have_count(2)
    first = page.get_by_test_id("report-answer").first
    expect(first.locator(".iv-star-part[data-part=result]")).to_have_attribute("data-found", "true")
    expect(first.locator(".iv-answer-card__answer")).to_contain_text("travel agency")
    expect(page.get_by_test_id("replay")).to_have_count(0)  # typed: nothing to replay
    expect(first).to_contain_text("if said aloud (typed)")

    # Shared only with someone who has an account; deleted, it is gone.
    page.get_by_label("Their e-mail").fill("nobody@example.org")
    page.get_by_role("button", name="Share").click()
    expect(page.get_by_role("alert")).to_have_text("No one with that e-mail has an account on this server.")
    interview_id = page.url.rsplit("/", 1)[1]
    page.get_by_role("button", name="Delete this interview").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()
    expect(page).to_have_url(re.compile(r"/app/interviews/progress$"))
    expect(page).to_have_title(re.compile(r"^Your interviews · Vocalis"))
    assert httpx.get(f"{server}/api/v1/interviews/{interview_id}").status_code == 404


# The room once the interviewer has finished saying `text` (captioned) and the floor is the candidate's.
YOUR_TURN = """text => {
  const room = document.querySelector('[data-testid=interview-room]');
  const caption = document.querySelector('[data-testid=caption-interviewer]')?.textContent ?? '';
  return room?.dataset.speaker === 'idle' && caption.includes(text);
}"""


# The room once the interviewer has asked something and waits for the answer.
ASKED = ", ".join(
    f"[data-testid=interview-room][data-speaker=idle][data-line-kind={kind}]"
    for kind in ("question", "follow_up", "rephrase", "still_there")
)


def answer(page: Page, microphone: Microphone, speech: np.ndarray) -> None:
    """Say `speech` into the room: the microphone is opened on it, and released once the interviewer has
    taken the answer (its words appear in the transcript)."""
    mute = page.get_by_role("button", name="Mute")
    if mute.get_attribute("aria-pressed") != "true":
        mute.click()
        expect(mute).to_have_attribute("aria-pressed", "true")
    heard = page.get_by_test_id("room-log").locator("[data-speaker=candidate]").count()
    microphone.load(speech)
    mute.click()
    expect(mute).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_test_id("room-speaker")).to_have_text("You are speaking", timeout=15_000)
    expect(page.get_by_test_id("mic-level")).not_to_have_attribute("aria-valuetext", "Silence")
    expect(page.get_by_test_id("room-log").locator("[data-speaker=candidate]")).to_have_count(
        heard + 1, timeout=LINE_TIMEOUT_MS
    )
    mute.click()


def your_turn(page: Page, text: str) -> None:
    page.wait_for_function(YOUR_TURN, arg=text, timeout=LINE_TIMEOUT_MS)


def test_a_spoken_interview_follows_up_finishes_with_a_report_and_replays(
    mic_page: Page,
    microphone: Microphone,
    answers: Answers,
    screenshots: Callable[[Page, str], None],
) -> None:
    page = mic_page
    sockets = Sockets(page)
    page.goto("/app/interviews")
    expect(page.get_by_role("heading", name="Interview practice", level=1)).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Interview practice · Vocalis"))
    expect(page.get_by_test_id("scenario-count")).to_have_text(re.compile(r"^\d+ scenarios$"))
    everything = int(page.get_by_test_id("scenario-count").inner_text().split()[0])
    assert everything >= 25  # 12 built-in scenarios in each language and the test ones
    library = page.get_by_test_id("scenario-list")
    page.get_by_label("Language").select_option("fr")
    expect(library.locator(".scenario-card[data-language=en]")).to_have_count(0)
    expect(library.locator(".scenario-card[data-language=fr]").first).to_be_visible()
    page.get_by_label("Language").select_option("en")
    page.get_by_label("Type").select_option("behavioural")
    page.get_by_label("Difficulty").select_option("easy")
    card = library.locator(".scenario-card[data-scenario=quick-check]")
    expect(card).to_contain_text("Team lead")
    expect(card).to_contain_text("2 questions")
    expect(card).to_contain_text("About 4 min")
    expect(library.locator(".scenario-card:not([data-difficulty=easy])")).to_have_count(0)
    expect(library.locator(".scenario-card:not([data-category=behavioural])")).to_have_count(0)
    assert_accessible(page, "interview library")
    screenshots(page, "interview-library")

    card.get_by_role("button", name="Practise Quick check: two questions").click()
    start = page.get_by_test_id("interview-start")
    expect(start.get_by_role("radio", name=re.compile("^Voice"))).to_be_checked()
    start.get_by_role("button", name="Start interview").click()
    expect(page).to_have_url(ROOM_URL)
    interview_id = page.url.rsplit("/", 1)[1]
    room = page.get_by_test_id("interview-room")
    expect(room).to_have_attribute("data-phase", "ready")
    expect(page).to_have_title(re.compile(r"^Interview: Quick check"))
    page.evaluate(SPEAKERS)
    for name in ("no_result", "result", "style"):
        answers[name]  # ready before the interviewer waits for them

    start_room(page)
    caption = page.get_by_test_id("caption-interviewer")
    try:
        # The question is heard: the interviewer has the floor and its words are captioned.
        expect(caption).to_have_text(QUESTION_1, timeout=LINE_TIMEOUT_MS)
        expect(room).to_have_attribute("data-speaker", "interviewer")
        expect(page.get_by_test_id("room-question")).to_have_text("Question 1 of 2")
        your_turn(page, QUESTION_1)
        assert page.evaluate("window.__voice().scheduled") > 0, "the interviewer's voice was played"

        # The story leaves out its result: the interviewer asks for it.
        answer(page, microphone, answers["no_result"])
        expect(page.get_by_test_id("caption-candidate")).to_contain_text(re.compile("freez", re.I))
        your_turn(page, FOLLOW_UP)
        assert_accessible(page, "interview room")
        screenshots(page, "interview-room")

        # The result, then the second question; its answer ends the interview (an example or the question
        # in other words may come first, and is answered).
        answer(page, microphone, answers["result"])
        your_turn(page, QUESTION_2)
        expect(page.get_by_test_id("room-question")).to_have_text("Question 2 of 2")
        answer(page, microphone, answers["style"])
        report = page.get_by_test_id("interview-report")
        waiting = page.locator(ASKED)  # another line about this question
        expect(report.or_(waiting)).to_be_visible(timeout=LINE_TIMEOUT_MS)
        if not report.is_visible():
            answer(page, microphone, answers["example"])
        expect(report).to_be_visible(timeout=LINE_TIMEOUT_MS)
    except AssertionError as failure:
        raise AssertionError(f"{failure}\n{story(sockets.last)}") from None
    events = sockets.last
    said = {e["line_id"]: e["kind"] for e in events if e["type"] == "interviewer_speaking"}
    cut = [said[e["line_id"]] for e in events if e["type"] == "interviewer_done" and e["interrupted"]]
    assert not cut, story(events)  # every answer came after the interviewer's line
    assert "still_there" not in said.values(), story(events)  # and soon after it
    assert sum(sockets.sent) > 25 * RATE * 2, "the microphone streamed the answers"
    finished = next(e for e in events if e["type"] == "interview_finished")
    assert finished["report"]["answered"] == 2, story(events)
    speakers = page.evaluate(SPOKEN)
    # The interviewer spoke first; the candidate took the floor once it was theirs (not over a line).
    first_turn = speakers.index("candidate")
    assert "interviewer" in speakers[:first_turn] and speakers[first_turn - 1] == "idle", speakers

    # The report: overall and per dimension, each answer judged, the story complete after the follow-up.
    expect(page).to_have_title(re.compile(r"^Interview report: Quick check"))
    overall = page.get_by_test_id("report-overall").locator("[data-score]")
    expect(overall).to_have_attribute("data-score", str(finished["report"]["overall"]))
    for name in ("relevance", "structure", "specificity", "fluency", "timing"):
        expect(page.locator(f".iv-dimension[data-dimension={name}] [data-score]")).to_have_attribute(
            "data-score", re.compile(r"^(\d+|—)$")
        )
    first = page.get_by_test_id("report-answer").first
    expect(first).to_contain_text(QUESTION_1)
    expect(first.locator(".iv-star-part[data-part=result]")).to_have_attribute("data-found", "true")
    expect(first.get_by_test_id("keypoints-covered").locator("q").first).to_be_visible()
    expect(first.locator(".iv-answer-card__suggestion")).to_be_visible()

    # The replay: both voices by turn; a click plays from that turn, which is then highlighted.
    duration = playable_duration(page, "[data-testid=interview-audio]")
    expect(page.get_by_test_id("replay-turns").get_by_role("button").first).to_contain_text("Interviewer")
    answer_turn = page.locator(".iv-replay__turn--candidate").nth(1)
    expect(answer_turn).to_contain_text(re.compile("shipped|bugs|forty", re.I))
    start_s = float(answer_turn.get_attribute("data-start") or "nan")
    assert 5 < start_s < duration
    answer_turn.click()
    page.wait_for_function(
        """start => {
          const audio = document.querySelector('[data-testid=interview-audio]');
          return audio && !audio.paused && audio.currentTime > start + 0.3;
        }""",
        arg=start_s,
        timeout=10_000,
    )
    expect(answer_turn).to_have_attribute("aria-current", "true")
    # A delivery moment (a filler, a pause, a change of sound) plays from its time in the recording.
    moment = page.locator(".iv-moment-link").first
    if moment.count():
        at = float(moment.get_attribute("data-seek") or "nan")
        moment.click()
        page.wait_for_function(
            "at => Math.abs(document.querySelector('[data-testid=interview-audio]').currentTime - at) < 1",
            arg=at,
        )
    page.locator("[data-testid=interview-audio]").evaluate("audio => audio.pause()")
    assert_accessible(page, "interview report")
    screenshots(page, "interview-report")

    # The dashboard lists it with its score, and links back to the report.
    nav = page.get_by_role("navigation", name="Interview practice")
    nav.get_by_role("link", name="Your interviews").click()
    row = page.get_by_test_id("interview-list").locator("tr[data-status=completed]").first
    expect(row).to_contain_text(str(finished["report"]["overall"]))
    overall_chart = page.get_by_test_id("chart-overall")
    expect(overall_chart).to_contain_text(re.compile(r"Overall: \d+ interviews?, last"))
    expect(page.get_by_test_id("chart-dimensions")).to_contain_text("Relevance:")
    screenshots(page, "interview-progress")
    row.get_by_role("link").click()
    expect(page).to_have_url(re.compile(f"/app/interviews/{interview_id}$"))
    expect(page.get_by_test_id("interview-report")).to_be_visible()


# The moment the candidate spoke over the interviewer, as the page shows it (polled at every frame).
BARGED_IN = """() => {
  const room = document.querySelector('[data-testid=interview-room]');
  const notice = document.querySelector('[data-testid=barge-in-notice]');
  if (!room || !notice) return null;
  const said = document.querySelector('[data-testid=room-speaker]').textContent;
  const pending = window.__voice().pending;
  return { speaker: room.dataset.speaker, buffered: room.dataset.audioBuffered, pending, said };
}"""


def test_speaking_over_the_interviewer_stops_it_at_once_then_pause_resume_and_end(
    mic_page: Page, server: str, microphone: Microphone, answers: Answers
) -> None:
    interview_id = new_voice_interview(server)  # its interviewer in "heart" (the other spoken test: af_heart)
    page = mic_page
    sockets = Sockets(page)
    page.goto(f"/app/interviews/{interview_id}")
    room = page.get_by_test_id("interview-room")
    # The candidate starts talking as soon as the first question begins, over it (nothing else is queued
    # after a question: the interviewer then waits for the answer).
    start_room(page)
    mute = page.get_by_role("button", name="Mute")
    mute.click()
    expect(mute).to_have_attribute("aria-pressed", "true")
    microphone.load(answers["no_result"], lead_s=0.0)
    try:
        expect(page.get_by_test_id("caption-interviewer")).to_have_text(QUESTION_1, timeout=LINE_TIMEOUT_MS)
        mute.click()
        shown = page.wait_for_function(BARGED_IN, polling="raf", timeout=LINE_TIMEOUT_MS).json_value()
    except Exception as failure:
        raise AssertionError(f"{failure}\n{story(sockets.last)}") from None
    # At once: nothing of the interviewer's voice is left to play, and the floor is the candidate's.
    expected = {"speaker": "candidate", "buffered": "0.00", "pending": 0, "said": "You are speaking"}
    assert shown == expected, shown
    said = page.get_by_test_id("room-log").locator("[data-speaker=interviewer]")
    expect(said.filter(has_text="interrupted").first).to_be_visible()
    events = sockets.last
    stopped = next(e for e in events if e["type"] == "interviewer_done" and e["interrupted"])
    lines = {e["line_id"]: e for e in events if e["type"] == "interviewer_speaking"}
    line = lines[stopped["line_id"]]
    assert line["kind"] == "question", story(events)
    spoke = next(e for e in events if e["type"] == "candidate_speaking")
    # Stopped within moments of the overlap (the candidate may have started before the line did).
    assert stopped["_t"] - max(spoke["_t"], line["_t"]) < 1.5, story(events)

    # Pause: the microphone is released and the server pauses the interview.
    page.get_by_role("button", name="Pause").click()
    expect(room).to_have_attribute("data-phase", "paused")
    deadline = time.monotonic() + 10
    while httpx.get(f"{server}/api/v1/interviews/{interview_id}").json()["status"] != "paused":
        assert time.monotonic() < deadline, "the server did not pause the interview"
        time.sleep(0.2)

    # Resume: the interviewer asks the waiting question again; End finishes with the report.
    microphone.silence()
    start_room(page)
    expect(page.get_by_test_id("caption-interviewer")).to_have_text(QUESTION_1, timeout=30_000)
    again = sockets.last
    asked = [e for e in again if e["type"] == "interviewer_speaking" and e["kind"] == "question"]
    assert asked and asked[0]["text"] == QUESTION_1, story(again)
    page.get_by_role("button", name="End interview").click()
    expect(page.get_by_test_id("interview-report")).to_be_visible(timeout=45_000)
    assert any(e["type"] == "interview_finished" for e in again), story(again)
    status = httpx.get(f"{server}/api/v1/interviews/{interview_id}").json()["status"]
    assert status == "completed"
