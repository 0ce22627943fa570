"""Transcribe only where the VAD heard speech, in groups of segments that fit Whisper's window.

Whisper invents text in long silences and in noise ("Thank you."), so silence is never sent to it:
pure silence gives an empty transcript instead of a hallucination. Grouping neighbouring segments
keeps enough context for good recognition, and the same grouper serves live streams, which send a
group as soon as it is finished. A recording's groups are then packed into windows of up to 28 s
(their audio joined end to end, the long silences between them left out): Whisper's encoder costs a
whole 30 s window however little audio it holds, so one window per group made a talk with pauses
cost nearly twice what faster-whisper alone spends on the whole file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from vocalis.analysis.fillers import is_hesitation
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.resample import resample
from vocalis.engines.protocols import (
    SpeechSpan,
    SpeechToText,
    TranscribedSegment,
    TranscribedWord,
    Transcript,
    VoiceActivity,
)

SAMPLE_RATE = 16_000
PAD_S = 0.2  # audio kept around each group so no word is cut at its edges
# Words the recogniser is this unsure of, in a group where every word is that unsure, are noise
# it tried to read as speech (it writes "you" or "Thank you." over a fan).
HALLUCINATION_PROBABILITY = 0.3
# A word that starts this long after the group's last speech (or ends this long before its first)
# lies in the padding, where the VAD heard silence: Whisper closes a group with a confident "you."
# there (measured: probability 0.98, 0.18 s after the speech ended), so confidence cannot tell.
EDGE_TOLERANCE_S = 0.1


@dataclass(frozen=True)
class GroupingSettings:
    max_seconds: float = 28.0  # Whisper reads 30 s at a time
    # A silence this long ends a group. Packed into a window, groups are joined with only their
    # padding between them, so a longer silence costs nothing and leaves room for more speech.
    split_gap_s: float = 1.0


LIVE_GROUPING = GroupingSettings(max_seconds=12.0, split_gap_s=1.0)  # sooner updates when live


@dataclass(frozen=True)
class SpeechGroup:
    start: float
    end: float
    spans: tuple[SpeechSpan, ...]


class SpanGrouper:
    """Gathers speech spans into groups; a group is handed out as soon as it cannot grow any more."""

    def __init__(self, settings: GroupingSettings | None = None) -> None:
        self.settings = settings or GroupingSettings()
        self._spans: list[SpeechSpan] = []

    def add(self, span: SpeechSpan) -> list[SpeechGroup]:
        done = []
        if self._spans and (
            span.start - self._spans[-1].end >= self.settings.split_gap_s
            or span.end - self._spans[0].start > self.settings.max_seconds
        ):
            done = self.flush()
        self._spans.append(span)
        return done

    def idle(self, now: float) -> list[SpeechGroup]:
        """Hand out the open group once ``now`` is a whole split gap past its last speech."""
        if self._spans and now - self._spans[-1].end >= self.settings.split_gap_s:
            return self.flush()
        return []

    @property
    def open_spans(self) -> tuple[SpeechSpan, ...]:
        """The spans of the group still growing."""
        return tuple(self._spans)

    def flush(self) -> list[SpeechGroup]:
        if not self._spans:
            return []
        group = SpeechGroup(self._spans[0].start, self._spans[-1].end, tuple(self._spans))
        self._spans = []
        return [group]


def group_spans(spans: Sequence[SpeechSpan], settings: GroupingSettings | None = None) -> list[SpeechGroup]:
    grouper = SpanGrouper(settings)
    groups = [g for span in spans for g in grouper.add(span)]
    return groups + grouper.flush()


@dataclass(frozen=True)
class SpeechWindow:
    """Groups of speech Whisper reads in one pass: each group's audio, with PAD_S either side, joined
    end to end. Whisper's encoder costs as much for 2 s as for 30 s, so short groups packed together,
    rather than one window each, make recognition cost about what the speech lasts, not the silence."""

    groups: tuple[SpeechGroup, ...]


def pack_spans(spans: Sequence[SpeechSpan], settings: GroupingSettings | None = None) -> list[SpeechWindow]:
    """Speech spans packed into windows of at most ``max_seconds`` of audio (padding included), in
    order: spans closer than the split gap stay one stretch of audio (a group), longer silences are
    left out, and a window is closed only when the next span would not fit. A single span longer
    than the window gets one of its own (Whisper then reads it in several passes)."""
    settings = settings or GroupingSettings()
    windows: list[SpeechWindow] = []
    groups: list[SpeechGroup] = []  # closed groups of the open window
    current: list[SpeechSpan] = []  # spans of the open group
    length = 0.0  # padded length of the closed groups of the open window

    def close_group() -> None:
        nonlocal length, current
        if current:
            groups.append(SpeechGroup(current[0].start, current[-1].end, tuple(current)))
            length += current[-1].end - current[0].start + 2 * PAD_S
            current = []

    for span in spans:
        joins = bool(current) and span.start - current[-1].end < settings.split_gap_s
        open_length = current[-1].end - current[0].start + 2 * PAD_S if current else 0.0
        added = span.end - current[-1].end if joins else span.duration + 2 * PAD_S
        if (current or groups) and length + open_length + added > settings.max_seconds:
            close_group()
            windows.append(SpeechWindow(tuple(groups)))
            groups, length = [], 0.0
        elif not joins:
            close_group()
        current.append(span)
    close_group()
    if groups:
        windows.append(SpeechWindow(tuple(groups)))
    return windows


def transcribe_group(
    stt: SpeechToText,
    audio: AudioChunk,
    group: SpeechGroup,
    *,
    language: str | None,
    prompt: str | None,
    offset: float = 0.0,
) -> Transcript:
    """Transcribe one group of ``audio`` (whose first sample is at ``offset`` s); times are absolute."""
    return transcribe_window(
        stt, audio, SpeechWindow((group,)), language=language, prompt=prompt, offset=offset
    )


def transcribe_window(
    stt: SpeechToText,
    audio: AudioChunk,
    window: SpeechWindow,
    *,
    language: str | None,
    prompt: str | None,
    offset: float = 0.0,
) -> Transcript:
    """Transcribe a window's groups of ``audio`` (whose first sample is at ``offset`` s) in one pass;
    times are absolute, in ``audio``'s timeline, whatever was left out between the groups."""
    audio = resample(audio, SAMPLE_RATE)
    pieces: list[tuple[int, int]] = []  # sample ranges of ``audio``, in order, not overlapping
    for group in window.groups:
        first = max(0, round((group.start - PAD_S - offset) * SAMPLE_RATE), pieces[-1][1] if pieces else 0)
        last = min(len(audio.samples), round((group.end + PAD_S - offset) * SAMPLE_RATE))
        pieces.append((first, max(first, last)))
    joined = np.concatenate([audio.samples[a:b] for a, b in pieces]) if pieces else audio.samples[:0]
    heard = stt.transcribe(
        AudioChunk(joined, SAMPLE_RATE), language=language, word_timestamps=True, initial_prompt=prompt
    )
    timeline = _Timeline(pieces, offset)
    shifted = [timeline.shift(s) for s in heard.segments if s.words or s.text]
    noise = _noise_groups([w for s in shifted for w in s.words], window, heard.language)
    segments = tuple(k for k in (_kept(s, window, noise) for s in shifted) if k.words or k.text)
    return Transcript(
        text=" ".join(s.text for s in segments).strip(),
        language=heard.language,
        duration=len(joined) / SAMPLE_RATE,
        segments=segments,
        language_probability=heard.language_probability,
    )


class _Timeline:
    """Maps times in the joined pieces back to times in the original audio."""

    def __init__(self, pieces: Sequence[tuple[int, int]], offset: float) -> None:
        self._pieces = pieces
        self._offset = offset
        self._starts = np.cumsum([0] + [b - a for a, b in pieces[:-1]]) if pieces else np.zeros(1)

    def at(self, seconds: float) -> float:
        if not self._pieces:
            return round(self._offset, 3)
        position = seconds * SAMPLE_RATE
        index = max(0, int(np.searchsorted(self._starts, position, side="right")) - 1)
        first, last = self._pieces[index]
        sample = min(first + position - float(self._starts[index]), last)
        return round(self._offset + sample / SAMPLE_RATE, 3)

    def shift(self, segment: TranscribedSegment) -> TranscribedSegment:
        return TranscribedSegment(
            text=segment.text,
            start=self.at(segment.start),
            end=self.at(segment.end),
            words=tuple(
                TranscribedWord(w.text, self.at(w.start), self.at(w.end), w.probability)
                for w in segment.words
            ),
        )


def _kept(segment: TranscribedSegment, window: SpeechWindow, noise: set[int]) -> TranscribedSegment:
    """The segment without the words placed wholly in padding (outside the speech) and those of groups
    that are noise."""
    kept = tuple(w for w in segment.words if (g := _group_of(w, window)) is not None and g not in noise)
    if len(kept) == len(segment.words):
        return segment
    return TranscribedSegment(
        text=" ".join(w.text for w in kept),
        start=kept[0].start if kept else segment.start,
        end=kept[-1].end if kept else segment.start,
        words=kept,
    )


def _group_of(word: TranscribedWord, window: SpeechWindow) -> int | None:
    """The index of the group whose speech the word overlaps (within EDGE_TOLERANCE_S), if any."""
    for index, group in enumerate(window.groups):
        if word.start <= group.end + EDGE_TOLERANCE_S and word.end >= group.start - EDGE_TOLERANCE_S:
            return index
    return None


def _noise_groups(words: Sequence[TranscribedWord], window: SpeechWindow, language: str) -> set[int]:
    """Groups where every word is that unsure: noise the recogniser read as speech. Hesitations are
    always low-probability words, yet real: a lone "um" is not noise."""
    by_group: dict[int, list[TranscribedWord]] = {}
    for word in words:
        if (index := _group_of(word, window)) is not None:
            by_group.setdefault(index, []).append(word)
    return {
        index
        for index, heard in by_group.items()
        if all(
            w.probability < HALLUCINATION_PROBABILITY and not is_hesitation(w.text, language) for w in heard
        )
    }


def join_transcripts(parts: Sequence[Transcript], *, language: str, duration: float) -> Transcript:
    segments = tuple(s for p in parts for s in p.segments)
    return Transcript(
        text=" ".join(s.text for s in segments).strip(),
        language=language,
        duration=duration,
        segments=segments,
        # the first part detected the language (later parts are told it)
        language_probability=parts[0].language_probability if parts else 1.0,
    )


def iter_transcribe_speech(
    stt: SpeechToText,
    audio: AudioChunk,
    spans: Sequence[SpeechSpan],
    *,
    language: str | None,
    prompt: str | None,
    settings: GroupingSettings | None = None,
) -> Iterator[Transcript]:
    """One transcript per window of speech, as each is recognised (for streaming); ``language`` None
    or "auto" is detected from the first group and then kept, so one talk is not split across languages.
    """
    detected = None if language in (None, "auto") else language
    for window in pack_spans(spans, settings):
        part = transcribe_window(stt, audio, window, language=detected or language, prompt=prompt)
        detected = detected or part.language
        yield part


def transcribe_speech(
    stt: SpeechToText,
    audio: AudioChunk,
    spans: Sequence[SpeechSpan],
    *,
    language: str | None,
    prompt: str | None,
    settings: GroupingSettings | None = None,
) -> Transcript:
    """Transcribe the speech in ``spans`` (see iter_transcribe_speech)."""
    parts = list(
        iter_transcribe_speech(stt, audio, spans, language=language, prompt=prompt, settings=settings)
    )
    fallback = language if language not in (None, "auto") else "en"
    detected = parts[0].language if parts and language in (None, "auto") else fallback
    return join_transcripts(parts, language=detected, duration=audio.duration)


@dataclass(frozen=True)
class LocatedSpeech:
    audio: AudioChunk  # at 16 kHz
    spans: tuple[SpeechSpan, ...]


def locate_speech(vad: VoiceActivity, audio: AudioChunk) -> LocatedSpeech:
    """The audio at 16 kHz and where its speech is."""
    speech16k = resample(audio, SAMPLE_RATE)
    return LocatedSpeech(speech16k, tuple(vad.speech_segments(speech16k)) if len(speech16k.samples) else ())


def transcribe_audio(
    stt: SpeechToText,
    vad: VoiceActivity,
    audio: AudioChunk,
    *,
    language: str | None,
    prompt: str | None = None,
) -> Transcript:
    """Find the speech in ``audio`` (any rate) and transcribe it; times are seconds into ``audio``."""
    located = locate_speech(vad, audio)
    transcript = transcribe_speech(stt, located.audio, located.spans, language=language, prompt=prompt)
    return join_transcripts([transcript], language=transcript.language, duration=audio.duration)
