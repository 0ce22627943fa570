"""SSML through the real synthesis: what a listener hears (Whisper), how long it lasts, whose voice it is."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import pytest

from tests.conftest import word_error_rate
from vocalis.analysis.pitch import clean_voiced, track
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.levels import longest_silence, rms_dbfs
from vocalis.errors import InvalidSsml, UnsupportedLanguage
from vocalis.graph import Vocalis
from vocalis.speech.request import SpeechRequest
from vocalis.speech.timestamps import word_times

VOICE = "af_heart"


def say(services: Vocalis, text: str, voice: str = VOICE, **options: object) -> AudioChunk:
    speech = services.speech
    return speech.synthesize(speech.plan(SpeechRequest(text, voice, **options)))  # type: ignore[arg-type]


def test_a_two_second_break_is_a_two_second_silence(services: Vocalis) -> None:
    plain = say(services, "<speak>Take a breath and wait for it.</speak>")
    paused = say(services, '<speak>Take a breath <break time="2s"/> and wait for it.</speak>')
    # The renders around a break are separate, so the rest of the audio differs by a few tenths.
    assert 1.6 < paused.duration - plain.duration < 2.6
    assert 1.9 <= longest_silence(paused) <= 2.4
    assert longest_silence(plain) < 0.6


def test_a_break_of_an_hour_is_clamped_and_reported(services: Vocalis) -> None:
    plan = services.speech.plan(SpeechRequest('<speak>Wait <break time="3600s"/> done.</speak>', VOICE))
    assert [i.reason for i in plan.ignored] == ["break clamped to 10 s"]
    audio = services.speech.synthesize(plan)
    assert 9.9 <= longest_silence(audio) <= 10.4


def test_say_as_sub_and_phoneme_are_heard(services: Vocalis, transcribe: Callable[[AudioChunk], str]) -> None:
    cases = [
        ('Room <say-as interpret-as="cardinal">42</say-as> is ready.', "Room 42 is ready."),
        ('She came <say-as interpret-as="ordinal">3</say-as> in the race.', "She came third in the race."),
        ('Born on <say-as interpret-as="date" format="mdy">07/04/1990</say-as>.', "Born on July 4th 1990."),
        ('Browse the <sub alias="World Wide Web">WWW</sub> today.', "Browse the World Wide Web today."),
        ('I like <phoneme alphabet="ipa" ph="təˈmeɪtoʊ">tomato</phoneme> soup.', "I like tomato soup."),
    ]
    for inner, expected in cases:
        document = f"<speak>{inner}</speak>"
        heard = transcribe(say(services, document))
        assert word_error_rate(expected, heard) <= 0.25, (document, heard)


def test_a_voice_element_switches_voice_and_a_speaker_encoder_hears_it(services: Vocalis) -> None:
    document = (
        "<speak>The weather today is bright and sunny across the whole region. "
        '<voice name="bm_george">The weather today is bright and sunny across the whole region.</voice>'
        " The weather today is bright and sunny across the whole region.</speak>"
    )
    plan = services.speech.plan(SpeechRequest(document, VOICE))
    chunks = list(services.speech.stream(plan))
    assert [c.text.text.strip()[:3] for c in chunks] == ["The"] * 3
    assert [plan.chunks[i].segment.voice.label for i in range(3)] == [VOICE, "bm_george", VOICE]
    encoder = services.engines.speaker_encoder()
    first, george, again = (encoder.embed(c.audio) for c in chunks)

    def cosine(a: np.ndarray, b: np.ndarray) -> float:
        return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))

    # The same voice twice scores far above two different voices (measured 0.97 vs 0.30 here).
    assert cosine(first, again) > cosine(first, george) + 0.2


def test_prosody_rate_volume_and_pitch(services: Vocalis) -> None:
    text = "Every morning the baker opens the shop and sells fresh bread."
    plain = say(services, f"<speak>{text}</speak>")
    slow = say(services, f'<speak><prosody rate="x-slow">{text}</prosody></speak>')
    loud = say(services, f'<speak><prosody volume="+6dB">{text}</prosody></speak>')
    high = say(services, f'<speak><prosody pitch="+4st">{text}</prosody></speak>')
    assert 1.6 < slow.duration / plain.duration < 2.4  # half speed
    assert 4.5 < rms_dbfs(loud) - rms_dbfs(plain) < 7.0  # 6 dB, less where the peaks clip
    assert abs(high.duration - plain.duration) < 0.15 * plain.duration  # pitch keeps the length

    def median_f0(audio: AudioChunk) -> float:
        return float(np.median(clean_voiced(track(audio.samples, audio.sample_rate).f0)))

    shift = 12 * np.log2(median_f0(high) / median_f0(plain))
    assert 3.0 < shift < 5.0  # four semitones


def test_word_times_point_into_the_ssml_document(services: Vocalis) -> None:
    document = '<speak>Hello <emphasis level="strong">wonderful</emphasis> world &amp; friends.</speak>'
    plan = services.speech.plan(SpeechRequest(document, VOICE))
    stamps = word_times(services.engines.speech_to_text("en"), services.speech.stream(plan))
    found = {s.word: (s.char_start, s.char_end) for s in stamps}
    for word in ("Hello", "wonderful", "world", "friends"):
        start = document.index(word)
        assert found[word] == (start, start + len(word))
    times = [s.start for s in stamps]
    assert times == sorted(times)


def test_a_language_element_switches_the_reading_rules(services: Vocalis) -> None:
    document = '<speak><lang xml:lang="en-US">Good morning.</lang> Il est 14 h 30.</speak>'
    plan = services.speech.plan(SpeechRequest(document, "ff_siwis"))
    assert [c.segment.language for c in plan.chunks] == ["en-US", "fr-FR"]
    plan = services.speech.plan(SpeechRequest(document.replace("en-US", "fr-FR"), VOICE, language="en"))
    assert [c.segment.language for c in plan.chunks] == ["fr-FR", "en-US"]
    french = services.speech.plan(SpeechRequest("Il est 14 h 30.", "ff_siwis"))
    heard = services.engines.speech_to_text("fr").transcribe(
        services.speech.synthesize(french), language="fr"
    )
    assert "14" in heard.text or "quatorze" in heard.text.lower()


@pytest.mark.parametrize(
    ("document", "line", "column"),
    [
        ("<speak>Hello <break time='2s'></speak>", 1, 31),
        ("<speak>\n  <prosody rate='fastest'>Hi</prosody>\n</speak>", 2, 3),
        ('<speak>Hi <voice name="xx_nobody">there</voice></speak>', None, None),
    ],
)
def test_bad_documents_name_the_place_or_the_voice(
    services: Vocalis, document: str, line: int | None, column: int | None
) -> None:
    if line is None:
        from vocalis.errors import UnknownVoice

        with pytest.raises(UnknownVoice):
            services.speech.plan(SpeechRequest(document, VOICE))
        return
    with pytest.raises(InvalidSsml) as caught:
        services.speech.plan(SpeechRequest(document, VOICE))
    assert (caught.value.line, caught.value.column) == (line, column)
    assert f"line {line}, column {column}" in str(caught.value)


def test_hostile_documents_are_refused_at_once(services: Vocalis) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{"&lol;" * 10 if i == 1 else f"&lol{i - 1};" * 10}">' for i in range(1, 10)
        )
        + "]><speak>&lol9;</speak>"
    )
    deep = "<speak>" + "<p>" * 40 + "deep" + "</p>" * 40 + "</speak>"
    for document in (laughs, deep):
        started = time.perf_counter()
        with pytest.raises(InvalidSsml):
            services.speech.plan(SpeechRequest(document, VOICE))
        assert time.perf_counter() - started < 1.0


def test_unknown_elements_keep_their_text_and_are_reported(
    services: Vocalis, transcribe: Callable[[AudioChunk], str]
) -> None:
    plan = services.speech.plan(
        SpeechRequest('<speak>Listen <audio src="bell.wav">to the bell</audio> now.</speak>', VOICE)
    )
    assert [(i.name, i.reason) for i in plan.ignored] == [("audio", "unsupported element")]
    assert word_error_rate("Listen to the bell now.", transcribe(services.speech.synthesize(plan))) <= 0.2


def test_an_unknown_language_is_a_clear_error(services: Vocalis) -> None:
    with pytest.raises(UnsupportedLanguage) as caught:
        services.speech.plan(SpeechRequest("Hello", VOICE, language="tlh"))
    assert caught.value.status == 422
    assert "fr-FR" in str(caught.value)
