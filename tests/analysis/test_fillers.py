"""Which words count as fillers, on transcripts written out by hand (the rules, without audio)."""

from __future__ import annotations

import pytest

from vocalis.analysis.fillers import find_fillers
from vocalis.engines.protocols import TranscribedWord


def words(text: str) -> list[TranscribedWord]:
    return [TranscribedWord(w, i * 0.5, i * 0.5 + 0.4, 0.9) for i, w in enumerate(text.split())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Um, so today we start. Uh, hmm, er, ah.", ["um", "so", "uh", "hmm", "er", "ah"]),
        ("I like this plan and it looks like rain.", []),
        ("It was, like, huge.", ["like"]),
        ("So the results are in. We did well, so we celebrate.", ["so"]),
        ("You know, it works. Do you know the way?", ["you know"]),
        ("It was late, you know.", ["you know"]),
        ("I mean, nobody cares. I mean it.", ["i mean"]),
        ("Basically it works and actually it is fast.", ["basically", "actually"]),
        ("Umm, well.", ["um"]),
    ],
)
def test_english_fillers(text: str, expected: list[str]) -> None:
    assert [f.text for f in find_fillers(words(text), "en")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Euh, du coup on y va. En fait, voilà.", ["euh", "du coup", "en fait", "voilà"]),
        ("Ben, bah, genre, c'est fini.", ["ben", "bah", "genre"]),
        ("Ce genre de film me plaît. Le genre humain.", []),
        ("Tu vois, c'est simple. Tu vois la maison ?", ["tu vois"]),
        ("Il est en fait en train de partir.", ["en fait"]),
    ],
)
def test_french_fillers(text: str, expected: list[str]) -> None:
    assert [f.text for f in find_fillers(words(text), "fr")] == expected


def test_filler_times_span_their_words() -> None:
    (filler,) = find_fillers(words("Well, you know, yes."), "en")
    assert (filler.start, filler.end, filler.heard) == (0.5, 1.4, "you know,")
