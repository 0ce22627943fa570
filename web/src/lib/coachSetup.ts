// The coaching set-up form: its draft, what is wrong with it, and the POST /api/v1/sessions body. Pure.
import type { CoachLanguage, FocusArea, NewCoachSession, SessionType } from "../api/coach";
import { defaultTitle } from "./coachLive";

export const FOCUS_AREAS: readonly FocusArea[] = ["pace", "fillers", "pauses", "volume", "pitch", "clarity", "content"];
export const SESSION_TYPES: readonly SessionType[] = ["practice", "presentation", "training"];
export const CUE_FREQUENCIES = [5, 10, 15, 30, 60] as const;
export const MAX_MINUTES = [5, 10, 15, 30] as const;

export interface CoachDraft {
  title: string;
  sessionType: SessionType;
  language: CoachLanguage;
  focus: FocusArea[];
  /** At most one live cue per this many seconds. */
  cueEvery: number;
  liveCues: boolean;
  aiSummary: boolean;
  /** The target pace band as typed; both empty: the session type's reference range. */
  wpmLow: string;
  wpmHigh: string;
  maxMinutes: number;
}

export const EMPTY_DRAFT: CoachDraft = {
  title: "",
  sessionType: "presentation",
  language: "en",
  focus: [...FOCUS_AREAS],
  cueEvery: 15,
  liveCues: true,
  aiSummary: false,
  wpmLow: "",
  wpmHigh: "",
  maxMinutes: 30,
};

export type DraftField = "title" | "focus" | "wpm";
export type DraftProblems = Partial<Record<DraftField, string>>;

function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

/** What must change before the session can start, by field (empty: nothing). */
export function draftProblems(draft: CoachDraft): DraftProblems {
  const problems: DraftProblems = {};
  if (draft.title.trim().length > 200) problems.title = "Keep the title under 200 characters.";
  if (draft.focus.length === 0) problems.focus = "Choose at least one thing to work on.";
  const low = draft.wpmLow.trim();
  const high = draft.wpmHigh.trim();
  if (low || high) {
    const a = wholeNumber(low);
    const b = wholeNumber(high);
    if (a === null || b === null) problems.wpm = "Give both ends of the pace range as whole numbers of words per minute, or leave both empty.";
    else if (a < 40 || b > 300) problems.wpm = "Keep the pace range between 40 and 300 words per minute.";
    else if (a >= b) problems.wpm = "The slowest pace must be below the fastest.";
  }
  return problems;
}

/** The body of POST /api/v1/sessions for a valid draft; an empty title becomes "Presentation, 6 Dec 2026, 10:05". */
export function sessionBody(draft: CoachDraft, now: Date = new Date()): NewCoachSession {
  const low = wholeNumber(draft.wpmLow);
  const high = wholeNumber(draft.wpmHigh);
  return {
    title: draft.title.trim() || defaultTitle(draft.sessionType, now),
    session_type: draft.sessionType,
    language: draft.language,
    config: {
      focus: FOCUS_AREAS.filter((area) => draft.focus.includes(area)),
      feedback_frequency: draft.cueEvery,
      real_time_feedback: draft.liveCues,
      ai_coaching: draft.aiSummary,
      max_duration: draft.maxMinutes * 60,
      ...(low !== null && high !== null ? { target_wpm: [low, high] } : {}),
    },
  };
}
