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
from dataclasses import dataclass, replace

import numpy as np

from vocalis.analysis.fillers import is_hesitation
from vocalis.analysis.grouping import PAD_S, GroupingSettings, SpeechGroup, SpeechWindow, pack_spans
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
# Words the recogniser is this unsure of, in a group where every word is that unsure, are noise
# it tried to read as speech (it writes "you" or "Thank you." over a fan).
HALLUCINATION_PROBABILITY = 0.3
# A word that starts this long after the group's last speech (or ends this long before its first)
# lies in the padding, where the VAD heard silence: Whisper closes a group with a confident "you."
# there (measured: probability 0.98, 0.18 s after the speech ended), so confidence cannot tell.
EDGE_TOLERANCE_S = 0.1
# Silence between clips of different streams: read end to end, Whisper squeezed the first word after
# a seam to nothing (measured: 0.0 s long, 0.58 s late); a third of a second lets it start afresh.
SEAM_S = 0.3
# Fast speech is 3-4 words a second, fillers included; a repetition loop writes many more.
LOOP_WORDS_PER_S = 7.0


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
    clips = [Clip(audio, group, offset) for group in window.groups]
    parts = transcribe_clips(stt, clips, language=language, prompt=prompt)
    heard = parts[0].language if parts else language or "en"
    return join_transcripts(parts, language=heard, duration=sum(p.duration for p in parts))


@dataclass(frozen=True)
class Clip:
    """One group of speech of one stream, read in a window with others (of the same stream or not)."""

    audio: AudioChunk  # the stream's audio, at 16 kHz
    group: SpeechGroup  # in seconds of the stream, whose first sample of ``audio`` is at ``offset``
    offset: float = 0.0


def transcribe_clips(
    stt: SpeechToText,
    clips: Sequence[Clip],
    *,
    language: str | None,
    prompt: str | None,
    provisional: bool = False,
) -> list[Transcript]:
    """Read clips (padded by PAD_S, joined end to end, at most a window's worth) in one Whisper pass:
    one transcript per clip, its times in its own stream. Whisper's encoder costs a whole window
    however little it holds, so live streams read together cost about one stream's price each time.

    ``provisional``: words shown until the final ones replace them (a live caption), read in one
    decode: a clip caught in a repetition loop is heard as nothing rather than decoded again at higher
    temperatures, which took 2.2 s and 5.4 s instead of 0.3-0.5 s for 8 s of speech (tiny.en)."""
    pieces = _pieces(clips)
    joined = np.concatenate([p.samples for p in pieces]) if pieces else np.zeros(0, np.float32)
    streams = len({id(c.audio.samples) for c in clips})
    heard = stt.transcribe(
        AudioChunk(joined, SAMPLE_RATE),
        language=language,
        word_timestamps=True,
        initial_prompt=prompt,
        retry_repetitions=streams <= 1 and not provisional,
    )
    starts = np.cumsum([0] + [p.length for p in pieces[:-1]])
    by_clip: list[list[TranscribedSegment]] = [[] for _ in clips]
    for segment in heard.segments:
        for index, part in _split(segment, pieces, starts):
            by_clip[index].append(part)
    transcripts = []
    for clip, piece, segments in zip(clips, pieces, by_clip, strict=True):
        window = SpeechWindow((clip.group,))
        noise = _noise_groups([w for s in segments for w in s.words], window, heard.language)
        kept = tuple(
            k for k in (_kept(s, window, noise, heard.language) for s in segments) if k.words or k.text
        )
        transcript = Transcript(
            text=" ".join(s.text for s in kept).strip(),
            language=heard.language,
            duration=piece.length / SAMPLE_RATE,
            segments=kept,
            language_probability=heard.language_probability,
        )
        if provisional and _looped(transcript, clip):
            transcript = replace(transcript, text="", segments=())
        elif streams > 1 and _looped(transcript, clip):  # read it again alone, with Whisper's own guard
            transcript = transcribe_clips(stt, [clip], language=language, prompt=prompt)[0]
        transcripts.append(transcript)
    return transcripts


def _looped(transcript: Transcript, clip: Clip) -> bool:
    """More words than anyone says in the clip's time: Whisper caught in a repetition loop."""
    seconds = max(clip.group.end - clip.group.start, 1.0)
    return len(transcript.words) > LOOP_WORDS_PER_S * seconds


@dataclass(frozen=True)
class _Piece:
    """The samples of a clip in the joined audio: ``first``..``last`` of its stream's audio."""

    samples: np.ndarray  # ``lead`` samples of silence, then the stream's from ``first``
    first: int
    offset: float
    lead: int = 0

    @property
    def length(self) -> int:
        return len(self.samples)

    def at(self, position: float) -> float:
        """The stream's time of a sample position into this piece."""
        sample = min(max(position - self.lead, 0.0), float(self.length - self.lead))
        return round(self.offset + (self.first + sample) / SAMPLE_RATE, 3)


def _pieces(clips: Sequence[Clip]) -> list[_Piece]:
    pieces: list[_Piece] = []
    last_end: dict[int, int] = {}  # per stream: where its previous piece ended (pieces never overlap)
    for clip in clips:
        samples = clip.audio.samples
        first = round((clip.group.start - PAD_S - clip.offset) * SAMPLE_RATE)
        first = max(0, first, last_end.get(id(samples), 0))
        last = max(first, min(len(samples), round((clip.group.end + PAD_S - clip.offset) * SAMPLE_RATE)))
        lead = 0 if not pieces or id(samples) in last_end else round(SEAM_S * SAMPLE_RATE)
        last_end[id(samples)] = last
        kept = np.concatenate([np.zeros(lead, np.float32), samples[first:last]])
        pieces.append(_Piece(kept, first, clip.offset, lead))
    return pieces


def _split(
    segment: TranscribedSegment, pieces: Sequence[_Piece], starts: np.ndarray
) -> Iterator[tuple[int, TranscribedSegment]]:
    """The segment's words by the clip they were heard in (a word belongs where its middle lies), in
    their stream's time; a segment without words goes where its middle lies."""

    def index_of(seconds: float) -> int:
        return max(0, int(np.searchsorted(starts, seconds * SAMPLE_RATE, side="right")) - 1)

    def time_in(index: int, seconds: float) -> float:
        return pieces[index].at(seconds * SAMPLE_RATE - float(starts[index]))

    if not pieces:
        return
    if not segment.words:
        index = index_of((segment.start + segment.end) / 2)
        yield (
            index,
            TranscribedSegment(segment.text, time_in(index, segment.start), time_in(index, segment.end), ()),
        )
        return
    by_index: dict[int, list[TranscribedWord]] = {}
    for word in segment.words:
        index = index_of((word.start + word.end) / 2)
        by_index.setdefault(index, []).append(
            TranscribedWord(word.text, time_in(index, word.start), time_in(index, word.end), word.probability)
        )
    whole = len(by_index) == 1
    for index, words in by_index.items():
        text = segment.text if whole else " ".join(w.text for w in words)
        yield index, TranscribedSegment(text, words[0].start, words[-1].end, tuple(words))


def _kept(
    segment: TranscribedSegment, window: SpeechWindow, noise: set[int], language: str
) -> TranscribedSegment:
    """The segment without the words placed wholly in padding (outside the speech), the unsure ones
    mostly in it, and those of groups that are noise."""
    kept = tuple(
        w
        for w in segment.words
        if (g := _group_of(w, window)) is not None
        and g not in noise
        and not _unsure_in_padding(w, window.groups[g], language)
    )
    if len(kept) == len(segment.words):
        return segment
    return TranscribedSegment(
        text=" ".join(w.text for w in kept),
        start=kept[0].start if kept else segment.start,
        end=kept[-1].end if kept else segment.start,
        words=kept,
    )


def _unsure_in_padding(word: TranscribedWord, group: SpeechGroup, language: str) -> bool:
    """A word centred in the padding around the speech that the recogniser is unsure of: what it read
    into the noise after a sentence (measured: "And..." at probability 0.19, 0.05 s after the speech
    ended, in a short window). Hesitations are unsure and real."""
    middle = (word.start + word.end) / 2
    outside = middle > group.end or middle < group.start
    return outside and word.probability < HALLUCINATION_PROBABILITY and not is_hesitation(word.text, language)


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
