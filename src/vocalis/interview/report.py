"""The interview report: each answer's scores and advice, the overall picture, and the trend against
the candidate's earlier runs of the same scenario.

Only what can be observed is reported about delivery (fillers, pace, long pauses, restarts, each with
its time in the answer); nothing is said about emotions, "confidence" or personality.
"""

from __future__ import annotations

from dataclasses import asdict
from statistics import mean
from typing import Any

from vocalis.interview.evaluation import AnswerEvaluation
from vocalis.interview.scenarios import Scenario

DIMENSIONS = ("relevance", "structure", "specificity", "fluency", "timing")
STRONG = 70  # a dimension at or above this average is a strength
WEAK = 55  # below this, a thing to improve

_DIMENSION_WORDS = {
    "en": {
        "relevance": (
            "Your answers addressed the questions and covered their key points.",
            "Answer the question asked and cover its key points: see what each answer missed.",
        ),
        "structure": (
            "Your stories were complete: situation, task, what you did, and the result.",
            "Tell each story in full: the situation, your task, what you did yourself, and the result.",
        ),
        "specificity": (
            "You gave concrete details: numbers, names, real examples.",
            "Be more concrete: a number, a name or a real example in every answer.",
        ),
        "fluency": (
            "You spoke fluently, with few fillers or restarts.",
            "Cut fillers and restarts: a short silent pause works better.",
        ),
        "timing": (
            "Your answers had the right length.",
            "Mind the length: each question has a target, shown with its answer.",
        ),
    },
    "fr": {
        "relevance": (
            "Vos réponses traitaient les questions et couvraient leurs points clés.",
            "Répondez à la question posée et couvrez ses points clés : "
            "voyez ce qui manquait à chaque réponse.",
        ),
        "structure": (
            "Vos histoires étaient complètes : contexte, mission, actions, résultat.",
            "Racontez chaque histoire en entier : le contexte, votre mission, "
            "ce que vous avez fait, le résultat.",
        ),
        "specificity": (
            "Vous avez donné des détails concrets : chiffres, noms, exemples réels.",
            "Soyez plus concret : un chiffre, un nom ou un exemple réel dans chaque réponse.",
        ),
        "fluency": (
            "Vous vous êtes exprimé avec aisance, avec peu de mots de remplissage ou de reprises.",
            "Réduisez les mots de remplissage et les reprises : une courte pause silencieuse vaut mieux.",
        ),
        "timing": (
            "Vos réponses avaient la bonne longueur.",
            "Surveillez la longueur : chaque question a une durée cible, indiquée avec sa réponse.",
        ),
    },
}


def evaluation_json(evaluation: AnswerEvaluation, text: str) -> dict[str, Any]:
    """One judged answer as stored and shown: scores, key points, structure, details, delivery."""
    return {
        "question_id": evaluation.question_id,
        "answer": text,
        "scores": evaluation.scores.as_dict(),
        "on_topic": evaluation.relevance.on_topic,
        "key_points": [asdict(k) for k in evaluation.relevance.key_points],
        "structure": {
            "shape": evaluation.structure.shape,
            "parts": [asdict(p) for p in evaluation.structure.parts],
            "missing": list(evaluation.structure.missing),
        },
        "details": [asdict(d) for d in evaluation.specificity.details],
        "delivery": {
            **{k: v for k, v in asdict(evaluation.delivery).items() if k != "moments"},
            "moments": [asdict(m) for m in evaluation.delivery.moments],
        },
        "shortfalls": asdict(evaluation.shortfalls),
        "suggestion": evaluation.suggestion,
    }


def build_report(
    scenario: Scenario, answers: dict[str, dict[str, Any]], previous: list[dict[str, Any]]
) -> dict[str, Any]:
    """The report from each question's stored evaluation (questions never answered are listed as such)."""
    words = _DIMENSION_WORDS.get(scenario.language, _DIMENSION_WORDS["en"])
    per_question = []
    for question in scenario.questions:
        judged = answers.get(question.id)
        per_question.append(
            {"question_id": question.id, "question": question.text, "answered": judged is not None,
             "target_seconds": {"min": question.target_seconds.min, "max": question.target_seconds.max},
             **(judged or {})}
        )  # fmt: skip
    judged_scores = [a["scores"] for a in answers.values()]
    dimensions: dict[str, int | None] = {}
    for name in DIMENSIONS:
        values = [s[name] for s in judged_scores if s.get(name) is not None]
        dimensions[name] = round(mean(values)) if values else None
    overall = round(mean(s["overall"] for s in judged_scores)) if judged_scores else 0
    # Unanswered questions count as zero in the overall score: skipping is not a way to score higher.
    if judged_scores and len(judged_scores) < len(scenario.questions):
        overall = round(overall * len(judged_scores) / len(scenario.questions))
    ranked = sorted(((v, k) for k, v in dimensions.items() if v is not None), reverse=True)
    strengths = [words[k][0] for v, k in ranked if v >= STRONG][:2]
    improvements = [words[k][1] for v, k in reversed(ranked) if v < WEAK][:2]
    return {
        "scenario_id": scenario.id,
        "language": scenario.language,
        "title": scenario.title,
        "overall": overall,
        "dimensions": dimensions,
        "answered": len(judged_scores),
        "questions": len(scenario.questions),
        "strengths": strengths,
        "improvements": improvements,
        "answers": per_question,
        "comparison": _comparison(overall, dimensions, previous),
    }


def _comparison(
    overall: int, dimensions: dict[str, int | None], previous: list[dict[str, Any]]
) -> dict[str, Any]:
    """Against the candidate's earlier runs of the same scenario: the last one and the best one."""
    if not previous:
        return {"previous_runs": 0}
    last = previous[-1]
    change = {
        name: (value - last["dimensions"][name])
        for name, value in dimensions.items()
        if value is not None and last.get("dimensions", {}).get(name) is not None
    }
    return {
        "previous_runs": len(previous),
        "last_id": last["id"],
        "last_overall": last.get("overall"),
        "overall_change": overall - int(last.get("overall") or 0),
        "dimension_change": change,
        "best_overall": max(int(p.get("overall") or 0) for p in previous),
        "history": [
            {"id": p["id"], "ended_at": str(p["ended_at"]), "overall": p.get("overall")} for p in previous
        ],
    }
