// The live coaching screen's state: what WS /ws/session/{id} says (vocalis.coaching.events), folded
// into one value by a reducer, and the small calculations behind the meters. Pure, unit-tested.
import type { CoachReport, MilestoneEvent, Severity, SpokenWord } from "../api/coach";

export interface MetricsUpdate {
  type: "metrics_update";
  elapsed_seconds: number;
  speaking: boolean;
  words_per_minute: number | null;
  target_wpm: [number, number];
  filler_count: number;
  fillers_per_minute: number | null;
  last_filler: string | null;
  loudness_lufs: number | null;
  pitch_hz: number | null;
  pitch_trend: string | null;
  pitch_variation_semitones?: number | null;
  current_pause_seconds: number;
  pause_count: number;
  long_pause_count: number;
  word_count: number;
  transcript_lag_seconds: number;
}

export interface LiveCue {
  type: "realtime_feedback";
  feedback_type: string;
  category: string;
  severity: Severity;
  message: string;
  score: number;
  suggestions: string[];
  at: number;
}

export interface ServerError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export type ServerEvent =
  | { type: "session_started"; session_id: string; status: string; language: string; sample_rate: number; resumed_at: number; config: Record<string, unknown> }
  | { type: "status"; status: string; elapsed_seconds: number }
  | MetricsUpdate
  | { type: "transcript"; final: boolean; text: string; words: SpokenWord[] }
  | LiveCue
  | ({ type: "milestone_achieved" } & MilestoneEvent)
  | { type: "coaching_result"; session_id: string; status: string; report: CoachReport }
  | { type: "error"; error: ServerError }
  | { type: "pong"; id?: string | null };

const KNOWN = new Set(["session_started", "status", "metrics_update", "transcript", "realtime_feedback", "milestone_achieved", "coaching_result", "error", "pong"]);

/** A text frame from the server as an event, or null for anything this app does not know. */
export function parseServerEvent(frame: unknown): ServerEvent | null {
  if (typeof frame !== "string") return null;
  try {
    const value: unknown = JSON.parse(frame);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
    const type = (value as { type?: unknown }).type;
    return typeof type === "string" && KNOWN.has(type) ? (value as ServerEvent) : null;
  } catch {
    return null;
  }
}

/** connecting: socket opening; live/paused: talking; finishing: stop sent, waiting for the report;
 * done: the report came; lost: the connection ended without a report (reconnecting can resume). */
export type LivePhase = "connecting" | "live" | "paused" | "finishing" | "done" | "lost";

export interface PitchPoint {
  t: number;
  hz: number | null;
}

export interface LiveState {
  phase: LivePhase;
  metrics: MetricsUpdate | null;
  /** The last PITCH_WINDOW_S of pitch readings, for the trace. */
  pitch: PitchPoint[];
  /** Final recognised text, one piece per final transcript event. */
  transcript: string[];
  /** Provisional words of the speech still going on (captions), after the final text; a caption
   * replaces the words it read again, and final words replace the caption they cover. */
  caption: SpokenWord[];
  /** The one cue on screen: the latest. */
  cue: LiveCue | null;
  cues: number;
  milestones: MilestoneEvent[];
  error: ServerError | null;
  report: CoachReport | null;
  /** Seconds of audio the server had when this connection started (a resumed session's). */
  resumedAt: number;
}

export const PITCH_WINDOW_S = 20;
/** Word times of two readings of the same speech differ by a few hundredths of a second. */
const OVERLAP_S = 0.1;

/** The provisional words after a new caption: the earlier ones it did not read again, then its own. */
export function withCaption(caption: readonly SpokenWord[], words: readonly SpokenWord[]): SpokenWord[] {
  const first = words[0];
  if (!first) return [...caption];
  const from = first.start;
  return [...caption.filter((w) => w.end <= from + OVERLAP_S && w.start < from - OVERLAP_S), ...words];
}

export const initialLive: LiveState = {
  phase: "connecting",
  metrics: null,
  pitch: [],
  transcript: [],
  caption: [],
  cue: null,
  cues: 0,
  milestones: [],
  error: null,
  report: null,
  resumedAt: 0,
};

export type LiveAction =
  | { type: "event"; event: ServerEvent }
  | { type: "reset" }
  | { type: "connecting" }
  | { type: "stopping" }
  | { type: "closed"; message: string }
  | { type: "local_error"; message: string };

export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case "reset":
      return initialLive;
    case "connecting":
      return { ...state, phase: "connecting", error: null };
    case "stopping":
      return { ...state, phase: "finishing" };
    case "closed":
      return state.phase === "done" ? state : { ...state, phase: "lost", error: state.error ?? { code: "connection_lost", message: action.message } };
    case "local_error":
      return { ...state, error: { code: "client_error", message: action.message } };
    case "event":
      return onEvent(state, action.event);
  }
}

function onEvent(state: LiveState, event: ServerEvent): LiveState {
  switch (event.type) {
    case "session_started":
      return { ...state, phase: event.status === "paused" ? "paused" : "live", resumedAt: event.resumed_at, error: null };
    case "status":
      if (state.phase === "finishing" || state.phase === "done") return state;
      return { ...state, phase: event.status === "paused" ? "paused" : "live" };
    case "metrics_update": {
      const pitch = [...state.pitch, { t: event.elapsed_seconds, hz: event.pitch_hz }].filter((p) => p.t >= event.elapsed_seconds - PITCH_WINDOW_S);
      return { ...state, metrics: event, pitch };
    }
    case "transcript": {
      if (!event.final) return { ...state, caption: withCaption(state.caption, event.words) };
      const last = event.words.at(-1)?.end ?? null;
      // Final words of earlier speech can come after a caption of later speech: keep what is later.
      const caption = last === null ? state.caption : state.caption.filter((w) => w.start >= last - OVERLAP_S);
      const text = event.text.trim();
      return { ...state, transcript: text ? [...state.transcript, text] : state.transcript, caption };
    }
    case "realtime_feedback":
      return { ...state, cue: event, cues: state.cues + 1 };
    case "milestone_achieved":
      return state.milestones.some((m) => m.code === event.code) ? state : { ...state, milestones: [...state.milestones, { code: event.code, title: event.title, description: event.description }] };
    case "coaching_result":
      return { ...state, phase: "done", report: event.report };
    case "error":
      return { ...state, error: event.error };
    case "pong":
      return state;
  }
}

export interface Gauge {
  /** Where the value and the band sit on the gauge, 0-1 from the left. */
  position: number | null;
  bandFrom: number;
  bandTo: number;
  min: number;
  max: number;
  verdict: "slow" | "in range" | "fast" | null;
}

/** The pace gauge: the target band in the middle, as much room on each side as the band is wide (at least 60 wpm). */
export function paceGauge(wpm: number | null, band: readonly [number, number]): Gauge {
  const [low, high] = band;
  const margin = Math.max(60, high - low);
  const min = Math.max(0, low - margin);
  const max = high + margin;
  const at = (v: number) => Math.min(1, Math.max(0, (v - min) / (max - min)));
  return {
    position: wpm === null ? null : at(wpm),
    bandFrom: at(low),
    bandTo: at(high),
    min,
    max,
    verdict: wpm === null ? null : wpm < low ? "slow" : wpm > high ? "fast" : "in range",
  };
}

/** Loudness on the meter: -60 LUFS (a quiet room) to 0; speech wants -30 to -12 (the report's target). */
export const VOLUME_RANGE = { min: -60, max: 0, low: -30, high: -12 } as const;

export function volumeLevel(lufs: number | null): { fraction: number; verdict: "silent" | "quiet" | "good" | "loud" } {
  if (lufs === null || !Number.isFinite(lufs)) return { fraction: 0, verdict: "silent" };
  const fraction = Math.min(1, Math.max(0, (lufs - VOLUME_RANGE.min) / (VOLUME_RANGE.max - VOLUME_RANGE.min)));
  return { fraction, verdict: lufs < VOLUME_RANGE.low ? "quiet" : lufs > VOLUME_RANGE.high ? "loud" : "good" };
}

/** The microphone could not be opened: why, in plain words. */
export function microphoneProblem(error: unknown): string {
  const name = typeof error === "object" && error !== null ? (error as { name?: string }).name : undefined;
  if (name === "NotAllowedError" || name === "SecurityError") {
    return "The browser was not allowed to use the microphone. Allow it for this site (the icon in the address bar), or analyse a recording instead.";
  }
  if (name === "NotFoundError" || name === "OverconstrainedError") return "No microphone was found. Plug one in, or analyse a recording instead.";
  if (name === "NotReadableError") return "The microphone is busy or blocked by the system. Close other apps using it and try again.";
  return "The microphone could not be started. Try again, or analyse a recording instead.";
}

/** The coaching WebSocket's address on this page's origin (ws: or wss:, like the page). */
export function socketUrl(location: { protocol: string; host: string }, sessionId: string): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws/session/${encodeURIComponent(sessionId)}`;
}

const TYPE_NAMES = { practice: "Practice", presentation: "Presentation", training: "Training" } as const;

/** A title for a session nobody named: "Practice, 6 Dec 2026, 10:05". */
export function defaultTitle(type: keyof typeof TYPE_NAMES, date: Date, locale?: string): string {
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
  return `${TYPE_NAMES[type]}, ${when}`;
}

export function typeName(type: keyof typeof TYPE_NAMES): string {
  return TYPE_NAMES[type];
}

/** "1:05" for a running clock. */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "0:00";
  const whole = Math.floor(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}
