"""Feedback wording in English and French: one template per message and language."""

from __future__ import annotations

from typing import Any

TEMPLATES: dict[str, dict[str, str]] = {
    "no_speech": {
        "en": "No speech was detected in this recording.",
        "fr": "Aucune parole n'a été détectée dans cet enregistrement.",
    },
    "no_speech_tip": {
        "en": "Check that the microphone is on and close to you, then record again.",
        "fr": "Vérifiez que le micro est allumé et proche de vous, puis réenregistrez.",
    },
    "pace_good": {
        "en": "Good pace: {wpm} words per minute, within the {low}-{high} target.",
        "fr": "Bon débit : {wpm} mots par minute, dans la cible de {low} à {high}.",
    },
    "pace_fast": {
        "en": "You spoke at {wpm} words per minute, faster than the {low}-{high} target{where}.",
        "fr": "Vous avez parlé à {wpm} mots par minute, plus vite que la cible de {low} à {high}{where}.",
    },
    "pace_slow": {
        "en": "You spoke at {wpm} words per minute, slower than the {low}-{high} target{where}.",
        "fr": "Vous avez parlé à {wpm} mots par minute, moins vite que la cible de {low} à {high}{where}.",
    },
    "pace_fastest": {
        "en": ", fastest from {start} to {end} ({wpm} wpm)",
        "fr": ", surtout de {start} à {end} ({wpm} mots/min)",
    },
    "pace_slowest": {
        "en": ", slowest from {start} to {end} ({wpm} wpm)",
        "fr": ", surtout de {start} à {end} ({wpm} mots/min)",
    },
    "pace_uneven": {
        "en": "Your pace changed a lot, from {low} to {high} words per minute across the talk.",
        "fr": "Votre débit a beaucoup varié, de {low} à {high} mots par minute au fil de l'exposé.",
    },
    "tip_slow_down": {
        "en": "Take a breath at the end of each sentence.",
        "fr": "Respirez à la fin de chaque phrase.",
    },
    "tip_stress": {
        "en": "Slow down on key points and numbers.",
        "fr": "Ralentissez sur les points clés et les chiffres.",
    },
    "tip_speed_up": {
        "en": "Rehearse until the phrases flow without searching for words.",
        "fr": "Répétez jusqu'à ce que les phrases s'enchaînent sans chercher vos mots.",
    },
    "tip_steady": {
        "en": "Aim for an even rhythm; change speed on purpose, for emphasis.",
        "fr": "Gardez un rythme régulier ; changez de vitesse volontairement, pour souligner.",
    },
    "pauses_long": {
        "en": "{count} long pauses ({seconds} s or more){where}.",
        "fr": "{count} longues pauses ({seconds} s ou plus){where}.",
    },
    "pauses_long_one": {
        "en": "A long pause of {duration} s at {at}.",
        "fr": "Une longue pause de {duration} s à {at}.",
    },
    "pauses_where": {
        "en": ", {n} of them in the {minute} minute",
        "fr": ", dont {n} dans la {minute} minute",
    },
    "pauses_few": {
        "en": "You hardly paused ({ratio} of the time): listeners need short breaks to take ideas in.",
        "fr": "Vous avez peu marqué de pauses ({ratio} du temps) : le public a besoin de respirer.",
    },
    "pauses_many": {
        "en": "Pauses took {ratio} of the talk: the thread gets lost between ideas.",
        "fr": "Les pauses ont occupé {ratio} de l'exposé : le fil se perd entre les idées.",
    },
    "pauses_good": {
        "en": "Well-placed pauses: {count} pauses, {ratio} of the talk.",
        "fr": "Des pauses bien dosées : {count} pauses, {ratio} de l'exposé.",
    },
    "tip_pause_plan": {
        "en": "Plan the transitions between your points.",
        "fr": "Préparez les transitions entre vos idées.",
    },
    "tip_pause_add": {
        "en": "Pause for a second after each key idea.",
        "fr": "Marquez une seconde de pause après chaque idée forte.",
    },
    "fillers_many": {
        "en": "You used {count} fillers ({rate} per minute): {top}{where}.",
        "fr": "Vous avez utilisé {count} mots de remplissage ({rate} par minute) : {top}{where}.",
    },
    "fillers_where": {"en": "; most in the {minute} minute", "fr": " ; surtout dans la {minute} minute"},
    "fillers_good": {
        "en": "Few fillers: {count} in the whole talk ({rate} per minute).",
        "fr": "Peu de mots de remplissage : {count} sur tout l'exposé ({rate} par minute).",
    },
    "tip_fillers_pause": {
        "en": "Replace a filler with a short silent pause.",
        "fr": "Remplacez le mot de remplissage par un court silence.",
    },
    "tip_fillers_record": {
        "en": "Record yourself and listen for your most frequent filler.",
        "fr": "Enregistrez-vous et repérez votre tic de langage le plus fréquent.",
    },
    "volume_quiet": {
        "en": "The recording is quiet ({lufs} LUFS): listeners would have to turn it up.",
        "fr": "L'enregistrement est faible ({lufs} LUFS) : il faudrait monter le volume pour vous entendre.",
    },
    "volume_loud": {
        "en": "The recording is very loud ({lufs} LUFS).",
        "fr": "L'enregistrement est très fort ({lufs} LUFS).",
    },
    "volume_clipping": {
        "en": "The sound is clipped (distorted) in {share} of the audio.",
        "fr": "Le son sature (distorsion) sur {share} de l'enregistrement.",
    },
    "volume_dips": {
        "en": "Your voice dropped in {count} places, e.g. from {start} to {end}.",
        "fr": "Votre voix a faibli à {count} endroits, par exemple de {start} à {end}.",
    },
    "volume_good": {
        "en": "Steady, clear volume ({lufs} LUFS).",
        "fr": "Volume stable et clair ({lufs} LUFS).",
    },
    "tip_mic_closer": {"en": "Move closer to the microphone.", "fr": "Rapprochez-vous du micro."},
    "tip_project": {
        "en": "Project your voice, especially at the end of sentences.",
        "fr": "Portez la voix, surtout en fin de phrase.",
    },
    "tip_gain": {"en": "Lower the microphone's input gain.", "fr": "Baissez le gain d'entrée du micro."},
    "pitch_flat": {
        "en": "Your pitch barely moved (±{spread} semitones around {median} Hz): it can sound monotone.",
        "fr": "Votre voix a peu varié (±{spread} demi-tons autour de {median} Hz) : elle semble monotone.",
    },
    "pitch_good": {
        "en": "Lively intonation: your pitch moved ±{spread} semitones around {median} Hz.",
        "fr": "Intonation vivante : votre voix a varié de ±{spread} demi-tons autour de {median} Hz.",
    },
    "tip_pitch": {
        "en": "Let your voice rise and fall with questions and key words.",
        "fr": "Faites monter et descendre la voix sur les questions et les mots clés.",
    },
    "clarity_noise": {
        "en": "Background noise is noticeable (signal-to-noise ratio {snr} dB).",
        "fr": "Le bruit de fond est perceptible (rapport signal/bruit de {snr} dB).",
    },
    "clarity_mumbled": {
        "en": "{count} passages were hard to make out, e.g. at {at}: “{text}”.",
        "fr": "{count} passages étaient difficiles à comprendre, par exemple à {at} : « {text} ».",
    },
    "clarity_unsure": {
        "en": "Your words were not always easy to recognise (confidence {confidence}).",
        "fr": "Vos mots n'étaient pas toujours faciles à reconnaître (confiance {confidence}).",
    },
    "clarity_good": {
        "en": "Clear speech: the recogniser was confident ({confidence}){snr}.",
        "fr": "Élocution claire : la reconnaissance était confiante ({confidence}){snr}.",
    },
    "clarity_snr": {
        "en": " and the background quiet ({snr} dB SNR)",
        "fr": " et le fond calme ({snr} dB de rapport signal/bruit)",
    },
    "tip_quiet_room": {
        "en": "Record in a quieter room or use a headset microphone.",
        "fr": "Enregistrez dans une pièce plus calme ou avec un micro-casque.",
    },
    "tip_articulate": {
        "en": "Articulate word endings and face the microphone.",
        "fr": "Articulez les fins de mots et parlez face au micro.",
    },
}

ORDINALS = {
    "en": ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"],
    "fr": ["première", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième", "huitième",
           "neuvième", "dixième"],
}  # fmt: skip


def say(key: str, language: str, **values: Any) -> str:
    return TEMPLATES[key][language].format(**values)


def minute_name(index: int, language: str) -> str:
    """The ``index``-th minute (0-based) as "second" / "deuxième"; numbers past the tenth."""
    names = ORDINALS[language]
    if index < len(names):
        return names[index]
    return f"{index + 1}th" if language == "en" else f"{index + 1}e"


def clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def number(value: float, language: str, digits: int = 0) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if language == "fr" else text


def percent(value: float, language: str) -> str:
    text = f"{value * 100:.0f}\u00a0%" if language == "fr" else f"{value:.0%}"
    return text
