// Audio formats the web app offers, their rates, and small byte-level helpers.
import type { AudioFormat } from "../api/client";

export const FORMATS: readonly AudioFormat[] = ["mp3", "wav", "opus", "flac", "aac"];

export const MEDIA_TYPES: Record<AudioFormat, string> = {
  mp3: "audio/mpeg",
  wav: "audio/wav",
  opus: "audio/ogg",
  flac: "audio/flac",
  aac: "audio/aac",
};

const MPEG_RATES = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];
const OPUS_RATES = [8000, 12000, 16000, 24000, 48000];
const ANY_RATES = [8000, 16000, 22050, 24000, 32000, 44100, 48000];

/** Sample rates each format can be encoded at (the server's rules, see vocalis.audio.formats). */
export function sampleRates(format: AudioFormat): number[] {
  if (format === "mp3" || format === "aac") return MPEG_RATES;
  if (format === "opus") return OPUS_RATES;
  return ANY_RATES;
}

/** The ElevenLabs-style output_format parameter, e.g. "mp3_24000". */
export function outputFormat(format: AudioFormat, rate: number): string {
  return `${format}_${rate}`;
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * A streamed WAV does not know its length when its header is written (sizes are 0xFFFFFFFF). Once
 * every byte has arrived, write the real RIFF and data sizes so every player shows the duration.
 */
export function fixStreamedWav(bytes: Uint8Array): Uint8Array {
  const ascii = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || ascii(0) !== "RIFF" || ascii(8) !== "WAVE") return bytes;
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  view.setUint32(4, out.length - 8, true);
  let at = 12;
  while (at + 8 <= out.length) {
    const size = view.getUint32(at + 4, true);
    if (ascii(at) === "data") {
      view.setUint32(at + 4, out.length - at - 8, true);
      break;
    }
    at += 8 + size + (size % 2);
  }
  return out;
}

export function formatTime(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "0:00";
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}
