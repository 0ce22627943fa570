"""Speech spans gathered into groups (neighbouring spans, split at longer silences) and groups packed
into windows of audio Whisper reads in one pass."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vocalis.engines.protocols import SpeechSpan

PAD_S = 0.2  # audio kept around each group so no word is cut at its edges


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
