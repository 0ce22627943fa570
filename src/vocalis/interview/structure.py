"""Which parts of the expected shape an answer has: situation, task, action and result for a STAR story.

A STAR part is recognised by how people say it, in English and French: a situation sets a time, a
place or a context ("at my last job", "il y a deux ans, chez..."), a task says what was at stake or
expected ("my job was to", "l'objectif était de"), an action is the speaker doing something in the first
person singular ("I called", "j'ai proposé"; "we sorted it out" is not the candidate's action), and a
result says how it ended ("in the end", "we cut it by 30%", "au final", "depuis"). Each part is found
with the sentence that shows it, so feedback can quote it. The other shapes (pitch, estimate, steps)
have their own parts, found the same way.

The cue lists are written for speech as Whisper transcribes it: lower case, contractions, no bullet
points. They were checked against the labelled answers of ``bench/data/interview_answers.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vocalis.interview.scenarios import Structure

_Cues = dict[str, dict[str, re.Pattern[str]]]


def _cues(**parts: tuple[str, str]) -> _Cues:
    """Per part, one pattern per language (en, fr), matched case-insensitively on whole words."""
    return {
        part: {
            lang: re.compile(rf"(?<![\w'’])(?:{pattern})(?![\w])", re.IGNORECASE)
            for lang, pattern in zip(("en", "fr"), patterns, strict=True)
        }
        for part, patterns in parts.items()
    }


_EN_PAST_ACTION = (
    r"decided|started|set up|organi[sz]ed|created|built|wrote|called|phoned|emailed|met|talked|spoke|"
    r"asked|proposed|suggested|introduced|scheduled|sat down|went|took|made|led|ran|analy[sz]ed|"
    r"reviewed|designed|implemented|migrated|rewrote|refactored|negotiated|listened|explained|"
    r"prepared|trained|coached|escalated|contacted|brought|put|gave|offered|checked|fixed|changed|"
    r"split|moved|invited|pushed|convinced|presented|documented|automated|tested|measured|tracked|"
    r"mapped|reached out|followed up|pulled|dug|rebuilt|reorgani[sz]ed|paired|shadowed|delegated|"
    r"apologi[sz]ed|admitted|owned|told|showed|ran|drafted|launched|rolled out|planned|prioriti[sz]ed|"
    r"focused|cut|added|removed|replaced|sent|booked|visited|interviewed|hired|mentored|raised|"
    r"flagged|wrote up|volunteered|stepped in|took over|worked (?:with|on|out|through)"
)
_FR_PARTICIPLE = (
    r"décidé|commencé|mis(?:e)? en place|organisé|créé|construit|écrit|appelé|rencontré|parlé|"
    r"demandé|proposé|suggéré|introduit|planifié|pris|fait|mené|conduit|analysé|revu|conçu|"
    r"implémenté|migré|réécrit|négocié|écouté|expliqué|préparé|formé|accompagné|escaladé|contacté|"
    r"apporté|mis|donné|offert|vérifié|corrigé|changé|découpé|déplacé|invité|poussé|convaincu|"
    r"présenté|documenté|automatisé|testé|mesuré|suivi|relancé|réuni|rassemblé|recadré|délégué|"
    r"reconnu|assumé|montré|rédigé|lancé|déployé|priorisé|ajouté|supprimé|remplacé|envoyé|"
    r"recruté|encadré|alerté|signalé|repris|réorganisé|instauré|identifié|tranché|réparti|"
    r"cherché|trouvé|sollicité|consulté|appliqué|interrogé|obtenu|reformulé|clarifié|fixé|"
    r"programmé|recontacté|rappelé|répondu|travaillé|insisté|défendu"
)

STAR_CUES = _cues(
    situation=(
        r"when i was|while i was|at my (?:last|previous|current|first|old) (?:job|company|role|employer|team|"
        r"internship)|in my (?:last|previous|current|first|old) (?:job|role|team|position|company)|"
        r"(?:last|this|that) (?:year|month|week|quarter|summer|spring|autumn|fall|winter|january|"
        r"february|march|april|may|june|july|august|september|october|november|december)|"
        r"(?:a few|a couple of|\d+|two|three|four|five|six) (?:years|months|weeks|days) ago|back in|"
        r"in (?:19|20)\d\d|we had (?:a|an|this|one)|we were (?:a|an|working|about|launching|running)|"
        r"our (?:team|company|client|product|biggest|main)|there was (?:a|an|this)|i was working|"
        r"i worked (?:at|for|as|on)|i was (?:a|an|the) |at the time|one day|once,|a while ago|"
        r"it was (?:during|at|in) ",
        r"quand j'étais|lorsque j'étais|alors que j'étais|dans mon (?:ancien|précédent|dernier|premier|"
        r"actuel) (?:poste|emploi|job|travail|stage|boulot)|dans mon (?:ancienne|précédente|dernière|"
        r"première|actuelle) (?:entreprise|équipe|boîte|société)|chez [A-Z]\w+|l'année dernière|"
        r"l'an dernier|le mois dernier|l'été dernier|il y a (?:\d+|deux|trois|quatre|cinq|six|"
        r"quelques) (?:ans|mois|semaines|jours)|en (?:19|20)\d\d|nous avions|on avait|on était|"
        r"nous étions|notre (?:équipe|client|société|entreprise|produit|plus gros)|il y avait|"
        r"je travaillais|j'étais (?:chef|développeu|responsable|manager|stagiaire|commercial|en charge|"
        r"dans|à|au|chez)|à l'époque|un jour|c'était (?:pendant|lors|dans|chez|en) ",
    ),
    task=(
        r"i was (?:responsible|in charge|asked|tasked|supposed|expected)|my (?:job|task|role|goal|"
        r"responsibility|mission|objective) was|i (?:had|needed|wanted) to|the (?:goal|objective|aim|"
        r"challenge|problem|task|issue|deadline|target) was|we (?:had|needed) to|it was (?:up to me|my "
        r"job|my responsibility)|so i needed|i had been asked|my manager asked me|i was the one",
        r"j'étais (?:responsable|chargée?|en charge)|je devais|j'avais pour (?:mission|objectif|rôle)|"
        r"mon (?:rôle|objectif|travail|boulot|job) (?:était|c'était)|ma (?:mission|tâche|responsabilité) "
        r"(?:était|c'était)|l'objectif (?:était|c'était)|le (?:but|défi|problème|enjeu) (?:était|c'était)|"
        r"il fallait|on devait|nous devions|il me fallait|on m'a demandé|mon manager m'a demandé|"
        r"c'était à moi",
    ),
    action=(
        r"i (?:then |first |also |immediately |quickly |personally |actually |finally )?"
        rf"(?:{_EN_PAST_ACTION})|"
        r"what i did|i'd (?:set up|organi[sz]ed)|my first step|i started by|i chose to|i made sure",
        rf"j'ai (?:d'abord |ensuite |alors |aussi |tout de suite |personnellement |immédiatement |"
        rf"finalement )?(?:{_FR_PARTICIPLE})|je suis (?:allée?|passée?|intervenue?|revenue?|allé voir)|"
        r"je me suis (?:assise?|organisée?|occupée?|rapprochée?|chargée?|mise?)|ce que j'ai fait|"
        r"ma première étape|j'ai commencé par|je l'ai (?:appelée?|rencontrée?|vue?|reçue?)|"
        r"je leur ai|je lui ai",
    ),
    result=(
        r"as a result|the result|in the end|at the end|eventually|ultimately|outcome|ended up|"
        r"(?:which|that|this) (?:led|meant|resulted|brought|helped|allowed|saved|cut|reduced)|since then|"
        r"we (?:reduced|increased|cut|saved|won|delivered|shipped|closed|hit|met|reached|finished|"
        r"launched|kept|grew|doubled|halved|improved|recovered|signed|got|made it|retained|avoided)|"
        r"(?:reduced|increased|cut|saved|improved|dropped|grew|rose|fell|went (?:down|up)) (?:by|from|to)|"
        r"\d+ ?(?:%|percent|per cent)|it worked|(?:was|got) promoted|(?:was|got) signed|renewed|"
        r"(?:the|our) (?:numbers|figures|rate|score) (?:went|improved)|never happened again|"
        r"didn't happen again|on time|by the end|a month later|weeks? later|three months later|"
        r"the client (?:stayed|renewed|signed|thanked)|today (?:he|she|they|we|it)",
        r"au final|finalement|résultat|au bout du compte|à la fin|en fin de compte|ça a (?:marché|"
        r"fonctionné|permis|payé)|cela a (?:permis|marché|fonctionné)|ce qui a (?:permis|réduit|"
        r"fait|donné|amélioré)|depuis|on a (?:réduit|augmenté|gagné|économisé|livré|signé|atteint|"
        r"fini|terminé|divisé|doublé|récupéré|évité|gardé|tenu)|nous avons (?:réduit|augmenté|gagné|"
        r"économisé|livré|signé|atteint|terminé|divisé|doublé|récupéré|évité|gardé|tenu)|"
        r"\d+ ?(?:%|pour ?cent)|(?:a|ont) (?:baissé|augmenté|chuté|progressé|diminué) (?:de|à)|"
        r"(?:a été|j'ai été) (?:promue?|signé|renouvelé)|ne s'est (?:jamais|plus) reproduit|"
        r"dans les temps|(?:un|deux|trois) mois plus tard|semaines? plus tard|le client (?:est resté|"
        r"a renouvelé|a signé|nous a remerciés)|aujourd'hui (?:il|elle|on|nous|l'équipe)",
    ),
)

# The other shapes: a pitch, an estimate, a method in steps.
SHAPE_CUES: dict[str, _Cues] = {
    "star": STAR_CUES,
    "pitch": _cues(
        problem=(
            r"problem|pain|struggle|waste|frustrat|today,? (?:people|companies|teams)|every (?:year|day)",
            r"problème|galère|perdent|gaspill|frustr|aujourd'hui,? (?:les|des)|chaque (?:année|jour)",
        ),
        solution=(
            r"we (?:built|make|offer|help|provide)|our (?:product|app|solution|platform|tool)|it lets",
            r"nous (?:avons construit|proposons|aidons|offrons)|on (?:propose|aide|a construit)|"
            r"notre (?:produit|application|solution|plateforme|outil)|ça permet",
        ),
        market=(
            r"market|customers?|users|segment|billion|million|competitors?",
            r"marché|clients?|utilisateurs|segment|milliards?|millions?|concurren",
        ),
        traction=(
            r"(?:paying|pilot) (?:customers|users|clients)|revenue|growing|grew|signed|pilot|waitlist|"
            r"\d+ ?(?:%|percent)|per month|a month",
            r"clients payants|chiffre d'affaires|revenus?|croissance|signé|pilote|liste d'attente|"
            r"\d+ ?(?:%|pour ?cent)|par mois",
        ),
        ask=(
            r"raising|we(?:'re| are) looking for|investment|we need|the ask|to fund|seed|round",
            r"lever|levée|nous cherchons|on cherche|investissement|nous avons besoin|financer|tour de table",
        ),
    ),
    "estimate": _cues(
        assumptions=(
            r"assum|let's say|suppose|roughly|about|around|i'd guess|start from|population",
            r"suppos|disons|hypothèse|environ|à peu près|à peu près|je pars de|partons de|population",
        ),
        calculation=(
            r"times|multiply|divided|per|so that(?:'s| is| gives)|which gives|that gives|equals",
            r"fois|multipli|divis|par (?:jour|an|mois|personne|foyer)|ce qui (?:donne|fait)|"
            r"ça (?:donne|fait)|égal",
        ),
        answer=(
            r"so (?:about|around|roughly)|my (?:estimate|answer)|in total|that's about|i'd say",
            r"donc (?:environ|à peu près|autour de)|mon estimation|au total|ça fait environ|je dirais",
        ),
        check=(
            r"sanity|check|makes sense|sounds (?:about )?right|cross-?check|compare|order of magnitude",
            r"vérifi|cohérent|ordre de grandeur|ça semble|recoup|compar",
        ),
    ),
    "steps": _cues(
        first=(
            r"first|to start|i'd start|step one|begin",
            r"d'abord|premièrement|je commencerais|pour commencer",
        ),
        then=(r"then|next|after that|second|once", r"ensuite|puis|après|deuxièmement|une fois"),
        last=(r"finally|last|at the end|to finish|lastly", r"enfin|finalement|pour finir|dernière"),
    ),
}


@dataclass(frozen=True)
class StructurePart:
    """One part of the expected shape and the sentence that shows it (None when it is missing)."""

    name: str
    found: bool
    evidence: str | None


@dataclass(frozen=True)
class StructureFound:
    shape: Structure
    parts: tuple[StructurePart, ...]  # empty for a free answer: no expected parts

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parts if not p.found)

    def has(self, name: str) -> bool:
        return any(p.name == name and p.found for p in self.parts)


_SENTENCES = re.compile(r"(?<=[.!?…])\s+")
# A STAR action needs more than one clause: "I asked him" alone is not the candidate's account of
# what they did, and every labelled "we sorted it out" answer had at most one such clause.
MIN_ACTION_CLAUSES = 2


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCES.split(text.strip()) if s.strip()]


def find_structure(text: str, shape: Structure, language: str) -> StructureFound:
    cues = SHAPE_CUES.get(shape)
    if cues is None:
        return StructureFound(shape, ())
    lang = language if language in ("en", "fr") else "en"
    said = sentences(text)
    parts: list[StructurePart] = []
    for name, patterns in cues.items():
        pattern = patterns[lang]
        hits = [s for s in said if pattern.search(s)]
        clauses = sum(len(pattern.findall(s)) for s in hits)
        needed = MIN_ACTION_CLAUSES if shape == "star" and name == "action" else 1
        found = clauses >= needed
        parts.append(StructurePart(name, found, hits[0] if found else None))
    return StructureFound(shape, tuple(parts))
