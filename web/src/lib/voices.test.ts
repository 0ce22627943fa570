import { describe, expect, it } from "vitest";
import type { Voice } from "../api/client";
import { facet, filterVoices, isCloned, NO_FILTER, previewText, usableVoices, voiceStatus } from "./voices";

const voice = (voice_id: string, name: string, language: string, accent: string, gender: string): Voice => ({
  voice_id,
  name,
  category: "premade",
  description: `Kokoro v1.0, ${accent} ${gender}`,
  labels: { language, accent, gender, engine: "kokoro" },
  sample_rate: 24000,
});

const voices = [
  voice("af_bella", "Bella", "en-US", "American", "female"),
  voice("bm_george", "George", "en-GB", "British", "male"),
  voice("jf_alpha", "Alpha", "ja-JP", "Japanese", "female"),
];

describe("voice filters", () => {
  it("filters by label and by words in any field", () => {
    expect(filterVoices(voices, { ...NO_FILTER, language: "en-GB" }).map((v) => v.voice_id)).toEqual(["bm_george"]);
    expect(filterVoices(voices, { ...NO_FILTER, gender: "female" })).toHaveLength(2);
    expect(filterVoices(voices, { ...NO_FILTER, query: "british GEORGE" })).toHaveLength(1);
    expect(filterVoices(voices, { ...NO_FILTER, query: "japanese" }).map((v) => v.voice_id)).toEqual(["jf_alpha"]);
    expect(filterVoices(voices, NO_FILTER)).toHaveLength(3);
  });
  it("lists each label's values once", () => {
    expect(facet(voices, "gender")).toEqual(["female", "male"]);
  });
  it("previews each voice in its own language", () => {
    expect(previewText(voices[2]!)).toMatch(/こんにちは/);
    expect(previewText(voices[0]!)).toBe("Hello, I'm Bella. This is how I sound.");
    expect(previewText(voice("ff_siwis", "Siwis", "fr-FR", "French", "female"))).toBe("Bonjour, je m'appelle Siwis. Voici ma voix.");
    expect(previewText(voice("ef_dora", "Dora", "es-ES", "Spanish", "female"))).toBe("Hola, me llamo Dora. Así suena mi voz.");
    expect(previewText(voice("im_nicola", "Nicola", "it-IT", "Italian", "male"))).toBe("Ciao, mi chiamo Nicola. Ecco come suona la mia voce.");
    expect(previewText(voice("pf_dora", "Dora (Brazil)", "pt-BR", "Brazilian", "female"))).toBe("Olá, meu nome é Dora. É assim que a minha voz soa.");
    expect(previewText(voice("zf_xiaobei", "Xiaobei", "zh-CN", "Mandarin", "female"))).toMatch(/^你好/);
  });
  it("previews Hindi voices in English: they read with English rules", () => {
    expect(previewText(voice("hf_alpha", "Alpha", "hi-IN", "Hindi", "female"))).toBe("Hello, I'm Alpha. This is how I sound.");
  });
});

describe("cloned voices", () => {
  const clone = (voice_id: string, status: string): Voice => ({
    ...voice(voice_id, "Ana", "en-US", "American", "unknown"),
    category: "cloned",
    labels: { language: "en-US", accent: "American", gender: "unknown", engine: "kokoro", status },
  });

  it("lists built-in voices and ready clones as usable, not clones still cloning or failed", () => {
    const all = [clone("clone_a", "ready"), clone("clone_b", "cloning"), clone("clone_c", "failed"), ...voices];
    expect(usableVoices(all).map((v) => v.voice_id)).toEqual(["clone_a", "af_bella", "bm_george", "jf_alpha"]);
    expect(voiceStatus(all[1]!)).toBe("cloning");
    expect(voiceStatus(voices[0]!)).toBe("ready");
    expect(isCloned(all[0]!)).toBe(true);
    expect(isCloned(voices[0]!)).toBe(false);
  });
});
