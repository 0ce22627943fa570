"""SSML: documents read into text runs and pauses that point back into the document, hostile ones refused."""

from __future__ import annotations

import math
import time
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vocalis.errors import InvalidInput, InvalidSsml
from vocalis.text.chunking import PARAGRAPH_PAUSE, SENTENCE_PAUSE
from vocalis.text.ssml import (
    MAX_DEPTH,
    MAX_ELEMENTS,
    IgnoredMarkup,
    Pause,
    Prosody,
    SayAs,
    SsmlDocument,
    TextRun,
    looks_like_ssml,
    parse_ssml,
)


def runs(document: SsmlDocument) -> list[TextRun]:
    return [item for item in document.items if isinstance(item, TextRun)]


def spoken(document: SsmlDocument) -> str:
    return "".join(run.text for run in runs(document))


def only_run(source: str) -> TextRun:
    found = runs(parse_ssml(source))
    assert len(found) == 1, found
    return found[0]


def refused(source: str) -> InvalidSsml:
    with pytest.raises(InvalidSsml) as caught:
        parse_ssml(source)
    return caught.value


def ignored_names(document: SsmlDocument) -> list[str]:
    return [entry.name for entry in document.ignored]


def assert_positions_point_into_source(document: SsmlDocument) -> None:
    """Literal characters sit at their position; decoded ones at their reference's "&"; CR LF is "\\n"."""
    source = document.source
    previous = 0
    for run in runs(document):
        assert len(run.positions) == len(run.text) + 1
        assert list(run.positions) == sorted(run.positions)
        assert previous <= run.positions[0] and run.positions[-1] <= len(source)
        previous = run.positions[-1]
        for char, position in zip(run.text, run.positions, strict=False):
            written = source[position]
            assert written == char or written == "&" or (char == "\n" and written == "\r"), (char, written)


# Recognising SSML


@pytest.mark.parametrize(
    "text",
    [
        "<speak>Hello</speak>", "  \n\t<speak version='1.1'>Hi</speak>", "\ufeff<speak/>",
        '<?xml version="1.0" encoding="UTF-8"?>\n<speak>Hi</speak>',
        "<speak\n xmlns='http://www.w3.org/2001/10/synthesis'>",
    ],
)  # fmt: skip
def test_ssml_is_recognised_by_its_speak_root(text: str) -> None:
    assert looks_like_ssml(text)


@pytest.mark.parametrize(
    "text", ["", "Hello <speak>", "<speaker>: hi", "<p>Hi</p>", "<?xml version='1.0'?><p/>", "speak"]
)
def test_other_text_is_not_ssml(text: str) -> None:
    assert not looks_like_ssml(text)


# Text runs


def test_plain_text_is_one_run_with_default_attributes() -> None:
    run = only_run("<speak>Hello, world.</speak>")
    assert run == TextRun(
        text="Hello, world.",
        positions=tuple(range(7, 21)),
        voice=None,
        language=None,
        prosody=Prosody(1.0, 0.0, 0.0),
        emphasis=None,
        say_as=None,
        alias=None,
        phonemes=None,
    )


def test_character_data_with_the_same_attributes_is_one_run() -> None:
    source = "<speak>One <mark name='m1'/>two<!-- note --> three &amp; <audio>four</audio></speak>"
    document = parse_ssml(source)
    assert [run.text for run in runs(document)] == ["One two three & four"]
    assert_positions_point_into_source(document)


def test_a_change_of_attributes_starts_a_new_run() -> None:
    document = parse_ssml("<speak>a <emphasis>big</emphasis> dog</speak>")
    assert [(run.text, run.emphasis) for run in runs(document)] == [
        ("a ", None),
        ("big", "moderate"),
        (" dog", None),
    ]


def test_text_outside_paragraphs_and_sentences_is_spoken() -> None:
    document = parse_ssml("<speak>Intro. <p>Body.</p> Outro.</speak>")
    assert spoken(document) == "Intro. Body. Outro."


def test_whitespace_is_kept_as_written() -> None:
    document = parse_ssml("<speak>\n  Two\tspaces  here\n</speak>")
    assert spoken(document) == "\n  Two\tspaces  here\n"


def test_a_document_without_text_has_no_items() -> None:
    assert parse_ssml("<speak/>").items == ()
    assert parse_ssml("<speak><mark name='x'/></speak>").items == ()


# Offsets into the document


def test_positions_of_multibyte_characters_and_references() -> None:
    source = "<speak>价格 5 € — caf&#233; R&amp;D &#x1F600; ok</speak>"
    document = parse_ssml(source)
    run = only_run(source)
    assert run.text == "价格 5 € — café R&D 😀 ok"
    assert_positions_point_into_source(document)
    for index, char in enumerate(run.text):
        if char in "价格€—":
            assert source[run.positions[index]] == char
    ampersand = run.text.index("&")
    assert source.startswith("&amp;", run.positions[ampersand])
    assert run.positions[ampersand + 1] == run.positions[ampersand] + len("&amp;")
    e_acute = run.text.index("é")
    assert source.startswith("&#233;", run.positions[e_acute])
    assert source[run.positions[e_acute + 1]] == " "
    assert source.startswith("&#x1F600;", run.positions[run.text.index("😀")])
    assert run.positions[-1] == source.index("</speak>")


def test_positions_after_multibyte_text_in_nested_elements() -> None:
    source = "<speak>Ça coûte 5 €. <s xml:lang='zh'>中文很好。</s><emphasis>naïve &lt;3</emphasis></speak>"
    document = parse_ssml(source)
    assert_positions_point_into_source(document)
    chinese = next(run for run in runs(document) if run.language == "zh")
    assert source[chinese.positions[0] : chinese.positions[-1]] == "中文很好。"
    emphasised = next(run for run in runs(document) if run.emphasis)
    assert emphasised.text == "naïve <3"
    assert source.startswith("&lt;", emphasised.positions[6])


def test_line_breaks_map_back_to_what_was_written() -> None:
    source = "<speak>one\r\ntwo\rthree\nfour</speak>"
    run = only_run(source)
    assert run.text == "one\ntwo\nthree\nfour"
    assert run.positions[3:5] == (10, 12)  # "\r\n" is one "\n" spanning two characters
    assert_positions_point_into_source(parse_ssml(source))


def test_cdata_is_literal_text() -> None:
    source = "<speak>x <![CDATA[a < b & &amp;]]> y</speak>"
    run = only_run(source)
    assert run.text == "x a < b & &amp; y"
    assert [source[p] for p in run.positions[:-1]] == list(run.text)


def test_the_declared_encoding_does_not_change_how_text_is_read() -> None:
    source = '<?xml version="1.0" encoding="ISO-8859-1"?><speak>café</speak>'
    run = only_run(source)
    assert run.text == "café"
    assert source[run.positions[3]] == "é"


def test_a_byte_order_mark_and_leading_whitespace_keep_offsets() -> None:
    source = "\ufeff \n<?xml version='1.0'?>\n<speak>é &amp; è</speak>"
    run = only_run(source)
    assert run.text == "é & è"
    assert source[run.positions[0]] == "é" and source[run.positions[4]] == "è"
    with pytest.raises(InvalidSsml) as caught:
        parse_ssml("\n\n<speak>AT&T</speak>")
    assert (caught.value.line, caught.value.column) == (3, 10)


# Pauses


def test_sentences_and_paragraphs_end_with_pauses() -> None:
    source = "<speak><p><s>One.</s><s>Two.</s></p><p>Three.</p></speak>"
    document = parse_ssml(source)
    described = [
        (item.kind, item.seconds) if isinstance(item, Pause) else item.text for item in document.items
    ]
    assert described == [
        "One.",
        ("sentence", SENTENCE_PAUSE),
        "Two.",
        ("paragraph", PARAGRAPH_PAUSE),  # replaces the last sentence's pause
        "Three.",
        ("paragraph", PARAGRAPH_PAUSE),
    ]
    pauses = [item for item in document.items if isinstance(item, Pause)]
    assert [source[p.position : p.position + 4] for p in pauses] == ["</s>", "</p>", "</p>"]


def test_a_paragraph_pause_replaces_the_sentence_pause_across_whitespace() -> None:
    document = parse_ssml("<speak><p>\n  <s>One.</s>\n</p></speak>")
    kinds = [item.kind for item in document.items if isinstance(item, Pause)]
    assert kinds == ["paragraph"]
    assert spoken(document) == "\n  One.\n"


def test_a_sentence_starts_a_run_of_its_own() -> None:
    document = parse_ssml("<speak>Hello <s>World.</s></speak>")
    assert [run.text for run in runs(document)] == ["Hello ", "World."]


def test_empty_sentences_and_paragraphs_add_no_pause() -> None:
    for source in ("<speak><p/><s></s><p> </p>Hi</speak>", "<speak><p><s/></p></speak>"):
        assert not any(isinstance(item, Pause) for item in parse_ssml(source).items)


def test_an_explicit_break_at_the_end_of_a_sentence_replaces_its_pause() -> None:
    document = parse_ssml('<speak><s>Wait.<break time="2s"/></s><s>Go.</s></speak>')
    pauses = [(item.kind, item.seconds) for item in document.items if isinstance(item, Pause)]
    assert pauses == [("break", 2.0), ("sentence", SENTENCE_PAUSE)]


@pytest.mark.parametrize(
    ("attributes", "seconds"),
    [
        ('time="2s"', 2.0), ('time="500ms"', 0.5), ('time="1.5s"', 1.5), ('time="0ms"', 0.0),
        ('strength="none"', 0.0), ('strength="x-weak"', 0.1), ('strength="weak"', 0.2),
        ('strength="medium"', 0.4), ('strength="strong"', 0.7), ('strength="x-strong"', 1.2),
        ("", 0.4), ('strength="x-strong" time="300ms"', 0.3),
    ],
)  # fmt: skip
def test_break_durations(attributes: str, seconds: float) -> None:
    source = f"<speak>a<break {attributes}/>b</speak>"
    document = parse_ssml(source)
    assert document.items[1] == Pause(seconds, "break", source.index("<break"))
    assert document.ignored == ()


def test_a_break_longer_than_ten_seconds_is_clamped_and_reported() -> None:
    document = parse_ssml('<speak>\n  <break time="90s"/></speak>')
    assert document.items[1:] == (Pause(10.0, "break", 10),)
    assert document.ignored == (IgnoredMarkup("break@time", 2, 3, "break clamped to 10 s"),)


@pytest.mark.parametrize(
    ("attribute", "value"),
    [("time", "soon"), ("time", "-1s"), ("time", "2 min"), ("time", "9" * 400 + "s"), ("strength", "huge")],
)
def test_an_unreadable_break_names_its_attribute(attribute: str, value: str) -> None:
    error = refused(f'<speak>Hi <break {attribute}="{value}"/></speak>')
    assert error.details["attribute"] == attribute
    assert (error.line, error.column) == (1, 11)
    assert f"{attribute}=" in error.message


# Prosody


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        ("x-slow", 0.5), ("slow", 0.75), ("medium", 1.0), ("default", 1.0), ("fast", 1.25), ("x-fast", 1.5),
        ("80%", 0.8), ("100%", 1.0), ("+20%", 1.2), ("-10%", 0.9), ("1.5", 1.5), ("FAST", 1.25),
    ],
)  # fmt: skip
def test_prosody_rates(rate: str, expected: float) -> None:
    run = only_run(f'<speak><prosody rate="{rate}">x</prosody></speak>')
    assert run.prosody.rate == pytest.approx(expected)


@pytest.mark.parametrize(
    ("volume", "expected"),
    [
        ("silent", -60.0), ("x-soft", -12.0), ("soft", -6.0), ("medium", 0.0), ("loud", 6.0),
        ("x-loud", 10.0), ("+3dB", 3.0), ("-4.5dB", -4.5),
    ],
)  # fmt: skip
def test_prosody_volumes(volume: str, expected: float) -> None:
    run = only_run(f'<speak><prosody volume="{volume}">x</prosody></speak>')
    assert run.prosody.volume_db == pytest.approx(expected)


@pytest.mark.parametrize(
    ("pitch", "expected"),
    [
        ("x-low", -4.0), ("low", -2.0), ("medium", 0.0), ("high", 2.0), ("x-high", 4.0), ("+2st", 2.0),
        ("-1.5st", -1.5), ("+10%", 12 * math.log2(1.1)), ("-10%", 12 * math.log2(0.9)),
    ],
)  # fmt: skip
def test_prosody_pitches(pitch: str, expected: float) -> None:
    run = only_run(f'<speak><prosody pitch="{pitch}">x</prosody></speak>')
    assert run.prosody.pitch_semitones == pytest.approx(expected)


def test_nested_prosody_multiplies_rates_and_adds_decibels_and_semitones() -> None:
    source = (
        '<speak><prosody rate="+20%" volume="-3dB" pitch="+1st">'
        '<prosody rate="+20%" volume="soft" pitch="low">x</prosody></prosody></speak>'
    )
    assert only_run(source).prosody == Prosody(pytest.approx(1.44), -9.0, -1.0)


def test_prosody_is_clamped_after_nesting_and_the_clamp_reported() -> None:
    source = (
        '<speak><prosody rate="x-fast" volume="loud" pitch="x-high">a'
        '<prosody rate="x-fast" volume="+6dB" pitch="+4st">b</prosody></prosody></speak>'
    )
    document = parse_ssml(source)
    outer, inner = runs(document)
    assert outer.prosody == Prosody(1.5, 6.0, 4.0)
    assert inner.prosody == Prosody(2.0, 10.0, 6.0)
    assert [(entry.name, entry.reason) for entry in document.ignored] == [
        ("prosody@rate", "rate clamped to 2.0"),
        ("prosody@volume", "volume clamped to 10.0 dB"),
        ("prosody@pitch", "pitch clamped to 6.0 semitones"),
    ]
    inner_column = source.index("<prosody", 10) + 1
    assert {(entry.line, entry.column) for entry in document.ignored} == {(1, inner_column)}


def test_the_product_is_clamped_not_each_level() -> None:
    source = (
        '<speak><prosody rate="x-slow"><prosody rate="x-slow">a<prosody rate="200%">b</prosody>'
        "</prosody></prosody></speak>"
    )
    document = parse_ssml(source)
    # 0.25 is clamped to 0.5; 0.25 * 2 is 0.5: the same rate, so one run.
    assert [(run.text, run.prosody.rate) for run in runs(document)] == [("ab", 0.5)]
    assert [entry.reason for entry in document.ignored] == ["rate clamped to 0.5"]


def test_low_rates_volumes_and_pitches_are_clamped() -> None:
    run = only_run('<speak><prosody rate="10%" volume="-40dB" pitch="-60%">x</prosody></speak>')
    assert run.prosody == Prosody(0.5, -20.0, -6.0)
    stopped = only_run('<speak><prosody rate="-150%" pitch="-100%">x</prosody></speak>')
    assert stopped.prosody == Prosody(0.5, 0.0, -6.0)


def test_silent_mutes_whatever_is_nested() -> None:
    source = '<speak><prosody volume="x-loud"><prosody volume="silent"><prosody volume="+10dB">x'
    run = only_run(source + "</prosody></prosody></prosody></speak>")
    assert run.prosody.volume_db == -60.0


def test_unsupported_prosody_attributes_are_reported() -> None:
    document = parse_ssml(
        '<speak><prosody pitch="200Hz" contour="(0%,+20Hz)" range="x-high" duration="2s">x</prosody></speak>'
    )
    assert only_run("<speak>x</speak>").prosody == runs(document)[0].prosody
    assert [(entry.name, entry.reason) for entry in document.ignored] == [
        ("prosody@pitch", "pitch in Hz is not supported"),
        ("prosody@contour", "contour is not supported"),
        ("prosody@range", "range is not supported"),
        ("prosody@duration", "duration is not supported"),
    ]


@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("rate", "fastest"), ("rate", "fast%"), ("rate", "١٠٠%"), ("rate", "1e999"), ("volume", "loudest"),
        ("volume", "50%"), ("pitch", "higher"), ("pitch", "50%"), ("pitch", "+2"),
    ],
)  # fmt: skip
def test_unreadable_prosody_names_its_attribute(attribute: str, value: str) -> None:
    error = refused(f'<speak>\n<prosody {attribute}="{value}">x</prosody></speak>')
    assert error.details == {"line": 2, "column": 1, "element": "prosody", "attribute": attribute}
    assert f'{attribute}="{value}"' in error.message


# Emphasis, say-as, sub, phoneme


@pytest.mark.parametrize("level", ["strong", "moderate", "reduced", "none"])
def test_emphasis_levels(level: str) -> None:
    assert only_run(f"<speak><emphasis level='{level}'>x</emphasis></speak>").emphasis == level
    assert only_run("<speak><emphasis>x</emphasis></speak>").emphasis == "moderate"


def test_the_innermost_emphasis_wins_and_a_bad_level_is_refused() -> None:
    source = '<speak><emphasis level="strong">a<emphasis level="reduced">b</emphasis></emphasis></speak>'
    assert [run.emphasis for run in runs(parse_ssml(source))] == ["strong", "reduced"]
    assert refused('<speak><emphasis level="loud">x</emphasis></speak>').details["attribute"] == "level"


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("characters", "characters"), ("spell-out", "characters"), ("verbatim", "characters"),
        ("cardinal", "cardinal"), ("number", "cardinal"), ("ordinal", "ordinal"), ("digits", "digits"),
        ("date", "date"), ("time", "time"), ("telephone", "telephone"),
    ],
)  # fmt: skip
def test_say_as_kinds(written: str, kind: str) -> None:
    run = only_run(f'<speak><say-as interpret-as="{written}">12</say-as></speak>')
    assert run.say_as == SayAs(kind, None, None)


def test_say_as_keeps_format_and_detail() -> None:
    run = only_run('<speak><say-as interpret-as="date" format="dmy" detail="1">1/2/2020</say-as></speak>')
    assert run.say_as == SayAs("date", "dmy", "1")
    assert run.text == "1/2/2020"


def test_an_unknown_say_as_keeps_its_text_and_is_reported() -> None:
    document = parse_ssml('<speak>I <say-as interpret-as="expletive">darn</say-as> it</speak>')
    assert [run.text for run in runs(document)] == ["I darn it"]
    assert document.ignored == (
        IgnoredMarkup("say-as@interpret-as", 1, 10, 'interpret-as "expletive" is not supported'),
    )
    assert refused("<speak><say-as>1</say-as></speak>").details["attribute"] == "interpret-as"


def test_neighbouring_say_as_elements_stay_apart() -> None:
    source = '<speak><say-as interpret-as="date">1/2</say-as><say-as interpret-as="date">3/4</say-as></speak>'
    assert [run.text for run in runs(parse_ssml(source))] == ["1/2", "3/4"]


def test_sub_gives_an_alias_for_its_text() -> None:
    source = '<speak>The <sub alias="World Wide Web">WWW</sub><sub alias="World Wide Web">W3</sub></speak>'
    document = parse_ssml(source)
    assert [(run.text, run.alias) for run in runs(document)] == [
        ("The ", None),
        ("WWW", "World Wide Web"),
        ("W3", "World Wide Web"),  # two elements, two aliases said
    ]
    assert refused("<speak><sub>WWW</sub></speak>").details["attribute"] == "alias"


def test_an_empty_sub_still_says_its_alias() -> None:
    source = '<speak>Go <sub alias="quickly"/> now</speak>'
    alias = runs(parse_ssml(source))[1]
    assert (alias.text, alias.alias, alias.positions) == ("", "quickly", (len(source) - len(" now</speak>"),))


def test_phonemes_in_ipa() -> None:
    for alphabet in ('alphabet="ipa" ', ""):
        run = only_run(f'<speak><phoneme {alphabet}ph="təˈmɑːtoʊ">tomato</phoneme></speak>')
        assert (run.text, run.phonemes) == ("tomato", "təˈmɑːtoʊ")
    assert refused("<speak><phoneme>x</phoneme></speak>").details["attribute"] == "ph"


def test_phonemes_in_another_alphabet_are_ignored_and_reported() -> None:
    document = parse_ssml('<speak><phoneme alphabet="x-sampa" ph="t@\'mA:toU">tomato</phoneme></speak>')
    assert [(run.text, run.phonemes) for run in runs(document)] == [("tomato", None)]
    assert [(e.name, e.reason) for e in document.ignored] == [
        ("phoneme@alphabet", 'alphabet "x-sampa" is not supported')
    ]


@pytest.mark.parametrize("element", ["sub alias='x'", "say-as interpret-as='date'", "phoneme ph='a'"])
def test_text_only_elements_refuse_children(element: str) -> None:
    name = element.split()[0]
    error = refused(f"<speak><{element}>a<emphasis>b</emphasis></{name}></speak>")
    assert f"<{name}> may contain only text" in error.message


# Voices and languages


def test_innermost_voice_and_language() -> None:
    source = (
        '<speak xml:lang="en-US">Hi <voice name="bf_emma">there <lang xml:lang="fr-FR">bonjour</lang>'
        '</voice><p xml:lang="de"><s xml:lang="de-AT">Servus</s></p><voice name="am_adam" xml:lang="en-GB">'
        "mate</voice></speak>"
    )
    described = [(run.text, run.voice, run.language) for run in runs(parse_ssml(source))]
    assert described == [
        ("Hi ", None, "en-US"),
        ("there ", "bf_emma", "en-US"),
        ("bonjour", "bf_emma", "fr-FR"),
        ("Servus", None, "de-AT"),
        ("mate", "am_adam", "en-GB"),
    ]


def test_voice_needs_a_name_and_reports_other_attributes() -> None:
    document = parse_ssml('<speak><voice name="af_bella" gender="female" age="30">x</voice></speak>')
    assert ignored_names(document) == ["voice@gender", "voice@age"]
    assert {entry.reason for entry in document.ignored} == {"unsupported attribute"}
    assert refused('<speak><voice gender="female">x</voice></speak>').details["attribute"] == "name"
    assert refused('<speak><voice name=" ">x</voice></speak>').details["attribute"] == "name"


@pytest.mark.parametrize("tag", ["english", "en_US", "e", "en-", "en-toolongsubtag", "", "12"])
def test_a_language_that_is_no_language_tag_is_refused(tag: str) -> None:
    error = refused(f'<speak><lang xml:lang="{tag}">x</lang></speak>')
    assert error.details["attribute"] == "xml:lang"


def test_lang_needs_a_language_and_xml_lang_elsewhere_is_reported() -> None:
    assert refused("<speak><lang>x</lang></speak>").details["attribute"] == "xml:lang"
    document = parse_ssml('<speak><emphasis xml:lang="fr">x</emphasis></speak>')
    assert runs(document)[0].language is None
    assert ignored_names(document) == ["emphasis@xml:lang"]


# Other elements


def test_unsupported_elements_keep_their_text_and_are_reported() -> None:
    source = (
        '<speak xmlns="http://www.w3.org/2001/10/synthesis" xmlns:amazon="https://amazon.com" version="1">\n'
        '<amazon:effect name="whispered">quiet</amazon:effect> '
        '<audio src="bell.mp3">ding <desc>a bell</desc></audio></speak>'
    )
    document = parse_ssml(source)
    assert spoken(document) == "\nquiet ding a bell"
    line_two = source.split("\n")[1]
    assert document.ignored == (
        IgnoredMarkup("amazon:effect", 2, 1, "unsupported element"),
        IgnoredMarkup("audio", 2, line_two.index("<audio") + 1, "unsupported element"),
        IgnoredMarkup("desc", 2, line_two.index("<desc") + 1, "unsupported element"),
    )


def test_marks_produce_nothing_and_are_not_reported() -> None:
    document = parse_ssml('<speak>a<mark name="here"/>b</speak>')
    assert spoken(document) == "ab" and document.ignored == ()


def test_the_root_must_be_speak() -> None:
    assert "root element must be <speak>" in refused("<p>Hello</p>").message
    assert "only be the root" in refused("<speak><speak>x</speak></speak>").message


# Refusals: what they look like


def test_invalid_ssml_is_bad_input_with_a_line_and_column() -> None:
    error = refused('<speak>\n<p>\n<s>Hi there, <break time="soon"/></s></p></speak>')
    assert isinstance(error, InvalidInput)
    assert (error.status, error.code) == (400, "invalid_ssml")
    assert error.message.startswith("SSML line 3, column 14: ")
    assert error.to_dict()["details"] == {"line": 3, "column": 14, "element": "break", "attribute": "time"}


@pytest.mark.parametrize(
    ("source", "line", "column", "words"),
    [
        ("", 1, 1, "empty"),
        ("   ", 1, 4, "empty"),
        ("Hello there", 1, 1, "not XML"),
        ("<speak>hello", 1, 13, "ends before <speak> is closed"),
        ("<speak><p>hi</s></speak>", 1, 13, "mismatched tag: expected </p>"),
        ("<speak>\n  <p>\n    <s>Hi</p>\n</speak>", 3, 10, "mismatched tag"),
        ("<speak>café 中文 </x></speak>", 1, 16, "mismatched tag"),
        ("<speak>hi</speak>junk", 1, 18, "after </speak>"),
        ("<speak/><speak/>", 1, 9, "after </speak>"),
        ('<speak><break time="1s/></speak>', 1, 25, "not well-formed"),
        ("<speak a=1></speak>", 1, 10, "not well-formed"),
        ("<speak>AT&T</speak>", 1, 10, "write & as &amp;"),
        ("<speak>a < b</speak>", 1, 10, "write < as &lt;"),
        ('<speak><?xml version="1.0"?></speak>', 1, 8, "declaration"),
        ("<speak a='1' a='2'/>", 1, 14, "duplicate attribute"),
    ],
)
def test_malformed_xml_is_refused_where_it_breaks(source: str, line: int, column: int, words: str) -> None:
    error = refused(source)
    assert (error.line, error.column) == (line, column)
    assert words in error.message


# Refusals: hostile documents


def billion_laughs() -> str:
    entities = ['<!ENTITY lol0 "lol">']
    for level in range(1, 10):
        entities.append(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">')
    return f'<?xml version="1.0"?>\n<!DOCTYPE lolz [{"".join(entities)}]>\n<speak>&lol9;</speak>'


def test_billion_laughs_is_refused_at_once() -> None:
    started = time.perf_counter()
    error = refused(billion_laughs())
    assert time.perf_counter() - started < 0.25
    assert "DOCTYPE" in error.message and (error.line, error.column) == (2, 1)


@pytest.mark.parametrize(
    "source",
    [
        "<!DOCTYPE speak><speak>x</speak>",
        '<!DOCTYPE speak SYSTEM "http://example.com/speak.dtd"><speak>x</speak>',
        '<!DOCTYPE speak [<!ENTITY secret SYSTEM "file:///etc/passwd">]><speak>&secret;</speak>',
        '<!DOCTYPE speak [<!ENTITY % p SYSTEM "http://example.com/p.dtd"> %p;]><speak/>',
        '<!DOCTYPE speak [<!ENTITY name "Ada">]><speak>&name;</speak>',
    ],
)
def test_doctypes_and_entity_declarations_are_refused(source: str) -> None:
    error = refused(source)
    assert "DOCTYPE" in error.message and (error.line, error.column) == (1, 1)


@pytest.mark.parametrize(
    ("source", "column"),
    [
        ('<?xml-stylesheet href="x.xsl"?><speak/>', 1),
        ("<speak>Hi <?php echo 1; ?></speak>", 11),
        ("<speak/><?tail?>", 9),
    ],
)
def test_processing_instructions_are_refused(source: str, column: int) -> None:
    error = refused(source)
    assert "processing instructions" in error.message and error.column == column


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("<speak>&nbsp;</speak>", "undefined entity &nbsp;"),
        ("<speak><sub alias='&eacute;'>e</sub></speak>", "undefined entity"),
        ("<speak>&#0;</speak>", "does not allow"),
        ("<speak>&#xD800;</speak>", "does not allow"),
        ("<speak>&#xDFFF;</speak>", "does not allow"),
        ("<speak>&#x1;</speak>", "does not allow"),
        ("<speak>a\x00b</speak>", "U+0000"),
        ("<speak>a\ud800b</speak>", "U+D800"),
    ],
)
def test_undefined_entities_and_forbidden_characters_are_refused(source: str, words: str) -> None:
    assert words in refused(source).message


def test_the_predefined_entities_and_character_references_are_read() -> None:
    run = only_run("<speak>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;</speak>")
    assert run.text == "<>&\"'AB😀"


def nested(depth: int) -> str:
    """A document whose deepest element is ``depth`` levels down, <speak> being the first."""
    return "<speak>" + "<emphasis>" * (depth - 1) + "x" + "</emphasis>" * (depth - 1) + "</speak>"


def test_nesting_is_limited() -> None:
    assert only_run(nested(MAX_DEPTH)).text == "x"
    error = refused(nested(MAX_DEPTH + 1))
    assert "nested more than 32" in error.message
    assert error.column == len("<speak>") + len("<emphasis>") * (MAX_DEPTH - 1) + 1
    started = time.perf_counter()
    refused("<speak>" + "<p>" * 1_000_000)
    assert time.perf_counter() - started < 1.0


def test_the_number_of_elements_is_limited() -> None:
    assert parse_ssml("<speak>" + "<mark/>" * (MAX_ELEMENTS - 1) + "</speak>").items == ()
    error = refused("<speak>" + "<mark/>" * MAX_ELEMENTS + "</speak>")
    assert "more than 10000 elements" in error.message


def test_reporting_thousands_of_elements_in_a_large_document_stays_fast() -> None:
    """Each report's line and column is counted on from the last one, not from the start."""
    source = "<speak>" + f'<x a="{"y" * 300}"/>\n' * (MAX_ELEMENTS - 1) + "</speak>"
    started = time.perf_counter()
    document = parse_ssml(source)
    assert time.perf_counter() - started < 2.0  # 0.1 s measured; counting from the start took 28 s
    assert len(document.ignored) == MAX_ELEMENTS - 1
    assert (document.ignored[-1].line, document.ignored[-1].column) == (MAX_ELEMENTS - 1, 1)


# Whatever the input: a document or InvalidSsml


FUZZ = settings(
    max_examples=300,
    deadline=None,
    database=None,  # nothing written into the repository
    suppress_health_check=[HealthCheck.too_slow],
)
FRAGMENTS = [
    "<speak>", "</speak>", "<speak/>", "<p>", "</p>", "<s>", "</s>", "<break/>", '<break time="1.5s"/>',
    '<break time="soon"/>', '<break time="99s"/>', '<prosody rate="', '<prosody volume="', '<prosody pitch="',
    '">', "</prosody>", "fast", "150%", "+20%", "-300%", "silent", "+6dB", "-2st", "100Hz", "x", '"',
    "'", '<emphasis level="strong">', "<emphasis>", "</emphasis>", '<say-as interpret-as="date">',
    '<say-as interpret-as="nope">', "</say-as>", '<sub alias="x">', "<sub alias='a'/>", "</sub>",
    '<phoneme ph="a">', '<phoneme alphabet="x-sampa" ph="a">', "</phoneme>", '<voice name="af">', "</voice>",
    '<lang xml:lang="fr-FR">', '<lang xml:lang="!">', "</lang>", "<audio>", "</audio>", '<mark name="m"/>',
    "&amp;", "&#233;", "&#x20AC;", "&#0;", "&#xD800;", "&bogus;", "&", "<", ">", "=", "<!DOCTYPE speak>",
    "<?pi x?>", "<?xml version='1.0'?>", "<![CDATA[", "]]>", "<!--", "-->", "é", "€", "中文", "😀",
    "\r\n", "\r", "\n", " ", "\t", "\x00", "\ud800", "\ufeff",
]  # fmt: skip
SSML_ISH = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=40).map("".join)


def assert_document_or_invalid_ssml(source: str) -> None:
    try:
        document = parse_ssml(source)
    except InvalidSsml as error:
        assert error.line >= 1 and error.column >= 1
        assert error.message.startswith(f"SSML line {error.line}, column {error.column}: ")
        return
    assert document.source == source
    assert_positions_point_into_source(document)
    assert all(entry.line >= 1 and entry.column >= 1 for entry in document.ignored)
    for item in document.items:
        if isinstance(item, Pause):
            assert 0.0 <= item.seconds <= 10.0 and 0 <= item.position <= len(source)
        else:
            assert 0.5 <= item.prosody.rate <= 2.0 and -6.0 <= item.prosody.pitch_semitones <= 6.0
            assert -20.0 <= item.prosody.volume_db <= 10.0 or item.prosody.volume_db == -60.0


@FUZZ
@given(st.text())
def test_any_text_is_read_or_refused_as_invalid_ssml(source: str) -> None:
    assert_document_or_invalid_ssml(source)


@FUZZ
@given(SSML_ISH)
def test_any_ssml_ish_text_is_read_or_refused_as_invalid_ssml(source: str) -> None:
    assert_document_or_invalid_ssml(source)


@FUZZ
@given(SSML_ISH)
def test_any_speak_body_is_read_or_refused_as_invalid_ssml(body: str) -> None:
    assert_document_or_invalid_ssml(f"<speak>{body}</speak>")


WELL_FORMED_PIECES = [
    "a", "B.", "é", "中", "😀", " ", "\n", "\r\n", "&amp;", "&#233;", "&lt;", "<![CDATA[<&>]]>", "<!-- c -->",
]  # fmt: skip
WELL_FORMED_TEXT = st.lists(st.sampled_from(WELL_FORMED_PIECES), max_size=6).map("".join)
OPENING_TAGS = st.sampled_from(
    [
        "p", "s", "emphasis", 'prosody rate="fast" pitch="+30%"', 'prosody volume="+8dB"', 'voice name="af"',
        'lang xml:lang="fr"', "audio", 'say-as interpret-as="digits"', 'sub alias="x"', 'phoneme ph="a"',
    ]
)  # fmt: skip


def _element(tag_and_content: tuple[str, str]) -> str:
    tag, content = tag_and_content
    return f"<{tag}>{content}</{tag.split()[0]}>"


WELL_FORMED_BODIES = st.recursive(
    st.one_of(WELL_FORMED_TEXT, st.sampled_from(['<break time="300ms"/>', "<mark name='m'/>", "<s/>"])),
    lambda children: st.one_of(
        st.lists(children, max_size=4).map("".join), st.tuples(OPENING_TAGS, children).map(_element)
    ),
    max_leaves=20,
)


@FUZZ
@given(WELL_FORMED_BODIES)
def test_well_formed_documents_keep_every_character_and_where_it_came_from(body: str) -> None:
    source = f"<speak>{body}</speak>"
    try:
        document = parse_ssml(source)
    except InvalidSsml as error:
        assert "may contain only text" in error.message  # an element inside <sub>, <say-as>, <phoneme>
        return
    assert spoken(document) == "".join(ElementTree.fromstring(source).itertext())
    assert_positions_point_into_source(document)
