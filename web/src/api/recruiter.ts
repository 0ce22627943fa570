// Recruiters and trainers: their scenarios, assignments, candidates and the interviews they may see.
// Requests and most answers are typed from the server's OpenAPI schema (npm run api:sync). The
// interview report is free-form JSON in the schema, so its shape is written out below as
// vocalis.interview.report (build_report, evaluation_json) produces it.
import { getJson, request, sendJson } from "./client";
import type { components } from "./schema";

type Schemas = components["schemas"];
export type ScenarioDocument = Schemas["Scenario"];
export type Question = Schemas["Question"];
export type FollowUp = Schemas["FollowUp"];
export type Category = ScenarioDocument["category"];
export type Difficulty = ScenarioDocument["difficulty"];
export type Language = ScenarioDocument["language"];
export type Structure = Question["structure"];
export type FollowUpWhen = FollowUp["when"];
export type WrittenScenario = Schemas["WrittenScenarioOut"];
export type Visibility = WrittenScenario["visibility"];
export type ScenarioStatus = WrittenScenario["status"];
export type ScenarioWrite = Schemas["ScenarioWriteIn"];
export type ScenarioChange = Schemas["ScenarioChangeIn"];
export type Assignment = Schemas["AssignmentOut"];
export type NewAssignment = Schemas["AssignIn"];
export type Candidate = Schemas["CandidateOut"];
export type SeenInterview = Schemas["SeenInterviewOut"];
export type InterviewDetail = Schemas["InterviewOut"];
export type OfferedScenario = Schemas["ScenarioSummary"];
export type Turn = Schemas["TurnOut"];

export type Dimension = "relevance" | "structure" | "specificity" | "fluency" | "timing";
export type Scores = Record<Dimension | "overall", number | null>;

export interface KeyPointMatch {
  point: string;
  covered: boolean;
  similarity: number;
  evidence: string | null;
}

/** One question of the report: answered or not, and when answered its evaluation. */
export interface ReportAnswer {
  question_id: string;
  question: string;
  answered: boolean;
  target_seconds: { min: number; max: number };
  answer?: string;
  scores?: Scores;
  on_topic?: boolean;
  key_points?: KeyPointMatch[];
  structure?: { shape: string; parts: { name: string; found: boolean; evidence: string | null }[]; missing: string[] };
  suggestion?: string | null;
}

/** The report of a completed interview (GET /api/v1/recruiter/interviews/{id} `report`). */
export interface InterviewReport {
  scenario_id: string;
  language: string;
  title: string;
  overall: number;
  dimensions: Record<Dimension, number | null>;
  answered: number;
  questions: number;
  strengths: string[];
  improvements: string[];
  answers: ReportAnswer[];
  ai_feedback?: string | null;
}

/** A candidate's interview as its recruiter sees it: transcript and answers, and the report once ended. */
export interface RecruiterInterview {
  interview: InterviewDetail;
  report: InterviewReport | null;
  candidate_email: string;
}

const base = "/api/v1/recruiter";
const scenarioPath = (id: string) => `${base}/scenarios/${encodeURIComponent(id)}`;
const json = async <T>(response: Promise<Response>): Promise<T> => (await (await response).json()) as T;

export const recruiter = {
  scenarios: async (signal?: AbortSignal): Promise<WrittenScenario[]> =>
    (await getJson<Schemas["WrittenScenarioList"]>(`${base}/scenarios`, signal)).scenarios,
  scenario: (id: string, signal?: AbortSignal) => getJson<WrittenScenario>(scenarioPath(id), signal),
  write: (body: ScenarioWrite) => json<WrittenScenario>(sendJson("POST", `${base}/scenarios`, body)),
  change: (id: string, body: ScenarioChange) => json<WrittenScenario>(sendJson("PATCH", scenarioPath(id), body)),

  assignments: async (signal?: AbortSignal): Promise<Assignment[]> =>
    (await getJson<Schemas["AssignmentList"]>(`${base}/assignments`, signal)).assignments,
  assign: (body: NewAssignment) => json<Assignment>(sendJson("POST", `${base}/assignments`, body)),
  withdraw: async (id: string): Promise<void> => {
    await request(`${base}/assignments/${encodeURIComponent(id)}`, { method: "DELETE", headers: { Accept: "application/json" } });
  },

  candidates: async (signal?: AbortSignal): Promise<Candidate[]> =>
    (await getJson<Schemas["CandidateList"]>(`${base}/candidates`, signal)).candidates,
  interviews: (signal?: AbortSignal) => getJson<SeenInterview[]>(`${base}/interviews`, signal),
  interview: (id: string, signal?: AbortSignal) => getJson<RecruiterInterview>(`${base}/interviews/${encodeURIComponent(id)}`, signal),
  /** The scenarios one may assign: the built-in ones and one's own published ones. */
  offered: async (signal?: AbortSignal): Promise<OfferedScenario[]> =>
    (await getJson<Schemas["ScenarioList"]>("/api/v1/scenarios", signal)).scenarios,
  /** Every result as CSV, and the file name the server suggests (Content-Disposition), if any. */
  resultsCsv: async (): Promise<{ blob: Blob; disposition: string | null }> => {
    const response = await request(`${base}/results.csv`, { headers: { Accept: "text/csv" } });
    return { blob: await response.blob(), disposition: response.headers.get("Content-Disposition") };
  },
};
