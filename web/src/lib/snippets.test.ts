import { describe, expect, it } from "vitest";
import { curlSnippet, pythonSnippet, shellQuote } from "./snippets";

const order = { text: "It's 5 o'clock.", voice: "af_bella(2)+af_sky(1)", speed: 1.25, format: "mp3" as const, sampleRate: 44100 };

describe("snippets", () => {
  it("quotes text safely for the shell", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    const curl = curlSnippet("http://127.0.0.1:8000", order);
    expect(curl).toContain("/v1/text-to-speech/af_bella(2)%2Baf_sky(1)?output_format=mp3_44100");
    expect(curl).toContain(`'{"text":"It'\\''s 5 o'\\''clock.","voice_settings":{"speed":1.25}}'`);
    expect(curl).toContain("--output speech.mp3");
  });
  it("writes the same request for the openai client", () => {
    const python = pythonSnippet("http://127.0.0.1:8000", { ...order, speed: 1, sampleRate: 24000 });
    expect(python).toContain('OpenAI(base_url="http://127.0.0.1:8000/v1"');
    expect(python).toContain('voice="af_bella(2)+af_sky(1)"');
    expect(python).toContain(`input="It's 5 o'clock."`);
    expect(python).toContain("speed=1.0,");
    expect(python).not.toContain("# The OpenAI route");
    expect(pythonSnippet("http://h", order)).toContain("output_format=mp3_44100");
  });
  it("names the reading language when one is chosen, and only then", () => {
    const french = { ...order, text: "Bonjour à tous.", voice: "ff_siwis", language: "fr-FR" };
    expect(curlSnippet("http://h", french)).toContain(`'{"text":"Bonjour à tous.","voice_settings":{"speed":1.25},"language_code":"fr-FR"}'`);
    expect(pythonSnippet("http://h", french)).toContain(`extra_body={"language": "fr-FR"},`);
    expect(curlSnippet("http://h", { ...order, language: "" })).not.toContain("language");
    expect(pythonSnippet("http://h", { ...order, language: "" })).not.toContain("language");
  });
  it("sends SSML as it is written", () => {
    const ssml = { ...order, text: `<speak>Hi <break time="1s"/> there.</speak>` };
    expect(curlSnippet("http://h", ssml)).toContain(`'{"text":"<speak>Hi <break time=\\"1s\\"/> there.</speak>",`);
    expect(pythonSnippet("http://h", ssml)).toContain(`input="<speak>Hi <break time=\\"1s\\"/> there.</speak>",`);
  });
  it("reads an API key from the environment when the server needs one", () => {
    expect(curlSnippet("http://h", order, { withKey: true })).toContain(`-H "xi-api-key: $VOCALIS_API_KEY"`);
    expect(curlSnippet("http://h", order)).not.toContain("xi-api-key");
    const python = pythonSnippet("http://h", order, { withKey: true });
    expect(python).toContain("import os");
    expect(python).toContain('api_key=os.environ["VOCALIS_API_KEY"]');
  });
});
