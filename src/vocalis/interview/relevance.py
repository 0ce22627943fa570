"""Does an answer address the question, and which of its key points does it cover?

Sentence embeddings (multilingual-e5-small) put every text in one space. A key point (as a query) is
compared with every stretch of the answer (a sentence or two neighbouring sentences, as passages):

- **key points**: a point is covered when its best stretch reaches ``KEY_POINT_SIMILARITY`` for the
  answer's language (e5 scores French pairs higher than English ones: at the English threshold, weak
  French answers covered every point); that stretch is shown as evidence, and the missed points are
  listed, as Interview Warmup does.
- **on topic**: raw similarities say little on their own (two unrelated sentences of interview talk
  still score 0.75-0.80 with e5), so the question is judged against a contrast set, every other
  question of the library in the same language. Each question gets the mean, over its key points, of
  the best similarity in the answer; ``topic_z`` is how many standard deviations the question asked
  stands above the others. An answer about the question stands out; a fluent answer about something
  else does not. The same z is taken for each sentence alone, and an answer whose sentences mostly
  lean toward other questions (median sentence z below ``SENTENCE_Z``) is off topic too: one sentence
  that borrows the question's words ("Sunday evenings, I know!") lifts the whole answer's z but not
  the rest of it. An answer that covers ``ON_TOPIC_POINTS`` key points is on topic whatever its z.

The thresholds were set on the labelled answers of ``bench/data/interview_answers.json`` (56 answers,
``bench.interview`` measures them). Typed, the French threshold at 0.85 instead of 0.83 lifts the
rank correlation of French scores with the labels from 0.69 to 0.82 (0.86 and 0.87 also beat 0.83);
the topic test on the whole answer found 7 of the 8 off-topic answers while calling 1 of the 48 others
off topic. The one it missed talked about something close to the question (a salesperson's own Sundays
of marathon training, asked about a gym customer's Sunday evenings): its z was 1.67, above 12 on-topic
answers, but its median sentence z was -0.15, against 0.3 and more for every on-topic answer that
covers fewer than two key points. The sentence test finds it; the 48 others keep their judgement.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from vocalis.engines.protocols import SentenceEmbeddings, SentenceEncoder, TextRole
from vocalis.interview.scenarios import Question
from vocalis.interview.structure import sentences

ON_TOPIC_Z = 0.8
# Most sentences must lean toward the question asked rather than the others (z of each sentence alone).
SENTENCE_Z = 0.0
# Covering this many key points is on topic whatever the contrast says: a sentence of results ("we cut
# it by 70%") lifts every question that asks for an outcome, which can sink a complete answer's z.
ON_TOPIC_POINTS = 2
KEY_POINT_SIMILARITY = {"en": 0.83, "fr": 0.85}
MAX_STRETCHES = 40  # a three-minute answer has about 25 sentences


@dataclass(frozen=True)
class KeyPointMatch:
    point: str
    covered: bool
    similarity: float
    evidence: str | None  # the stretch of the answer that covers it best


@dataclass(frozen=True)
class Relevance:
    on_topic: bool
    topic_z: float
    key_points: tuple[KeyPointMatch, ...]

    @property
    def covered(self) -> tuple[str, ...]:
        return tuple(k.point for k in self.key_points if k.covered)

    @property
    def missed(self) -> tuple[str, ...]:
        return tuple(k.point for k in self.key_points if not k.covered)

    @property
    def coverage(self) -> float:
        return len(self.covered) / max(len(self.key_points), 1)


class RelevanceJudge:
    """Judges answers against questions; ``contrast`` are the other questions of each language, from
    the built-in library only: nobody's data, so the embeddings of their key points may be kept on disk."""

    def __init__(self, encoder: SentenceEncoder, contrast: Iterable[tuple[str, Question]]) -> None:
        self._encoder = encoder
        self._contrast: dict[str, list[Question]] = {}
        for language, question in contrast:
            self._contrast.setdefault(language, []).append(question)

    def judge(self, question: Question, answer: str, language: str) -> Relevance:
        stretches = _stretches(answer)
        if not stretches:
            return Relevance(
                False, 0.0, tuple(KeyPointMatch(p, False, 0.0, None) for p in question.key_points)
            )
        others = [q for q in self._contrast.get(language, []) if q.text != question.text]
        passages = self._embed(stretches, "passage")
        own = self._embed(list(question.key_points), "query") @ passages.T  # key point x stretch
        matches = []
        for point, scores in zip(question.key_points, own, strict=True):
            best = int(np.argmax(scores))
            covered = bool(scores[best] >= KEY_POINT_SIMILARITY.get(language, KEY_POINT_SIMILARITY["en"]))
            matches.append(
                KeyPointMatch(
                    point, covered, round(float(scores[best]), 4), stretches[best] if covered else None
                )
            )
        single = len(sentences(answer)[:MAX_STRETCHES])  # the topic is judged on single sentences
        topic_z, sentence_z = self._topic_z(own[:, :single], others, passages[:single])
        stands_out = topic_z >= ON_TOPIC_Z and sentence_z >= SENTENCE_Z
        on_topic = stands_out or sum(m.covered for m in matches) >= ON_TOPIC_POINTS
        return Relevance(on_topic, round(topic_z, 3), tuple(matches))

    def warm_up(self, language: str) -> None:
        """Embed the contrast set of ``language`` now (seconds, once per process), not during the first
        answer's judgement, where it would delay the interviewer's next line."""
        points = [p for q in self._contrast.get(language, []) for p in q.key_points]
        if points:
            self._embed(points, "query", keep=True)

    def _topic_z(
        self, own: np.ndarray, others: Sequence[Question], passages: np.ndarray
    ) -> tuple[float, float]:
        """The whole answer's z, and the median of its sentences' z (each sentence judged alone)."""
        if len(others) < 2:
            return float("inf"), float("inf")  # nothing to compare with: every answer is on topic
        points = [p for q in others for p in q.key_points]
        similar = self._embed(points, "query", keep=True) @ passages.T  # other key point x sentence
        bounds = list(pairwise(np.cumsum([0, *(len(q.key_points) for q in others)])))
        best = similar.max(axis=1)
        rest = np.array([best[a:b].mean() for a, b in bounds])
        whole = _z(float(own.max(axis=1).mean()), rest)
        per_sentence = np.stack([similar[a:b].mean(axis=0) for a, b in bounds])  # question x sentence
        sentence_z = [_z(float(a), r) for a, r in zip(own.mean(axis=0), per_sentence.T, strict=True)]
        return whole, float(np.median(sentence_z))

    def _embed(self, texts: list[str], role: TextRole, *, keep: bool = False) -> SentenceEmbeddings:
        # (the engine keeps what it embedded: the contrast set costs seconds once per process, and with
        # ``keep`` once per store file; only the built-in library's key points are ``keep``)
        return self._encoder.embed(texts, role=role, keep=keep)


def _z(asked: float, rest: np.ndarray) -> float:
    return (asked - float(rest.mean())) / max(float(rest.std()), 1e-6)


def _stretches(answer: str) -> list[str]:
    """Sentences and pairs of neighbouring sentences."""
    said = sentences(answer)[:MAX_STRETCHES]
    pairs = [f"{a} {b}" for a, b in pairwise(said)]
    return [*said, *pairs]
