// The clone screen's rules, kept out of the components so they can be tested: what a sample may be,
// the consent statement, which field an API error belongs to, and progress and similarity in words.
import { ApiError, plainMessage } from "../api/client";
import type { CloneProgress, Similarity } from "../api/voices";

/** The server's upload limit for a sample (10 MiB, POST /voices). */
export const MAX_SAMPLE_BYTES = 10 * 1024 * 1024;
export const MAX_NAME_CHARS = 60;
export const MAX_DESCRIPTION_CHARS = 500;
export const SAMPLE_EXTENSIONS = ["wav", "mp3", "m4a", "ogg", "oga", "opus", "webm", "flac"] as const;
/** For <input type=file accept>: audio of any kind, plus the extensions the server decodes. */
export const SAMPLE_ACCEPT = ["audio/*", ...SAMPLE_EXTENSIONS.map((e) => `.${e}`)].join(",");

export type CloneField = "file" | "name" | "description" | "consent" | "general";

/** "2.4 MB" (decimal megabytes, as people read file sizes); "820 KB" under one megabyte. */
export function fileSize(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000))} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Why a chosen file cannot be a sample before it is even sent, or null when it may be. */
export function sampleProblem(file: { name: string; size: number; type: string }): string | null {
  if (file.size === 0) return `“${file.name}” is empty. Choose a recording of the speaker.`;
  if (file.size > MAX_SAMPLE_BYTES) {
    return `“${file.name}” is ${fileSize(file.size)}; samples can be at most 10 MB. Trim it to a few minutes, or save it as MP3.`;
  }
  const extension = file.name.includes(".") ? file.name.split(".").pop()!.toLowerCase() : "";
  const audio = file.type.startsWith("audio/") || file.type === "video/webm" || (SAMPLE_EXTENSIONS as readonly string[]).includes(extension);
  if (!audio) return `“${file.name}” does not look like audio. Choose a WAV, MP3, M4A, OGG, WebM or FLAC file.`;
  return null;
}

/** Today in the reader's time zone, as the ISO date the consent statement names (2026-11-22). */
export function isoDate(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export const CONSENT_EXAMPLE = "I, Ana Lopez, consent to Vocalis cloning my voice for my course videos, on 2026-11-22.";

/**
 * The statement in the form the server reads (who, to what, when): "I, NAME, consent to Vocalis cloning
 * my voice for PURPOSE, on DATE." A comma in the name would end it early, so commas become spaces.
 */
export function consentStatement(speaker: string, purpose: string, date: string = isoDate()): string {
  const who = speaker.replace(/,/g, " ").replace(/\s+/g, " ").trim() || "[speaker's full name]";
  const what = purpose.replace(/\s+/g, " ").trim().replace(/[.]+$/, "") || "[purpose]";
  return `I, ${who}, consent to Vocalis cloning my voice for ${what}, on ${date}.`;
}

/** A problem the form can see before sending: no statement, or the helper's blanks left in. */
export function consentProblem(statement: string): string | null {
  const text = statement.trim();
  if (!text) return "Type the speaker's consent: who agrees, to what, and when. Use the helper below to write it.";
  if (/\[(speaker's full name|purpose)\]/.test(text)) return "Fill in the blanks in brackets: the speaker's name and what the voice is for.";
  return null;
}

const REASONS: Record<string, string> = {
  silence: "The recording is silent",
  clipping: "The recording is distorted (too loud)",
  not_speech: "This does not sound like speech",
  too_little_speech: "Not enough speech",
  too_noisy: "Too much background noise",
  multiple_speakers: "More than one voice",
  file_too_large: "The file is too big",
};

/** Which input an error from POST /voices or PATCH /voices/{id} belongs next to. */
export function cloneErrorField(error: ApiError): CloneField {
  switch (error.code) {
    case "consent_required":
      return "consent";
    case "sample_rejected":
    case "unsupported_media":
    case "too_large":
      return "file";
  }
  const problems = Array.isArray(error.details.errors) ? (error.details.errors as unknown[]) : [];
  const first = problems[0];
  const listed = typeof first === "object" && first !== null ? (first as { field?: unknown }).field : undefined;
  const named = typeof error.details.field === "string" ? error.details.field : typeof listed === "string" ? listed : "";
  const field = named.split(".").pop() ?? "";
  if (field === "name" || field === "description" || field === "consent") return field;
  if (field === "file" || field === "files") return "file";
  return "general";
}

/** The error in plain words for the person at the form (never an option name from the command line). */
export function cloneErrorMessage(error: ApiError): string {
  const message = plainMessage(new ApiError(error.status, error.code, error.message.replace(/--consent\s+/g, ""), error.details));
  if (error.code === "sample_rejected") {
    const reason = typeof error.details.reason === "string" ? error.details.reason : "";
    const title = REASONS[reason] ?? "This sample cannot be used";
    const tip = reason === "too_noisy" ? " You can also tick “Reduce background noise”." : "";
    return `${title}. ${message}${tip}`;
  }
  if (error.code === "unsupported_media") return `This file cannot be read as audio. ${message} Choose a WAV, MP3, M4A, OGG, WebM or FLAC file.`;
  if (error.code === "too_large") return `The file is too big: samples can be at most 10 MB. ${message}`;
  if (error.code === "consent_required") return `The speaker's consent is needed. ${message}`;
  return message;
}

const STAGES: Record<string, string> = {
  profiling: "Listening to the sample",
  searching: "Searching the built-in voices for a match",
  reranking: "Re-checking the best matches on another sentence",
  judging: "Measuring the result with an independent encoder",
};

/** What the clone is doing now, in words. */
export function stageText(progress: CloneProgress | null | undefined): string {
  if (!progress || progress.job_status === "queued") return "Waiting for a free worker";
  return (progress.stage && STAGES[progress.stage]) ?? "Getting ready";
}

/** Share of the planned renders done, 0-1, or null while the plan is unknown. */
export function progressShare(progress: CloneProgress | null | undefined): number | null {
  if (!progress || !progress.total) return null;
  return Math.min(1, Math.max(0, progress.done / progress.total));
}

/** "about 45 s left", "about 1 min 10 s left" (rounded to 5 s); "" when unknown. */
export function etaText(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "";
  if (seconds < 5) return "almost done";
  const rounded = Math.round(seconds / 5) * 5;
  if (rounded < 60) return `about ${rounded} s left`;
  const minutes = Math.floor(rounded / 60);
  const rest = rounded % 60;
  return `about ${minutes} min${rest ? ` ${rest} s` : ""} left`;
}

/** A cosine similarity as people read it here: two decimals ("0.84"). */
export function score(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : value.toFixed(2);
}

/** A difference with its sign: "+0.06", "−0.01" (a real minus sign), "±0.00". */
export function signed(value: number): string {
  const text = Math.abs(value).toFixed(2);
  if (text === "0.00") return "±0.00";
  return `${value > 0 ? "+" : "−"}${text}`;
}

/** The headline of a finished clone: is it worth using over the closest built-in voice? */
export function verdict(similarity: Similarity, recommendStock: boolean | null | undefined): string {
  if (recommendStock) {
    return `Use the built-in voice ${similarity.nearest_stock_voice} instead: it is as close to the sample as the clone (${signed(similarity.gain)}).`;
  }
  return `The clone is closer to the sample than any built-in voice (${signed(similarity.gain)} over ${similarity.nearest_stock_voice}).`;
}

export type CloneStatus = "cloning" | "ready" | "failed" | "cancelled";

/** A status badge's words: "Cloning 40%", "Ready", "Failed", "Cancelled". */
export function statusText(status: string, progress?: CloneProgress | null): string {
  switch (status) {
    case "cloning": {
      const share = progressShare(progress);
      return share === null ? "Cloning" : `Cloning ${Math.round(share * 100)}%`;
    }
    case "ready":
      return "Ready";
    case "failed":
      return "Failed";
    case "cancelled":
      return "Cancelled";
    default:
      return status.charAt(0).toUpperCase() + status.slice(1);
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** E-mails typed into one box, separated by commas, semicolons, spaces or lines: lower-cased, once each. */
export function parseEmails(text: string): { emails: string[]; invalid: string[] } {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  const unique = [...new Set(parts)];
  return { emails: unique.filter((p) => EMAIL.test(p)), invalid: unique.filter((p) => !EMAIL.test(p)) };
}
