import type { ScenarioStatus } from "../../api/recruiter";
import { band, scoreText } from "../../lib/recruiterResults";

const STATUS_WORDS: Record<ScenarioStatus, string> = { draft: "Draft", published: "Published", retired: "Retired" };

export function StatusBadge({ status }: { status: ScenarioStatus }) {
  return <span className={`badge badge--${status}`}>{STATUS_WORDS[status]}</span>;
}

/** A 0-100 score, its colour band doubled by the words of its column (never colour alone). */
export function Score({ value }: { value: number | null | undefined }) {
  return <span className={`rscore rscore--${band(value)}`}>{scoreText(value)}</span>;
}

export function languageName(code: string): string {
  return code === "fr" ? "French" : code === "en" ? "English" : code;
}
