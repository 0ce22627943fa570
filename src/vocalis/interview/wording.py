"""What the interviewer and the report say, in English and French.

The interviewer varies its wording the way a person does: each kind of line has several phrasings,
and ``pick`` chooses one from a seed (the interview's id and the turn), so a replayed interview says
the same thing again while two interviews sound different.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vocalis.interview.delivery import Delivery
    from vocalis.interview.relevance import Relevance
    from vocalis.interview.scenarios import Question
    from vocalis.interview.shortfalls import Shortfalls
    from vocalis.interview.structure import StructureFound

LINES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "acknowledge": (
            "Thank you.",
            "Okay, thanks.",
            "I see, thank you.",
            "Right, thank you for that.",
            "Thanks, that's helpful.",
            "Understood.",
            "Okay.",
            "Good, thank you.",
        ),
        "next": ("Next question.", "Let's move on.", "Moving on.", "Let me ask you something else.", ""),
        "last": ("One last question.", "Last question.", "And finally."),
        "rephrase": (
            "Let me come back to the question. {question}",
            "I'd like to bring us back to what I asked. {question}",
            "Sorry, let me put the question again. {question}",
        ),
        "more": (
            "Could you tell me a bit more?",
            "Can you go into a little more detail?",
            "Could you develop that a little?",
        ),
        "example": (
            "Can you give me a concrete example?",
            "Could you make that concrete with a real example?",
        ),
        "result": ("And what was the result?", "How did it end?", "What came out of it in the end?"),
        "still_there": ("Are you still there?", "Hello, can you hear me?", "Are you still with me?"),
        "no_answer_end": (
            "I can't hear you any more, so let's stop here. You can start again whenever you like.",
        ),
        "time_cut": (
            "Thank you, I'll stop you there so we keep to time.",
            "Thanks, that's very useful. Let me stop you there, as we're short on time.",
        ),
        "time_up": (
            "We're out of time, so let's finish here.",
            "That's all the time we have for questions today.",
        ),
        "end_early": ("Let's stop here for today.", "We'll stop here, then."),
        "wrong_language": (
            "Could you answer in English, please?",
            "Sorry, this interview is in English. Could you answer in English?",
        ),
        "interrupted": ("Sorry, go ahead.", "Please, go on.", "Yes?"),
    },
    "fr": {
        "acknowledge": (
            "Merci.",
            "D'accord, merci.",
            "Je vois, merci.",
            "Très bien, merci pour cette réponse.",
            "Merci, c'est utile.",
            "Entendu.",
            "D'accord.",
            "Bien, merci.",
        ),
        "next": (
            "Question suivante.",
            "Passons à la suite.",
            "Continuons.",
            "Je vais vous poser une autre question.",
            "",
        ),
        "last": ("Une dernière question.", "Dernière question.", "Et pour finir."),
        "rephrase": (
            "Je reviens à ma question. {question}",
            "J'aimerais revenir à ce que je vous demandais. {question}",
            "Pardon, je reformule ma question. {question}",
        ),
        "more": (
            "Pouvez-vous m'en dire un peu plus ?",
            "Pouvez-vous entrer un peu plus dans le détail ?",
            "Pouvez-vous développer un peu ?",
        ),
        "example": (
            "Pouvez-vous me donner un exemple concret ?",
            "Pourriez-vous illustrer cela par un exemple réel ?",
        ),
        "result": (
            "Et quel a été le résultat ?",
            "Comment cela s'est-il terminé ?",
            "Qu'est-ce que cela a donné au final ?",
        ),
        "still_there": (
            "Vous êtes toujours là ?",
            "Allô, vous m'entendez ?",
            "Vous êtes toujours avec moi ?",
        ),
        "no_answer_end": (
            "Je ne vous entends plus, nous allons donc nous arrêter ici. "
            "Vous pourrez recommencer quand vous voudrez.",
        ),
        "time_cut": (
            "Merci, je vous arrête là pour tenir le temps.",
            "Merci, c'est très intéressant. Je vous interromps, car le temps nous est compté.",
        ),
        "time_up": (
            "Nous arrivons au bout du temps prévu, nous allons donc terminer ici.",
            "C'est tout le temps que nous avions pour les questions aujourd'hui.",
        ),
        "end_early": ("Arrêtons-nous là pour aujourd'hui.", "Nous allons donc nous arrêter ici."),
        "wrong_language": (
            "Pourriez-vous répondre en français, s'il vous plaît ?",
            "Pardon, cet entretien se déroule en français. Pouvez-vous répondre en français ?",
        ),
        "interrupted": ("Pardon, allez-y.", "Je vous en prie, continuez.", "Oui ?"),
    },
}


def pick(language: str, kind: str, seed: str, **values: str) -> str:
    """One phrasing of a line, the same for the same seed."""
    choices = LINES[_lang(language)][kind]
    index = int.from_bytes(hashlib.sha256(f"{seed}:{kind}".encode()).digest()[:4], "big") % len(choices)
    return choices[index].format(**values)


def _lang(language: str) -> str:
    return language if language in LINES else "en"


SUGGESTIONS = {
    "en": {
        "off_topic": "Answer the question that was asked: {question}",
        "no_result": "Finish the story with its result: what changed, in numbers if you can.",
        "no_action": 'Say what you did yourself ("I called...", "I proposed...") rather than what "we" did.',
        "no_situation": "Start with one or two sentences of context: when, where, and what was at stake.",
        "missed": "Also cover this point: {point}.",
        "vague": "Add one concrete detail: a number, a name, a date or a real example.",
        "too_short": "Develop your answer: aim for {low} to {high} seconds.",
        "too_long": "Keep it under {high} seconds: lead with the main point, then one example.",
        "fillers": 'Replace "{filler}" with a short silent pause; a pause sounds more assured than a filler.',
        "keep": "Keep this answer as it is: it covers the points with concrete details.",
    },
    "fr": {
        "off_topic": "Répondez à la question posée : {question}",
        "no_result": "Terminez l'histoire par son résultat : ce qui a changé, chiffré si possible.",
        "no_action": "Dites ce que vous avez fait vous-même (« j'ai appelé... », « j'ai proposé... ») "
        "plutôt que ce que « on » a fait.",
        "no_situation": "Commencez par une ou deux phrases de contexte : quand, où, et quel était l'enjeu.",
        "missed": "Abordez aussi ce point : {point}.",
        "vague": "Ajoutez un détail concret : un chiffre, un nom, une date ou un exemple réel.",
        "too_short": "Développez votre réponse : visez {low} à {high} secondes.",
        "too_long": "Restez sous {high} secondes : l'idée principale d'abord, puis un exemple.",
        "fillers": "Remplacez « {filler} » par une courte pause silencieuse : "
        "une pause rassure plus qu'un mot de remplissage.",
        "keep": "Gardez cette réponse telle quelle : elle couvre les points avec des détails concrets.",
    },
}


def suggestion_for(
    language: str,
    question: Question,
    relevance: Relevance,
    structure: StructureFound,
    shortfalls: Shortfalls,
    delivery: Delivery,
) -> str:
    """The one change that would improve this answer most."""
    say = SUGGESTIONS[_lang(language)]
    low, high = question.target_seconds.min, question.target_seconds.max
    if shortfalls.off_topic:
        return say["off_topic"].format(question=question.text)
    if structure.shape == "star":
        for part, key in (("result", "no_result"), ("action", "no_action"), ("situation", "no_situation")):
            if not structure.has(part):
                return say[key]
    if shortfalls.too_short:
        return say["too_short"].format(low=low, high=high)
    if relevance.missed and relevance.coverage < 0.75:
        return say["missed"].format(point=relevance.missed[0])
    if shortfalls.vague:
        return say["vague"]
    if delivery.fillers_per_minute > 6:
        filler = next((m.text for m in delivery.moments if m.kind == "filler"), "um")
        return say["fillers"].format(filler=filler.strip(" ,.").lower())
    if shortfalls.too_long:
        return say["too_long"].format(high=high)
    return say["keep"]
