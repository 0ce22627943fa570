// The interview report and replay: what each score means, which turn is playing, where in the recording
// a delivery moment is, and the dashboard's series. Pure, unit-tested.
import type { Dimension, DimensionScores, InterviewTurn, ProgressPoint, ReportAnswer, Sound } from "../api/interviews";

export const DIMENSION_INFO: Record<Dimension, { label: string; explanation: string }> = {
  relevance: {
    label: "Relevance",
    explanation: "How many of the question's key points your answer covered (30 + 70 × the share covered); an answer off the topic scores 30 at most.",
  },
  structure: {
    label: "Structure",
    explanation: "Whether a story has its parts: situation 20, task 15, what you did 35, result 30 (pitches and estimates have their own parts; free answers none).",
  },
  specificity: {
    label: "Specificity",
    explanation: "Concrete details: numbers, amounts, dates, names, examples. 20 points per detail per 100 words, up to 100.",
  },
  fluency: {
    label: "Fluency",
    explanation: "Fillers (40%), pace between 110 and 170 words a minute (25%), long pauses (15%) and restarts (20%); typed answers: fillers and restarts only.",
  },
  timing: {
    label: "Timing",
    explanation: "100 inside the question's target length, less the further outside it.",
  },
};

export const OVERALL_EXPLANATION = "35% relevance, 20% structure, 15% specificity, 15% fluency, 15% timing, averaged over the questions (an unanswered question counts as zero).";

/** A word for a score band, so colour is never the only cue. */
export function scoreBand(score: number | null | undefined): "strong" | "fair" | "weak" | "none" {
  if (score === null || score === undefined || !Number.isFinite(score)) return "none";
  if (score >= 70) return "strong";
  if (score >= 55) return "fair";
  return "weak";
}

export function scoreText(score: number | null | undefined): string {
  return score === null || score === undefined || !Number.isFinite(score) ? "—" : String(Math.round(score));
}

/** "+5", "−3", "±0": a change in points. */
export function changeText(change: number | null | undefined): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return "";
  if (change === 0) return "±0";
  return change > 0 ? `+${change}` : `−${Math.abs(change)}`;
}

const STAR_NAMES: Record<string, string> = {
  situation: "Situation",
  task: "Task",
  action: "Action",
  result: "Result",
};

/** A structure part's name for people ("result" → "Result", "first_step" → "First step"). */
export function partName(name: string): string {
  const known = STAR_NAMES[name];
  if (known) return known;
  const words = name.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const MOMENT_WORDS: Record<string, string> = {
  filler: "Filler",
  long_pause: "Long pause",
  restart: "Restart",
  quieter: "Quieter",
  flat_pitch: "Flat pitch",
  faster: "Faster",
  slower: "Slower",
};

/** How a spoken answer sounded, in plain words with its numbers ("" when nothing was measured). */
export function soundText(sound: Sound | null | undefined): string {
  if (!sound) return "";
  const parts: string[] = [];
  if (sound.speech_lufs !== null) parts.push(`speech level ${Math.round(sound.speech_lufs)} LUFS`);
  if (sound.pitch_variation_semitones !== null) parts.push(`pitch varied by ${sound.pitch_variation_semitones.toFixed(1)} semitones`);
  if (sound.slowest_wpm !== null && sound.fastest_wpm !== null) parts.push(`pace between ${Math.round(sound.slowest_wpm)} and ${Math.round(sound.fastest_wpm)} words a minute`);
  return parts.length ? `How it sounded: ${parts.join(", ")}.` : "";
}

/** The turns that have times in the recording, in order. */
export function timedTurns(turns: readonly InterviewTurn[]): InterviewTurn[] {
  return turns.filter((t) => t.start_s !== null && t.start_s !== undefined).sort((a, b) => (a.start_s ?? 0) - (b.start_s ?? 0));
}

/** The seq of the turn playing at `time` seconds: the last one started by then, while it lasts (null between turns). */
export function turnAt(turns: readonly InterviewTurn[], time: number): number | null {
  let found: InterviewTurn | null = null;
  for (const turn of turns) {
    if (turn.start_s === null || turn.start_s === undefined) continue;
    if (turn.start_s <= time + 1e-6) found = turn;
  }
  if (!found) return null;
  const end = found.end_s ?? Number.POSITIVE_INFINITY;
  return time <= end + 0.25 ? found.seq : null;
}

/**
 * Where a delivery moment (seconds into the answer to question `questionId`, the answers to its follow-ups
 * counted after it) falls in the recording: through the candidate's turns for that question, in order.
 * Null when the answer was not spoken (no times).
 */
export function momentInRecording(turns: readonly InterviewTurn[], questionId: string, at: number): number | null {
  const answers = timedTurns(turns).filter((t) => t.speaker === "candidate" && t.question_id === questionId && t.end_s !== null && t.end_s !== undefined);
  if (answers.length === 0) return null;
  let left = Math.max(0, at);
  for (const turn of answers) {
    const length = Math.max(0, (turn.end_s ?? 0) - (turn.start_s ?? 0));
    if (left <= length) return (turn.start_s ?? 0) + left;
    left -= length;
  }
  const last = answers[answers.length - 1]!;
  return last.end_s ?? last.start_s ?? null;
}

/** "1:05": a time in the recording. */
export function timeText(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/** Key points covered and missed, each list in the scenario's order. */
export function splitKeyPoints(answer: ReportAnswer): { covered: NonNullable<ReportAnswer["key_points"]>; missed: NonNullable<ReportAnswer["key_points"]> } {
  const points = answer.key_points ?? [];
  return { covered: points.filter((k) => k.covered), missed: points.filter((k) => !k.covered) };
}

export interface Series {
  key: string;
  label: string;
  points: { at: string; value: number; id: string }[];
}

/** The dashboard's lines: one per dimension across every completed interview (oldest first). */
export function dimensionSeries(timeline: readonly ProgressPoint[], dimensions: readonly Dimension[]): Series[] {
  return dimensions.map((name) => ({
    key: name,
    label: DIMENSION_INFO[name].label,
    points: timeline.flatMap((p) => {
      const value = p.dimensions[name];
      return typeof value === "number" ? [{ at: p.ended_at, value, id: p.interview_id }] : [];
    }),
  }));
}

/** One line per scenario (and language): its overall scores over time, the scenario's title as label. */
export function scenarioSeries(byScenario: Record<string, readonly ProgressPoint[]>): Series[] {
  return Object.entries(byScenario)
    .map(([key, points]) => ({
      key,
      label: `${points[0]?.title ?? key} (${points[0]?.language ?? key.split(":")[1] ?? ""})`,
      points: points.map((p) => ({ at: p.ended_at, value: p.overall, id: p.interview_id })),
    }))
    .sort((a, b) => b.points.length - a.points.length || a.label.localeCompare(b.label));
}

/** The first and last values of a series, and the change between them (null with fewer than two points). */
export function seriesChange(series: Series): number | null {
  if (series.points.length < 2) return null;
  return series.points[series.points.length - 1]!.value - series.points[0]!.value;
}

export function averageText(scores: DimensionScores, name: Dimension): string {
  return scoreText(scores[name]);
}
