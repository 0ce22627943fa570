// The scenario library: the words for categories and levels, and the start form's defaults. Pure.
import type { Assignment, InterviewLanguage, InterviewMode, NewInterview, Scenario } from "../api/interviews";

export const CATEGORIES: Record<string, string> = {
  technical: "Technical",
  behavioural: "Behavioural",
  sales: "Sales",
  pitch: "Pitch",
  problem_solving: "Problem solving",
  difficult_conversation: "Difficult conversation",
  customer_support: "Customer support",
};

export const DIFFICULTIES: Record<string, string> = { easy: "Easy", medium: "Medium", hard: "Hard" };

export const LANGUAGES: Record<InterviewLanguage, string> = { en: "English", fr: "French" };

/** The interviewer's default voice in each language (as the server chooses when none is given). */
export const DEFAULT_VOICES: Record<InterviewLanguage, string> = { en: "af_heart", fr: "ff_siwis" };

export function categoryName(category: string): string {
  return CATEGORIES[category] ?? category.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

export function difficultyName(difficulty: string): string {
  return DIFFICULTIES[difficulty] ?? difficulty;
}

/** "About 4 min" */
export function durationText(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return "";
  return minutes < 1 ? "Under a minute" : `About ${Math.round(minutes)} min`;
}

export function questionsText(count: number): string {
  return `${count} question${count === 1 ? "" : "s"}`;
}

/** A scenario is known by its id and language together (the same id exists in English and French). */
export function scenarioKey(s: Pick<Scenario, "id" | "language">): string {
  return `${s.id}:${s.language}`;
}

/** The categories present in a list, in the library's order, for the filter. */
export function categoriesOf(scenarios: readonly Scenario[]): string[] {
  const present = new Set(scenarios.map((s) => s.category));
  const known = Object.keys(CATEGORIES).filter((c) => present.has(c));
  const other = [...present].filter((c) => !(c in CATEGORIES)).sort();
  return [...known, ...other];
}

export interface StartDraft {
  language: InterviewLanguage;
  voice: string;
  mode: InterviewMode;
}

/** The start form's first values for a scenario: its language, that language's default voice, voice mode. */
export function draftFor(language: string): StartDraft {
  const lang: InterviewLanguage = language === "fr" ? "fr" : "en";
  return { language: lang, voice: DEFAULT_VOICES[lang], mode: "voice" };
}

/** POST /api/v1/interviews for a scenario, or for an assignment (its scenario and language are the recruiter's). */
export function interviewBody(target: { scenario: Scenario } | { assignment: Assignment }, draft: StartDraft): NewInterview {
  const voice = draft.mode === "voice" && draft.voice.trim() ? draft.voice.trim() : null;
  if ("assignment" in target) return { assignment_id: target.assignment.id, language: target.assignment.language === "fr" ? "fr" : "en", voice, mode: draft.mode };
  return { scenario_id: target.scenario.id, language: draft.language, voice, mode: draft.mode };
}

/** Where an interview lives in the app: its room while it runs, its report once it has ended. */
export function interviewPath(id: string): string {
  return `/app/interviews/${encodeURIComponent(id)}`;
}

export const PROGRESS_PATH = "/app/interviews/progress";
export const LIBRARY_PATH = "/app/interviews";

export type InterviewsRoute = { page: "library" } | { page: "progress" } | { page: "interview"; id: string } | { page: "missing" };

/** The interview area's sub-page for a path under /app/interviews. */
export function interviewsRoute(path: string): InterviewsRoute {
  const rest = path.replace(/\/+$/, "").slice(LIBRARY_PATH.length);
  if (rest === "") return { page: "library" };
  if (rest === "/progress") return { page: "progress" };
  const match = /^\/([^/]+)$/.exec(rest);
  if (!match) return { page: "missing" };
  try {
    return { page: "interview", id: decodeURIComponent(match[1]!) };
  } catch {
    return { page: "missing" };
  }
}
