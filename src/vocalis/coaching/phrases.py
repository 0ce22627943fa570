"""Live coaching wording in English and French: short cues (at most ~80 characters) and tips.

Same shape as ``vocalis.analysis.messages``: one template per key and language, filled by ``say``.
French follows French typography: a no-break space before ":" and a narrow no-break space before
"?" "!" ";", inside « guillemets », and between a number and its unit, so a cue never wraps badly.
"""

from __future__ import annotations

from typing import Any

from vocalis.analysis.messages import number

PHRASES: dict[str, dict[str, str]] = {
    "pace_fast": {
        "en": "Slow down a little: {wpm} wpm",
        "fr": "Ralentissez un peu\u00a0: {wpm}\u00a0mots/min",
    },
    "pace_fast_critical": {
        "en": "Much too fast: {wpm} wpm. Slow down",
        "fr": "Beaucoup trop rapide\u00a0: {wpm}\u00a0mots/min. Ralentissez",
    },
    "pace_slow": {
        "en": "Pick up the pace a little: {wpm} wpm",
        "fr": "Accélérez un peu\u00a0: {wpm}\u00a0mots/min",
    },
    "filler_burst": {
        "en": "Watch the fillers: {count} in {seconds} s, mostly “{top}”",
        "fr": "Attention aux tics de langage\u00a0: {count} en {seconds}\u00a0s, surtout «\u202f{top}\u202f»",
    },
    "long_pause": {
        "en": "Long pause ({seconds} s): pick up the thread",
        "fr": "Longue pause ({seconds}\u00a0s)\u00a0: reprenez le fil",
    },
    "too_quiet": {
        "en": "Speak up: your voice is faint ({lufs} LUFS)",
        "fr": "Parlez plus fort\u00a0: votre voix est faible ({lufs}\u00a0LUFS)",
    },
    "monotone": {
        "en": "Vary your pitch: it stays flat (±{spread} semitones)",
        "fr": "Variez l'intonation\u00a0: votre voix reste plate (±{spread}\u00a0demi-tons)",
    },
    "unclear_speech": {
        "en": "Articulate: some words are hard to make out",
        "fr": "Articulez\u00a0: certains mots sont difficiles à saisir",
    },
    "hedging": {
        "en": "Sound surer: {count} hedges like “{top}” lately",
        "fr": "Affirmez-vous\u00a0: {count} précautions comme «\u202f{top}\u202f»",
    },
    "repetition": {
        "en": "You keep saying “{phrase}” ({count} times)",
        "fr": "Vous répétez «\u202f{phrase}\u202f» ({count}\u00a0fois)",
    },
    "repetition_stutter": {
        "en": "Words said twice ({count} times), e.g. “{phrase}”",
        "fr": "Mots redoublés ({count}\u00a0fois), par ex. «\u202f{phrase}\u202f»",
    },
    "long_sentence": {
        "en": "Long sentence: {count} words. Break it up",
        "fr": "Phrase longue\u00a0: {count}\u00a0mots. Coupez-la",
    },
    # After the talk (the coaching report), where a full sentence fits.
    "report_hedging": {
        "en": "You hedged {count} times, most often with “{phrase}”.",
        "fr": "Vous avez nuancé vos propos {count}\u00a0fois, surtout avec «\u202f{phrase}\u202f».",
    },
    "report_hedging_tip": {
        "en": "State your key points plainly; keep hedges for real doubts.",
        "fr": "Affirmez vos idées clés\u202f; gardez les nuances pour les vrais doutes.",
    },
    "report_repetition": {
        "en": "You said “{phrase}” {count} times.",
        "fr": "Vous avez dit «\u202f{phrase}\u202f» {count}\u00a0fois.",
    },
    "report_repetition_tip": {
        "en": "Vary your wording, or pause where the habit phrase would go.",
        "fr": "Variez vos formulations, ou marquez une pause à la place de la formule.",
    },
    "report_long_sentence": {
        "en": "Very long sentences: {count} (the longest has {words} words).",
        "fr": "Phrases très longues\u00a0: {count} (la plus longue compte {words}\u00a0mots).",
    },
    "report_long_sentence_tip": {
        "en": "Split long sentences: one idea each.",
        "fr": "Coupez les phrases longues\u00a0: une idée par phrase.",
    },
    "tip_breathe": {"en": "Breathe at each full stop.", "fr": "Respirez à chaque point."},
    "tip_key_points": {"en": "Slow down on key points.", "fr": "Ralentissez sur les points clés."},
    "tip_flow": {"en": "Let one sentence lead into the next.", "fr": "Enchaînez vos phrases."},
    "tip_energy": {"en": "Add energy to your key words.", "fr": "Donnez de l'élan aux mots clés."},
    "tip_silence": {
        "en": "Pause silently instead of filling.",
        "fr": "Marquez un silence plutôt qu'un «\u202feuh\u202f».",
    },
    "tip_notes": {
        "en": "Glance at your notes, then go on.",
        "fr": "Jetez un œil à vos notes, puis reprenez.",
    },
    "tip_mic": {"en": "Move closer to the microphone.", "fr": "Rapprochez-vous du micro."},
    "tip_project": {
        "en": "Project to the back of the room.",
        "fr": "Portez la voix jusqu'au fond de la salle.",
    },
    "tip_stress": {"en": "Stress one key word per sentence.", "fr": "Appuyez un mot clé par phrase."},
    "tip_questions": {"en": "Let your voice rise on questions.", "fr": "Montez la voix sur les questions."},
    "tip_endings": {"en": "Finish your word endings.", "fr": "Prononcez bien les fins de mots."},
    "tip_face_mic": {"en": "Face the microphone.", "fr": "Parlez face au micro."},
    "tip_assert": {"en": "State your point plainly.", "fr": "Énoncez votre idée franchement."},
    "tip_vary": {"en": "Vary your wording.", "fr": "Variez vos formulations."},
    "tip_one_idea": {"en": "One idea per sentence.", "fr": "Une idée par phrase."},
}

# The one or two tips that go with each cue type, most useful first.
TIPS: dict[str, tuple[str, ...]] = {
    "pace_fast": ("tip_breathe", "tip_key_points"),
    "pace_slow": ("tip_flow", "tip_energy"),
    "filler_burst": ("tip_silence",),
    "long_pause": ("tip_notes",),
    "too_quiet": ("tip_mic", "tip_project"),
    "monotone": ("tip_stress", "tip_questions"),
    "unclear_speech": ("tip_endings", "tip_face_mic"),
    "hedging": ("tip_assert",),
    "repetition": ("tip_vary",),
    "long_sentence": ("tip_one_idea", "tip_breathe"),
}

QUOTED_MAX_CHARS = 24  # a quoted phrase longer than this is cut, so the cue stays short


def say(key: str, language: str, **values: Any) -> str:
    """The phrase ``key`` in ``language``; floats are written with the language's decimal mark."""
    shown = {k: number(v, language, 1) if isinstance(v, float) else v for k, v in values.items()}
    return PHRASES[key][language].format(**shown)


def tips(cue_type: str, language: str) -> tuple[str, ...]:
    return tuple(say(key, language) for key in TIPS[cue_type])


def quoted(text: str) -> str:
    """``text`` cut to ``QUOTED_MAX_CHARS`` on a word boundary, with an ellipsis when cut."""
    if len(text) <= QUOTED_MAX_CHARS:
        return text
    return text[: QUOTED_MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
