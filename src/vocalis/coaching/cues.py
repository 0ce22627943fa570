"""Live cues while a speaker rehearses: at most one short piece of advice at a time, in their language.

``CuePolicy.update`` is called after every 100 ms chunk with the analyser's ``LiveMetrics`` and the
words heard so far. Per call it only does arithmetic on the metrics; the word-based checks (pace,
fillers, clarity, content) run once per batch of new words, over the last ``RECENT_WORDS_S`` of them.

Rules: one cue per ``feedback_frequency`` seconds at most; a pattern matters, one slip does not (one
filler, a few fast seconds give nothing); a cue type is not repeated within ``COOLDOWN_FACTOR``
frequencies unless it got more severe; each cue needs evidence newer than the last cue of its type,
so the same burst of fillers is never reported twice. The most severe pending cue wins, then the
one whose area comes first in the speaker's focus list.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from vocalis.analysis.fillers import find_fillers
from vocalis.analysis.incremental import LiveMetrics
from vocalis.analysis.model import Filler, TimeRange
from vocalis.analysis.report import check_language
from vocalis.analysis.timing import LONG_PAUSE_S as PACE_GAP_CAP_S
from vocalis.analysis.timing import counted_words
from vocalis.coaching.content import (
    LONG_SENTENCE_WORDS,
    MIN_REPEATS,
    Hedge,
    LongSentence,
    Repetition,
    ends_sentence,
    observe_content,
)
from vocalis.coaching.phrases import quoted, say, tips
from vocalis.engines.protocols import TranscribedWord
from vocalis.errors import InvalidInput

FocusArea = Literal["pace", "fillers", "pauses", "volume", "pitch", "clarity", "content"]
Category = Literal["technique", "delivery", "content"]
Severity = Literal["info", "warning", "critical"]
CueType = Literal[
    "pace_fast", "pace_slow", "filler_burst", "long_pause", "too_quiet", "monotone", "unclear_speech",
    "hedging", "repetition", "long_sentence",
]  # fmt: skip

FOCUS_AREAS: tuple[FocusArea, ...] = ("pace", "fillers", "pauses", "volume", "pitch", "clarity", "content")
SEVERITY_RANK: dict[Severity, int] = {"info": 0, "warning": 1, "critical": 2}
CUE_AREAS: dict[CueType, FocusArea] = {
    "pace_fast": "pace", "pace_slow": "pace", "filler_burst": "fillers", "long_pause": "pauses",
    "too_quiet": "volume", "monotone": "pitch", "unclear_speech": "clarity", "hedging": "content",
    "repetition": "content", "long_sentence": "content",
}  # fmt: skip
# Delivery is how the talk flows; technique is how the voice carries; content is what is said.
AREA_CATEGORIES: dict[FocusArea, Category] = {
    "pace": "delivery", "fillers": "delivery", "pauses": "delivery", "volume": "technique",
    "pitch": "technique", "clarity": "technique", "content": "content",
}  # fmt: skip

# Target pace for a presentation, pauses included. English: ~150 wpm is the average US conversational
# rate (National Center for Voice and Speech) and audiobook publishers ask for 150-160; a talk sits a
# little below, for the audience to take ideas in. French: coaching sources put unscripted speech at
# 120-160 mots/min (coachingprisedeparole.fr, felobel.be) and count broadcast speech near 200 as too fast
# (Rist, Université d'Orléans, 1999); a talk to an audience wants the calmer part of that range.
TARGET_WPM: dict[str, tuple[float, float]] = {"en": (130.0, 160.0), "fr": (120.0, 150.0)}

DEFAULT_FREQUENCY_S = 10.0  # often enough to steer a rehearsal, rarely enough not to derail it
COOLDOWN_FACTOR = 3.0  # the same advice twice within ~30 s sounds like nagging
RECENT_WORDS_S = 60.0  # word checks look at the last minute: enough for habits, bounded cost
MAX_CUE_AGE_S = 30.0  # advice about words said longer ago than this is no longer "live"
MAX_STEP_S = 1.0  # a late call must not count as seconds of quiet speech
PACE_WINDOW_S = 20.0  # a rush is 20 s of talk too fast; both 10 s halves must be, so one burst is not
PACE_SEVERE_WPM = 30.0  # 30 wpm past the band is hard to follow (critical) or to stay with (slow)
PACE_SCORE_SPAN_WPM = 40.0  # score 0 at 40 wpm outside the band, as the whole-talk score does
FILLER_WINDOW_S = 20.0  # about three sentences: long enough to see a habit, short enough to be "now"
FILLER_BURST = 3  # 3 fillers in 20 s (9 a minute, over 4x the 2/min target) is a burst; 1 is a slip
FILLER_SEVERE = 6  # one filler every ~3 s: the audience hears the fillers more than the words
FILLER_SCORE_ZERO_PER_MIN = 20.0  # score 0 at 20 a minute, ten times the 2/min whole-talk target
LONG_PAUSE_CUE_S = 4.0  # a 2-3 s pause can be for effect; past 4 s the speaker has lost the thread
VERY_LONG_PAUSE_S = 8.0  # past 8 s the audience wonders whether the talk is over
TALK_UNDER_WAY_S = 3.0  # silence before the first words is not a pause in the talk
SAME_PAUSE_S = 1.0  # pause starts closer than this are one pause (two pauses have speech between)
SPEAKING_FLOOR_LUFS = -30.0  # the quietest level the whole-talk volume score accepts
QUIET_LUFS = SPEAKING_FLOOR_LUFS - 5.0  # 5 LU under it: listeners strain, not just a soft passage
VERY_QUIET_LUFS = -45.0  # barely above a quiet room's noise
QUIET_FOR_S = 4.0  # a few seconds of faint speech, not one dropped word or a trailing syllable
MONOTONE_SEMITONES = 1.5  # lively speech moves 2+ semitones (the whole-talk target); under 1.5 is flat
VERY_MONOTONE_SEMITONES = 1.0  # under 1 semitone is close to reading a list aloud
MONOTONE_SPEECH_S = 30.0  # pitch spread needs half a minute of speech to mean anything
CLARITY_WINDOW_S = 20.0  # the same "now" as for fillers
CLARITY_MIN_WORDS = 12  # a mean over fewer words swings on one odd name
UNCLEAR_PROBABILITY = 0.5  # the recogniser guessing at half the words: listeners struggle too
VERY_UNCLEAR_PROBABILITY = 0.35  # most words are guesses: the microphone or the room is the problem
HEDGE_REPEATS = 3  # "I think" once is polite; three hedges in a minute undermine the message
HEDGE_SEVERE = 5  # nearly every sentence softened: the talk sounds unsure of itself
STUTTER_BURST = 3  # three doubled words in a minute show rushing, one is a slip
REPETITION_SEVERE = 5  # five times in a minute: the phrase has become a crutch


@dataclass(frozen=True)
class CueSettings:
    language: str
    focus: tuple[FocusArea, ...] = FOCUS_AREAS  # also the priority order between equally severe cues
    feedback_frequency: float = DEFAULT_FREQUENCY_S  # minimum seconds between two cues
    target_wpm: tuple[float, float] | None = None  # None: TARGET_WPM for the language
    real_time_feedback: bool = True
    max_sentence_words: int = LONG_SENTENCE_WORDS

    def __post_init__(self) -> None:
        check_language(self.language)
        unknown = [area for area in self.focus if area not in FOCUS_AREAS]
        if unknown:
            raise InvalidInput(f"unknown focus areas {unknown}", supported=list(FOCUS_AREAS))
        if not self.feedback_frequency > 0:
            raise InvalidInput("feedback_frequency must be a positive number of seconds")
        if self.target_wpm is not None and not 0 < self.target_wpm[0] < self.target_wpm[1]:
            raise InvalidInput("target_wpm must be (low, high) with 0 < low < high")
        if self.max_sentence_words < 1:
            raise InvalidInput("max_sentence_words must be at least 1")

    @property
    def wpm_band(self) -> tuple[float, float]:
        return self.target_wpm or TARGET_WPM[self.language]


@dataclass(frozen=True)
class Cue:
    type: CueType  # stable machine code
    area: FocusArea
    category: Category
    severity: Severity
    message: str  # short, in the session's language
    score: float  # 0-1: how well this dimension is going right now
    suggestions: tuple[str, ...]  # one or two short tips
    at: float  # elapsed seconds of the session when given


@dataclass(frozen=True)
class RecentPace:
    words_per_minute: float  # over the whole window
    newer_wpm: float  # the last half of the window
    older_wpm: float  # the first half
    start: float  # first word in the window
    end: float  # last word


@dataclass(frozen=True)
class _Pending:
    cue: Cue
    mark: float  # evidence marker stored when given: the next cue of this type needs newer evidence
    latest: float  # time of the newest evidence, to drop stale cues


def recent_pace(words: Sequence[TranscribedWord], window_s: float = PACE_WINDOW_S) -> RecentPace | None:
    """Pace over the last ``window_s`` seconds of talk, or None before that much talk was heard.

    Gaps between words count up to ``PACE_GAP_CAP_S``: a short pause is part of the pace, a long
    silence is a pause problem, not a slow pace.
    """
    talk, counts, start, later = 0.0, [0, 0], None, None
    for word in reversed(words):
        if later is not None:
            talk += min(max(0.0, later.start - word.end), PACE_GAP_CAP_S)
        middle = talk + max(0.0, word.end - word.start) / 2
        if middle >= window_s:
            break
        counts[middle >= window_s / 2] += 1
        talk, start, later = talk + max(0.0, word.end - word.start), word.start, word
    else:
        return None
    half_minutes = window_s / 120
    return RecentPace(
        sum(counts) / (2 * half_minutes), counts[0] / half_minutes, counts[1] / half_minutes,
        words[-1].start if start is None else start, words[-1].end,
    )  # fmt: skip


class CuePolicy:
    """Decides, chunk after chunk, whether to coach now and with what; one policy per session."""

    def __init__(self, settings: CueSettings) -> None:
        self.settings = settings
        self._language = check_language(settings.language)
        self._recent: deque[TranscribedWord] = deque()  # the last RECENT_WORDS_S of words
        self._seen = 0
        self._changed = False  # words arrived since the word checks last ran
        self._trimmed = False  # the recent words no longer start at the talk's first word
        self._word_cues: list[_Pending] = []
        self._last_elapsed = 0.0
        self._quiet_s = 0.0
        self._last_at: float | None = None
        self._given: dict[CueType, tuple[float, int]] = {}  # type -> (when, severity rank)
        self._marks: dict[CueType, float] = {}

    def hear(self, words: Sequence[TranscribedWord]) -> None:
        """Add the words recognised since the last call (instead of passing all words to ``update``)."""
        self._add(words)

    def update(self, metrics: LiveMetrics, words: Sequence[TranscribedWord] | None = None) -> Cue | None:
        """The cue to give now, if any.

        ``words``, if given, are all the words heard so far, in order; only the ones not seen before
        are read. A shorter list than last time starts the word history over.
        """
        now = metrics.elapsed_seconds
        step = min(max(0.0, now - self._last_elapsed), MAX_STEP_S)
        self._last_elapsed = now
        if not self.settings.real_time_feedback:
            return None
        if metrics.speaking and metrics.loudness_lufs is not None:
            quiet = metrics.loudness_lufs < QUIET_LUFS
            self._quiet_s = self._quiet_s + step if quiet else max(0.0, self._quiet_s - step)
        if words is not None:
            if len(words) < self._seen:
                self._recent.clear()
                self._seen, self._trimmed = 0, False
            self._add(words[self._seen :])
        if self._changed:
            self._word_cues, self._changed = self._check_words(), False
        if self._last_at is not None and now - self._last_at < self.settings.feedback_frequency:
            return None
        live = [p for p in self._word_cues if p.latest >= now - MAX_CUE_AGE_S]
        candidates = [p for p in [*live, *self._check_metrics(metrics)] if self._allowed(p.cue, now)]
        if not candidates:
            return None
        focus = self.settings.focus
        best = min(candidates, key=lambda p: (-SEVERITY_RANK[p.cue.severity], focus.index(p.cue.area)))
        cue = replace(best.cue, at=now)
        self._last_at = now
        self._given[cue.type] = (now, SEVERITY_RANK[cue.severity])
        self._marks[cue.type] = best.mark
        self._word_cues = [p for p in self._word_cues if p.cue.type != cue.type]
        if cue.type == "too_quiet":
            self._quiet_s = 0.0
        return cue

    def _allowed(self, cue: Cue, now: float) -> bool:
        if cue.area not in self.settings.focus:
            return False
        given = self._given.get(cue.type)
        cooldown = COOLDOWN_FACTOR * self.settings.feedback_frequency
        return given is None or now - given[0] >= cooldown or SEVERITY_RANK[cue.severity] > given[1]

    def _pending(
        self, kind: CueType, severity: Severity, score: float, mark: float, latest: float, key: str = "",
        **values: object,
    ) -> _Pending:  # fmt: skip
        area = CUE_AREAS[kind]
        cue = Cue(
            type=kind, area=area, category=AREA_CATEGORIES[area], severity=severity,
            message=say(key or kind, self._language, **values), score=round(min(1.0, max(0.0, score)), 2),
            suggestions=tips(kind, self._language), at=latest,
        )  # fmt: skip
        return _Pending(cue, mark, latest)

    def _mark(self, kind: CueType) -> float:
        return self._marks.get(kind, float("-inf"))

    def _add(self, new: Sequence[TranscribedWord]) -> None:
        self._seen += len(new)
        self._changed = self._changed or bool(new)
        self._recent.extend(new)
        while self._recent and self._recent[0].end < self._recent[-1].end - RECENT_WORDS_S:
            self._recent.popleft()
            self._trimmed = True

    def _check_metrics(self, m: LiveMetrics) -> list[_Pending]:
        now, found = m.elapsed_seconds, list[_Pending]()
        severity: Severity
        silence = m.silence_seconds
        if m.speech_seconds >= TALK_UNDER_WAY_S and not m.speaking and silence >= LONG_PAUSE_CUE_S:
            severity = "warning" if silence >= VERY_LONG_PAUSE_S else "info"
            # The pause's start wobbles by a VAD window between calls; a new pause starts seconds later.
            new_pause = now - silence > self._mark("long_pause") + SAME_PAUSE_S
            if new_pause or SEVERITY_RANK[severity] > self._given["long_pause"][1]:
                score, seconds = PACE_GAP_CAP_S / silence, round(silence)
                found.append(
                    self._pending("long_pause", severity, score, now - silence, now, seconds=seconds)
                )
        lufs = m.loudness_lufs  # faint for a while and still faint now (the counter drains slowly)
        if self._quiet_s >= QUIET_FOR_S and m.speaking and lufs is not None and lufs < QUIET_LUFS:
            severity = "critical" if lufs < VERY_QUIET_LUFS else "warning"
            score = (lufs - VERY_QUIET_LUFS) / (SPEAKING_FLOOR_LUFS - VERY_QUIET_LUFS)
            found.append(self._pending("too_quiet", severity, score, now, now, lufs=round(lufs)))
        spread, speech = m.pitch_variation_semitones, m.speech_seconds
        enough = speech >= self._marks.get("monotone", 0.0) + MONOTONE_SPEECH_S
        if enough and spread is not None and spread < MONOTONE_SEMITONES:
            severity = "warning" if spread < VERY_MONOTONE_SEMITONES else "info"
            found.append(
                self._pending("monotone", severity, spread / 2, speech, now, spread=round(spread, 1))
            )
        return found

    def _check_words(self) -> list[_Pending]:
        recent, focus = list(self._recent), self.settings.focus
        counted = counted_words(recent, self._language)
        fillers = find_fillers(recent, self._language)
        checks = [
            self._check_pace(counted) if "pace" in focus else None,
            self._check_fillers(fillers, recent[-1].end) if "fillers" in focus and recent else None,
            self._check_clarity(counted) if "clarity" in focus and counted else None,
            *(self._check_content(recent, fillers) if "content" in focus else []),
        ]
        return [p for p in checks if p is not None]

    def _check_pace(self, counted: list[TranscribedWord]) -> _Pending | None:
        pace = recent_pace(counted)
        if pace is None:
            return None
        (low, high), wpm = self.settings.wpm_band, pace.words_per_minute
        slowest, fastest = sorted((pace.newer_wpm, pace.older_wpm))
        severity: Severity
        if slowest > high and pace.start > self._mark("pace_fast"):
            kind: CueType = "pace_fast"
            severity = "critical" if wpm > high + PACE_SEVERE_WPM else "warning"
            distance, key = wpm - high, "pace_fast_critical" if severity == "critical" else ""
        elif fastest < low and pace.start > self._mark("pace_slow"):
            kind, distance, key = "pace_slow", low - wpm, ""
            severity = "warning" if wpm < low - PACE_SEVERE_WPM else "info"
        else:
            return None
        score = 1 - distance / PACE_SCORE_SPAN_WPM
        return self._pending(kind, severity, score, pace.end, pace.end, key, wpm=round(wpm))

    def _check_fillers(self, fillers: Sequence[Filler], latest: float) -> _Pending | None:
        mark = self._mark("filler_burst")
        burst = [f for f in fillers if f.start > mark and f.start >= latest - FILLER_WINDOW_S]
        if len(burst) < FILLER_BURST:
            return None
        severity: Severity = "critical" if len(burst) >= FILLER_SEVERE else "warning"
        score = 1 - len(burst) * 60 / FILLER_WINDOW_S / FILLER_SCORE_ZERO_PER_MIN
        top = Counter(f.text for f in burst).most_common(1)[0][0]
        end, count, seconds = burst[-1].end, len(burst), round(FILLER_WINDOW_S)
        return self._pending("filler_burst", severity, score, end, end, count=count, seconds=seconds, top=top)

    def _check_clarity(self, counted: list[TranscribedWord]) -> _Pending | None:
        since = max(self._mark("unclear_speech"), counted[-1].end - CLARITY_WINDOW_S)
        heard = [w for w in counted if w.start > since]
        mean = sum(w.probability for w in heard) / max(1, len(heard))
        if len(heard) < CLARITY_MIN_WORDS or mean >= UNCLEAR_PROBABILITY:
            return None
        severity: Severity = "warning" if mean < VERY_UNCLEAR_PROBABILITY else "info"
        return self._pending("unclear_speech", severity, mean, heard[-1].end, heard[-1].end)

    def _check_content(self, recent: list[TranscribedWord], fillers: Sequence[Filler]) -> list[_Pending]:
        seen = observe_content(recent, self._language, max_sentence_words=self.settings.max_sentence_words)
        checks = [
            self._check_hedges(seen.hedges, fillers),
            *self._check_repetitions(seen.repetitions),
            self._check_sentences(seen.long_sentences, recent),
        ]
        return [p for p in checks if p is not None]

    def _check_hedges(self, hedges: Sequence[Hedge], fillers: Sequence[Filler]) -> _Pending | None:
        # "du coup", "en fait" are fillers as well as hedges: the filler cue already covers them.
        spans = [(f.start, f.end) for f in fillers]
        mark = self._mark("hedging")
        fresh = [
            h for h in hedges if h.start > mark and not any(a <= h.start and h.end <= b for a, b in spans)
        ]
        if len(fresh) < HEDGE_REPEATS:
            return None
        severity: Severity = "warning" if len(fresh) >= HEDGE_SEVERE else "info"
        top = quoted(Counter(h.text for h in fresh).most_common(1)[0][0])
        score, end, count = 1 - len(fresh) / 10, fresh[-1].end, len(fresh)
        return self._pending("hedging", severity, score, end, end, count=count, top=top)

    def _check_sentences(
        self, long: Sequence[LongSentence], recent: list[TranscribedWord]
    ) -> _Pending | None:
        since = self._mark("long_sentence")
        if self._trimmed:  # the window's first sentence lost its start: its length means nothing
            since = max(since, next((w.end for w in recent if ends_sentence(w.text)), float("inf")))
        fresh = [s for s in long if s.start > since]
        if not fresh:
            return None
        sentence, limit = fresh[-1], self.settings.max_sentence_words
        severity: Severity = "warning" if sentence.word_count > 1.5 * limit else "info"
        score, count = limit / sentence.word_count, sentence.word_count
        return self._pending("long_sentence", severity, score, sentence.start, sentence.end, count=count)

    def _check_repetitions(self, repetitions: Sequence[Repetition]) -> list[_Pending]:
        mark = self._mark("repetition")
        fresh = [
            (r.text, [o for o in r.occurrences if o.start > mark]) for r in repetitions if r.kind == "phrase"
        ]
        text, said = max(fresh, key=lambda p: len(p[1]), default=("", list[TimeRange]()))
        if len(said) >= MIN_REPEATS:
            severity: Severity = "warning" if len(said) >= REPETITION_SEVERE else "info"
            score, end, count = 1 - len(said) / 10, said[-1].end, len(said)
            return [self._pending("repetition", severity, score, end, end, phrase=quoted(text), count=count)]
        stutters = [r for r in repetitions if r.kind == "stutter" and r.start > mark]
        if len(stutters) < STUTTER_BURST:
            return []
        score, end, phrase = 1 - len(stutters) / 10, stutters[-1].end, quoted(stutters[-1].text)
        key = "repetition_stutter"
        return [self._pending("repetition", "info", score, end, end, key, phrase=phrase, count=len(stutters))]
