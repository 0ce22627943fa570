"""Normalisation: what is spoken, and that every spoken word points back at what was written."""

from __future__ import annotations

import random
import re

import pytest

from vocalis.text import NormalizedText, Piece, Span, normalize
from vocalis.text.numbers import cardinal, ordinal, year


def spoken(text: str) -> str:
    return normalize(text).text


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("0", "zero"),
        ("7", "seven"),
        ("42", "forty-two"),
        ("100", "one hundred"),
        ("105", "one hundred five"),
        ("1,250", "one thousand two hundred fifty"),
        ("10,000,000", "ten million"),
        ("1000000", "one million"),
        ("1,000,000,000,000,000,000", "one quintillion"),
        ("4111111111111111", "four one one one one one one one one one one one one one one one"),
        ("-3", "minus three"),
        ("−12", "minus twelve"),
        ("3.14", "three point one four"),
        ("0.5", "zero point five"),
        (".5", "point five"),
        ("007", "zero zero seven"),
    ],
)
def test_cardinals_and_decimals(written: str, expected: str) -> None:
    assert spoken(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1st", "first"),
        ("2nd", "second"),
        ("3rd", "third"),
        ("4th", "fourth"),
        ("12th", "twelfth"),
        ("21st", "twenty-first"),
        ("100th", "one hundredth"),
        ("1,000,000th", "one millionth"),
    ],
)
def test_ordinals(written: str, expected: str) -> None:
    assert spoken(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("in 1999", "in nineteen ninety-nine"),
        ("in 2024", "in twenty twenty-four"),
        ("in 2005", "in two thousand five"),
        ("in 2000", "in two thousand"),
        ("in 1905", "in nineteen oh five"),
        ("in 1900", "in nineteen hundred"),
        ("in 1100", "in eleven hundred"),
        ("in 2100", "in two thousand one hundred"),
        ("the 1990s", "the nineteen nineties"),
        ("the '80s", "the eighties"),
        ("1500 dollars", "one thousand five hundred dollars"),
        ("1999 km", "one thousand nine hundred ninety-nine kilometers"),
        ("$2024", "two thousand twenty-four dollars"),
        ("1920x1080", "one thousand nine hundred twenty by one thousand eighty"),
    ],
)
def test_years_only_where_a_year_is_meant(written: str, expected: str) -> None:
    assert spoken(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("March 3, 2024", "March third, twenty twenty-four"),
        ("March 3rd", "March third"),
        ("Jan. 5, 1999", "January fifth, nineteen ninety-nine"),
        ("3 March 2024", "the third of March twenty twenty-four"),
        ("on the 3rd of March", "on the third of March"),
        ("2024-03-03", "March third, twenty twenty-four"),
        ("03/03/2024", "March third, twenty twenty-four"),
        ("12/25/2023", "December twenty-fifth, twenty twenty-three"),
        ("25.12.2023", "the twenty-fifth of December, twenty twenty-three"),
    ],
)
def test_dates(written: str, expected: str) -> None:
    assert spoken(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("7:30 pm", "seven thirty p m"),
        ("14:05", "fourteen oh five"),
        ("9am", "nine a m"),
        ("9 a.m. on Monday", "nine a m on Monday"),
        ("at 5 p.m.", "at five p m."),
        ("7:00", "seven o'clock"),
        ("18:00", "eighteen hundred"),
        ("10:15:30", "ten fifteen and thirty seconds"),
    ],
)
def test_times(written: str, expected: str) -> None:
    assert spoken(written) == expected


def test_impossible_times_are_not_read_as_times() -> None:
    assert spoken("25:99") == "twenty-five:ninety-nine"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("$9.99", "nine dollars and ninety-nine cents"),
        ("$1", "one dollar"),
        ("$1.01", "one dollar and one cent"),
        ("$0.99", "ninety-nine cents"),
        ("$5.00", "five dollars"),
        ("$1,000,000", "one million dollars"),
        ("£5", "five pounds"),
        ("£2.50", "two pounds and fifty pence"),
        ("€1.5 million", "one point five million euros"),
        ("$5m", "five million dollars"),
        ("£2bn", "two billion pounds"),
        ("¥100", "one hundred yen"),
        ("50¢", "fifty cents"),
        ("1¢", "one cent"),
        ("100€", "one hundred euros"),
        ("5 USD", "five dollars"),
        ("-$5", "minus five dollars"),
    ],
)
def test_money(written: str, expected: str) -> None:
    assert spoken(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("45%", "forty-five percent"),
        ("3.5%", "three point five percent"),
        ("-2%", "minus two percent"),
        ("1/2 cup", "one half cup"),
        ("3/4", "three quarters"),
        ("2 1/2 hours", "two and one half hours"),
        ("2/3", "two thirds"),
    ],
)
def test_percentages_and_fractions(written: str, expected: str) -> None:
    assert spoken(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("5 km", "five kilometers"),
        ("1 km", "one kilometer"),
        ("5km", "five kilometers"),
        ("1.5 kg", "one point five kilograms"),
        ("3 lbs", "three pounds"),
        ("1 ft", "one foot"),
        ("6 ft", "six feet"),
        ("12in", "twelve inches"),
        ("60 mph", "sixty miles per hour"),
        ("60 km/h", "sixty kilometers per hour"),
        ("20°C", "twenty degrees Celsius"),
        ("-5 °F", "minus five degrees Fahrenheit"),
        ("16 GB", "sixteen gigabytes"),
        ("3.2 GHz", "three point two gigahertz"),
        ("100 W", "one hundred watts"),
        ("250 ms", "two hundred fifty milliseconds"),
        ("30 s", "thirty seconds"),
        ("5 min", "five minutes"),
        ("1 hr", "one hour"),
        ("500 ml", "five hundred milliliters"),
        ("2 L", "two liters"),
    ],
)
def test_units(written: str, expected: str) -> None:
    assert spoken(written) == expected


def test_in_is_inches_only_when_the_context_says_so() -> None:
    assert spoken("won 3 in a row") == "won three in a row"
    assert spoken("a 12 in) screen") == "a twelve inches) screen"
    assert spoken("6 ft 2 in tall") == "six feet two inches tall"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Dr. Smith", "Doctor Smith"),
        ("Mr. and Mrs. Jones", "Mister and Missus Jones"),
        ("Ms. Lee", "Miz Lee"),
        ("Prof. Chen", "Professor Chen"),
        ("St. Louis", "Saint Louis"),
        ("on Main St. today", "on Main Street today"),
        ("live on Elm St.", "live on Elm Street."),
        ("Mulholland Dr. is long", "Mulholland Drive is long"),
        ("John Smith Jr. and Sr. staff", "John Smith Junior and Senior staff"),
        ("cats vs. dogs", "cats versus dogs"),
        ("cats vs dogs", "cats versus dogs"),
        ("fruit, e.g. apples, i.e. food", "fruit, for example apples, that is food"),
        ("apples, pears, etc. Then more", "apples, pears, et cetera. Then more"),
        ("approx. 5", "approximately five"),
        (
            "Acme Inc. and Foo Ltd. and Bar Co. staff",
            "Acme Incorporated and Foo Limited and Bar Company staff",
        ),
        ("No. 5", "number five"),
        ("Mon. to Fri.", "Monday to Friday."),
        ("Sat., 5 May", "Saturday, the fifth of May"),
        ("Dec. was cold", "December was cold"),
    ],
)
def test_abbreviations(written: str, expected: str) -> None:
    assert spoken(written) == expected


@pytest.mark.parametrize(
    "written",
    ["FBI agents met NASA", "He said No. Then left.", "the Sun. Then", "They wed. Then"],
)
def test_initialisms_and_lookalike_words_stay_as_written(written: str) -> None:
    assert spoken(written) == written


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("see https://example.com/docs.", "see example dot com slash docs."),
        ("http://www.example.org/", "w w w dot example dot org"),
        ("visit example.com today", "visit example dot com today"),
        ("docs at github.com/foo/my-repo, then", "docs at github dot com slash foo slash my dash repo, then"),
        ("https://a.io/x?q=1&v=2", "a dot io slash x question mark q equals one and v equals two"),
        (
            "(https://en.wikipedia.org/wiki/Foo_(bar))",
            "(en dot wikipedia dot org slash wiki slash Foo underscore bar)",
        ),
        ("mail ana@example.org now", "mail ana at example dot org now"),
        ("j.doe+tts@mail.example.co.uk", "j dot doe plus tts at mail dot example dot co dot uk"),
    ],
)
def test_web_and_email_addresses(written: str, expected: str) -> None:
    assert spoken(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("rock & roll", "rock and roll"),
        ("R&D", "R and D"),
        ("2 + 2 = 4", "two plus two equals four"),
        ("2+2", "two plus two"),
        ("+5", "plus five"),
        ("C++ rocks", "C++ rocks"),
        ("#1 fan", "number one fan"),
        ("#hashtag", "#hashtag"),
        ("~5 km", "about five kilometers"),
        ("ask @vocalis", "ask at vocalis"),
        ("pages 5-10", "pages five to ten"),
        ("1990–1995", "nineteen ninety to nineteen ninety-five"),
        ("call 555-1234", "call five five five, one two three four"),
        ("version 1.2.3", "version one point two point three"),
        ("won 3:2", "won three to two"),
        ("16:9 screens", "sixteen to nine screens"),
        ("John 3:16", "John three sixteen"),
        ("192.168.0.1", "one hundred ninety-two dot one hundred sixty-eight dot zero dot one"),
    ],
)
def test_symbols_ranges_and_codes(written: str, expected: str) -> None:
    assert spoken(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("mp3", "mp three"),
        ("3D", "three D"),
        ("B2B", "B two B"),
        ("COVID-19", "COVID-nineteen"),
        ("a 5-year-old", "a five-year-old"),
    ],
)
def test_numbers_inside_words_become_separate_words(written: str, expected: str) -> None:
    assert spoken(written) == expected


def test_plain_text_is_untouched() -> None:
    text = "The quick brown fox doesn't jump; it naps — quietly, happily…\n\tThen? “Done!” (mostly)"
    normalized = normalize(text)
    assert normalized.text == text
    assert len(normalized.pieces) == 1


def test_punctuation_and_whitespace_survive_expansion() -> None:
    text = 'Wait... it costs $5?! "Yes," she said — (about 3 km).\n\nOK…'
    assert (
        spoken(text) == 'Wait... it costs five dollars?! "Yes," she said — (about three kilometers).\n\nOK…'
    )


def test_emoji_are_silent_but_keep_their_pieces() -> None:
    text = "🎉👍🏽❤️‍🔥"
    normalized = normalize(text)
    assert not re.search(r"[^\W\d_]", normalized.text)
    assert normalized.pieces[0].source == Span(0, len(text))
    assert normalized.words() == []


def test_emoji_between_words_keep_the_words_apart() -> None:
    assert normalize("hi😀there").words()[1].text == "there"
    assert spoken("great 👍 work") == "great  work"


def test_unicode_words_pass_through() -> None:
    text = "Café naïve Zürich 東京 Ελλάδα"
    assert spoken(text) == text


def test_empty_text() -> None:
    normalized = normalize("")
    assert normalized.text == ""
    assert normalized.pieces == ()
    assert normalized.words() == []
    assert normalized.source_span(0, 0) == Span(0, 0)


def test_words_of_an_expansion_carry_the_span_of_what_was_written() -> None:
    text = "It costs $9.99 in 2024, Dr. Who said."
    words = normalize(text).words()
    by_source = [(w.text, text[w.source.start : w.source.end]) for w in words]
    assert by_source == [
        ("It", "It"),
        ("costs", "costs"),
        ("nine", "$9.99"),
        ("dollars", "$9.99"),
        ("and", "$9.99"),
        ("ninety", "$9.99"),
        ("nine", "$9.99"),
        ("cents", "$9.99"),
        ("in", "in"),
        ("twenty", "2024"),
        ("twenty", "2024"),
        ("four", "2024"),
        ("Doctor", "Dr."),
        ("Who", "Who"),
        ("said", "said"),
    ]


def test_dates_keep_the_month_name_as_its_own_word() -> None:
    text = "On March 3, 2024 we met."
    words = {w.text: text[w.source.start : w.source.end] for w in normalize(text).words()}
    assert words["March"] == "March"
    assert words["third"] == "3"
    assert words["four"] == "2024"


def test_hyphenated_number_words_are_separate_words_and_apostrophes_are_kept() -> None:
    words = [w.text for w in normalize("don't pay 45 of them, it's 21st-century").words()]
    assert words == ["don't", "pay", "forty", "five", "of", "them", "it's", "twenty", "first", "century"]


def test_offset_shifts_every_span() -> None:
    text = "Pay $5 to Ana now."
    plain, shifted = normalize(text), normalize(text, offset=100)
    assert shifted.text == plain.text
    assert shifted.original == text
    assert [p.source for p in shifted.pieces] == [
        Span(p.source.start + 100, p.source.end + 100) for p in plain.pieces
    ]
    five = shifted.words()[1]
    assert (five.text, five.source) == ("five", Span(104, 106))
    assert shifted.source_span(0, 3) == Span(100, 103)


def test_source_span_maps_ranges_of_the_spoken_text() -> None:
    text = "I paid $5 today"
    normalized = normalize(text)
    assert normalized.text == "I paid five dollars today"
    assert normalized.source_span(2, 6) == Span(2, 6)  # "paid", unchanged: exact characters
    assert normalized.source_span(7, 11) == Span(7, 9)  # "five" inside "$5": the whole "$5"
    assert normalized.source_span(12, 19) == Span(7, 9)  # "dollars"
    assert normalized.source_span(2, 25) == Span(2, 15)  # across pieces: the union
    assert normalized.source_span(3, 3) == Span(3, 3)
    with pytest.raises(ValueError):
        normalized.source_span(5, 100)


def test_normalized_text_rejects_pieces_that_do_not_cover_the_original() -> None:
    with pytest.raises(ValueError):
        NormalizedText("abc", (Piece("a", Span(0, 1)), Piece("c", Span(2, 3))))
    with pytest.raises(ValueError):
        NormalizedText("abc", (Piece("ab", Span(0, 2)),))


def test_number_words() -> None:
    assert (
        cardinal(999_999_999)
        == "nine hundred ninety-nine million nine hundred ninety-nine thousand nine hundred ninety-nine"
    )
    assert cardinal(1_000_001) == "one million one"
    assert ordinal(1_000_003) == "one million third"
    assert ordinal(90) == "ninetieth"
    assert year(1066) == "ten sixty-six"
    assert year(2010) == "twenty ten"


_PLAIN = ["the", "cat", "sat", "Quietly", "Zürich", "don't", "well-known", "FBI", "Ana", "ok"]
_SPECIAL = [
    "$9.99", "2024", "3rd", "45%", "5 km", "Dr.", "e.g.", "7:30 pm", "March 3, 2024", "https://example.com/a",
    "ana@example.org", "&", "1,250", "-3", "3.14", "😀", "…", "—", '"', "(", ")", ",", ".", "?!", "#1", "~5",
    "mp3", "1990s", "£2.50", "1/2", "2024-03-03", "St.", "No. 5", "5-10", "C++", "12in", "€1.5 million",
]  # fmt: skip
_SEPARATORS = [" ", " ", " ", "", "\n", "\n\n", "\t", "\u00a0"]


def _random_text(rng: random.Random) -> tuple[str, list[Span]]:
    """Random text, and where its plain words are (those must come out exactly as written)."""
    parts: list[str] = []
    plain: list[Span] = []
    length = 0
    for _ in range(rng.randint(0, 30)):
        if parts:
            separator = rng.choice(_SEPARATORS)
            # Glued tokens may merge into other constructs, so only spaced plain words are tracked.
            parts.append(separator)
            length += len(separator)
        is_plain = rng.random() < 0.5
        token = rng.choice(_PLAIN if is_plain else _SPECIAL)
        if is_plain and (not parts or (parts[-1].strip() == "" and parts[-1] != "")):
            plain.append(Span(length, length + len(token)))
        parts.append(token)
        length += len(token)
    return "".join(parts), plain


def test_random_texts_keep_every_offset_consistent() -> None:
    rng = random.Random(20240303)
    for _ in range(400):
        text, plain = _random_text(rng)
        offset = rng.choice([0, 7, 1000])
        normalized = normalize(text, offset=offset)
        assert normalized.text == "".join(p.spoken for p in normalized.pieces)
        position = offset
        for piece in normalized.pieces:
            assert piece.source.start == position
            position = piece.source.end
        assert position == offset + len(text)
        words = normalized.words()
        starts = [w.source.start for w in words]
        assert starts == sorted(starts)
        for word in words:
            assert offset <= word.source.start < word.source.end <= offset + len(text)
        spans = {w.source for w in words}
        for span in plain:
            # A plain word followed by a glued token may legitimately be part of a bigger construct.
            after = text[span.end : span.end + 1]
            if after and not after.isspace():
                continue
            for part in re.finditer(r"[^\W_]+(?:'[^\W_]+)*", text[span.start : span.end]):
                expected = Span(offset + span.start + part.start(), offset + span.start + part.end())
                assert expected in spans, (text, text[span.start : span.end])


def test_a_chapter_normalises_quickly() -> None:
    import time

    rng = random.Random(7)
    text = " ".join(rng.choice(_PLAIN + _SPECIAL) for _ in range(10_000))
    started = time.perf_counter()
    normalized = normalize(text)
    normalized.words()
    assert time.perf_counter() - started < 3.0


def test_clock_and_meridiem_keep_separate_spans() -> None:
    text = "Doors at 7:30 pm and 9am."
    words = [(w.text, text[w.source.start : w.source.end]) for w in normalize(text).words()]
    assert ("p", "pm") in words and ("thirty", "7:30") in words
    assert ("nine", "9") in words and ("a", "am") in words


def test_number_and_unit_keep_separate_spans() -> None:
    text = "a 1,250 km trip at 5km/h"
    words = [(w.text, text[w.source.start : w.source.end]) for w in normalize(text).words()]
    assert ("fifty", "1,250") in words and ("kilometers", "km") in words
    assert ("five", "5") in words and ("hour", "km/h") in words
