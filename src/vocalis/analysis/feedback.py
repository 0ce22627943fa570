"""Feedback items: what was heard, where, how it scored, and what to try next, in the talk's language."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from vocalis.analysis.messages import clock, minute_name, number, percent, say
from vocalis.analysis.model import (
    ClarityMetrics,
    DimensionScore,
    Feedback,
    FeedbackType,
    FillerMetrics,
    PaceMetrics,
    PauseMetrics,
    PitchMetrics,
    Scores,
    Severity,
    VolumeMetrics,
)
from vocalis.analysis.scoring import Targets

GOOD_SCORE = 80


def severity(score: int) -> Severity:
    return "info" if score >= GOOD_SCORE else "low" if score >= 60 else "medium" if score >= 40 else "high"


def no_speech_feedback(language: str) -> tuple[Feedback, ...]:
    return (
        Feedback(
            type="notice",
            category="speech",
            severity="high",
            message=say("no_speech", language),
            score=None,
            suggestions=(say("no_speech_tip", language),),
        ),
    )


class _Writer:
    def __init__(self, language: str, scores: Scores) -> None:
        self.language = language
        self.scores = scores
        self.items: list[Feedback] = []

    def add(self, category: str, key: str, tips: Iterable[str], **values: object) -> None:
        """An improvement to make, with what to try."""
        self._item(category, key, tips, False, values)

    def praise(self, category: str, key: str, **values: object) -> None:
        """A strength to keep."""
        self._item(category, key, (), True, values)

    def _item(
        self, category: str, key: str, tips: Iterable[str], good: bool, values: dict[str, object]
    ) -> None:
        dimension = self.scores.of(category)
        score = dimension.score if dimension else None
        kind: FeedbackType = "strength" if good else "improvement"
        self.items.append(
            Feedback(
                type=kind,
                category=category,
                severity="info" if good or score is None else severity(score),
                message=say(key, self.language, **values),
                score=score,
                suggestions=tuple(say(t, self.language) for t in tips),
            )
        )


def _busiest_minute(times: Sequence[float]) -> tuple[int, int]:
    """(0-based minute holding most of ``times``, how many it holds)."""
    minute, count = Counter(int(t // 60) for t in times).most_common(1)[0]
    return minute, count


def build_feedback(
    *,
    language: str,
    scores: Scores,
    targets: Targets,
    pace: PaceMetrics,
    pauses: PauseMetrics,
    fillers: FillerMetrics,
    volume: VolumeMetrics,
    pitch: PitchMetrics | None,
    clarity: ClarityMetrics,
) -> tuple[Feedback, ...]:
    w = _Writer(language, scores)
    _pace(w, pace, targets)
    _pauses(w, pauses, scores.of("pauses"), targets)
    _fillers(w, fillers, scores.of("fillers"))
    _volume(w, volume, targets)
    if pitch is not None:
        _pitch(w, pitch)
    _clarity(w, clarity, targets)
    # The most pressing first: improvements by score, strengths after.
    return tuple(
        sorted(w.items, key=lambda f: (f.type == "strength", f.score if f.score is not None else 100))
    )


def _pace(w: _Writer, pace: PaceMetrics, t: Targets) -> None:
    lang = w.language
    low, high = t.words_per_minute
    wpm = number(pace.words_per_minute, lang)
    common = {"wpm": wpm, "low": f"{low:g}", "high": f"{high:g}"}
    windows = pace.windows
    if pace.words_per_minute > high:
        where = ""
        if len(windows) >= 2:
            top = max(windows, key=lambda x: x.words_per_minute)
            where = say(
                "pace_fastest",
                lang,
                start=clock(top.start),
                end=clock(top.end),
                wpm=number(top.words_per_minute, lang),
            )
        w.add("pace", "pace_fast", ("tip_slow_down", "tip_stress"), where=where, **common)
    elif pace.words_per_minute < low:
        where = ""
        if len(windows) >= 2:
            bottom = min(windows, key=lambda x: x.words_per_minute)
            where = say(
                "pace_slowest",
                lang,
                start=clock(bottom.start),
                end=clock(bottom.end),
                wpm=number(bottom.words_per_minute, lang),
            )
        w.add("pace", "pace_slow", ("tip_speed_up",), where=where, **common)
    else:
        w.praise("pace", "pace_good", **common)
    if pace.variation is not None and pace.variation > 0.3:
        rates = [x.words_per_minute for x in windows]
        w.add(
            "pace",
            "pace_uneven",
            ("tip_steady",),
            low=number(min(rates), lang),
            high=number(max(rates), lang),
        )


def _pauses(w: _Writer, pauses: PauseMetrics, score: DimensionScore | None, t: Targets) -> None:
    lang = w.language
    long = [p for p in pauses.pauses if p.long]
    low, high = t.pause_ratio
    ratio = percent(pauses.pause_ratio, lang)
    if len(long) == 1:
        w.add(
            "pauses",
            "pauses_long_one",
            ("tip_pause_plan",),
            duration=number(long[0].duration, lang, 1),
            at=clock(long[0].start),
        )
    elif long:
        minute, count = _busiest_minute([p.start for p in long])
        where = say("pauses_where", lang, n=count, minute=minute_name(minute, lang)) if count >= 2 else ""
        w.add(
            "pauses",
            "pauses_long",
            ("tip_pause_plan",),
            count=len(long),
            seconds=number(pauses.long_pause_seconds, lang),
            where=where,
        )
    if pauses.pause_ratio < low:
        w.add("pauses", "pauses_few", ("tip_pause_add",), ratio=ratio)
    elif pauses.pause_ratio > high:
        w.add("pauses", "pauses_many", ("tip_pause_plan",), ratio=ratio)
    elif not long or (score is not None and score.score >= GOOD_SCORE):
        w.praise("pauses", "pauses_good", count=pauses.count, ratio=ratio)


def _fillers(w: _Writer, fillers: FillerMetrics, score: DimensionScore | None) -> None:
    lang = w.language
    rate = number(fillers.per_minute, lang, 1)
    if score is not None and score.score >= GOOD_SCORE:
        w.praise("fillers", "fillers_good", count=fillers.count, rate=rate)
        return
    top = ", ".join(
        f"« {c.text} » ×{c.count}" if lang == "fr" else f"'{c.text}' ×{c.count}" for c in fillers.by_word[:3]
    )
    where = ""
    if fillers.count >= 3:
        minute, count = _busiest_minute([f.start for f in fillers.occurrences])
        if count > fillers.count / 2:
            where = say("fillers_where", lang, minute=minute_name(minute, lang))
    w.add(
        "fillers",
        "fillers_many",
        ("tip_fillers_pause", "tip_fillers_record"),
        count=fillers.count,
        rate=rate,
        top=top,
        where=where,
    )


def _volume(w: _Writer, volume: VolumeMetrics, t: Targets) -> None:
    lang = w.language
    lufs = number(volume.integrated_lufs, lang)
    low, high = t.loudness_lufs
    problem = False
    if volume.integrated_lufs < low:
        w.add("volume", "volume_quiet", ("tip_mic_closer", "tip_project"), lufs=lufs)
        problem = True
    elif volume.integrated_lufs > high:
        w.add("volume", "volume_loud", ("tip_gain",), lufs=lufs)
        problem = True
    if volume.clipping:
        w.add("volume", "volume_clipping", ("tip_gain",), share=percent(volume.clipped_fraction, lang))
        problem = True
    if volume.quiet_stretches:
        first = volume.quiet_stretches[0]
        w.add(
            "volume",
            "volume_dips",
            ("tip_project",),
            count=len(volume.quiet_stretches),
            start=clock(first.start),
            end=clock(first.end),
        )
        problem = True
    if not problem:
        w.praise("volume", "volume_good", lufs=lufs)


def _pitch(w: _Writer, pitch: PitchMetrics) -> None:
    values = {
        "spread": number(pitch.variation_semitones, w.language, 1),
        "median": number(pitch.median_hz, w.language),
    }
    if pitch.monotone:
        w.add("pitch", "pitch_flat", ("tip_pitch",), **values)
    else:
        w.praise("pitch", "pitch_good", **values)


def _clarity(w: _Writer, clarity: ClarityMetrics, t: Targets) -> None:
    lang = w.language
    problem = False
    if clarity.snr_db is not None and clarity.snr_db < t.snr_db:
        w.add("clarity", "clarity_noise", ("tip_quiet_room",), snr=number(clarity.snr_db, lang))
        problem = True
    if clarity.mumbled:
        first = clarity.mumbled[0]
        w.add(
            "clarity",
            "clarity_mumbled",
            ("tip_articulate",),
            count=len(clarity.mumbled),
            at=clock(first.start),
            text=first.text,
        )
        problem = True
    elif clarity.mean_confidence < t.confidence:
        w.add(
            "clarity",
            "clarity_unsure",
            ("tip_articulate",),
            confidence=percent(clarity.mean_confidence, lang),
        )
        problem = True
    if not problem:
        snr = say("clarity_snr", lang, snr=number(clarity.snr_db, lang)) if clarity.snr_db is not None else ""
        w.praise("clarity", "clarity_good", confidence=percent(clarity.mean_confidence, lang), snr=snr)
