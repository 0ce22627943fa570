import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/client";
import { generate, speechBody, type GenerateOrder } from "./generate";

const order: GenerateOrder = { text: "Bonjour à tous.", voice: "ff_siwis", speed: 1, format: "mp3", sampleRate: 24000 };

/** One NDJSON line: a piece of audio and the character times of `text`, 0.1 s a character from `start`. */
const event = (text: string, start: number) =>
  JSON.stringify({
    audio_base64: btoa("abc"),
    alignment: {
      characters: [...text],
      character_start_times_seconds: [...text].map((_, i) => start + i * 0.1),
      character_end_times_seconds: [...text].map((_, i) => start + (i + 1) * 0.1),
    },
  }) + "\n";

function server(lines: string[], headers: Record<string, string> = {}) {
  const requests: Array<{ url: string; body: unknown }> = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      requests.push({ url, body: JSON.parse(String(init?.body)) });
      return new Response(lines.join(""), { headers: { "Content-Type": "application/x-ndjson", ...headers } });
    }),
  );
  return requests;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const run = (o: GenerateOrder) => generate(o, { signal: new AbortController().signal, onProgress: () => undefined });

describe("the speech request", () => {
  it("names the reading language as ElevenLabs' language_code, only when one is chosen", () => {
    expect(speechBody({ ...order, language: "fr-FR" })).toEqual({ text: "Bonjour à tous.", voice_settings: { speed: 1 }, language_code: "fr-FR" });
    expect(speechBody(order)).not.toHaveProperty("language_code");
    expect(speechBody({ ...order, language: "" })).not.toHaveProperty("language_code");
  });

  it("posts it to the streaming route with timestamps", async () => {
    const requests = server([event("Bonjour à tous.", 0)]);
    const generated = await run({ ...order, language: "fr-FR" });
    expect(requests).toEqual([
      {
        url: "/v1/text-to-speech/ff_siwis/stream/with-timestamps?output_format=mp3_24000",
        body: { text: "Bonjour à tous.", voice_settings: { speed: 1 }, language_code: "fr-FR" },
      },
    ]);
    expect(generated.words.map((w) => w.word)).toEqual(["Bonjour", "à", "tous"]);
    expect(generated.ignored).toEqual([]);
  });
});

describe("SSML", () => {
  const ssml = '<speak>Hello! <break time="1s"/> This is <emphasis>SSML</emphasis>.</speak>';

  it("sends the document as written and reports the markup the server did not use", async () => {
    const requests = server([event("Hello! ", 0)], { "X-SSML-Ignored": "audio 3:5 unsupported element; prosody@pitch 4:1 pitch clamped to 6.0 semitones" });
    const generated = await run({ ...order, text: ssml });
    expect((requests[0]!.body as { text: string }).text).toBe(ssml);
    expect(generated.ignored.map((i) => i.name)).toEqual(["audio", "prosody@pitch"]);
  });

  it("highlights words at their offsets in the SSML source, never a tag's name", async () => {
    // The server's chunks are slices of the source, markup included.
    server([event("<speak>Hello! ", 0), event(`<break time="1s"/> This is <emphasis>SSML</emphasis>.</speak>`, 2)]);
    const generated = await run({ ...order, text: ssml });
    expect(generated.words.map((w) => w.word)).toEqual(["Hello", "This", "is", "SSML"]);
    for (const word of generated.words) expect(ssml.slice(word.charStart, word.charEnd)).toBe(word.word);
  });

  it("places chunks that carry the document's text without its markup", async () => {
    server([event("Hello!  This is SSML.", 0)]);
    const generated = await run({ ...order, text: ssml });
    const ssmlWord = generated.words[3]!;
    expect(ssml.slice(ssmlWord.charStart, ssmlWord.charEnd)).toBe("SSML");
    expect(ssmlWord.start).toBeCloseTo(1.6);
  });

  it("passes the server's invalid_ssml error on with its line and column", async () => {
    const error = { code: "invalid_ssml", message: "SSML line 3, column 14: mismatched tag", details: { line: 3, column: 14 } };
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ error }), { status: 400, headers: { "Content-Type": "application/json" } })));
    const refused = await run({ ...order, text: ssml }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 400, code: "invalid_ssml", details: { line: 3, column: 14 } });
  });
});
