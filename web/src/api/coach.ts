// Coaching: sessions, their reports, analytics and recordings, progress and goals.
// Requests and SessionOut are typed from the server's OpenAPI schema (npm run api:sync). The report,
// analytics and progress answers are free-form JSON in the schema, so their shapes are written out
// below as vocalis.coaching (report.py, timelines.py, progress.py, service.py) produces them.
import { getJson, request, sendJson } from "./client";
import type { components } from "./schema";

type Schemas = components["schemas"];
export type CoachSession = Schemas["SessionOut"];
export type CoachSessionPage = Schemas["SessionPage"];
export type NewCoachSession = Schemas["SessionIn"];
export type CoachConfig = Schemas["SessionConfigIn"];
export type Goals = Schemas["GoalsIn"];
export type FocusArea = NonNullable<CoachConfig["focus"]>[number];
export type SessionType = CoachSession["session_type"];
export type CoachStatus = CoachSession["status"];
export type CoachLanguage = NonNullable<NewCoachSession["language"]>;

export type Severity = "info" | "warning" | "critical";

/** One piece of feedback: a thing to work on ("improvement"), a strength, or a notice. */
export interface FeedbackItem {
  type: "improvement" | "strength" | "notice";
  area: string;
  category: string;
  severity: Severity;
  message: string;
  score: number | null;
  suggestions: string[];
}

export interface ComparedMetric {
  this: number | null;
  previous_average: number | null;
  change: number | null;
}

/** This session against the average of the earlier ones of the same type and language. */
export interface Comparison {
  sessions: number;
  words_per_minute?: ComparedMetric;
  fillers_per_minute?: ComparedMetric;
  pause_ratio?: ComparedMetric;
  pitch_variation_semitones?: ComparedMetric;
  overall_score?: ComparedMetric;
}

export interface MilestoneEvent {
  code: string;
  title: string;
  description: string;
}

/** GET /api/v1/sessions/{id}/feedback (the report's feedback part). */
export interface CoachFeedback {
  score: number | null;
  priorities: FeedbackItem[];
  strengths: FeedbackItem[];
  feedback: FeedbackItem[];
  content: Record<string, unknown> | null;
  comparison: Comparison | null;
  milestones: MilestoneEvent[] | null;
  ai_summary: string | null;
}

/** The whole report: what POST .../audio/upload and the live coaching_result carry. */
export interface CoachReport extends CoachFeedback {
  session_id: string;
  language: string;
  duration_seconds: number;
  speech_detected: boolean;
  summary: SessionSummary;
}

export interface SessionSummary {
  duration_seconds: number;
  speech_detected: boolean;
  words_per_minute: number | null;
  fillers_per_minute: number | null;
  pause_ratio: number | null;
  long_pauses_per_minute: number | null;
  speech_lufs: number | null;
  pitch_variation_semitones: number | null;
  overall_score: number | null;
  pace_in_range_fraction: number | null;
}

export interface PaceWindow {
  start: number;
  end: number;
  words: number;
  words_per_minute: number;
}

export interface SpokenWord {
  text: string;
  start: number;
  end: number;
  probability: number;
}

export interface FillerMark {
  text: string;
  heard: string;
  start: number;
  end: number;
}

export interface PauseMark {
  start: number;
  end: number;
  duration: number;
  long: boolean;
}

/** GET /api/v1/sessions/{id}/analytics: the talk's timelines (one point per step_seconds) and summary. */
export interface CoachAnalytics {
  step_seconds: number;
  pace: PaceWindow[];
  volume: { t: number; lufs: number | null }[];
  pitch: { t: number; hz: number | null }[];
  fillers: FillerMark[];
  pauses: PauseMark[];
  words: SpokenWord[];
  summary: SessionSummary | null;
}

export type MetricName =
  | "words_per_minute"
  | "fillers_per_minute"
  | "pause_ratio"
  | "long_pauses_per_minute"
  | "speech_lufs"
  | "pitch_variation_semitones"
  | "overall_score"
  | "duration_seconds"
  | "pace_in_range_fraction";

export type TrendDirection = "improving" | "steady" | "worsening" | "not_enough_data" | "not_applicable";

export interface ReferenceRange {
  metric: MetricName;
  low: number | null;
  high: number | null;
  unit: string;
  source: string;
}

export interface MetricPoint {
  session_id: string;
  ended_at: string;
  value: number;
}

export interface MetricProgress {
  metric: MetricName;
  unit: string;
  better: "lower" | "higher" | "in_range" | "none";
  points: MetricPoint[];
  first: MetricPoint | null;
  last: MetricPoint | null;
  best: MetricPoint | null;
  trend: { direction: TrendDirection; slope_per_session: number | null; change: number | null };
  goal: { low: number | null; high: number | null; met_last: boolean | null; met_recent: number; recent: number } | null;
  reference: ReferenceRange | null;
}

export interface MilestoneStatus extends MilestoneEvent {
  earned: boolean;
  achieved_at: string | null;
  session_id: string | null;
}

/** GET /api/v1/progress */
export interface CoachProgress {
  session_type: SessionType | null;
  language: string | null;
  counts: {
    sessions: number;
    total_minutes: number;
    active_days: number;
    current_streak_days: number;
    longest_streak_days: number;
    last_session_at: string | null;
  };
  metrics: MetricProgress[];
  goals: Goals | null;
  references: { session_type: SessionType; language: string; ranges: ReferenceRange[] }[];
  milestones: MilestoneStatus[];
}

export type UploadOutcome = { kind: "report"; report: CoachReport } | { kind: "job"; job_id: string; session: CoachSession };

export interface SessionQuery {
  session_type?: SessionType | "";
  language?: string;
  status?: CoachStatus | "";
  limit: number;
  offset: number;
}

export function sessionsPath(query: SessionQuery): string {
  const params = new URLSearchParams();
  if (query.session_type) params.set("session_type", query.session_type);
  if (query.language) params.set("language", query.language);
  if (query.status) params.set("status", query.status);
  params.set("limit", String(query.limit));
  params.set("offset", String(query.offset));
  return `/api/v1/sessions?${params.toString()}`;
}

export function progressPath(filters: { session_type?: SessionType | ""; language?: string }): string {
  const params = new URLSearchParams();
  if (filters.session_type) params.set("session_type", filters.session_type);
  if (filters.language) params.set("language", filters.language);
  const query = params.toString();
  return query ? `/api/v1/progress?${query}` : "/api/v1/progress";
}

const path = (id: string) => `/api/v1/sessions/${encodeURIComponent(id)}`;

/** Where the session's recording plays from (Ogg Opus; the server answers range requests). */
export const recordingUrl = (id: string) => `${path(id)}/recording`;

export const coach = {
  create: async (body: NewCoachSession, signal?: AbortSignal): Promise<CoachSession> =>
    (await (await sendJson("POST", "/api/v1/sessions", body, signal)).json()) as CoachSession,
  list: (query: SessionQuery, signal?: AbortSignal) => getJson<CoachSessionPage>(sessionsPath(query), signal),
  get: (id: string, signal?: AbortSignal) => getJson<CoachSession>(path(id), signal),
  remove: async (id: string): Promise<void> => {
    await request(path(id), { method: "DELETE", headers: { Accept: "application/json" } });
  },
  /**
   * Analyse a recorded talk into a new session: its report once analysed (200), or for a long talk
   * (over the server's job_after_s, 3 minutes by default) the job analysing it (202).
   */
  upload: async (id: string, file: Blob, filename: string, signal?: AbortSignal): Promise<UploadOutcome> => {
    const form = new FormData();
    form.set("file", file, filename);
    const response = await request(`${path(id)}/audio/upload`, { method: "POST", body: form, headers: { Accept: "application/json" }, signal: signal ?? null });
    const body: unknown = await response.json();
    return response.status === 202 ? { kind: "job", ...(body as { job_id: string; session: CoachSession }) } : { kind: "report", report: body as CoachReport };
  },
  feedback: (id: string, signal?: AbortSignal) => getJson<CoachFeedback>(`${path(id)}/feedback`, signal),
  analytics: (id: string, signal?: AbortSignal) => getJson<CoachAnalytics>(`${path(id)}/analytics`, signal),
  progress: (filters: { session_type?: SessionType | ""; language?: string }, signal?: AbortSignal) =>
    getJson<CoachProgress>(progressPath(filters), signal),
  setGoals: async (goals: Goals): Promise<Goals> => (await (await sendJson("PUT", "/api/v1/progress/goals", goals)).json()) as Goals,
};
