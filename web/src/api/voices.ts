// Voice cloning: upload a consented sample, follow the clone, edit, share, delete and speak with it.
// Typed from the server's OpenAPI schema (npm run api:sync).
import { getJson, request, sendJson } from "./client";
import type { components } from "./schema";

type Schemas = components["schemas"];
export type ClonedVoice = Schemas["ClonedVoiceOut"];
export type CloneAccepted = Schemas["CloneAccepted"];
export type CloneProgress = Schemas["CloneProgressOut"];
export type Similarity = Schemas["SimilarityOut"];
export type VoiceEdit = Schemas["VoiceEdit"];
type VoiceSpeech = Schemas["VoiceSpeech"];

/** What the clone form sends (POST /voices, multipart). */
export interface CloneOrder {
  file: Blob;
  filename: string;
  name: string;
  consent: string;
  description: string;
  removeBackgroundNoise: boolean;
}

const path = (voiceId: string) => `/voices/${encodeURIComponent(voiceId)}`;

export const clones = {
  create: async (order: CloneOrder, signal?: AbortSignal): Promise<CloneAccepted> => {
    const form = new FormData();
    form.set("file", order.file, order.filename);
    form.set("name", order.name);
    form.set("consent", order.consent);
    if (order.description.trim()) form.set("description", order.description.trim());
    form.set("remove_background_noise", order.removeBackgroundNoise ? "true" : "false");
    const response = await request("/voices", { method: "POST", body: form, headers: { Accept: "application/json" }, signal: signal ?? null });
    return (await response.json()) as CloneAccepted;
  },
  /** A cloned voice with its state: progress while cloning, similarity once ready. */
  get: (voiceId: string, signal?: AbortSignal) => getJson<ClonedVoice>(path(voiceId), signal),
  update: async (voiceId: string, edit: VoiceEdit): Promise<ClonedVoice> => (await (await sendJson("PATCH", path(voiceId), edit)).json()) as ClonedVoice,
  remove: async (voiceId: string): Promise<void> => {
    await request(path(voiceId), { method: "DELETE", headers: { Accept: "application/json" } });
  },
  /** Stop a clone that is still running (its voice ends up cancelled). */
  cancel: async (jobId: string): Promise<void> => {
    await request(`/v1/jobs/${encodeURIComponent(jobId)}`, { method: "DELETE", headers: { Accept: "application/json" } });
  },
  speak: async (voiceId: string, text: string, signal?: AbortSignal): Promise<Blob> => {
    const body: VoiceSpeech = { text, format: "mp3", speed: 1 };
    return (await sendJson("POST", `${path(voiceId)}/synthesize`, body, signal)).blob();
  },
};
