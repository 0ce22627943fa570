// Studio generation: POST /v1/text-to-speech/{voice}/stream/with-timestamps, one JSON object per line
// (a piece of audio and the character times of its sentence). The pieces give real progress while the
// server works; together they are the file, and their times give the read-along words.
import { errorFromPayload, request, type Alignment, type AudioFormat, type TextToSpeechRequest } from "../api/client";
import { base64ToBytes, concatBytes, fixStreamedWav, MEDIA_TYPES, outputFormat } from "./audio";
import { isSsml, parseIgnoredHeader, SSML_IGNORED_HEADER, type IgnoredMarkup } from "./ssml";
import { AlignmentCollector, type TimedWord } from "./timestamps";

export interface GenerateOrder {
  text: string;
  voice: string;
  speed: number;
  format: AudioFormat;
  sampleRate: number;
  /** The reading language (BCP 47, e.g. fr-FR); absent or "": the voice's own. */
  language?: string;
}

export interface Generated {
  blob: Blob;
  bytes: Uint8Array;
  words: TimedWord[];
  order: GenerateOrder;
  /** SSML markup the server read but did not render as written (X-SSML-Ignored). */
  ignored: IgnoredMarkup[];
}

interface StreamEvent {
  audio_base64?: string;
  alignment?: Alignment | null; // the schema's Alignment: a drift in it fails tsc here
  type?: string;
  error?: unknown;
}

export function speechPath(voice: string, format: AudioFormat, sampleRate: number, suffix = "/stream/with-timestamps"): string {
  const query = new URLSearchParams({ output_format: outputFormat(format, sampleRate) });
  return `/v1/text-to-speech/${encodeURIComponent(voice)}${suffix}?${query.toString()}`;
}

/**
 * The JSON body of the ElevenLabs-shaped request: the text as typed (SSML included: the server reads a
 * text that starts with `<speak` as SSML), the speed, and the reading language as ElevenLabs'
 * `language_code` when one is chosen.
 */
export function speechBody(order: GenerateOrder): TextToSpeechRequest {
  const body: TextToSpeechRequest = { text: order.text, voice_settings: { speed: order.speed } };
  if (order.language) body.language_code = order.language;
  return body;
}

/** Split NDJSON text into complete lines; returns them and the unfinished rest. */
export function takeLines(buffer: string): [string[], string] {
  const lines = buffer.split("\n");
  const rest = lines.pop() ?? "";
  return [lines.filter((line) => line.trim() !== ""), rest];
}

export async function generate(
  order: GenerateOrder,
  { signal, onProgress }: { signal: AbortSignal; onProgress: (share: number) => void },
): Promise<Generated> {
  const response = await request(speechPath(order.voice, order.format, order.sampleRate), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(speechBody(order)),
    signal,
  });
  const ignored = parseIgnoredHeader(response.headers.get(SSML_IGNORED_HEADER));
  const collector = new AlignmentCollector(order.text, { ssml: isSsml(order.text) });
  const pieces: Uint8Array[] = [];
  const handle = (line: string) => {
    const event = JSON.parse(line) as StreamEvent;
    if (event.type === "error" || event.error !== undefined) throw errorFromPayload(500, event.error);
    if (event.audio_base64) pieces.push(base64ToBytes(event.audio_base64));
    if (event.alignment) {
      collector.add(event.alignment);
      onProgress(collector.progress);
    }
  };
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const [lines, rest] = takeLines(buffer + value);
    buffer = rest;
    lines.forEach(handle);
  }
  if (buffer.trim()) handle(buffer);
  onProgress(1);
  let bytes = concatBytes(pieces);
  if (order.format === "wav") bytes = fixStreamedWav(bytes);
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: MEDIA_TYPES[order.format] });
  return { blob, bytes, words: collector.words(), order, ignored };
}
