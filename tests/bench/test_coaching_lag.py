"""bench.coaching's transcript lag: a word counts as shown by the first event that carried it, a caption
or the final, whatever punctuation or case Whisper gave it there; a misheard word is not the word."""

from __future__ import annotations

from typing import Any

from bench.coaching import word_lags


def _words(*words: tuple[str, float, float]) -> list[dict[str, Any]]:
    return [{"text": t, "start": s, "end": e} for t, s, e in words]


def _transcript(final: bool, *words: tuple[str, float, float]) -> dict[str, Any]:
    return {"type": "transcript", "final": final, "words": _words(*words)}


def _result(*words: tuple[str, float, float]) -> dict[str, Any]:
    return {"type": "coaching_result", "report": {"analysis": {"transcript": {"words": _words(*words)}}}}


def test_a_word_is_shown_by_the_first_caption_that_carried_it() -> None:
    received = [
        (101.5, _transcript(False, ("It", 0.4, 0.8), ("is", 0.8, 1.2), ("chain.", 1.2, 1.6))),
        (102.5, _transcript(False, ("it", 0.4, 0.8), ("is", 0.8, 1.1), ("change,", 1.2, 1.6))),
        (103.0, _transcript(False, ("Um,", 2.5, 2.5))),  # a filler's start, timed loosely
        (
            104.0,
            _transcript(True, ("It", 0.4, 0.8), ("is", 0.8, 1.1), ("change", 1.2, 1.6), ("um", 2.0, 2.5)),
        ),
        (105.0, _result(("It", 0.4, 0.8), ("is", 0.8, 1.1), ("change", 1.2, 1.6), ("um", 2.0, 2.5))),
    ]
    lags = word_lags(received, started=100.0, ended=104.0)
    # "It" and "is" in the first caption (from the final's end); "change" once heard as such; "um" by its end.
    assert [round(x, 2) for x in lags] == [0.7, 0.4, 0.9, 0.5]


def test_a_word_first_heard_in_the_report_is_late_by_then() -> None:
    received = [
        (101.0, _transcript(True, ("Hello", 0.2, 0.6))),
        (103.0, _result(("Hello", 0.2, 0.6), ("there", 0.7, 1.0))),
    ]
    assert [round(x, 2) for x in word_lags(received, started=100.0, ended=102.0)] == [0.4, 2.0]
