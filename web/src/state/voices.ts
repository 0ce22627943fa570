// The voice list, loaded once and shared by every page; retried with backoff when the server is away.
import { useEffect, useSyncExternalStore } from "react";
import { api, ApiError, plainMessage, retrying, type Voice } from "../api/client";

export interface VoicesState {
  status: "idle" | "loading" | "ready" | "error";
  voices: Voice[];
  /** What went wrong, in plain words (while retrying or after giving up). */
  error: string | null;
  /** Seconds until the next automatic try, while retrying. */
  retryIn: number | null;
}

let state: VoicesState = { status: "idle", voices: [], error: null, retryIn: null };
const listeners = new Set<() => void>();

function set(next: Partial<VoicesState>): void {
  state = { ...state, ...next };
  listeners.forEach((listener) => listener());
}

// Bumped when the user changes: a load started for the previous user must not land.
let generation = 0;

export async function loadVoices(): Promise<void> {
  if (state.status === "loading") return;
  const mine = ++generation;
  const current = (next: Partial<VoicesState>) => {
    if (mine === generation) set(next);
  };
  set({ status: "loading", error: null, retryIn: null });
  try {
    const voices = await retrying(() => api.voices(), {
      attempts: 5,
      baseDelayMs: 1000,
      onRetry: (error, _attempt, delay) => current({ error: plainMessage(error), retryIn: Math.round(delay / 1000) }),
    });
    current({ status: "ready", voices, error: null, retryIn: null });
  } catch (error) {
    const message = error instanceof ApiError ? plainMessage(error) : "Something went wrong while loading the voices.";
    current({ status: "error", error: message, retryIn: null });
  }
}

/**
 * Load the list again without hiding the one on screen (after a clone starts, finishes, is renamed or
 * deleted); falls back to a full load when there is no list yet.
 */
export async function refreshVoices(): Promise<void> {
  if (state.status !== "ready") return loadVoices();
  const mine = generation;
  try {
    const voices = await api.voices();
    if (mine === generation && state.status === "ready") set({ voices });
  } catch {
    // The list on screen stays; the next refresh or page load tries again.
  }
}

/** A page showing the list asks once more when it opens if a clone was still running at the last look. */
export function useFreshClones(): void {
  useEffect(() => {
    if (state.voices.some((voice) => voice.category === "cloned" && (voice.cloning?.status ?? voice.labels.status) === "cloning")) {
      void refreshVoices();
    }
  }, []);
}

/** Forget the list (another user signed in, or nobody): the next page that needs it loads it again. */
export function resetVoices(): void {
  generation++;
  set({ status: "idle", voices: [], error: null, retryIn: null });
}

export function useVoices(): VoicesState {
  const current = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
  useEffect(() => {
    if (state.status === "idle") void loadVoices();
  }, [current.status]);
  return current;
}
