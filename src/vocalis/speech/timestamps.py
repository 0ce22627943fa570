"""Word timestamps for synthesised speech.

Kokoro's ONNX export gives no durations, so each chunk's spoken text is force-aligned to its audio
with Whisper's cross-attention (the engine's ForcedAligner ability). Where that is not available (no
aligner, or a chunk longer than its window), the audio is transcribed with word timestamps instead and
the recognised words, normalised like ours ("2024" -> "twenty twenty four"), are matched to the spoken
words. Either way, words without a match are spread over the gaps between matched anchors by length,
and times are mapped back to the words of the ORIGINAL text through the normaliser's offsets.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from vocalis.audio.chunk import AudioChunk
from vocalis.engines.protocols import ForcedAligner, SpeechToText
from vocalis.speech.language import base_of, normalize_for
from vocalis.speech.request import SpeechChunk
from vocalis.text.normalize import SpokenWord
from vocalis.text.spans import Span

_WORD = re.compile(r"\S+")
_EDGE_PUNCT = "\"'“”‘’()[]{}<>.,;:!?…—–-*_"


@dataclass(frozen=True)
class WordTimestamp:
    word: str  # as written in the original text
    start: float
    end: float
    char_start: int  # offsets into the original text
    char_end: int


def shift_words(words: Iterable[WordTimestamp], seconds: float) -> list[WordTimestamp]:
    """The same words ``seconds`` later (a piece's times placed in the whole file), to the millisecond."""
    return [
        dataclasses.replace(w, start=round(w.start + seconds, 3), end=round(w.end + seconds, 3))
        for w in words
    ]


@dataclass(frozen=True)
class _Timed:
    key: str
    start: float
    end: float


def _key(word: str) -> str:
    return re.sub(r"[^\w]", "", word.lower())


def original_words(text: str) -> list[tuple[str, int, int]]:
    """Words of the original text: whitespace-separated, edge punctuation stripped, with a letter or digit.

    Chinese and Japanese are written without spaces: each of their characters is a word of its own.
    """
    words = []
    for match in _WORD.finditer(text):
        token = match.group(0)
        left = len(token) - len(token.lstrip(_EDGE_PUNCT))
        stripped = token.strip(_EDGE_PUNCT)
        if stripped and re.search(r"[^\W_]", stripped):
            start = match.start() + left
            words.extend(_characters(stripped, start))
    return words


# Whisper writes Mandarin in traditional or simplified characters; a simplified prompt keeps it to ours.
_PROMPTS = {"zh": "以下是普通话的句子。"}
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _characters(word: str, start: int) -> list[tuple[str, int, int]]:
    """``word`` at ``start``, cut into its CJK characters (other runs stay whole)."""
    if not _CJK.search(word):
        return [(word, start, start + len(word))]
    parts: list[tuple[str, int, int]] = []
    for match in re.finditer(rf"{_CJK.pattern}|(?:(?!{_CJK.pattern})[^\W_])+", word):
        parts.append((match.group(), start + match.start(), start + match.end()))
    return parts


def _spoken_units(words: Iterable[SpokenWord]) -> list[SpokenWord]:
    """Spoken words with CJK runs cut into characters, each keeping its share of the source span."""
    units: list[SpokenWord] = []
    for word in words:
        if not _CJK.search(word.text):
            units.append(word)
            continue
        exact = word.source.end - word.source.start == len(word.text)
        for text, start, end in _characters(word.text, word.source.start):
            span = Span(start, end) if exact else word.source
            units.append(SpokenWord(text, span))
    return units


def _heard(stt: SpeechToText, audio: AudioChunk, spoken_text: str, language: str) -> list[_Timed]:
    base = base_of(language)
    aligns = base in stt.capabilities.languages and audio.duration <= stt.capabilities.max_alignment_seconds
    if isinstance(stt, ForcedAligner) and aligns:
        words = stt.align(audio, spoken_text)
    else:
        known = base if base in stt.capabilities.languages else None
        prompt = _PROMPTS.get(base)
        words = tuple(
            stt.transcribe(audio, language=known, word_timestamps=True, initial_prompt=prompt).words
        )
    timed: list[_Timed] = []
    for word in words:
        spoken = [w.text for w in _spoken_units(normalize_for(word.text, language).words()) if _key(w.text)]
        if not spoken:
            continue
        total = sum(len(s) for s in spoken)
        cursor = word.start
        for s in spoken:
            share = (word.end - word.start) * len(s) / total
            timed.append(_Timed(_key(s), cursor, cursor + share))
            cursor += share
    return timed


def align(spoken: Sequence[SpokenWord], heard: Sequence[_Timed], duration: float) -> list[_Timed]:
    """A time for every spoken word: matched ones from Whisper, the rest interpolated between anchors."""
    keys = [_key(w.text) for w in spoken]
    matcher = difflib.SequenceMatcher(None, keys, [h.key for h in heard], autojunk=False)
    times: list[_Timed | None] = [None] * len(spoken)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            h = heard[block.b + k]
            times[block.a + k] = _Timed(keys[block.a + k], h.start, h.end)
    result: list[_Timed] = []
    i = 0
    while i < len(spoken):
        anchor = times[i]
        if anchor is not None:
            result.append(anchor)
            i += 1
            continue
        j = i
        while j < len(spoken) and times[j] is None:
            j += 1
        left = result[-1].end if result else 0.0
        next_anchor = times[j] if j < len(spoken) else None
        right = next_anchor.start if next_anchor is not None else duration
        right = max(right, left)
        weights = [max(1, len(keys[k])) for k in range(i, j)]
        cursor = left
        for k, weight in zip(range(i, j), weights, strict=True):
            share = (right - left) * weight / sum(weights)
            result.append(_Timed(keys[k], cursor, cursor + share))
            cursor += share
        i = j
    return _monotonic(result, duration)


def _monotonic(times: list[_Timed], duration: float) -> list[_Timed]:
    fixed: list[_Timed] = []
    floor = 0.0
    for t in times:
        start = min(max(t.start, floor), duration)
        end = min(max(t.end, start), duration)
        fixed.append(_Timed(t.key, start, end))
        floor = start
    return fixed


def chunk_word_times(stt: SpeechToText, chunk: SpeechChunk) -> list[WordTimestamp]:
    """Timestamps (in the whole stream) for the original words of one synthesised chunk."""
    rate = chunk.audio.sample_rate
    lead = round(chunk.lead_seconds * rate)
    speech = AudioChunk(chunk.audio.samples[lead : lead + round(chunk.speech_seconds * rate)], rate)
    normalized = normalize_for(chunk.text.text, chunk.language, offset=chunk.text.start)
    spoken = [w for w in _spoken_units(normalized.words()) if _key(w.text)]
    heard = _heard(stt, speech, chunk.spoken_text, chunk.language) if spoken else []
    aligned = align(spoken, heard, speech.duration) if spoken else []
    stamps: list[WordTimestamp] = []
    began = chunk.start + chunk.lead_seconds
    for word, start, end in original_words(chunk.text.text):
        start += chunk.text.start
        end += chunk.text.start
        covering = [
            t for w, t in zip(spoken, aligned, strict=True) if w.source.start < end and w.source.end > start
        ]
        if not covering:
            continue
        char_start, char_end = chunk.source_span(start, end)
        stamps.append(
            WordTimestamp(
                word=word,
                start=round(began + covering[0].start, 3),
                end=round(began + max(t.end for t in covering), 3),
                char_start=char_start,
                char_end=char_end,
            )
        )
    return stamps


def word_times(stt: SpeechToText, chunks: Iterable[SpeechChunk]) -> list[WordTimestamp]:
    stamps: list[WordTimestamp] = []
    for chunk in chunks:
        stamps.extend(chunk_word_times(stt, chunk))
    return stamps
