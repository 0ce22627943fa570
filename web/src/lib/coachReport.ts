// The coaching report's pure parts: the word being spoken at a time, the transcript with its fillers
// and long pauses marked, the comparison with earlier sessions, and metric names and numbers in words.
import type { Comparison, FillerMark, MetricName, PauseMark, SpokenWord, TrendDirection } from "../api/coach";

interface Timed {
  start: number;
  end: number;
}

/** Index of the item being spoken at `time` (start ≤ time < end), or -1 between items; items in time order. */
export function indexAt(items: readonly Timed[], time: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (items[middle]!.start <= time) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found >= 0 && time < items[found]!.end ? found : -1;
}

export type TranscriptPiece =
  | { kind: "word"; index: number; text: string; start: number; end: number; filler: string | null }
  | { kind: "pause"; start: number; duration: number };

const overlaps = (a: Timed, b: Timed) => a.start < b.end && b.start < a.end;

/**
 * The talk's words in order, each marked with the filler it is part of ("you know" spans two words),
 * and a piece for each long pause, placed before the first word after it.
 */
export function annotateTranscript(words: readonly SpokenWord[], fillers: readonly FillerMark[], pauses: readonly PauseMark[]): TranscriptPiece[] {
  const long = pauses.filter((p) => p.long).sort((a, b) => a.start - b.start);
  const pieces: TranscriptPiece[] = [];
  let nextPause = 0;
  words.forEach((word, index) => {
    while (nextPause < long.length && long[nextPause]!.start < word.start + 1e-6) {
      const pause = long[nextPause++]!;
      pieces.push({ kind: "pause", start: pause.start, duration: pause.duration });
    }
    const span = { start: word.start, end: Math.max(word.end, word.start + 1e-3) };
    const filler = fillers.find((f) => overlaps(span, { start: f.start, end: Math.max(f.end, f.start + 1e-3) }));
    pieces.push({ kind: "word", index, text: word.text, start: word.start, end: word.end, filler: filler ? filler.text : null });
  });
  for (; nextPause < long.length; nextPause++) pieces.push({ kind: "pause", start: long[nextPause]!.start, duration: long[nextPause]!.duration });
  return pieces;
}

export interface MetricInfo {
  label: string;
  unit: string;
  /** Which way is better: lower, higher, inside a band, or neither. */
  better: "lower" | "higher" | "in_range" | "none";
  digits: number;
  /** Shown as a percentage (a fraction from the server). */
  percent?: boolean;
}

export const METRICS: Record<MetricName, MetricInfo> = {
  words_per_minute: { label: "Pace", unit: "words/min", better: "in_range", digits: 0 },
  fillers_per_minute: { label: "Fillers", unit: "per min", better: "lower", digits: 1 },
  pause_ratio: { label: "Time spent pausing", unit: "%", better: "in_range", digits: 0, percent: true },
  long_pauses_per_minute: { label: "Long pauses", unit: "per min", better: "lower", digits: 1 },
  speech_lufs: { label: "Loudness", unit: "LUFS", better: "in_range", digits: 1 },
  pitch_variation_semitones: { label: "Pitch variation", unit: "semitones", better: "higher", digits: 1 },
  overall_score: { label: "Score", unit: "/100", better: "higher", digits: 0 },
  duration_seconds: { label: "Length", unit: "min", better: "none", digits: 1 },
  pace_in_range_fraction: { label: "Pace in range", unit: "%", better: "higher", digits: 0, percent: true },
};

/** A metric's value in its unit: "152 words/min", "12%", "2.5 min". */
export function formatMetric(metric: MetricName, value: number | null | undefined, { unit = true } = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const info = METRICS[metric];
  const shown = info.percent ? value * 100 : metric === "duration_seconds" ? value / 60 : value;
  const number = shown.toLocaleString("en", { maximumFractionDigits: info.digits, minimumFractionDigits: 0 });
  if (!unit) return number;
  return info.unit === "%" ? `${number}%` : info.unit === "/100" ? `${number}/100` : `${number} ${info.unit}`;
}

/** A value on a chart's axis: the same scaling as formatMetric, no unit. */
export function metricValue(metric: MetricName, value: number): number {
  const info = METRICS[metric];
  return info.percent ? value * 100 : metric === "duration_seconds" ? value / 60 : value;
}

export type Verdict = "better" | "worse" | "same" | null;

export interface ComparisonRow {
  metric: MetricName;
  label: string;
  now: string;
  previous: string;
  change: string;
  verdict: Verdict;
}

const COMPARED: MetricName[] = ["overall_score", "words_per_minute", "fillers_per_minute", "pause_ratio", "pitch_variation_semitones"];
/** Changes smaller than these read as "about the same". */
const NOTICEABLE: Partial<Record<MetricName, number>> = {
  overall_score: 3,
  words_per_minute: 5,
  fillers_per_minute: 0.5,
  pause_ratio: 0.02,
  pitch_variation_semitones: 0.2,
};

/**
 * Rows of the "compared with your earlier sessions" table. For pace, better means closer to `band`
 * (the target range); without a band a change of pace is neither better nor worse.
 */
export function comparisonRows(comparison: Comparison | null | undefined, band: readonly [number, number] | null = null): ComparisonRow[] {
  if (!comparison) return [];
  const rows: ComparisonRow[] = [];
  for (const metric of COMPARED) {
    const entry = comparison[metric as keyof Comparison];
    if (!entry || typeof entry === "number") continue;
    const { this: now, previous_average: previous, change } = entry;
    let verdict: Verdict = null;
    if (now !== null && previous !== null && change !== null) {
      const noticeable = NOTICEABLE[metric] ?? 0;
      const better = METRICS[metric].better;
      if (better === "in_range") {
        const range = metric === "words_per_minute" ? band : metric === "pause_ratio" ? ([0.05, 0.3] as const) : null;
        if (range) {
          const distance = (v: number) => (v < range[0] ? range[0] - v : v > range[1] ? v - range[1] : 0);
          const delta = distance(now) - distance(previous);
          verdict = Math.abs(delta) < noticeable ? "same" : delta < 0 ? "better" : "worse";
        }
      } else if (better !== "none") {
        verdict = Math.abs(change) < noticeable ? "same" : (change > 0) === (better === "higher") ? "better" : "worse";
      }
    }
    const sign = change !== null && change > 0 ? "+" : change !== null && change < 0 ? "−" : "";
    rows.push({
      metric,
      label: METRICS[metric].label,
      now: formatMetric(metric, now),
      previous: formatMetric(metric, previous),
      change: change === null ? "—" : `${sign}${formatMetric(metric, Math.abs(change))}`,
      verdict,
    });
  }
  return rows;
}

export const TREND_WORDS: Record<TrendDirection, string> = {
  improving: "Improving",
  steady: "Steady",
  worsening: "Getting worse",
  not_enough_data: "Not enough sessions yet",
  not_applicable: "No better direction",
};

/** "130–160 words/min", "at most 2 fillers/min", "2 semitones or more": a range in words. */
export function rangeText(metric: MetricName, low: number | null, high: number | null): string {
  if (low === null && high === null) return "—";
  const f = (v: number) => formatMetric(metric, v);
  // "130–160 words/min", but "-30 to -12 LUFS": a dash between negative numbers reads as a minus.
  if (low !== null && high !== null) return `${formatMetric(metric, low, { unit: false })}${low < 0 || high < 0 ? " to " : "–"}${f(high)}`;
  if (high !== null) return `at most ${f(high)}`;
  return `at least ${f(low!)}`;
}

export const SEVERITY_WORDS = { info: "Note", warning: "Work on this", critical: "Most important" } as const;

export const FOCUS_LABELS = {
  pace: "Pace",
  fillers: "Filler words",
  pauses: "Pauses",
  volume: "Volume",
  pitch: "Pitch and intonation",
  clarity: "Clarity",
  content: "Content (hedging, repetition, long sentences)",
} as const;

const STAGES: Record<string, string> = {
  decoding: "Reading the recording",
  analysing: "Transcribing and measuring",
  reporting: "Writing the report",
  done: "Done",
};

/** A coaching analysis job's state in words: "Waiting for a worker", "Transcribing and measuring", ... */
export function analysisStage(status: string, stage: string | null): string {
  if (status === "queued") return "Waiting for a worker";
  if (status === "succeeded") return "Done";
  return (stage && STAGES[stage]) ?? "Working";
}
