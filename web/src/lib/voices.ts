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

/**
 * A short sentence in the voice's language for its preview: Kokoro voices read their own language
 * (English, French, Spanish, Italian, Brazilian Portuguese, Mandarin, Japanese). The Hindi voices read
 * with English rules, so they, and voices of any other language, say the English sentence.
 */
export function previewText(voice: Voice): string {
  const name = voice.name.replace(/\s*\(.*\)$/, "");
  switch (label(voice, "language").split("-")[0]?.toLowerCase()) {
    case "fr":
      return `Bonjour, je m'appelle ${name}. Voici ma voix.`;
    case "es":
      return `Hola, me llamo ${name}. Así suena mi voz.`;
    case "it":
      return `Ciao, mi chiamo ${name}. Ecco come suona la mia voce.`;
    case "pt":
      return `Olá, meu nome é ${name}. É assim que a minha voz soa.`;
    case "zh":
      return "你好！很高兴认识你，这就是我的声音。";
    case "ja":
      return "こんにちは。これは私の声のサンプルです。";
    default:
      return `Hello, I'm ${name}. This is how I sound.`;
  }
}

export function describe(voice: Voice): string {
  const gender = label(voice, "gender");
  return [label(voice, "accent"), gender ? gender.charAt(0).toUpperCase() + gender.slice(1) : ""].filter(Boolean).join(" · ");
}

/** Languages a text can be read as (the "Read as" choice): the server's reading rules, by BCP 47 tag. */
export const READING_LANGUAGES: ReadonlyArray<{ tag: string; name: string }> = [
  { tag: "en-US", name: "English (US)" },
  { tag: "en-GB", name: "English (UK)" },
  { tag: "fr-FR", name: "French" },
  { tag: "es-ES", name: "Spanish" },
  { tag: "it-IT", name: "Italian" },
  { tag: "pt-BR", name: "Portuguese (Brazil)" },
  { tag: "zh-CN", name: "Mandarin" },
  { tag: "ja-JP", name: "Japanese" },
];

/** "French" for fr-FR; the tag itself for one not in the list. */
export function readingLanguageName(tag: string): string {
  return READING_LANGUAGES.find((language) => language.tag === tag)?.name ?? tag;
}
