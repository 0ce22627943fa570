// History, jobs and usage: typed from the server's OpenAPI schema (npm run api:sync).
import type { components } from "./schema";
import { getJson, request, sendJson } from "./client";

type Schemas = components["schemas"];
export type HistoryItem = Schemas["HistoryItem"];
export type HistoryPage = Schemas["HistoryPageOut"];
export type Job = Schemas["JobOut"];
export type JobBody = Schemas["JobBody"];
export type JobTimestamps = Schemas["JobTimestamps"];
export type Usage = Schemas["Analytics"];
export type UsageRow = Schemas["UsageRow"];
type IdsBody = Schemas["IdsBody"];
type ExportBody = Schemas["ExportBody"];
type BatchDeleted = Schemas["BatchDeleted"];

export interface HistoryQuery {
  q?: string;
  voice?: string;
  since?: string;
  until?: string;
  limit: number;
  offset: number;
}

export function historyPath(query: HistoryQuery): string {
  const params = new URLSearchParams();
  if (query.q?.trim()) params.set("q", query.q.trim());
  if (query.voice) params.set("voice", query.voice);
  if (query.since) params.set("since", query.since);
  if (query.until) params.set("until", query.until);
  params.set("limit", String(query.limit));
  params.set("offset", String(query.offset));
  return `/v1/history?${params.toString()}`;
}

export const history = {
  list: (query: HistoryQuery, signal?: AbortSignal) => getJson<HistoryPage>(historyPath(query), signal),
  audio: async (id: string, signal?: AbortSignal): Promise<Blob> =>
    (await request(`/v1/history/${encodeURIComponent(id)}/audio`, { signal: signal ?? null })).blob(),
  remove: async (id: string): Promise<void> => {
    await request(`/v1/history/${encodeURIComponent(id)}`, { method: "DELETE" });
  },
  removeMany: async (ids: string[]): Promise<BatchDeleted> => {
    const body: IdsBody = { ids };
    return (await (await sendJson("POST", "/v1/history/batch_delete", body)).json()) as BatchDeleted;
  },
  zip: async (ids: string[]): Promise<Blob> => {
    const body: ExportBody = { ids };
    return (await sendJson("POST", "/export/zip", body)).blob();
  },
};

export const jobs = {
  /** `onResponse` sees the answer's headers (X-SSML-Ignored) before its body is read. */
  submit: async (body: JobBody, signal?: AbortSignal, onResponse?: (response: Response) => void): Promise<Job> => {
    const response = await sendJson("POST", "/v1/jobs", body, signal);
    onResponse?.(response);
    return (await response.json()) as Job;
  },
  get: (id: string, signal?: AbortSignal) => getJson<Job>(`/v1/jobs/${encodeURIComponent(id)}`, signal),
  cancel: async (id: string): Promise<void> => {
    await request(`/v1/jobs/${encodeURIComponent(id)}`, { method: "DELETE" });
  },
  audio: async (id: string, signal?: AbortSignal): Promise<Blob> =>
    (await request(`/v1/jobs/${encodeURIComponent(id)}/audio`, { signal: signal ?? null })).blob(),
  /** Word timings over the whole file; only for a job submitted with `options.timestamps`. */
  timestamps: (id: string, signal?: AbortSignal) => getJson<JobTimestamps>(`/v1/jobs/${encodeURIComponent(id)}/timestamps`, signal),
};

export const usage = {
  /** Usage from `since` (ISO 8601) until now. */
  get: (since: string, signal?: AbortSignal) => getJson<Usage>(`/v1/usage?${new URLSearchParams({ since }).toString()}`, signal),
};

/** Save a blob under a name, the way a link with `download` would. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
