// The typed API client. Types come from schema.d.ts, generated from the server's OpenAPI schema
// (npm run api:sync), so a change on the server that the app does not follow fails `tsc`.
import type { components, paths } from "./schema";
import { withSessionRefresh, type Fetcher } from "./session";

type Schemas = components["schemas"];
type JsonBody<T> = T extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;
type JsonOk<T> = T extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;

export type Voice = Schemas["ElevenVoice"];
export type Health = Schemas["Health"];
export type WordTiming = Schemas["WordTiming"];
export type Alignment = Schemas["Alignment"];
export type SpeechRequest = JsonBody<paths["/v1/audio/speech"]["post"]>;
export type TextToSpeechRequest = JsonBody<paths["/v1/text-to-speech/{voice_id}/stream/with-timestamps"]["post"]>;
export type AudioFormat = Exclude<NonNullable<SpeechRequest["response_format"]>, "pcm">;
type VoiceList = JsonOk<paths["/v1/voices"]["get"]>;

/** What the API says went wrong: `{"error": {"code", "message", "details"}}`, or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  /** Seconds the server asked us to wait (Retry-After), if it said. */
  readonly retryAfter: number | null;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}, retryAfter: number | null = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }

  /** A network failure, an overloaded server or a gateway hiccup: trying again later can help. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export const NETWORK_ERROR = "network_error";
export const ABORTED = "aborted";

export function isAbort(error: unknown): boolean {
  return (
    (error instanceof ApiError && error.code === ABORTED) ||
    (typeof error === "object" && error !== null && (error as { name?: string }).name === "AbortError")
  );
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Build an ApiError from an error payload (`{"code","message","details"}`), e.g. an in-band stream event. */
export function errorFromPayload(status: number, payload: unknown, retryAfter: number | null = null): ApiError {
  const body = asRecord(payload);
  const code = typeof body.code === "string" ? body.code : "http_error";
  const message = typeof body.message === "string" && body.message ? body.message : `The server answered with status ${status}.`;
  return new ApiError(status, code, message, asRecord(body.details), retryAfter);
}

/** Turn a non-2xx response into an ApiError, whatever its body is (JSON error, HTML from a proxy, nothing). */
export async function readError(response: Response): Promise<ApiError> {
  const header = response.headers.get("Retry-After");
  const retryAfter = header !== null && /^\d+$/.test(header.trim()) ? Number(header) : null;
  let text = "";
  try {
    text = await response.text();
  } catch {
    // The body could not be read; the status still says enough.
  }
  try {
    const parsed: unknown = JSON.parse(text);
    const error = asRecord(parsed).error;
    if (error !== undefined) return errorFromPayload(response.status, error, retryAfter);
  } catch {
    // Not JSON: a proxy's HTML page, a plain-text message or nothing.
  }
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  return new ApiError(response.status, "http_error", `The server answered with status ${status}.`, {}, retryAfter);
}

const sessionLost = new Set<() => void>();

/** Be told when the session ends on its own (its refresh was refused). Returns the unsubscribe. */
export function onSessionLost(listener: () => void): () => void {
  sessionLost.add(listener);
  return () => sessionLost.delete(listener);
}

/** The app's fetch: same-origin cookies, and one refresh-and-retry when a call answers 401. */
export const sessionFetch = withSessionRefresh((input, init) => fetch(input, init), {
  onSignedOut: () => sessionLost.forEach((listener) => listener()),
});

/** fetch() that throws ApiError for network failures and error statuses (never returns a failed response). */
export async function request(path: string, init: RequestInit = {}, fetcher: Fetcher = sessionFetch): Promise<Response> {
  let response: Response;
  try {
    response = await fetcher(path, init);
  } catch (error) {
    if (isAbort(error) || init.signal?.aborted) throw new ApiError(0, ABORTED, "Cancelled.");
    throw new ApiError(0, NETWORK_ERROR, "Could not reach the Vocalis server. Check that it is running and try again.");
  }
  if (!response.ok) throw await readError(response);
  return response;
}

export async function getJson<T>(path: string, signal?: AbortSignal, fetcher: Fetcher = sessionFetch): Promise<T> {
  const response = await request(path, { signal: signal ?? null, headers: { Accept: "application/json" } }, fetcher);
  return (await response.json()) as T;
}

export async function postJson(path: string, body: unknown, signal?: AbortSignal, fetcher: Fetcher = sessionFetch): Promise<Response> {
  return sendJson("POST", path, body, signal, fetcher);
}

export async function sendJson(
  method: "POST" | "PATCH" | "PUT" | "DELETE",
  path: string,
  body: unknown,
  signal?: AbortSignal,
  fetcher: Fetcher = sessionFetch,
): Promise<Response> {
  return request(
    path,
    { method, body: JSON.stringify(body), headers: { "Content-Type": "application/json", Accept: "application/json" }, signal: signal ?? null },
    fetcher,
  );
}

export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs?: number;
  signal?: AbortSignal;
  /** Told before each wait, e.g. to show "retrying in 4 s". */
  onRetry?: (error: ApiError, attempt: number, delayMs: number) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ApiError(0, ABORTED, "Cancelled."));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(new ApiError(0, ABORTED, "Cancelled."));
      },
      { once: true },
    );
  });
}

/** Retry `run` with exponential backoff while the error is retryable (honours Retry-After). */
export async function retrying<T>(run: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (error) {
      if (!(error instanceof ApiError) || !error.retryable || attempt >= options.attempts) throw error;
      const backoff = options.baseDelayMs * 2 ** (attempt - 1);
      const delay = Math.min(error.retryAfter !== null ? error.retryAfter * 1000 : backoff, options.maxDelayMs ?? 30_000);
      options.onRetry?.(error, attempt, delay);
      await wait(delay, options.signal);
    }
  }
}

export type ErrorField = "text" | "voice" | "speed" | "format" | "sample_rate";

/** Which input an error is about, so it can be shown next to that input. */
export function errorField(error: ApiError): ErrorField | null {
  switch (error.code) {
    case "empty_text":
    case "too_large":
      return "text";
    case "unknown_voice":
    case "invalid_blend":
      return "voice";
    case "unsupported_format":
      return "format";
  }
  const named = typeof error.details.field === "string" ? error.details.field : null;
  const problems = Array.isArray(error.details.errors) ? error.details.errors : [];
  const first = asRecord(problems[0]).field;
  const field = named ?? (typeof first === "string" ? first : null);
  if (field === null) return error.code === "out_of_range" && /sample rate|\bHz\b/i.test(error.message) ? "sample_rate" : null;
  if (/^(input|text)$/.test(field)) return "text";
  if (/speed$/.test(field)) return "speed";
  if (/voice/.test(field)) return "voice";
  if (/sample_rate|rate/.test(field)) return "sample_rate";
  if (/format/.test(field)) return "format";
  return null;
}

/** The message in plain words: a full sentence, with the API's suggestions when it has them. */
export function plainMessage(error: ApiError): string {
  let message = error.message.trim();
  message = message.charAt(0).toUpperCase() + message.slice(1);
  if (!/[.!?]$/.test(message)) message += ".";
  if (error.status === 429 || (error.status === 503 && error.code === "overloaded")) {
    const wait = error.retryAfter ?? (typeof error.details.retry_after === "number" ? error.details.retry_after : null);
    if (wait !== null) message += ` Try again in ${wait} s.`;
  }
  return message;
}

export const api = {
  health: (signal?: AbortSignal) => getJson<Health>("/health", signal),
  voices: async (signal?: AbortSignal): Promise<Voice[]> => (await getJson<VoiceList>("/v1/voices", signal)).voices,
  /** OpenAI-shaped speech: the whole audio file. */
  speech: async (body: SpeechRequest, signal?: AbortSignal): Promise<Blob> => (await postJson("/v1/audio/speech", body, signal)).blob(),
};
