// The goals form: its fields, the PUT /api/v1/progress/goals body, and which field an error is about. Pure.
import type { Goals } from "../api/coach";

export type GoalKey = "wpm_low" | "wpm_high" | "max_fillers_per_minute" | "min_pitch_variation_semitones" | "max_long_pauses_per_minute";
export type GoalsDraft = Record<GoalKey, string>;

export const GOAL_FIELDS: { key: GoalKey; label: string; help: string }[] = [
  { key: "wpm_low", label: "Slowest pace (words/min)", help: "For example 130." },
  { key: "wpm_high", label: "Fastest pace (words/min)", help: "For example 160." },
  { key: "max_fillers_per_minute", label: "Fillers a minute, at most", help: "For example 3." },
  { key: "min_pitch_variation_semitones", label: "Pitch variation, at least (semitones)", help: "2 or more sounds lively." },
  { key: "max_long_pauses_per_minute", label: "Long pauses a minute, at most", help: "Pauses of 2 s or more." },
];

export function goalsDraft(goals: Goals | null): GoalsDraft {
  const text = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));
  return {
    wpm_low: text(goals?.wpm_low),
    wpm_high: text(goals?.wpm_high),
    max_fillers_per_minute: text(goals?.max_fillers_per_minute),
    min_pitch_variation_semitones: text(goals?.min_pitch_variation_semitones),
    max_long_pauses_per_minute: text(goals?.max_long_pauses_per_minute),
  };
}

/** Empty boxes are "no goal" (null); anything else goes as typed, for the server to judge (it says what is wrong). */
export function goalsBody(draft: GoalsDraft): Goals {
  const value = (text: string): number | null => {
    const trimmed = text.trim().replace(",", ".");
    return trimmed === "" ? null : Number(trimmed);
  };
  return {
    wpm_low: value(draft.wpm_low),
    wpm_high: value(draft.wpm_high),
    max_fillers_per_minute: value(draft.max_fillers_per_minute),
    min_pitch_variation_semitones: value(draft.min_pitch_variation_semitones),
    max_long_pauses_per_minute: value(draft.max_long_pauses_per_minute),
  };
}

const NAMES: Record<GoalKey, string> = {
  wpm_low: "the slowest pace",
  wpm_high: "the fastest pace",
  max_fillers_per_minute: "fillers a minute",
  min_pitch_variation_semitones: "the pitch variation",
  max_long_pauses_per_minute: "long pauses a minute",
};

/** The server's message with its field names in words: "wpm_low must be below wpm_high" -> "The slowest pace must be below the fastest pace." */
export function goalMessage(message: string): string {
  let text = message.trim();
  for (const [key, name] of Object.entries(NAMES)) text = text.replaceAll(key, name);
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

const KEYS = new Set<string>(GOAL_FIELDS.map((f) => f.key));

/** The goal an error's details name (`field`, or the first of a validation error's `errors`), if any. */
export function goalField(details: Record<string, unknown>): GoalKey | null {
  const named = details.field;
  const errors = Array.isArray(details.errors) ? details.errors : [];
  const first = typeof errors[0] === "object" && errors[0] !== null ? (errors[0] as { field?: unknown }).field : undefined;
  const field = typeof named === "string" ? named : typeof first === "string" ? first : null;
  return field !== null && KEYS.has(field) ? (field as GoalKey) : null;
}
