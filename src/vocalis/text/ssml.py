"""SSML read into a flat sequence of text runs and pauses for the speech service to render.

Every run keeps, for each of its characters, the offset in the document it was read from, so word
timestamps point into the SSML the user sent. Markup that is read but not rendered as written (an
unsupported element, a pitch in Hz, a break longer than 10 s) is kept or clamped and reported in
:attr:`SsmlDocument.ignored`; what cannot be read is refused with InvalidSsml at its line and column.

Hostile input is refused before it costs anything: no DOCTYPE (so no entity declarations, no "billion
laughs", no external entities), no processing instructions, only the five predefined entities and
character references, at most 32 levels of nesting and 10,000 elements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, NoReturn
from xml.parsers import expat

from vocalis.errors import InvalidSsml
from vocalis.text import ssml_values as values
from vocalis.text.chunking import PARAGRAPH_PAUSE, SENTENCE_PAUSE
from vocalis.text.ssml_document import IgnoredMarkup, Pause, Prosody, SayAs, SsmlDocument, TextRun
from vocalis.text.ssml_offsets import Offsets

__all__ = [
    "IgnoredMarkup",
    "Pause",
    "Prosody",
    "SayAs",
    "SsmlDocument",
    "TextRun",
    "looks_like_ssml",
    "parse_ssml",
]

MAX_DEPTH = 32
MAX_ELEMENTS = 10_000


_NORMAL = Prosody()
_DECLARATION = re.compile(r"<\?xml\s[^>]*\?>")
_SPEAK = re.compile(r"<speak(?=[\s/>]|\Z)")


def _leading_length(text: str) -> int:
    """Whitespace and a byte-order mark before the document proper."""
    rest = text.lstrip()
    if rest.startswith("\ufeff"):
        rest = rest[1:].lstrip()
    return len(text) - len(rest)


def looks_like_ssml(text: str) -> bool:
    """Whether the text, after leading whitespace and an optional XML declaration, opens ``<speak``."""
    rest = text[_leading_length(text) :]
    declaration = _DECLARATION.match(rest)
    if declaration is not None:
        rest = rest[declaration.end() :].lstrip()
    return _SPEAK.match(rest) is not None


def parse_ssml(source: str) -> SsmlDocument:
    """Read an SSML document; raise InvalidSsml, at a line and column, for anything it cannot read."""
    return _Reader(source).read()


_AS_WRITTEN = values.Levels()


@dataclass(frozen=True)
class _Context:
    """How text inside an element is spoken."""

    voice: str | None = None
    language: str | None = None
    levels: values.Levels = _AS_WRITTEN
    prosody: Prosody = _NORMAL
    emphasis: str | None = None
    say_as: SayAs | None = None
    alias: str | None = None
    phonemes: str | None = None
    unit: int = 0  # the text of one <sub>, <phoneme> or <say-as> is one run, merged with no other

    def run_key(self) -> tuple[Any, ...]:
        return (
            self.voice, self.language, self.prosody, self.emphasis, self.say_as, self.alias,
            self.phonemes, self.unit,
        )  # fmt: skip


@dataclass
class _Open:
    name: str
    context: _Context
    has_text: bool = False


@dataclass
class _Run:
    context: _Context
    text: list[str]
    positions: list[int]


_TEXT_ONLY = frozenset({"sub", "phoneme", "say-as"})
_NO_ELEMENTS = expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS]
_TAG_MISMATCH = expat.errors.codes[expat.errors.XML_ERROR_TAG_MISMATCH]
_JUNK_AFTER_ROOT = expat.errors.codes[expat.errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT]
_UNDEFINED_ENTITY = expat.errors.codes[expat.errors.XML_ERROR_UNDEFINED_ENTITY]
_BAD_CHARACTER_REFERENCE = expat.errors.codes[expat.errors.XML_ERROR_BAD_CHAR_REF]
_INVALID_TOKEN = expat.errors.codes[expat.errors.XML_ERROR_INVALID_TOKEN]
_SYNTAX = expat.errors.codes[expat.errors.XML_ERROR_SYNTAX]
_REFERENCE = re.compile(r"&[^;\s<&]{0,40};?")
_LONE_AMPERSAND = re.compile(r"&[^;\s<>&\"']{0,40}\Z")  # "AT&T": an & and a name, no ";"


def _is_xml_char(char: str) -> bool:
    code = ord(char)
    if code < 0x20:
        return char in "\t\n\r"
    return not (0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF))


class _Reader:
    """One document, read by expat's event handlers into items."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.offsets = Offsets(source, _leading_length(source))
        self.stack: list[_Open] = []
        self.elements = 0
        self.items: list[TextRun | Pause] = []
        self.ignored: list[IgnoredMarkup] = []
        self.run: _Run | None = None
        self.spoken_since_pause = False
        self.last_pause: int | None = None  # its index in items
        self.in_cdata = False
        self.units = 0
        # An explicit encoding overrides the document's declaration: the bytes are the str's UTF-8.
        parser = expat.ParserCreate(encoding="UTF-8")
        parser.buffer_text = False  # one call per token: each call's positions are worked out alone
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        parser.StartCdataSectionHandler = self._cdata_start
        parser.EndCdataSectionHandler = self._cdata_end
        parser.StartDoctypeDeclHandler = self._doctype
        for declaration in ("Entity", "UnparsedEntity", "Notation", "Element", "Attlist"):
            setattr(parser, f"{declaration}DeclHandler", self._declaration)
        parser.ExternalEntityRefHandler = self._declaration
        parser.SkippedEntityHandler = self._declaration
        parser.ProcessingInstructionHandler = self._processing_instruction
        self.parser = parser

    def read(self) -> SsmlDocument:
        try:
            self.parser.Parse(self.offsets.encoded, True)
        except expat.ExpatError as error:
            raise self._malformed(error) from error
        self._flush()
        return SsmlDocument(self.source, tuple(self.items), tuple(self.ignored))

    def _here(self) -> int:
        return self.offsets.char(self.parser.CurrentByteIndex)

    def _fail(self, offset: int, reason: str, **details: Any) -> NoReturn:
        line, column = self.offsets.line_column(offset)
        raise InvalidSsml(reason, line=line, column=column, **details)

    def _ignore(self, name: str, offset: int, reason: str) -> None:
        line, column = self.offsets.line_column(offset)
        self.ignored.append(IgnoredMarkup(name, line, column, reason))

    # Refused constructs and malformed XML

    def _doctype(self, *_: Any) -> None:
        # Expat reports it at its internal subset or its end: point at "<!DOCTYPE" itself.
        offset = self._here()
        start = self.source.rfind("<!DOCTYPE", 0, offset + 1)
        self._fail(start if start >= 0 else offset, "a DOCTYPE is not allowed in SSML")

    def _declaration(self, *_: Any) -> NoReturn:
        self._fail(self._here(), "declarations and external entities are not allowed in SSML")

    def _processing_instruction(self, target: str, _data: str) -> None:
        shown = values.shorten(target)
        self._fail(self._here(), f"processing instructions (<?{shown} ...?>) are not allowed in SSML")

    def _malformed(self, error: expat.ExpatError) -> InvalidSsml:
        offset = self.offsets.char(self.parser.ErrorByteIndex)
        code = error.code
        reason = expat.ErrorString(code) or "not well-formed"
        if code == _NO_ELEMENTS:
            if self.stack:
                reason = f"the document ends before <{self.stack[-1].name}> is closed"
            else:
                reason = "the document is empty" if not self.source.strip() else "no <speak> element"
        elif code == _TAG_MISMATCH and self.stack:
            if self.source[offset - 2 : offset] == "</":
                offset -= 2
            reason = f"mismatched tag: expected </{self.stack[-1].name}>"
        elif code == _JUNK_AFTER_ROOT:
            reason = "text or markup after </speak> (junk after document element)"
        elif code == _UNDEFINED_ENTITY:
            reference = _REFERENCE.match(self.source, offset)
            named = reference.group() if reference else "an entity"
            reason = (
                f"undefined entity {named}: only &amp; &lt; &gt; &quot; &apos; and character references"
                " such as &#233; are allowed"
            )
        elif code == _BAD_CHARACTER_REFERENCE:
            reason = "a reference to a character XML does not allow (NUL, a surrogate, a control character)"
        elif code == _INVALID_TOKEN and offset < len(self.source) and not _is_xml_char(self.source[offset]):
            reason = f"the character U+{ord(self.source[offset]):04X} is not allowed in XML"
        elif code == _INVALID_TOKEN and (
            ampersand := _LONE_AMPERSAND.search(self.source, max(offset - 41, 0), offset)
        ):
            offset = ampersand.start()
            reason = "an & that starts no reference (&amp; &lt; &#233;...): write & as &amp;"
        elif code == _INVALID_TOKEN and self.source[offset - 1 : offset] == "<":
            offset -= 1
            reason = "a < that opens no tag: write < as &lt;"
        elif code == _SYNTAX and not self.elements:
            reason = "not XML: an SSML document is one <speak> element (syntax error)"
        line, column = self.offsets.line_column(offset)
        return InvalidSsml(reason, line=line, column=column)

    # Elements

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        offset = self._here()
        self.elements += 1
        shown = values.shorten(name)
        if self.elements > MAX_ELEMENTS:
            self._fail(offset, f"more than {MAX_ELEMENTS} elements")
        if len(self.stack) >= MAX_DEPTH:
            self._fail(offset, f"elements nested more than {MAX_DEPTH} deep")
        if not self.stack and name != "speak":
            self._fail(offset, f"the root element must be <speak>, not <{shown}>")
        if self.stack and name == "speak":
            self._fail(offset, "<speak> can only be the root element")
        if self.stack and self.stack[-1].name in _TEXT_ONLY:
            self._fail(offset, f"<{self.stack[-1].name}> may contain only text, not <{shown}>")
        parent = self.stack[-1].context if self.stack else _Context()
        if name in values.KNOWN_ATTRIBUTES:
            context = self._enter(name, attributes, offset, parent)
        else:
            self._ignore(shown, offset, "unsupported element")
            context = parent
        self.stack.append(_Open(name, context))

    def _enter(self, name: str, written: dict[str, str], offset: int, parent: _Context) -> _Context:
        def fail(attribute: str, message: str) -> NoReturn:
            self._fail(offset, message, element=name, attribute=attribute)

        def note(attribute: str, reason: str) -> None:
            self._ignore(f"{name}@{attribute}", offset, reason)

        attributes = values.Attributes(name, written, fail, note)
        context = parent
        language = values.language(attributes)
        if language is not None:
            context = replace(context, language=language)
        if name in ("p", "s"):
            self._flush()  # a sentence or a paragraph starts a run of its own
        elif name == "lang":
            attributes.required("xml:lang")
        elif name == "voice":
            context = replace(context, voice=values.voice_name(attributes))
        elif name == "break":
            self._pause(values.break_seconds(attributes), "break", offset)
        elif name == "prosody":
            levels = context.levels.nested(attributes)
            context = replace(context, levels=levels, prosody=Prosody(*levels.clamped()))
        elif name == "emphasis":
            context = replace(context, emphasis=values.emphasis(attributes))
        elif name == "say-as":
            kind = values.interpret_as(attributes)
            if kind is not None:
                say_as = SayAs(kind, written.get("format"), written.get("detail"))
                context = replace(context, say_as=say_as, unit=self._new_unit())
        elif name == "sub":
            context = replace(context, alias=attributes.required("alias"), unit=self._new_unit())
        elif name == "phoneme":
            phonemes = values.phonemes(attributes)
            if phonemes is not None:
                context = replace(context, phonemes=phonemes, unit=self._new_unit())
        attributes.note_unknown()
        return context

    def _new_unit(self) -> int:
        self.units += 1
        return self.units

    def _end(self, name: str) -> None:
        offset = self._here()
        closed = self.stack.pop()
        context = closed.context
        parent = self.stack[-1].context if self.stack else _Context()
        if name == "s":
            self._flush()
            if self.spoken_since_pause:
                self._pause(SENTENCE_PAUSE, "sentence", offset)
        elif name == "p":
            self._flush()
            # Nothing said since the last sentence's pause: the paragraph's, longer, replaces it.
            replaces = not self.spoken_since_pause and self._last_pause_kind() == "sentence"
            if replaces and self.last_pause is not None:
                del self.items[self.last_pause]
            if self.spoken_since_pause or replaces:
                self._pause(PARAGRAPH_PAUSE, "paragraph", offset)
        elif context.unit != parent.unit and not closed.has_text and (context.alias or context.phonemes):
            # <sub alias="World Wide Web"/>: nothing written, the alias still said.
            self._flush()
            self.items.append(self._make_run(context, "", [offset]))
            self.spoken_since_pause = True

    # Text and pauses

    def _cdata_start(self) -> None:
        self.in_cdata = True

    def _cdata_end(self) -> None:
        self.in_cdata = False

    def _positions(self, data: str, start: int) -> list[int]:
        """Where each character of one expat call came from, and where the last one ends."""
        source = self.source
        if not self.in_cdata and source.startswith("&", start):
            # A reference (&amp; or &#233;): all it decodes to starts at its "&".
            end = source.find(";", start)
            return [start] * len(data) + [end + 1 if end >= 0 else start + 1]
        if data == "\n" and source.startswith("\r", start):
            # Expat reports CR LF and a lone CR as one "\n".
            return [start, start + (2 if source.startswith("\r\n", start) else 1)]
        return list(range(start, start + len(data) + 1))

    def _text(self, data: str) -> None:
        positions = self._positions(data, self._here())
        innermost = self.stack[-1]
        innermost.has_text = True
        context = innermost.context
        if self.run is not None and self.run.context.run_key() == context.run_key():
            self.run.text.append(data)
            self.run.positions[-1:] = positions
        else:
            self._flush()
            self.run = _Run(context, [data], positions)
        if context.alias or context.phonemes or not data.isspace():
            self.spoken_since_pause = True

    def _make_run(self, context: _Context, text: str, positions: list[int]) -> TextRun:
        return TextRun(
            text=text,
            positions=tuple(positions),
            voice=context.voice,
            language=context.language,
            prosody=context.prosody,
            emphasis=context.emphasis,
            say_as=context.say_as,
            alias=context.alias,
            phonemes=context.phonemes,
        )

    def _flush(self) -> None:
        if self.run is not None:
            self.items.append(self._make_run(self.run.context, "".join(self.run.text), self.run.positions))
            self.run = None

    def _last_pause_kind(self) -> str | None:
        last = self.items[self.last_pause] if self.last_pause is not None else None
        return last.kind if isinstance(last, Pause) else None

    def _pause(self, seconds: float, kind: str, position: int) -> None:
        self._flush()
        self.last_pause = len(self.items)
        self.items.append(Pause(seconds, kind, position))
        self.spoken_since_pause = False
