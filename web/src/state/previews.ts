// Voice previews: generated on demand through the API, kept in memory, played one at a time.
import { useSyncExternalStore } from "react";
import { api, ApiError, isAbort, plainMessage, type Voice } from "../api/client";
import { previewText } from "../lib/voices";

export interface PreviewState {
  voiceId: string | null;
  phase: "idle" | "loading" | "playing";
  error: { voiceId: string; message: string } | null;
}

const cache = new Map<string, Promise<string>>();
let state: PreviewState = { voiceId: null, phase: "idle", error: null };
const listeners = new Set<() => void>();
let player: HTMLAudioElement | null = null;
let pending: AbortController | null = null;

function set(next: Partial<PreviewState>): void {
  state = { ...state, ...next };
  listeners.forEach((listener) => listener());
}

function audio(): HTMLAudioElement {
  if (player === null) {
    player = new Audio();
    player.addEventListener("ended", () => set({ phase: "idle", voiceId: null }));
  }
  return player;
}

function previewUrl(voice: Voice, signal: AbortSignal): Promise<string> {
  let url = cache.get(voice.voice_id);
  if (url === undefined) {
    url = api
      .speech({ model: "kokoro", input: previewText(voice), voice: voice.voice_id, response_format: "mp3" }, signal)
      .then((blob) => URL.createObjectURL(blob));
    cache.set(voice.voice_id, url);
    url.catch(() => cache.delete(voice.voice_id)); // a failed preview is tried again next time
  }
  return url;
}

export function stopPreview(): void {
  pending?.abort();
  pending = null;
  player?.pause();
  set({ phase: "idle", voiceId: null });
}

/** Play a voice's preview, or stop it when it is the one playing. */
export async function togglePreview(voice: Voice): Promise<void> {
  const same = state.voiceId === voice.voice_id && state.phase !== "idle";
  stopPreview();
  if (same) return;
  const controller = new AbortController();
  pending = controller;
  set({ voiceId: voice.voice_id, phase: "loading", error: null });
  try {
    const url = await previewUrl(voice, controller.signal);
    if (controller.signal.aborted) return;
    const element = audio();
    element.src = url;
    set({ phase: "playing" });
    await element.play();
  } catch (error) {
    if (isAbort(error) || controller.signal.aborted) return;
    const message =
      error instanceof ApiError ? plainMessage(error) : "The browser could not play the preview.";
    set({ phase: "idle", voiceId: null, error: { voiceId: voice.voice_id, message } });
  } finally {
    if (pending === controller) pending = null;
  }
}

/** Forget every preview (the user changed): they are fetched again with the new session. */
export function resetPreviews(): void {
  stopPreview();
  cache.forEach((url) => void url.then((u) => URL.revokeObjectURL(u), () => undefined));
  cache.clear();
  set({ error: null });
}

export function usePreview(): PreviewState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
