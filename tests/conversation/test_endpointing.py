"""Turn-taking on real speech: a finished sentence ends the turn within a fraction of a second, a pause
mid-thought does not, speech over ours is a barge-in, and the turn's words are read as it goes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from tests.analysis.talks import Line, Talk, build_talk
from tests.conftest import words_of
from vocalis.audio.resample import resample
from vocalis.conversation.endpointing import (
    BargeIn,
    Endpointer,
    EndpointEvent,
    EndpointSettings,
    Paused,
    SpeechStarted,
    TurnEnded,
)
from vocalis.conversation.listening import Listener
from vocalis.engines.protocols import TurnDetector
from vocalis.graph import Vocalis

STEP = 1600  # 100 ms at 16 kHz, as a microphone sends it
FINISHED = "I decided to freeze new features for three weeks."
UNFINISHED = [
    Line("I decided to freeze new features because", 1.2),
    Line("two customers had threatened to leave."),
]


@pytest.fixture(scope="module")
def detector(services: Vocalis) -> TurnDetector:
    return services.engines.turn_detector()


def samples(talk: Talk, tail_s: float) -> np.ndarray:
    audio = resample(talk.audio, 16_000).samples
    return np.concatenate([audio, np.zeros(int(tail_s * 16_000), np.float32)])


def feed(endpointer: Endpointer, audio: np.ndarray, *, speaking: bool = False) -> list[EndpointEvent]:
    events: list[EndpointEvent] = []
    for first in range(0, len(audio), STEP):
        events.extend(endpointer.feed(audio[first : first + STEP], we_are_speaking=speaking))
    return events


def test_a_finished_sentence_ends_the_turn_at_once(services: Vocalis, detector: TurnDetector) -> None:
    talk = build_talk(services, [Line(FINISHED)], voice="am_michael")
    events = feed(Endpointer(services.engines.voice_activity(), detector), samples(talk, 2.5))
    assert isinstance(events[0], SpeechStarted)
    (ended,) = [e for e in events if isinstance(e, TurnEnded)]
    assert ended.by == "turn_detector" and ended.probability is not None and ended.probability > 0.5
    assert ended.end == pytest.approx(talk.lines[-1].end, abs=0.25)
    assert ended.decided_at - talk.lines[-1].end < 0.6  # far below the 2 s a silence timeout waits


@pytest.mark.parametrize("voice", ["am_michael", "bf_emma"])
def test_a_pause_mid_thought_does_not_end_the_turn(
    services: Vocalis, detector: TurnDetector, voice: str
) -> None:
    talk = build_talk(services, UNFINISHED, voice=voice)
    events = feed(Endpointer(services.engines.voice_activity(), detector), samples(talk, 2.5))
    paused = [e for e in events if isinstance(e, Paused)]
    ended = [e for e in events if isinstance(e, TurnEnded)]
    assert len(ended) == 1, events  # one turn: the pause after "because" did not cut in
    assert paused and paused[0].probability is not None and paused[0].probability < 0.5
    assert ended[0].start < talk.lines[0].end < ended[0].end
    assert ended[0].end == pytest.approx(talk.lines[-1].end, abs=0.25)


class CountingDetector:
    """The real detector, with the audio of each question it was asked (its length in samples)."""

    def __init__(self, inner: TurnDetector) -> None:
        self.inner = inner
        self.name, self.sample_rate, self.max_seconds = inner.name, inner.sample_rate, inner.max_seconds
        self.asked: list[int] = []

    def probability(self, samples: np.ndarray) -> float:
        self.asked.append(len(samples))
        return self.inner.probability(samples)


@pytest.mark.parametrize(("patience_once_read", "asked"), [(0.0, 1), (1.8, 2)])
def test_a_pause_judged_while_its_words_are_read_is_not_judged_again(
    services: Vocalis, detector: TurnDetector, patience_once_read: float, asked: int
) -> None:
    """The listener asks about the pause while the words are read; once they are (``poll``, no new audio),
    a turn that may end after ``pause_s`` ends at once on that answer, and one that needs a longer pause
    is asked again then."""
    talk = build_talk(services, [Line(FINISHED)], voice="heart")
    counting = CountingDetector(detector)
    read = [False]
    endpointer = Endpointer(
        services.engines.voice_activity(), counting,
        patience=lambda _length: patience_once_read if read[0] else 60.0,  # 60: waiting for the words
    )  # fmt: skip
    audio = samples(talk, 2.5)
    events: list[EndpointEvent] = []
    for first in range(0, len(audio), STEP):
        new = endpointer.feed(audio[first : first + STEP])
        if any(isinstance(e, Paused) for e in new):
            endpointer.judge_pause()
            endpointer.judge_pause()  # once per pause
            assert len(counting.asked) == 1
            read[0] = True
            polled = endpointer.poll()
            assert bool(polled) == (patience_once_read == 0.0), polled
            now = round(endpointer.elapsed, 3)
            assert all(e.decided_at == now for e in polled if isinstance(e, TurnEnded))
            new += polled
        events.extend(new)
    (ended,) = [e for e in events if isinstance(e, TurnEnded)]
    assert ended.by == "turn_detector" and len(counting.asked) == asked
    waited = ended.decided_at - ended.end
    assert waited < 0.5 if asked == 1 else 1.8 <= waited < 2.0


def test_a_pause_the_detector_already_judged_is_not_judged_again(
    services: Vocalis, detector: TurnDetector
) -> None:
    """Without patience the detector hears each pause at ``pause_s``; the listener's early question about
    that pause (it sends the words to be read at the same moment) is then already answered."""
    talk = build_talk(services, UNFINISHED, voice="heart")
    counting = CountingDetector(detector)
    endpointer = Endpointer(services.engines.voice_activity(), counting)
    audio = samples(talk, 2.5)
    pauses = 0
    for first in range(0, len(audio), STEP):
        new = endpointer.feed(audio[first : first + STEP])
        if any(isinstance(e, Paused) for e in new):
            pauses += 1
            asked = len(counting.asked)
            endpointer.judge_pause()
            assert len(counting.asked) == asked
    assert pauses >= 1 and counting.asked  # the pause after "because" was heard and judged


def test_without_a_turn_detector_only_a_long_silence_ends_the_turn(services: Vocalis) -> None:
    talk = build_talk(services, [Line(FINISHED)], voice="am_michael")
    endpointer = Endpointer(services.engines.voice_activity(), None, EndpointSettings(max_pause_s=1.5))
    (ended,) = [e for e in feed(endpointer, samples(talk, 2.5)) if isinstance(e, TurnEnded)]
    assert ended.by == "silence" and ended.decided_at - ended.end == pytest.approx(1.5, abs=0.1)


def test_speech_over_ours_is_a_barge_in_and_a_click_is_no_turn(
    services: Vocalis, detector: TurnDetector
) -> None:
    talk = build_talk(services, [Line(FINISHED)], voice="am_michael")
    endpointer = Endpointer(services.engines.voice_activity(), detector)
    events = feed(endpointer, samples(talk, 0.5), speaking=True)
    (barge,) = [e for e in events if isinstance(e, BargeIn)]
    start = next(e for e in events if isinstance(e, SpeechStarted)).at
    assert 0.2 <= barge.at - start <= 0.45  # a quarter of a second of speech, not a breath

    # Once per run of speech, unless we start a new line while they are still talking.
    again = Endpointer(services.engines.voice_activity(), detector)
    audio = samples(talk, 0.5)
    half = len(audio) // 2
    first = [e for e in feed(again, audio[:half], speaking=True) if isinstance(e, BargeIn)]
    again.rearm_barge_in()
    second = [e for e in feed(again, audio[half:], speaking=True) if isinstance(e, BargeIn)]
    assert len(first) == 1 and len(second) == 1 and second[0].at > first[0].at + 0.2
    unarmed = Endpointer(services.engines.voice_activity(), detector)
    feed(unarmed, audio[:half], speaking=True)
    assert not [e for e in feed(unarmed, audio[half:], speaking=True) if isinstance(e, BargeIn)]

    click = np.zeros(16_000, np.float32)
    click[8000:8800] = np.sin(np.linspace(0, 400 * np.pi, 800)).astype(np.float32) * 0.5  # 50 ms
    quiet = Endpointer(services.engines.voice_activity(), detector)
    assert not [e for e in feed(quiet, click) if isinstance(e, TurnEnded)]


def test_the_turns_words_are_read_as_it_goes(services: Vocalis, detector: TurnDetector) -> None:
    script = [Line("At my last job I had to freeze new features for three weeks, because", 1.2),
              Line("two customers had threatened to leave.")]  # fmt: skip
    talk = build_talk(services, script, voice="am_michael")
    with ThreadPoolExecutor(1) as pool:
        listener = Listener.on_executor(
            Endpointer(services.engines.voice_activity(), detector), services.engines.speech_to_text("en"),
            pool, language="en", prompt=None,
        )  # fmt: skip
        events: list[EndpointEvent] = []
        audio = samples(talk, 2.0)
        for first in range(0, len(audio), STEP):
            events.extend(listener.hear(audio[first : first + STEP]))
        (ended,) = [e for e in events if isinstance(e, TurnEnded)]
        heard = listener.turn(ended).result(timeout=30)
    said = words_of(" ".join(line.text for line in talk.lines)).split()
    assert len(set(words_of(heard.text).split()) & set(said)) >= len(set(said)) - 2
    assert heard.words[0].start == pytest.approx(talk.lines[0].start, abs=0.4)
    assert listener.audio().duration == pytest.approx(len(audio) / 16_000, abs=0.01)
