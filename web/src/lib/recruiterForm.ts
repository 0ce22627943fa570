// The scenario editor's form and the scenario document (the JSON the built-in files and the API use),
// each way; which form field a server error names; and reading a scenario file to import.
import type { Category, Difficulty, FollowUpWhen, Language, ScenarioDocument, Structure } from "../api/recruiter";

export const LANGUAGES: { value: Language; label: string }[] = [
  { value: "en", label: "English" },
  { value: "fr", label: "French" },
];

export const CATEGORIES: { value: Category; label: string }[] = [
  { value: "behavioural", label: "Behavioural" },
  { value: "technical", label: "Technical" },
  { value: "sales", label: "Sales" },
  { value: "pitch", label: "Pitch" },
  { value: "problem_solving", label: "Problem solving" },
  { value: "difficult_conversation", label: "Difficult conversation" },
  { value: "customer_support", label: "Customer support" },
];

export const DIFFICULTIES: { value: Difficulty; label: string }[] = [
  { value: "easy", label: "Easy" },
  { value: "medium", label: "Medium" },
  { value: "hard", label: "Hard" },
];

export const STRUCTURES: { value: Structure; label: string }[] = [
  { value: "star", label: "STAR story (situation, task, action, result)" },
  { value: "pitch", label: "Pitch" },
  { value: "estimate", label: "Estimate" },
  { value: "steps", label: "Steps" },
  { value: "free", label: "Free answer" },
];

export const FOLLOW_UP_WHEN: { value: FollowUpWhen; label: string }[] = [
  { value: "no_result", label: "The story has no result" },
  { value: "too_short", label: "The answer is too short" },
  { value: "vague", label: "The answer is vague" },
  { value: "missing_key_point", label: "A key point is missing" },
  { value: "too_long", label: "The answer is too long" },
];

export const LIMITS = {
  questions: { min: 1, max: 12 },
  keyPoints: { min: 2, max: 6 },
  followUps: { min: 1, max: 4 },
  seconds: { min: 15, max: 300 },
  minutes: { min: 2, max: 60 },
} as const;

export interface FollowUpForm {
  key: string;
  when: FollowUpWhen;
  text: string;
}

export interface QuestionForm {
  /** Stable across reordering (React keys); not part of the document. */
  key: string;
  id: string;
  text: string;
  intent: string;
  keyPoints: string[];
  structure: Structure;
  minSeconds: string;
  maxSeconds: string;
  followUps: FollowUpForm[];
}

export interface ScenarioForm {
  id: string;
  language: Language;
  title: string;
  description: string;
  role: string;
  category: Category;
  difficulty: Difficulty;
  targetMinutes: string;
  interviewer: string;
  opening: string;
  closing: string;
  questions: QuestionForm[];
}

let serial = 0;
const newKey = (prefix: string) => `${prefix}${++serial}`;

export function emptyFollowUp(when: FollowUpWhen = "no_result"): FollowUpForm {
  return { key: newKey("f"), when, text: "" };
}

/** A question id not yet used in the scenario: q1, q2, ... */
export function freeQuestionId(questions: readonly { id: string }[]): string {
  const taken = new Set(questions.map((q) => q.id));
  for (let n = questions.length + 1; ; n++) if (!taken.has(`q${n}`)) return `q${n}`;
}

export function emptyQuestion(questions: readonly { id: string }[] = []): QuestionForm {
  return {
    key: newKey("q"),
    id: freeQuestionId(questions),
    text: "",
    intent: "",
    keyPoints: ["", ""],
    structure: "star",
    minSeconds: "60",
    maxSeconds: "150",
    followUps: [emptyFollowUp("no_result")],
  };
}

export function emptyForm(): ScenarioForm {
  return {
    id: "",
    language: "en",
    title: "",
    description: "",
    role: "",
    category: "behavioural",
    difficulty: "medium",
    targetMinutes: "10",
    interviewer: "",
    opening: "",
    closing: "",
    questions: [emptyQuestion()],
  };
}

/** An id from a title: "Leading our support team" -> "leading-our-support-team" (what ids allow). */
export function slugify(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/** A typed number, or what was typed when it is not one (the server then says what is wrong with it). */
function numberOf(value: string): number | string | null {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
}

/**
 * The document the API checks. Nothing is fixed up here: a blank or wrong value goes as it is, so the
 * server's error names the very field (and the editor shows it there).
 */
export function toScenario(form: ScenarioForm): ScenarioDocument {
  const document = {
    id: form.id.trim(),
    language: form.language,
    title: form.title,
    description: form.description,
    role: form.role,
    category: form.category,
    difficulty: form.difficulty,
    target_minutes: numberOf(form.targetMinutes),
    interviewer: form.interviewer,
    opening: form.opening,
    closing: form.closing,
    questions: form.questions.map((q) => ({
      id: q.id.trim(),
      text: q.text,
      intent: q.intent,
      key_points: q.keyPoints,
      structure: q.structure,
      target_seconds: { min: numberOf(q.minSeconds), max: numberOf(q.maxSeconds) },
      follow_ups: q.followUps.map((f) => ({ when: f.when, text: f.text })),
    })),
  };
  return document as unknown as ScenarioDocument;
}

const text = (value: unknown): string => (typeof value === "string" ? value : value === undefined || value === null ? "" : String(value));
const numberText = (value: unknown): string => (typeof value === "number" ? String(value) : text(value));
const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const oneOf = <T extends string>(value: unknown, options: readonly { value: T }[], fallback: T): T =>
  options.some((o) => o.value === value) ? (value as T) : fallback;

/** The form for a document (one from the API, or a file being imported: tolerant of gaps). */
export function fromScenario(value: unknown): ScenarioForm {
  const doc = record(value);
  const questions = list(doc.questions).map((raw, index, all) => {
    const q = record(raw);
    const target = record(q.target_seconds);
    const id = text(q.id) || freeQuestionId(all.slice(0, index).map((o) => ({ id: text(record(o).id) })));
    return {
      key: newKey("q"),
      id,
      text: text(q.text),
      intent: text(q.intent),
      keyPoints: list(q.key_points).map(text),
      structure: oneOf(q.structure, STRUCTURES, "free"),
      minSeconds: numberText(target.min),
      maxSeconds: numberText(target.max),
      followUps: list(q.follow_ups).map((raw) => {
        const f = record(raw);
        return { key: newKey("f"), when: oneOf(f.when, FOLLOW_UP_WHEN, "vague"), text: text(f.text) };
      }),
    } satisfies QuestionForm;
  });
  return {
    id: text(doc.id),
    language: oneOf(doc.language, LANGUAGES, "en"),
    title: text(doc.title),
    description: text(doc.description),
    role: text(doc.role),
    category: oneOf(doc.category, CATEGORIES, "behavioural"),
    difficulty: oneOf(doc.difficulty, DIFFICULTIES, "medium"),
    targetMinutes: numberText(doc.target_minutes),
    interviewer: text(doc.interviewer),
    opening: text(doc.opening),
    closing: text(doc.closing),
    questions,
  };
}

const SCENARIO_KEYS = ["id", "language", "title", "description", "role", "category", "difficulty", "target_minutes",
  "interviewer", "opening", "closing", "questions"];

export type Imported = { ok: true; form: ScenarioForm; notes: string[] } | { ok: false; error: string };

/**
 * A scenario file (as in src/vocalis/interview/scenarios/LANGUAGE/ID.json) read into the form. Values the
 * form cannot hold (an unknown category, extra keys) are named in `notes`; the rest is checked by the
 * server when saved, as for anything typed.
 */
export function importScenario(fileText: string, keepId: string | null = null): Imported {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fileText);
  } catch (error) {
    return { ok: false, error: `This file is not JSON: ${error instanceof Error ? error.message : "it could not be read"}.` };
  }
  const doc = record(parsed);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed) || !("questions" in doc || "title" in doc)) {
    return { ok: false, error: "This file is not a scenario: a scenario is a JSON object with a title and questions." };
  }
  const form = fromScenario(doc);
  const notes: string[] = [];
  const extra = Object.keys(doc).filter((k) => !SCENARIO_KEYS.includes(k));
  if (extra.length) notes.push(`Left out what a scenario does not have: ${extra.join(", ")}.`);
  const unknown: string[] = [];
  if (doc.category !== undefined && doc.category !== form.category) unknown.push(`category “${text(doc.category)}”`);
  if (doc.difficulty !== undefined && doc.difficulty !== form.difficulty) unknown.push(`difficulty “${text(doc.difficulty)}”`);
  if (doc.language !== undefined && doc.language !== form.language) unknown.push(`language “${text(doc.language)}”`);
  if (unknown.length) notes.push(`Not a known value, replaced: ${unknown.join(", ")}.`);
  if (keepId !== null && form.id !== keepId) {
    if (form.id) notes.push(`A scenario keeps its id: still “${keepId}” (the file said “${form.id}”).`);
    form.id = keepId;
  }
  return { ok: true, form, notes };
}

/** Move item `from` to `to` in a copy of the list. */
export function moved<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return [...items];
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

/** Every field and group of fields the editor shows for this form, as dotted document paths. */
export function fieldPaths(form: ScenarioForm): Set<string> {
  const paths = new Set(["id", "language", "title", "description", "role", "category", "difficulty", "target_minutes",
    "interviewer", "opening", "closing", "questions"]);
  form.questions.forEach((q, i) => {
    const at = `questions.${i}`;
    for (const name of ["", ".id", ".text", ".intent", ".key_points", ".structure", ".target_seconds",
      ".target_seconds.min", ".target_seconds.max", ".follow_ups"]) paths.add(at + name);
    q.keyPoints.forEach((_, k) => paths.add(`${at}.key_points.${k}`));
    q.followUps.forEach((_, f) => {
      paths.add(`${at}.follow_ups.${f}`);
      paths.add(`${at}.follow_ups.${f}.when`);
      paths.add(`${at}.follow_ups.${f}.text`);
    });
  });
  return paths;
}

/** The DOM id of a field (or group) by its dotted path: questions.0.key_points.1 -> sc-questions-0-key_points-1. */
export function fieldId(path: string): string {
  return `sc-${path.replace(/\./g, "-") || "form"}`;
}

export interface FieldProblem {
  field: string;
  message: string;
}

const FIRST_WORD = /^Value error, /;

/** A validation message for a person: "Value error, min (5) must be below max" -> "Min (5) must be below max." */
export function problemText(message: string): string {
  let m = message.replace(FIRST_WORD, "").trim();
  m = m.charAt(0).toUpperCase() + m.slice(1);
  return /[.!?]$/.test(m) ? m : `${m}.`;
}

/**
 * Each server problem placed on the closest field the form shows: the API names a field by its path in
 * the request (`scenario.questions.1.target_seconds.min`); a rule across fields names their group
 * (`...target_seconds` when min is not below max) or the question. Problems on no shown field go to "".
 */
export function problemsByField(problems: readonly FieldProblem[], shown: Set<string>): Map<string, string> {
  const placed = new Map<string, string>();
  for (const problem of problems) {
    const parts = problem.field.split(".").filter((p) => p !== "body");
    if (parts[0] === "scenario") parts.shift();
    let path = parts.join(".");
    while (path && !shown.has(path)) path = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
    if (!placed.has(path)) placed.set(path, problemText(problem.message));
  }
  return placed;
}

/** The problems a 422's details list (`{"errors": [{"field", "message"}]}`). */
export function problemsOf(details: Record<string, unknown>): FieldProblem[] {
  return list(details.errors).flatMap((raw) => {
    const p = record(raw);
    return typeof p.field === "string" && typeof p.message === "string" ? [{ field: p.field, message: p.message }] : [];
  });
}

/** The e-mails in what was typed (commas, spaces or new lines between), once each, and the ones that are not e-mails. */
export function parseEmails(typed: string): { emails: string[]; invalid: string[] } {
  const seen = new Set<string>();
  const emails: string[] = [];
  const invalid: string[] = [];
  for (const part of typed.split(/[\s,;]+/)) {
    const email = part.trim();
    if (!email) continue;
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) invalid.push(email);
    else if (!seen.has(email.toLowerCase())) {
      seen.add(email.toLowerCase());
      emails.push(email);
    }
  }
  return { emails, invalid };
}

/**
 * The paths whose server error no longer holds once question `index` changed from `before` to `after`:
 * each changed field, and the groups around it (a rule across fields may hold no more either).
 */
export function stalePaths(before: QuestionForm, after: QuestionForm, index: number): string[] {
  const at = `questions.${index}`;
  const stale: string[] = [];
  const touch = (path: string, ...groups: string[]) => stale.push(path, ...groups, at);
  if (before.id !== after.id) touch(`${at}.id`, "questions");
  if (before.text !== after.text) touch(`${at}.text`);
  if (before.intent !== after.intent) touch(`${at}.intent`);
  if (before.structure !== after.structure) touch(`${at}.structure`, `${at}.follow_ups`);
  after.keyPoints.forEach((p, k) => {
    if (p !== before.keyPoints[k]) touch(`${at}.key_points.${k}`, `${at}.key_points`);
  });
  if (before.minSeconds !== after.minSeconds) touch(`${at}.target_seconds.min`, `${at}.target_seconds`);
  if (before.maxSeconds !== after.maxSeconds) touch(`${at}.target_seconds.max`, `${at}.target_seconds`);
  after.followUps.forEach((f, i) => {
    const was = before.followUps[i];
    if (f.when !== was?.when) touch(`${at}.follow_ups.${i}.when`, `${at}.follow_ups.${i}`, `${at}.follow_ups`);
    if (f.text !== was?.text) touch(`${at}.follow_ups.${i}.text`, `${at}.follow_ups.${i}`);
  });
  return [...new Set(stale)];
}
