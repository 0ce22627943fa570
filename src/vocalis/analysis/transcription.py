"""Transcribe only where the VAD heard speech, in groups of segments that fit Whisper's window.

Whisper invents text in long silences and in noise ("Thank you."), so silence is never sent to it:
pure silence gives an empty transcript instead of a hallucination. Grouping neighbouring segments
keeps enough context for good recognition, and the same grouper serves live streams, which send a
group as soon as it is finished.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

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
    split_gap_s: float = 3.0  # a silence this long ends a group


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
    audio = resample(audio, SAMPLE_RATE)
    first = max(0, round((group.start - PAD_S - offset) * SAMPLE_RATE))
    last = min(len(audio.samples), round((group.end + PAD_S - offset) * SAMPLE_RATE))
    piece = AudioChunk(audio.samples[first:last], SAMPLE_RATE)
    begin = offset + first / SAMPLE_RATE
    heard = stt.transcribe(piece, language=language, word_timestamps=True, initial_prompt=prompt)
    shifted = (_shift(s, begin, begin + piece.duration) for s in heard.segments if s.words or s.text)
    segments = tuple(s for s in (_within_speech(s, group) for s in shifted) if s.words or s.text)
    words = [w for s in segments for w in s.words]
    # Hesitations are always low-probability words, yet real: a lone "um" is not noise.
    if words and all(
        w.probability < HALLUCINATION_PROBABILITY and not is_hesitation(w.text, heard.language) for w in words
    ):
        segments = ()
    return Transcript(
        text=" ".join(s.text for s in segments).strip(),
        language=heard.language,
        duration=piece.duration,
        segments=segments,
        language_probability=heard.language_probability,
    )


def _within_speech(segment: TranscribedSegment, group: SpeechGroup) -> TranscribedSegment:
    """The segment without words placed wholly in the group's padding, outside the speech."""
    earliest = group.start - EDGE_TOLERANCE_S
    latest = group.end + EDGE_TOLERANCE_S
    kept = tuple(w for w in segment.words if w.start <= latest and w.end >= earliest)
    if len(kept) == len(segment.words):
        return segment
    return TranscribedSegment(
        text=" ".join(w.text for w in kept),
        start=kept[0].start if kept else segment.start,
        end=kept[-1].end if kept else segment.start,
        words=kept,
    )


def _shift(segment: TranscribedSegment, begin: float, limit: float) -> TranscribedSegment:
    def at(t: float) -> float:
        return round(min(begin + t, limit), 3)

    return TranscribedSegment(
        text=segment.text,
        start=at(segment.start),
        end=at(segment.end),
        words=tuple(TranscribedWord(w.text, at(w.start), at(w.end), w.probability) for w in segment.words),
    )


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
    """One transcript per group of speech, as each is recognised (for streaming); ``language`` None
    or "auto" is detected from the first group and then kept, so one talk is not split across languages.
    """
    detected = None if language in (None, "auto") else language
    for group in group_spans(spans, settings):
        part = transcribe_group(stt, audio, group, language=detected or language, prompt=prompt)
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
