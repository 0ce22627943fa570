"""Chunking: sentence and clause splits that always slice the original text exactly."""

from __future__ import annotations

import random
import time

import pytest

from vocalis.text import Boundary, TextChunk, chunk_text, split_chunk, split_sentences
from vocalis.text.chunking import CLAUSE_PAUSE, END_PAUSE, PARAGRAPH_PAUSE, SENTENCE_PAUSE, WORD_PAUSE


def texts(chunks: list[TextChunk]) -> list[str]:
    return [chunk.text for chunk in chunks]


def assert_exact_cover(text: str, chunks: list[TextChunk]) -> None:
    """Chunks slice the original, in order, without overlap, covering every non-space character once."""
    covered = [False] * len(text)
    previous_end = 0
    for chunk in chunks:
        assert chunk.text == text[chunk.start : chunk.end]
        assert chunk.text and chunk.text == chunk.text.strip()
        assert chunk.start >= previous_end
        previous_end = chunk.end
        for index in range(chunk.start, chunk.end):
            covered[index] = True
    for index, char in enumerate(text):
        assert covered[index] or char.isspace(), (text, index, char)
    if chunks:
        assert chunks[-1].boundary is Boundary.END
        assert all(chunk.boundary is not Boundary.END for chunk in chunks[:-1])


def test_sentences_end_at_terminal_punctuation() -> None:
    text = "It rained. Was it cold? Very! Then… Sun."
    assert texts(split_sentences(text)) == ["It rained.", "Was it cold?", "Very!", "Then…", "Sun."]
    assert [c.boundary for c in split_sentences(text)] == [Boundary.SENTENCE] * 4 + [Boundary.END]


@pytest.mark.parametrize(
    "sentence",
    [
        "Dr. Smith arrived.",
        "Mr. and Mrs. Jones left.",
        "Ms. Lee and Prof. Chen met St. Paul.",
        "Bring fruit, e.g. Apples or pears.",
        "That is, i.e. Nothing much.",
        "Pens, pencils, etc. And more.",
        "Cats vs. Dogs is a classic.",
        "The U.S. Senate voted.",
        "J. K. Rowling wrote it.",
        "Pi is 3.14 or so.",
        "Visit example.com today.",
        "Write to ana@example.org now.",
        "Well... maybe not.",
        "Wait… what happened?",
        '"Really?" she asked.',
        "It was No. 5 on the list.",
        "See Jan. 5 for details.",
    ],
)
def test_no_split_inside_a_sentence(sentence: str) -> None:
    assert texts(split_sentences(sentence)) == [sentence]


def test_closing_quotes_stay_with_their_sentence() -> None:
    assert texts(split_sentences('"Hi." She left.')) == ['"Hi."', "She left."]
    assert texts(split_sentences("He said (quietly.) Then went.")) == ["He said (quietly.)", "Then went."]
    assert texts(split_sentences("He left. “Bye,” she said.")) == ["He left.", "“Bye,” she said."]


def test_paragraphs_and_lines() -> None:
    text = (
        "First paragraph. Still first.\n\n  Second paragraph\n"
        "A heading line\nwrapped lowercase line.\r\n\r\nThird."
    )
    chunks = split_sentences(text)
    assert [(c.text, c.boundary) for c in chunks] == [
        ("First paragraph.", Boundary.SENTENCE),
        ("Still first.", Boundary.PARAGRAPH),
        ("Second paragraph", Boundary.SENTENCE),
        ("A heading line\nwrapped lowercase line.", Boundary.PARAGRAPH),
        ("Third.", Boundary.END),
    ]
    assert_exact_cover(text, chunks)


def test_numbered_list_items_are_not_sentences_of_their_own() -> None:
    text = "Steps:\n1. Open it.\n2. Close it."
    assert texts(split_sentences(text)) == ["Steps:", "1. Open it.", "2. Close it."]


def test_empty_and_whitespace_only_text() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n\t ") == []
    assert chunk_text("   ") == []


def test_surrounding_whitespace_is_not_part_of_a_chunk() -> None:
    text = "\n\n   Hello there.   \n"
    (chunk,) = split_sentences(text)
    assert (chunk.text, chunk.start, chunk.end, chunk.boundary) == ("Hello there.", 5, 17, Boundary.END)


def test_pauses() -> None:
    assert TextChunk("a", 0, 1, Boundary.PARAGRAPH).pause_after == PARAGRAPH_PAUSE == 0.6
    assert TextChunk("a", 0, 1, Boundary.SENTENCE).pause_after == SENTENCE_PAUSE == 0.3
    assert TextChunk("a", 0, 1, Boundary.CLAUSE).pause_after == CLAUSE_PAUSE == 0.12
    assert TextChunk("a", 0, 1, Boundary.WORD).pause_after == WORD_PAUSE == 0.05
    assert TextChunk("a", 0, 1, Boundary.END).pause_after == END_PAUSE == 0.0


def test_chunk_offsets_must_match_the_text() -> None:
    with pytest.raises(ValueError):
        TextChunk("abc", 0, 2, Boundary.END)


def test_one_sentence_per_chunk_even_when_short() -> None:
    text = "Hi. Yes. No way. Ok."
    assert texts(chunk_text(text)) == ["Hi.", "Yes.", "No way.", "Ok."]


def test_long_sentence_splits_at_clause_punctuation() -> None:
    text = (
        "When the storm finally came over the hills, the farmers had already gathered the hay; "
        "the children watched from the porch: nobody spoke — not even the dog."
    )
    chunks = chunk_text(text, max_chars=60, first_max_chars=None)
    assert texts(chunks) == [
        "When the storm finally came over the hills,",
        "the farmers had already gathered the hay;",
        "the children watched from the porch: nobody spoke —",
        "not even the dog.",
    ]
    assert [c.boundary for c in chunks] == [Boundary.CLAUSE] * 3 + [Boundary.END]
    assert_exact_cover(text, chunks)


def test_long_clause_splits_before_a_conjunction() -> None:
    text = "The engine hummed along the valley road for hours and the passengers slept through the night"
    chunks = chunk_text(text, max_chars=60, first_max_chars=None)
    assert texts(chunks) == [
        "The engine hummed along the valley road for hours",
        "and the passengers slept through the night",
    ]
    assert chunks[0].boundary is Boundary.CLAUSE


def test_long_sentence_without_punctuation_splits_between_words() -> None:
    text = " ".join(f"word{i}" for i in range(200))
    chunks = chunk_text(text, max_chars=50, first_max_chars=None)
    assert all(len(c.text) <= 50 for c in chunks)
    assert all(c.boundary is Boundary.WORD for c in chunks[:-1])
    assert " ".join(texts(chunks)) == text
    assert_exact_cover(text, chunks)


def test_a_single_huge_token_is_cut_hard() -> None:
    text = "Look: " + "a" * 1000 + " done."
    chunks = chunk_text(text, max_chars=300, first_max_chars=None)
    assert texts(chunks) == ["Look:", "a" * 300, "a" * 300, "a" * 300, "a" * 100 + " done."]
    assert [c.boundary for c in chunks] == [Boundary.CLAUSE] + [Boundary.WORD] * 3 + [Boundary.END]
    assert_exact_cover(text, chunks)


def test_hard_cuts_keep_accents_with_their_letters() -> None:
    text = ("e\u0301" * 30).strip()
    chunks = split_chunk(TextChunk(text, 0, len(text), Boundary.END), 7)
    assert all(c.text[0] != "\u0301" for c in chunks)
    assert "".join(texts(chunks)) == text


def test_first_chunk_is_kept_short_for_a_fast_start() -> None:
    text = ("This first sentence is deliberately long, with several clauses, so it must be split early, "
            "while the rest of the text continues normally. Second sentence here.")  # fmt: skip
    chunks = chunk_text(text, max_chars=400, first_max_chars=40)
    assert len(chunks[0].text) <= 40
    assert texts(chunks)[-1] == "Second sentence here."
    assert max(len(c.text) for c in chunks[1:]) > 40  # the limit only applies to the first chunk
    assert_exact_cover(text, chunks)
    assert texts(chunk_text(text, max_chars=400, first_max_chars=None))[0].startswith("This first")
    assert len(chunk_text(text, max_chars=400, first_max_chars=None)) == 2


def test_split_chunk_keeps_the_chunk_boundary_on_its_last_piece() -> None:
    text = "alpha beta, gamma delta"
    chunk = TextChunk(text, 10, 10 + len(text), Boundary.PARAGRAPH)
    assert split_chunk(chunk, 100) == [chunk]
    pieces = split_chunk(chunk, 12)
    assert [(p.text, p.start, p.boundary) for p in pieces] == [
        ("alpha beta,", 10, Boundary.CLAUSE),
        ("gamma delta", 22, Boundary.PARAGRAPH),
    ]


def test_invalid_limits() -> None:
    with pytest.raises(ValueError):
        chunk_text("Hello.", max_chars=0)
    with pytest.raises(ValueError):
        chunk_text("Hello.", first_max_chars=0)
    with pytest.raises(ValueError):
        split_chunk(TextChunk("Hello.", 0, 6, Boundary.END), 0)


def test_unicode_text() -> None:
    text = "Ça va? Très bien! 東京は大きい。Zürich… Ελλάδα. 🎉 Party time."
    chunks = chunk_text(text, max_chars=10, first_max_chars=5)
    assert_exact_cover(text, chunks)
    assert all(len(c.text) <= 10 for c in chunks)
    assert len(chunks[0].text) <= 5


_TOKENS = [
    "the", "cat", "Dr.", "Mr.", "U.S.", "e.g.", "etc.", "J.", "3.14", "example.com", "Hello.", "world!",
    "Why?", "wait...", "no…", "end.", '"Hi."', "(aside)", "—", "–", ",", ";", ":", "and", "but", "Ça", "東京",
    "😀", "e\u0301", "x" * 120, "No.", "5", "1.", "A", "she", "ana@example.org",
]  # fmt: skip
_GAPS = [" ", " ", " ", "  ", "\n", "\n\n", "\n \n", "\t", "\u00a0", "\r\n", ""]


def _random_text(rng: random.Random) -> str:
    parts = [rng.choice(["", " ", "\n"])]
    for _ in range(rng.randint(0, 80)):
        parts.append(rng.choice(_TOKENS))
        parts.append(rng.choice(_GAPS))
    return "".join(parts)


def test_random_texts_are_covered_exactly_once() -> None:
    rng = random.Random(1234)
    for _ in range(500):
        text = _random_text(rng)
        assert_exact_cover(text, split_sentences(text))
        max_chars = rng.choice([1, 2, 7, 30, 80, 400])
        first = rng.choice([None, 1, 5, 40, 160])
        chunks = chunk_text(text, max_chars=max_chars, first_max_chars=first)
        assert_exact_cover(text, chunks)
        assert all(len(c.text) <= max_chars for c in chunks)
        if chunks and first is not None:
            assert len(chunks[0].text) <= first
        # Sentence ends are kept: a chunk never runs past the end of the sentence it came from.
        sentence_ends = {s.end for s in split_sentences(text)}
        assert sentence_ends <= {c.end for c in chunks}


def test_a_chapter_chunks_quickly() -> None:
    rng = random.Random(99)
    words = ["the", "river", "ran", "Dr.", "Smith", "said,", "slowly;", "3.14", "and", "then", "U.S.", "—"]
    paragraphs = []
    for _ in range(120):
        sentences = []
        for _ in range(rng.randint(3, 8)):
            length = rng.randint(4, 60)
            sentences.append(" ".join(rng.choice(words) for _ in range(length)).capitalize() + ".")
        paragraphs.append(" ".join(sentences))
    text = "\n\n".join(paragraphs)
    assert len(text.split()) >= 10_000
    started = time.perf_counter()
    chunks = chunk_text(text)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0
    assert_exact_cover(text, chunks)
    assert all(len(c.text) <= 400 for c in chunks)
