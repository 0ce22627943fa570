"""Content observations on transcripts written out by hand: hedges, repetitions, long sentences."""

from __future__ import annotations

import pytest

from vocalis.analysis.model import TimeRange
from vocalis.coaching.content import (
    ends_sentence,
    find_hedges,
    find_long_sentences,
    find_repetitions,
    observe_content,
)
from vocalis.engines.protocols import TranscribedWord
from vocalis.errors import InvalidInput


def timed(text: str, start: float = 0.0, step: float = 0.5) -> list[TranscribedWord]:
    """One word every ``step`` seconds, each lasting 80% of it."""
    return [
        TranscribedWord(w, round(start + i * step, 3), round(start + i * step + 0.8 * step, 3), 0.9)
        for i, w in enumerate(text.split())
    ]


def test_english_hedges_are_found_with_their_times() -> None:
    words = timed("I think it's, sort of, ready. Maybe. I’m not sure it ships.")
    hedges = find_hedges(words, "en")
    assert [(h.text, h.heard, h.start, h.end) for h in hedges] == [
        ("i think", "I think", 0.0, 0.9),
        ("sort of", "sort of,", 1.5, 2.4),
        ("maybe", "Maybe.", 3.0, 3.4),
        ("i'm not sure", "I’m not sure", 3.5, 4.9),
    ]


def test_english_hedge_lookalikes_are_not_hedges() -> None:
    words = timed("What kind of tool is this? A sort of hammer. I think about it daily.")
    assert find_hedges(words, "en") == ()


def test_french_hedges_are_found_with_their_times() -> None:
    text = (
        "Je pense que c'est peut-être prêt. J’ai l’impression que c'est un peu long, on va dire. Peut être."
    )
    hedges = find_hedges(timed(text, start=10.0), "fr")
    assert [(h.text, h.start) for h in hedges] == [
        ("je pense", 10.0),
        ("peut-être", 12.0),
        ("j'ai l'impression", 13.0),
        ("un peu", 15.0),
        ("on va dire", 16.5),
        ("peut-être", 18.0),
    ]
    assert hedges[2].heard == "J’ai l’impression"
    assert hedges[-1].heard == "Peut être."
    assert hedges[-1].end == pytest.approx(18.9)


def test_french_hedge_lookalikes_are_not_hedges() -> None:
    words = timed("Un peu de sel. Je pense à vous. Je crois en vous. Un peu d'eau.")
    assert find_hedges(words, "fr") == ()


def test_a_phrase_said_three_times_is_a_repetition() -> None:
    words = timed(
        "Our new product is fast. Then our new product is cheap. And finally our new product wins the market."
    )
    repetitions = find_repetitions(words, "en")
    assert len(repetitions) == 1
    phrase = repetitions[0]
    assert (phrase.kind, phrase.text, phrase.count) == ("phrase", "our new product", 3)
    assert phrase.occurrences == (TimeRange(0.0, 1.4), TimeRange(3.0, 4.4), TimeRange(6.5, 7.9))
    assert (phrase.start, phrase.end) == (0.0, 7.9)


def test_fillers_are_skipped_inside_a_repeated_phrase() -> None:
    words = timed("our, um, new product. Our new, uh, product. You know, our new product.")
    [phrase] = find_repetitions(words, "en")
    assert (phrase.text, phrase.count) == ("our new product", 3)


def test_fillers_are_never_repetitions() -> None:
    assert find_repetitions(timed("Um um um, uh uh. You know, you know, you know, it works."), "en") == ()
    french = "Euh euh euh. Du coup, en fait, du coup, en fait, du coup, en fait, voilà voilà."
    assert find_repetitions(timed(french), "fr") == ()


def test_twice_is_not_a_habit_and_grammar_phrases_are_not_habits() -> None:
    words = timed(
        "Our new product is here. Our new product works. One of the best, one of the first, one of the few."
    )
    assert find_repetitions(words, "en") == ()


def test_a_word_said_back_to_back_is_a_stutter() -> None:
    words = timed("Then the the the plan, I know that that works, and we we ship.")
    stutters = find_repetitions(words, "en")
    assert [(r.kind, r.text, r.occurrences) for r in stutters] == [
        ("stutter", "the the the", (TimeRange(0.5, 1.9),)),
        ("stutter", "we we", (TimeRange(5.5, 6.4),)),
    ]


def test_the_same_word_across_a_sentence_end_is_not_a_stutter() -> None:
    assert find_repetitions(timed("I did it for you. You were right."), "en") == ()
    assert find_repetitions(timed("C'est à moi. Moi je pars. Nous nous levons."), "fr") == ()


def test_a_very_long_sentence_is_found_with_its_length_and_times() -> None:
    long = " ".join(f"word{i}" for i in range(40)) + "."
    words = timed(f"A short one. {long} Another short one.")
    [sentence] = find_long_sentences(words, "en")
    assert sentence.word_count == 40
    assert (sentence.start, sentence.end) == (1.5, 21.4)
    assert sentence.finished
    assert sentence.text.startswith("word0 word1") and sentence.text.endswith("word39.")
    assert find_long_sentences(words, "en", max_words=40) == ()


def test_hesitations_do_not_lengthen_a_sentence_and_abbreviations_do_not_end_it() -> None:
    body = " ".join(f"w{i}" for i in range(30))
    words = timed(f"um uh um uh um uh {body}.")
    assert find_long_sentences(words, "en") == ()
    spoken = timed(f"Mr. Smith and Dr. Jones, {body} and more")
    [sentence] = find_long_sentences(spoken, "en")
    assert sentence.word_count == 37 and not sentence.finished


def test_sentence_ends() -> None:
    assert ends_sentence("end.") and ends_sentence("why?»") and ends_sentence("fin…")
    assert not ends_sentence("Mr.") and not ends_sentence("e.g.") and not ends_sentence("3.5")


def test_observe_content_returns_the_three_kinds() -> None:
    long = " ".join(f"mot{i}" for i in range(36))
    text = f"Je pense que le le projet avance. {long}. Je crois que oui, peut-être."
    seen = observe_content(timed(text), "fr")
    assert [h.text for h in seen.hedges] == ["je pense", "je crois", "peut-être"]
    assert [r.text for r in seen.repetitions] == ["le le"]
    assert [s.word_count for s in seen.long_sentences] == [36]
    assert observe_content(timed(text), "fr", max_sentence_words=36).long_sentences == ()


def test_unsupported_language_is_bad_input() -> None:
    with pytest.raises(InvalidInput):
        observe_content(timed("hallo"), "de")
