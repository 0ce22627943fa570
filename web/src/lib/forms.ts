// Small helpers for the account forms: which field an API error is about, and where to go next.
import { ApiError, plainMessage } from "../api/client";

/**
 * The form field an error belongs to: the API names it in `details.field` (or, for a 422, in
 * `details.errors[].field`); `unnamed` is where an error about an unnamed input goes (on these forms
 * the only unnamed input check is the password's strength).
 */
export function fieldFor<F extends string>(error: ApiError, fields: readonly F[], unnamed: F | null = null): F | null {
  const problems = Array.isArray(error.details.errors) ? (error.details.errors as unknown[]) : [];
  const first = problems[0];
  const listed = typeof first === "object" && first !== null ? (first as { field?: unknown }).field : undefined;
  const named = typeof error.details.field === "string" ? error.details.field : typeof listed === "string" ? listed : null;
  if (named !== null) {
    const last = named.split(".").pop() ?? named;
    return (fields as readonly string[]).includes(last) ? (last as F) : null;
  }
  return error.code === "invalid_input" ? unnamed : null;
}

/** A 422's message names the field in code ("body.email: ..."); for a person, the reason is enough. */
export function fieldMessage(error: ApiError): string {
  const problems = Array.isArray(error.details.errors) ? (error.details.errors as unknown[]) : [];
  const first = problems[0];
  if (error.code === "validation_error" && typeof first === "object" && first !== null) {
    const message = (first as { message?: unknown }).message;
    if (typeof message === "string") return plainMessage(new ApiError(error.status, error.code, message));
  }
  return plainMessage(error);
}

/** Where to go after signing in: only a path on this site (never "//evil.example" or a URL). */
export function safeNext(next: string | null, fallback: string): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  if (/^\/app\/(signin|signup)\b/.test(next)) return fallback;
  return next;
}

/** Seconds to wait from a 429, from Retry-After or the error's details. */
export function retryAfterSeconds(error: ApiError): number | null {
  if (error.retryAfter !== null) return error.retryAfter;
  const fromDetails = error.details.retry_after;
  return typeof fromDetails === "number" ? fromDetails : null;
}

/** "42 s", "2 min 5 s": how long to wait, for a person. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}
