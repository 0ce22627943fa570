// Interview practice: the scenario library, assignments, interviews (voice and text), reports,
// recordings, sharing and the candidate's progress. Requests and the interview resources are typed
// from the server's OpenAPI schema (npm run api:sync); the report and progress answers are free-form
// JSON there, so their shapes are written out below as vocalis.interview (report.py, evaluation.py,
// delivery.py, service.progress) produces them.
import { getJson, request, sendJson } from "./client";
import type { components } from "./schema";

type Schemas = components["schemas"];
export type Scenario = Schemas["ScenarioSummary"];
export type Assignment = Schemas["AssignmentOut"];
export type Interview = Schemas["InterviewOut"];
export type InterviewPage = Schemas["InterviewPage"];
export type InterviewTurn = Schemas["TurnOut"];
export type NewInterview = Schemas["InterviewIn"];
export type InterviewerLine = Schemas["LineOut"];
export type Reply = Omit<Schemas["ReplyOut"], "report"> & { report: InterviewReport | null };
export type InterviewMode = Interview["mode"];
export type InterviewStatus = Interview["status"];
export type InterviewLanguage = NonNullable<NewInterview["language"]>;

export const DIMENSIONS = ["relevance", "structure", "specificity", "fluency", "timing"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type DimensionScores = Record<Dimension, number | null>;

export interface KeyPoint {
  point: string;
  covered: boolean;
  similarity: number;
  /** The stretch of the answer that covers it best. */
  evidence: string | null;
}

export interface StructurePart {
  name: string;
  found: boolean;
  evidence: string | null;
}

/** Something that can be heard in an answer: a filler, a long pause, a restart (seconds into the answer). */
export interface DeliveryMoment {
  kind: string;
  start: number;
  end: number;
  text: string;
}

/** How a spoken answer sounded (its moments are in Delivery.moments): observations, never a verdict. */
export interface Sound {
  speech_lufs: number | null;
  pitch_variation_semitones: number | null;
  slowest_wpm: number | null;
  fastest_wpm: number | null;
}

export interface Delivery {
  spoken: boolean;
  seconds: number;
  words: number;
  words_per_minute: number | null;
  fillers: number;
  fillers_per_minute: number;
  long_pauses: number;
  restarts: number;
  moments: DeliveryMoment[];
  sound?: Sound | null;
}

/** One question of the report: its answer's evaluation when it was answered. */
export interface ReportAnswer {
  question_id: string;
  question: string;
  answered: boolean;
  target_seconds: { min: number; max: number };
  answer?: string;
  scores?: DimensionScores & { overall: number };
  on_topic?: boolean;
  key_points?: KeyPoint[];
  structure?: { shape: string; parts: StructurePart[]; missing: string[] };
  details?: { kind: string; text: string }[];
  delivery?: Delivery;
  suggestion?: string | null;
}

export interface Comparison {
  previous_runs: number;
  last_id?: string;
  last_overall?: number | null;
  overall_change?: number;
  dimension_change?: Partial<Record<Dimension, number>>;
  best_overall?: number;
  history?: { id: string; ended_at: string; overall: number | null }[];
}

/** GET /api/v1/interviews/{id}/report (and interview_finished's report). */
export interface InterviewReport {
  scenario_id: string;
  language: string;
  title: string;
  overall: number;
  dimensions: DimensionScores;
  answered: number;
  questions: number;
  strengths: string[];
  improvements: string[];
  answers: ReportAnswer[];
  comparison: Comparison;
  ai_feedback?: unknown;
}

export interface ProgressPoint {
  interview_id: string;
  scenario_id: string;
  language: string;
  title: string;
  ended_at: string;
  overall: number;
  dimensions: Partial<DimensionScores>;
}

/** GET /api/v1/interviews/progress */
export interface InterviewProgress {
  completed: number;
  timeline: ProgressPoint[];
  by_scenario: Record<string, ProgressPoint[]>;
  averages: DimensionScores;
}

export interface ScenarioFilters {
  language?: InterviewLanguage | "";
  category?: string;
  difficulty?: string;
}

export function scenariosPath(filters: ScenarioFilters): string {
  const params = new URLSearchParams();
  if (filters.language) params.set("language", filters.language);
  if (filters.category) params.set("category", filters.category);
  if (filters.difficulty) params.set("difficulty", filters.difficulty);
  const query = params.toString();
  return query ? `/api/v1/scenarios?${query}` : "/api/v1/scenarios";
}

const path = (id: string) => `/api/v1/interviews/${encodeURIComponent(id)}`;

/** Where the interview's recording plays from (both voices, Ogg Opus; the server answers range requests). */
export const interviewRecordingUrl = (id: string) => `${path(id)}/recording`;

/** The spoken interview's WebSocket on this page's origin (ws: or wss:, like the page). */
export function interviewSocketUrl(location: { protocol: string; host: string }, id: string): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws/interview/${encodeURIComponent(id)}`;
}

const json = async <T>(response: Promise<Response>): Promise<T> => (await (await response).json()) as T;

export const interviews = {
  scenarios: async (filters: ScenarioFilters, signal?: AbortSignal): Promise<Scenario[]> =>
    (await getJson<Schemas["ScenarioList"]>(scenariosPath(filters), signal)).scenarios,
  assignments: async (signal?: AbortSignal): Promise<Assignment[]> =>
    (await getJson<Schemas["AssignmentList"]>("/api/v1/assignments", signal)).assignments,
  create: (body: NewInterview, signal?: AbortSignal) => json<Interview>(sendJson("POST", "/api/v1/interviews", body, signal)),
  list: (query: { limit: number; offset: number }, signal?: AbortSignal) =>
    getJson<InterviewPage>(`/api/v1/interviews?limit=${query.limit}&offset=${query.offset}`, signal),
  progress: (signal?: AbortSignal) => getJson<InterviewProgress>("/api/v1/interviews/progress", signal),
  get: (id: string, signal?: AbortSignal) => getJson<Interview>(path(id), signal),
  report: (id: string, signal?: AbortSignal) => getJson<InterviewReport>(`${path(id)}/report`, signal),
  answer: (id: string, text: string) => json<Reply>(sendJson("POST", `${path(id)}/answers`, { text })),
  finish: (id: string) => json<Reply>(sendJson("POST", `${path(id)}/finish`, {})),
  share: async (id: string, email: string): Promise<void> => {
    await sendJson("POST", `${path(id)}/share`, { email });
  },
  remove: async (id: string): Promise<void> => {
    await request(path(id), { method: "DELETE", headers: { Accept: "application/json" } });
  },
};
