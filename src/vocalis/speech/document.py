"""What a speech request asks to be said: plain text, or an SSML document read into segments.

A segment is a stretch of the document said with one voice, one language and one prosody. Plain text
is one segment. SSML gives one segment per run of text, each keeping the document offset of every
character it says, so word timestamps point into the SSML the user sent.

What each SSML element does here:
- ``break``, the ends of ``s`` and ``p``: silence before the next segment (a break's time as written,
  at most 10 s; the strengths x-weak to x-strong are 0.1 to 1.2 s).
- ``prosody``: ``rate`` multiplies the request's speed (the product within 0.5-2x, then within the
  engine's 0.25-4), ``volume`` is a gain in dB (-20 to +10; ``silent`` mutes), ``pitch`` shifts the
  voice by semitones (-6 to +6) without changing the duration.
- ``emphasis``: strong says the words 15% slower and 3 dB louder, moderate 8% slower and 1.5 dB louder,
  reduced 10% faster and 3 dB softer; ``none`` changes nothing. The voices take no other stress cue.
- ``say-as``: characters (letter by letter), cardinal, ordinal, digits, date (format dmy, mdy, ymd,
  dm, md, ym, my, y, m, d), time (hh:mm) and telephone (digit groups), read in the segment's language.
- ``sub``: its alias is said; ``phoneme``: its IPA is said when the voice's engine takes phonemes,
  else its text (reported); ``lang`` and ``xml:lang``: the reading language; ``voice``: another voice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vocalis.errors import InvalidSsml
from vocalis.text import languages as words_in
from vocalis.text.ssml import IgnoredMarkup, Pause, SayAs, TextRun, looks_like_ssml, parse_ssml

_EMPHASIS = {"strong": (0.85, 3.0), "moderate": (0.92, 1.5), "reduced": (1.1, -3.0), "none": (1.0, 0.0)}
_SAYABLE = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class Segment:
    text: str
    # Document offset of each character of ``text``, then of its end; None: ``text`` is the document.
    positions: tuple[int, ...] | None
    voice: str | None = None  # None: the request's voice
    language: str | None = None  # None: the request's language, else the voice's
    rate: float = 1.0  # times the request's speed
    volume_db: float = 0.0
    pitch_semitones: float = 0.0
    phonemes: str | None = None  # IPA said instead of the text
    # Seconds of silence before it from breaks and the ends of <s> and <p> (as written, not scaled by
    # speed); None: no such markup, so the text's own boundary decides.
    pause_before: float | None = None

    def document_span(self, start: int, end: int) -> tuple[int, int]:  # same rule as SpeechChunk.source_span
        """Where ``text[start:end]`` came from in the document."""
        if self.positions is None:
            return start, end
        if end <= start:
            return self.positions[start], self.positions[start]
        return self.positions[start], self.positions[end - 1] + 1


@dataclass(frozen=True)
class SpeechDocument:
    segments: tuple[Segment, ...]
    trailing_pause: float | None  # silence after the last segment (None: no markup there)
    ignored: tuple[IgnoredMarkup, ...]
    is_ssml: bool


def read_document(text: str, *, ssml: bool | None = None, language: str | None = None) -> SpeechDocument:
    """``ssml=None`` treats text that starts with ``<speak`` as SSML; ``language`` reads say-as values."""
    # A DOCTYPE before <speak> is still meant as SSML: it is refused as such, never read out as text.
    meant = looks_like_ssml(text) or text.lstrip().startswith(("<?xml", "<!DOCTYPE"))
    if ssml is False or (ssml is None and not meant):
        return SpeechDocument((Segment(text, None),), None, (), False)
    document = parse_ssml(text)
    segments: list[Segment] = []
    pause: float | None = None
    for item in document.items:
        if isinstance(item, Pause):
            pause = (pause or 0.0) + item.seconds
            continue
        segment = _segment(item, pause, language)
        if segment is None:
            continue
        segments.append(segment)
        pause = None
    if not segments:
        raise InvalidSsml("the document has nothing to say", line=1, column=1)
    return SpeechDocument(tuple(segments), pause, document.ignored, True)


def _segment(run: TextRun, pause: float | None, language: str | None) -> Segment | None:
    rate, gain = _EMPHASIS.get(run.emphasis or "none", (1.0, 0.0))

    def make(text: str, positions: tuple[int, ...], phonemes: str | None = None) -> Segment:
        return Segment(
            text,
            positions,
            voice=run.voice,
            language=run.language,
            rate=run.prosody.rate * rate,
            volume_db=run.prosody.volume_db + gain,
            pitch_semitones=run.prosody.pitch_semitones,
            phonemes=phonemes,
            pause_before=pause,
        )

    if run.phonemes is not None:
        return make(run.text, run.positions, run.phonemes.strip()) if run.phonemes.strip() else None
    said = run.alias
    if said is None and run.say_as is not None:
        said = _say_as(run.text.strip(), run.say_as, run.language or language or "en")
    if said is not None:
        return make(said, _spread(said, run.positions)) if _SAYABLE.search(said) else None
    return make(run.text, run.positions) if _SAYABLE.search(run.text) else None


def _spread(said: str, positions: tuple[int, ...]) -> tuple[int, ...]:
    """Positions for words said in place of an element's content: spread evenly over that content."""
    start, end = positions[0], positions[-1]
    width = max(end - start, 1)
    n = max(len(said), 1)
    return (*(start + min(width - 1, i * width // n) for i in range(len(said))), end)


def _say_as(value: str, say_as: SayAs, language: str) -> str | None:
    """The words for a say-as value, or None to read it as written (a value that does not parse)."""
    kind = say_as.interpret_as
    try:
        if kind == "characters":
            return words_in.spell(value, language)
        if kind in ("cardinal", "ordinal"):
            number = int(re.sub(r"[\s,._'’]", "", value))
            read = words_in.cardinal if kind == "cardinal" else words_in.ordinal
            return read(number, language)
        if kind == "digits":
            return words_in.digits(value, language)
        if kind == "telephone":
            groups = re.findall(r"[0-9]+", value)
            return ", ".join(words_in.digits(g, language) for g in groups) if groups else None
        if kind == "time":
            match = re.fullmatch(r"([0-9]{1,2})[:h.]([0-9]{2})(?::[0-9]{2})?", value)
            return words_in.time_words(int(match[1]), int(match[2]), language) if match else None
        if kind == "date":
            return _date(value, say_as.format or "ymd" if "-" in value else say_as.format or "dmy", language)
    except ValueError:
        return None
    return None


def _date(value: str, order: str, language: str) -> str | None:
    parts = [int(p) for p in re.findall(r"[0-9]+", value)]
    fields = [c for c in order.lower() if c in "dmy"]
    if len(parts) != len(fields):
        return None
    given = dict(zip(fields, parts, strict=True))
    return words_in.date_words(given.get("y"), given.get("m"), given.get("d"), language)
