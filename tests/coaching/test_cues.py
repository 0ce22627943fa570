"""Live cues from hand-built metrics and words: what a rehearsing speaker would see, and when."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

import pytest

from vocalis.analysis.incremental import LiveMetrics
from vocalis.coaching.cues import (
    FOCUS_AREAS,
    SEVERITY_RANK,
    Cue,
    CuePolicy,
    CueSettings,
    recent_pace,
)
from vocalis.coaching.phrases import PHRASES, TIPS
from vocalis.engines.protocols import TranscribedWord
from vocalis.errors import InvalidInput

WPM = 140.0  # inside both default bands (en 130-160, fr 120-150)


def live(t: float, **changes: object) -> LiveMetrics:
    """A speaker talking steadily since 0 s at a comfortable level, with lively pitch."""
    metrics = LiveMetrics(
        elapsed_seconds=t, speaking=True, speech_seconds=t, loudness_lufs=-20.0, talk_loudness_lufs=-20.0,
        pitch_hz=180.0, pitch_median_hz=180.0, pitch_variation_semitones=3.0, pause_count=0,
        long_pause_count=0, longest_pause_seconds=0.0, silence_seconds=0.0, word_count=0,
        words_per_minute=None, filler_count=0, fillers_per_minute=None, transcript="",
        pending_speech_seconds=0.0,
    )  # fmt: skip
    return replace(metrics, **changes)  # type: ignore[arg-type]


def talk(
    seconds: float,
    *,
    start: float = 0.0,
    wpm: float = WPM,
    fillers: Sequence[float] = (),
    filler: str = "um,",
) -> list[TranscribedWord]:
    """Distinct words ("s0w0 s0w1 ...", a full stop every 10) at ``wpm``; a ``filler`` at each given time."""
    step = 60.0 / wpm
    count = int(seconds / step)
    words = [f"s{start:g}w{i}" + ("." if i % 10 == 9 else "") for i in range(count)]
    at = [start + i * step for i in range(count)]
    timed = [TranscribedWord(w, t, t + 0.8 * step, 0.9) for w, t in zip(words, at, strict=True)]
    extra = [TranscribedWord(filler, t, t + 0.3, 0.6) for t in fillers]
    return sorted(timed + extra, key=lambda w: w.start)


def run(
    policy: CuePolicy,
    words: Sequence[TranscribedWord],
    until: float,
    metrics: Callable[[float], LiveMetrics] = live,
    group_s: float = 3.0,
    *,
    incremental: bool = False,
) -> list[Cue]:
    """Feed a chunk every 100 ms; words arrive in transcribed groups, every ``group_s`` seconds.

    The policy gets all the words so far with each chunk, or (``incremental``) hears each group once.
    """
    cues, heard = [], 0
    for tick in range(round(until * 10) + 1):
        t = tick / 10
        cutoff = group_s * (tick // round(group_s * 10))
        before = heard
        while heard < len(words) and words[heard].end <= cutoff:
            heard += 1
        if incremental:
            policy.hear(words[before:heard])
            cue = policy.update(metrics(t))
        else:
            cue = policy.update(metrics(t), words[:heard])
        if cue is not None:
            cues.append(cue)
    return cues


def policy(language: str = "en", **settings: object) -> CuePolicy:
    return CuePolicy(CueSettings(language, **settings))  # type: ignore[arg-type]


def test_steady_talk_gives_no_cue() -> None:
    assert run(policy(), talk(120.0), 120.0) == []


def test_a_single_filler_gives_no_cue() -> None:
    assert run(policy(), talk(60.0, fillers=[20.05]), 60.0) == []
    assert run(policy(), talk(60.0, fillers=[10.05, 40.05]), 60.0) == []


def test_a_filler_burst_gives_one_warning_in_the_session_language() -> None:
    [cue] = run(policy(), talk(60.0, fillers=[10.05, 14.05, 17.05]), 60.0)
    assert (cue.type, cue.area, cue.category) == ("filler_burst", "fillers", "delivery")
    assert cue.severity == "warning"
    assert cue.message == "Watch the fillers: 3 in 20 s, mostly “um”"
    assert cue.at == pytest.approx(18.0)  # the group that holds the third filler arrives at 18 s
    assert 0.0 <= cue.score < 1.0
    assert cue.suggestions == ("Pause silently instead of filling.",)


def test_french_messages_are_french() -> None:
    [cue] = run(policy("fr"), talk(60.0, fillers=[10.05, 14.05, 17.05], filler="euh,"), 60.0)
    assert cue.message == "Attention aux tics de langage\u00a0: 3 en 20\u00a0s, surtout «\u202feuh\u202f»"
    assert cue.suggestions == ("Marquez un silence plutôt qu'un «\u202feuh\u202f».",)


def test_six_fillers_in_twenty_seconds_are_critical() -> None:
    [cue] = run(policy(), talk(60.0, fillers=[12.05, 12.55, 13.05, 13.55, 14.05, 14.55]), 60.0)
    assert (cue.type, cue.severity) == ("filler_burst", "critical")


def test_two_problems_at_once_give_one_cue_then_the_other_after_the_frequency() -> None:
    cues = policy(feedback_frequency=10.0)
    quiet = {"loudness_lufs": -40.0}
    words = talk(4.0, fillers=[1.05, 2.05, 3.05])
    for k in range(40):  # faint speech, just under the 4 s it takes to matter; no words transcribed yet
        assert cues.update(live(k / 10, **quiet)) is None
    first = cues.update(live(4.0, **quiet), words)  # now both: faint for 4 s, and a burst of fillers
    assert first is not None and first.type == "filler_burst"  # equally severe: fillers come first in focus
    later = [cues.update(live(4.0 + k / 10, **quiet), words) for k in range(1, 200)]
    given = [c for c in later if c is not None]
    assert [(c.type, c.severity, c.at) for c in given] == [("too_quiet", "warning", 14.0)]
    assert given[0].message == "Speak up: your voice is faint (-40 LUFS)"


def test_focus_order_and_severity_decide_between_pending_cues() -> None:
    words = talk(4.0, fillers=[1.05, 2.05, 3.05])
    for lufs, focus, expected in [
        (-40.0, ("volume", "fillers"), "too_quiet"),  # both warnings: the first focus area wins
        (-50.0, ("fillers", "volume"), "too_quiet"),  # a critical beats a warning whatever the focus order
    ]:
        cues = policy(focus=focus)
        for k in range(40):
            cues.update(live(k / 10, loudness_lufs=lufs))
        cue = cues.update(live(4.0, loudness_lufs=lufs), words)
        assert cue is not None and cue.type == expected


def test_the_same_cue_type_waits_for_the_cooldown_unless_it_got_worse() -> None:
    # frequency 5 s, cool-down 15 s: the burst heard at 24 s waits until 30 s, the one at 42 s until 45 s.
    bursts = [10.05, 11.05, 12.05, 20.05, 21.05, 22.05, 37.05, 38.05, 39.05]
    cues = run(policy(feedback_frequency=5.0), talk(60.0, fillers=bursts), 60.0)
    assert [(c.type, c.at) for c in cues] == [("filler_burst", at) for at in (15.0, 30.0, 45.0)]
    worse = [10.05, 11.05, 12.05, 20.05, 20.55, 21.05, 21.55, 22.05, 22.55]
    cues = run(policy(feedback_frequency=5.0), talk(60.0, fillers=worse), 60.0)
    assert [(c.severity, c.at) for c in cues] == [("warning", 15.0), ("critical", 24.0)]


def test_only_focus_areas_are_coached() -> None:
    words = talk(60.0, fillers=[10.05, 14.05, 17.05])
    assert run(policy(focus=("pace", "volume")), words, 60.0) == []
    assert [c.type for c in run(policy(focus=("fillers",)), words, 60.0)] == ["filler_burst"]
    assert run(policy(focus=()), words, 60.0) == []


def test_real_time_feedback_off_gives_nothing() -> None:
    words = talk(60.0, wpm=200.0, fillers=[10.05, 14.05, 17.05])
    quiet = lambda t: live(t, loudness_lufs=-50.0, pitch_variation_semitones=0.5)  # noqa: E731
    assert run(policy(real_time_feedback=False), words, 60.0, quiet) == []
    assert run(policy(), words, 60.0, quiet) != []


def test_a_brief_rush_is_not_a_rush_but_a_long_one_is() -> None:
    burst = talk(30.0, wpm=WPM) + talk(5.0, start=30.0, wpm=220.0) + talk(30.0, start=35.0, wpm=WPM)
    assert run(policy(), burst, 65.0) == []
    [cue] = run(policy(), talk(40.0, wpm=185.0), 40.0)
    assert (cue.type, cue.severity) == ("pace_fast", "warning")
    assert re.fullmatch(r"Slow down a little: 18\d wpm", cue.message)
    [cue] = run(policy("fr"), talk(40.0, wpm=185.0), 40.0)
    assert (cue.type, cue.severity) == ("pace_fast", "critical")  # the French band ends at 150
    assert re.fullmatch("Beaucoup trop rapide\u00a0: 18\\d\u00a0mots/min. Ralentissez", cue.message)
    [cue] = run(policy("fr"), talk(40.0, wpm=165.0), 40.0)
    assert re.fullmatch("Ralentissez un peu\u00a0: 16\\d\u00a0mots/min", cue.message)


def test_slow_pace_and_a_custom_band() -> None:
    [cue] = run(policy(), talk(40.0, wpm=110.0), 40.0)
    assert (cue.type, cue.severity) == ("pace_slow", "info")
    assert run(policy(target_wpm=(100.0, 130.0)), talk(40.0, wpm=110.0), 40.0) == []


def test_recent_pace_needs_a_full_window_and_caps_long_gaps() -> None:
    assert recent_pace(talk(15.0)) is None
    pace = recent_pace(talk(30.0, wpm=150.0))
    assert pace is not None and pace.words_per_minute == pytest.approx(150.0, abs=4)
    gapped = talk(12.0, wpm=150.0) + talk(12.0, start=30.0, wpm=150.0)  # an 18 s silence counts as 2 s
    paced = recent_pace(gapped)
    assert paced is not None and paced.words_per_minute == pytest.approx(150.0 * 18 / 20, abs=5)


def test_a_long_pause_only_once_the_talk_is_under_way() -> None:
    cues = policy()
    silent = {"speaking": False, "speech_seconds": 10.0}
    assert cues.update(live(13.9, silence_seconds=3.9, **silent)) is None
    cue = cues.update(live(14.0, silence_seconds=4.0, **silent))
    assert cue is not None and (cue.type, cue.severity) == ("long_pause", "info")
    assert cue.message == "Long pause (4 s): pick up the thread"
    assert cues.update(live(17.0, silence_seconds=7.0, **silent)) is None
    worse = cues.update(live(24.0, silence_seconds=10.0, **silent))
    assert worse is not None and (worse.type, worse.severity) == ("long_pause", "warning")
    assert cues.update(live(40.0, silence_seconds=26.0, **silent)) is None  # same pause, no worse
    # the pause's start, seen from later chunks, wobbles by a VAD window: still the same pause
    assert cues.update(live(60.0, silence_seconds=46.03, **silent)) is None
    before_talk = policy()
    assert before_talk.update(live(9.0, speaking=False, speech_seconds=0.0, silence_seconds=9.0)) is None


def test_a_quiet_voice_needs_several_seconds() -> None:
    faint = lambda t: live(t, loudness_lufs=-38.0 if t >= 10 else -20.0)  # noqa: E731
    assert run(policy(), [], 13.5, faint) == []
    [cue] = run(policy(), [], 20.0, faint)
    assert (cue.type, cue.severity, cue.at) == ("too_quiet", "warning", 13.9)  # 4 s of chunks from 9.9 s
    assert cue.suggestions == ("Move closer to the microphone.", "Project to the back of the room.")


def test_monotone_needs_thirty_seconds_of_speech() -> None:
    flat = lambda t: live(t, pitch_variation_semitones=1.2)  # noqa: E731
    assert run(policy(), [], 29.9, flat) == []
    cues = run(policy(feedback_frequency=10.0), [], 100.0, flat)
    # once per 30 s of speech: the whole-talk pitch spread cannot improve faster than that
    assert [c.at for c in cues] == [30.0, 60.0, 90.0] and {c.severity for c in cues} == {"info"}
    assert cues[0].category == "technique"
    assert cues[0].message == "Vary your pitch: it stays flat (±1.2 semitones)"
    [french] = run(policy("fr"), [], 35.0, flat)
    assert french.message == "Variez l'intonation\u00a0: votre voix reste plate (±1,2\u00a0demi-tons)"


def test_mumbled_words_give_a_clarity_cue() -> None:
    words = [replace(w, probability=0.3) for w in talk(30.0)]
    [cue] = run(policy(), words, 30.0)
    assert (cue.type, cue.area, cue.severity) == ("unclear_speech", "clarity", "warning")


def test_repeated_hedging_gives_a_content_cue() -> None:
    text = "I think this works. Maybe we ship soon, probably in May. The team is ready."
    words = [TranscribedWord(w, 5 + i * 0.4, 5 + i * 0.4 + 0.3, 0.9) for i, w in enumerate(text.split())]
    [cue] = run(policy(), words, 30.0)
    assert (cue.type, cue.category, cue.severity) == ("hedging", "content", "info")
    assert cue.message == "Sound surer: 3 hedges like “i think” lately"


def test_french_hedges_but_not_the_fillers_among_them() -> None:
    text = "Du coup on avance. En fait c'est prêt. Du coup on livre demain matin."
    words = [TranscribedWord(w, 5 + i * 0.4, 5 + i * 0.4 + 0.3, 0.9) for i, w in enumerate(text.split())]
    assert [c.type for c in run(policy("fr", focus=("content",)), words, 30.0)] == []
    text = "Je pense que ça marche. Peut-être demain, je crois. Le reste suit."
    words = [TranscribedWord(w, 5 + i * 0.4, 5 + i * 0.4 + 0.3, 0.9) for i, w in enumerate(text.split())]
    [cue] = run(policy("fr"), words, 30.0)
    assert cue.message == "Affirmez-vous\u00a0: 3 précautions comme «\u202fje pense\u202f»"
    assert cue.suggestions == ("Énoncez votre idée franchement.",)


def test_repetition_and_long_sentence_cues() -> None:
    text = "Our new product is fast. Our new product is cheap. Our new product wins."
    words = [TranscribedWord(w, 2 + i * 0.4, 2 + i * 0.4 + 0.3, 0.9) for i, w in enumerate(text.split())]
    [cue] = run(policy(), words, 20.0)
    assert (cue.type, cue.message) == ("repetition", "You keep saying “our new product” (3 times)")
    long = [TranscribedWord(f"part{i}", i * 0.4, i * 0.4 + 0.3, 0.9) for i in range(40)]
    long[-1] = replace(long[-1], text="end.")
    cue = policy().update(live(17.0), long)
    assert cue is not None and (cue.type, cue.severity) == ("long_sentence", "info")
    assert cue.message == "Long sentence: 40 words. Break it up"
    more = [replace(w, text=f"more{i}") for i, w in enumerate(talk(8.0, start=16.0))]
    longer = [*long[:-1], *more, TranscribedWord("end.", 24.5, 24.8, 0.9)]
    cue = policy().update(live(26.0), longer)
    assert cue is not None and cue.severity == "warning"  # past 1.5 times the limit


def test_words_may_come_all_at_once_or_as_they_are_heard() -> None:
    words = talk(90.0, wpm=190.0, fillers=[10.05, 14.05, 17.05])
    whole = run(policy(), words, 90.0)
    heard = run(policy(), words, 90.0, incremental=True)
    # a rush that goes on is recalled once per cool-down (30 s), each time on 20 s of new speech
    expected = [("filler_burst", 18.0), ("pace_fast", 28.0), ("pace_fast", 58.0), ("pace_fast", 88.0)]
    assert [(c.type, c.at) for c in whole] == expected
    assert heard == whole


def test_settings_are_checked() -> None:
    with pytest.raises(InvalidInput):
        CueSettings("de")
    with pytest.raises(InvalidInput):
        CueSettings("en", focus=("pace", "charisma"))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        CueSettings("en", feedback_frequency=0.0)
    with pytest.raises(InvalidInput):
        CueSettings("en", target_wpm=(160.0, 130.0))
    assert CueSettings("fr").wpm_band == (120.0, 150.0)


def test_every_phrase_has_both_languages_and_french_typography() -> None:
    assert set(TIPS) <= set(PHRASES)
    for key, texts in PHRASES.items():
        assert set(texts) == {"en", "fr"}, key
        assert not re.search(r" [:;?!]", texts["fr"]), key  # no ordinary space before French punctuation
        assert not re.search(r"\S[:;?!]", texts["fr"]), key


def messy_metrics(seed: int) -> Callable[[float], LiveMetrics]:
    rng = random.Random(seed)
    segments = [(t, rng.random()) for t in range(0, 700, 7)]

    def metrics(t: float) -> LiveMetrics:
        roll = segments[int(t // 7)][1]
        silent = roll < 0.2
        return live(
            t, speaking=not silent, silence_seconds=(t % 7) if silent else 0.0,
            loudness_lufs=-42.0 if roll > 0.8 else -20.0, pitch_variation_semitones=1.0 + roll,
        )  # fmt: skip

    return metrics


def messy_words(seed: int, language: str) -> list[TranscribedWord]:
    rng = random.Random(seed)
    filler, hedge = ("um,", "maybe") if language == "en" else ("euh,", "peut-être")
    words: list[TranscribedWord] = []
    t = 0.0
    while t < 600.0:
        wpm = rng.choice([100.0, 140.0, 200.0])
        heard = [t + rng.random() * 15 for _ in range(rng.randint(0, 5))]
        block = talk(15.0, start=t, wpm=wpm, fillers=heard, filler=filler)
        words.extend(replace(w, text=hedge) if rng.random() < 0.03 else w for w in block)
        t += 15.0
    return sorted(words, key=lambda w: w.start)


@pytest.mark.parametrize(
    ("language", "frequency", "seed"), [("en", 10.0, 1), ("fr", 7.5, 2), ("en", 30.0, 3), ("fr", 3.0, 4)]
)
def test_a_long_messy_stream_never_floods_the_speaker(language: str, frequency: float, seed: int) -> None:
    until = 600.0
    settings = policy(language, feedback_frequency=frequency)
    cues = run(settings, messy_words(seed, language), until, messy_metrics(seed))
    assert 3 <= len(cues) <= until / frequency + 1
    assert all(b.at - a.at >= frequency for a, b in itertools.pairwise(cues))
    assert {c.area for c in cues} <= set(FOCUS_AREAS)
    for cue in cues:
        assert len(cue.message) <= 80, cue.message
        assert 0.0 <= cue.score <= 1.0 and 1 <= len(cue.suggestions) <= 2
    for a, b in itertools.pairwise(cues):
        if a.type == b.type and b.at - a.at < 3 * frequency:  # only a worse one comes back that soon
            assert SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity]
