// "Copy as curl" and "Copy as Python" for the request the Studio makes.
import type { GenerateOrder } from "./generate";
import { speechBody, speechPath } from "./generate";

/** Quote for a POSIX shell: everything literal inside single quotes. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A Python string literal (JSON's escapes are valid Python). */
export function pythonString(value: string): string {
  return JSON.stringify(value);
}

function speedLiteral(speed: number): string {
  return Number.isInteger(speed) ? speed.toFixed(1) : String(speed);
}

/** The environment variable the snippets read an API key from, when the server needs one. */
export const KEY_VARIABLE = "VOCALIS_API_KEY";

/** curl for the ElevenLabs-style route: same voice, speed, reading language, format and sample rate, audio saved to a file. */
export function curlSnippet(baseUrl: string, order: GenerateOrder, { withKey = false } = {}): string {
  const url = `${baseUrl}${speechPath(order.voice, order.format, order.sampleRate, "")}`;
  const body = JSON.stringify(speechBody(order));
  return [
    `curl -X POST ${shellQuote(url)} \\`,
    ...(withKey ? [`  -H "xi-api-key: $${KEY_VARIABLE}" \\`] : []),
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(body)} \\`,
    `  --output speech.${order.format}`,
  ].join("\n");
}

/** Python with the official openai client pointed at this server. */
export function pythonSnippet(baseUrl: string, order: GenerateOrder, { withKey = false } = {}): string {
  const key = withKey ? `os.environ[${pythonString(KEY_VARIABLE)}]` : '"not-needed"';
  const lines = [
    ...(withKey ? ["import os", ""] : []),
    "from openai import OpenAI",
    "",
    `client = OpenAI(base_url=${pythonString(`${baseUrl}/v1`)}, api_key=${key})`,
    "",
  ];
  if (order.sampleRate !== 24000) {
    lines.push(
      `# The OpenAI route encodes at the voice's own rate (24 kHz); for ${order.sampleRate} Hz use`,
      `# POST /v1/text-to-speech/{voice}?output_format=${order.format}_${order.sampleRate} (see "Copy as curl").`,
    );
  }
  lines.push(
    "with client.audio.speech.with_streaming_response.create(",
    '    model="kokoro",',
    `    voice=${pythonString(order.voice)},`,
    `    input=${pythonString(order.text)},`,
    `    response_format=${pythonString(order.format)},`,
    `    speed=${speedLiteral(order.speed)},`,
    ...(order.language ? [`    extra_body={"language": ${pythonString(order.language)}},  # the reading language`] : []),
    ") as response:",
    `    response.stream_to_file(${pythonString(`speech.${order.format}`)})`,
  );
  return lines.join("\n");
}
