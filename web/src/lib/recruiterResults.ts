// What the recruiter reads about results: scores in words, a transcript grouped by question, the CSV's file name.
import type { Dimension, ReportAnswer, Turn } from "../api/recruiter";

export const DIMENSIONS: { key: Dimension; label: string }[] = [
  { key: "relevance", label: "Relevance" },
  { key: "structure", label: "Structure" },
  { key: "specificity", label: "Specificity" },
  { key: "fluency", label: "Fluency" },
  { key: "timing", label: "Timing" },
];

export type Band = "strong" | "fair" | "weak" | "none";

/** How a 0-100 score reads (the report's own thresholds: 70 and up is a strength, under 50 a thing to improve). */
export function band(score: number | null | undefined): Band {
  if (score === null || score === undefined) return "none";
  if (score >= 70) return "strong";
  if (score >= 50) return "fair";
  return "weak";
}

export function scoreText(score: number | null | undefined): string {
  return score === null || score === undefined ? "—" : `${Math.round(score)}`;
}

/** The file name to save the results under: the server's name (Content-Disposition) with today's date. */
export function resultsFilename(disposition: string | null, today: Date): string {
  const named = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] : undefined;
  const safe = (named ? decodeURIComponent(named) : "interview-results.csv").replace(/[/\\]/g, "_");
  const [stem, ext] = safe.toLowerCase().endsWith(".csv") ? [safe.slice(0, -4), ".csv"] : [safe, ".csv"];
  const date = [today.getFullYear(), today.getMonth() + 1, today.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  return `${stem}-${date}${ext}`;
}

export interface TranscriptPart {
  /** The question's id, or null for the opening and closing lines. */
  questionId: string | null;
  turns: Turn[];
  answer: ReportAnswer | null;
}

/** The transcript cut where the question changes, each question with its evaluation from the report. */
export function transcriptParts(turns: readonly Turn[], answers: readonly ReportAnswer[]): TranscriptPart[] {
  const parts: TranscriptPart[] = [];
  for (const turn of [...turns].sort((a, b) => a.seq - b.seq)) {
    const last = parts[parts.length - 1];
    if (last && last.questionId === turn.question_id) last.turns.push(turn);
    else {
      const answer = answers.find((a) => a.question_id === turn.question_id && a.answered) ?? null;
      parts.push({ questionId: turn.question_id, turns: [turn], answer });
    }
  }
  // A question asked twice (after an off-topic answer) keeps its evaluation on its last part only.
  const seen = new Set<string>();
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!;
    if (part.questionId === null) continue;
    if (seen.has(part.questionId)) part.answer = null;
    seen.add(part.questionId);
  }
  return parts;
}

const KINDS: Record<string, string> = {
  opening: "Opening",
  question: "Question",
  follow_up: "Follow-up",
  rephrase: "Asked again",
  closing: "Closing",
  answer: "Answer",
  still_there: "Check-in",
  time_cut: "Time",
};

/** A turn's kind for a person: follow_up -> "Follow-up". */
export function kindLabel(kind: string): string {
  return KINDS[kind] ?? kind.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}
