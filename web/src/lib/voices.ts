// Voice facts for display and filtering.
import type { Voice } from "../api/client";

export interface VoiceFilter {
  query: string;
  language: string;
  accent: string;
  gender: string;
}

export const NO_FILTER: VoiceFilter = { query: "", language: "", accent: "", gender: "" };

export const label = (voice: Voice, key: "language" | "accent" | "gender" | "engine"): string => voice.labels[key] ?? "";

const names = (() => {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" });
  } catch {
    return null;
  }
})();

/** "en-GB" -> "English (United Kingdom)"; the tag itself when the browser cannot name it. */
export function languageName(tag: string): string {
  if (!tag) return "Unknown";
  try {
    return names?.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A voice the user cloned (or that someone shared with them), in any state. */
export const isCloned = (voice: Voice): boolean => voice.category === "cloned";

/** cloning, ready, failed or cancelled for a cloned voice; ready for a built-in one. */
export function voiceStatus(voice: Voice): string {
  if (!isCloned(voice)) return "ready";
  return voice.cloning?.status ?? voice.labels.status ?? "ready";
}

/** The voices that can speak now: every built-in one, and the cloned ones that are ready. */
export function usableVoices(voices: readonly Voice[]): Voice[] {
  return voices.filter((voice) => voiceStatus(voice) === "ready");
}

export function matchesFilter(voice: Voice, filter: VoiceFilter): boolean {
  if (filter.language && label(voice, "language") !== filter.language) return false;
  if (filter.accent && label(voice, "accent") !== filter.accent) return false;
  if (filter.gender && label(voice, "gender") !== filter.gender) return false;
  const query = filter.query.trim().toLowerCase();
  if (!query) return true;
  const haystack = [voice.voice_id, voice.name, voice.description, ...Object.values(voice.labels), languageName(label(voice, "language"))]
    .join(" ")
    .toLowerCase();
  return query.split(/\s+/).every((term) => haystack.includes(term));
}

export function filterVoices(voices: readonly Voice[], filter: VoiceFilter): Voice[] {
  return voices.filter((voice) => matchesFilter(voice, filter));
}

/** The distinct values of a label, sorted, for a filter's options. */
export function facet(voices: readonly Voice[], key: "language" | "accent" | "gender"): string[] {
  return [...new Set(voices.map((v) => label(v, key)).filter(Boolean))].sort((a, b) => a.localeCompare(b));
}

/** A short sentence in the voice's language for its preview. Kokoro reads other languages with English rules. */
export function previewText(voice: Voice): string {
  if (label(voice, "language").startsWith("ja")) return "こんにちは。これは私の声のサンプルです。";
  return `Hello, I'm ${voice.name.replace(/\s*\(.*\)$/, "")}. This is how I sound.`;
}

export function describe(voice: Voice): string {
  const gender = label(voice, "gender");
  return [label(voice, "accent"), gender ? gender.charAt(0).toUpperCase() + gender.slice(1) : ""].filter(Boolean).join(" · ");
}
