// Microphone audio for live coaching: the device's float samples (44.1 or 48 kHz, usually) become the
// 16 kHz mono 16-bit little-endian PCM that WS /ws/session/{id} takes, in 100 ms frames. Pure code:
// it runs inside the AudioWorklet (coachWorklet.ts) and is unit-tested here.

/** The rate the server analyses at; frames at another rate would be resampled there anyway. */
export const TARGET_RATE = 16_000;
/** 100 ms at 16 kHz: small enough for a live meter, large enough not to flood the socket. */
export const FRAME_SAMPLES = 1_600;
/** The name coachWorklet.ts registers its processor under. */
export const PROCESSOR_NAME = "vocalis-pcm16";

/**
 * A second-order low-pass (RBJ cookbook biquad, Q = 1/√2: Butterworth), run sample by sample with its
 * state kept between blocks, so a stream cut into 128-sample render quanta filters like one piece.
 */
export class LowPass {
  private readonly b0: number;
  private readonly b1: number;
  private readonly b2: number;
  private readonly a1: number;
  private readonly a2: number;
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;

  constructor(cutoffHz: number, sampleRate: number) {
    const w0 = (2 * Math.PI * Math.min(cutoffHz, sampleRate * 0.49)) / sampleRate;
    const alpha = Math.sin(w0) / (2 * Math.SQRT1_2);
    const cos = Math.cos(w0);
    const a0 = 1 + alpha;
    this.b0 = (1 - cos) / 2 / a0;
    this.b1 = (1 - cos) / a0;
    this.b2 = (1 - cos) / 2 / a0;
    this.a1 = (-2 * cos) / a0;
    this.a2 = (1 - alpha) / a0;
  }

  process(input: Float32Array): Float32Array {
    const out = new Float32Array(input.length);
    for (let i = 0; i < input.length; i++) {
      const x = input[i]!;
      const y = this.b0 * x + this.b1 * this.x1 + this.b2 * this.x2 - this.a1 * this.y1 - this.a2 * this.y2;
      this.x2 = this.x1;
      this.x1 = x;
      this.y2 = this.y1;
      this.y1 = y;
      out[i] = y;
    }
    return out;
  }
}

/**
 * Streaming sample-rate conversion by linear interpolation. When it lowers the rate, three low-pass
 * stages (cut at 45% of the new rate: -1 dB at 4 kHz, about -28 dB at 12 kHz from 48 kHz) first remove
 * most of what the new rate cannot hold, so hiss above 8 kHz does not fold back into the speech band.
 */
export class Resampler {
  readonly inputRate: number;
  readonly outputRate: number;
  private readonly step: number;
  private readonly filters: LowPass[];
  /** Where the next output sample falls, in input samples from the start of the next block (≥ -1). */
  private position = 0;
  /** The last input sample of the previous block: index -1 of the next one. */
  private previous = 0;

  constructor(inputRate: number, outputRate: number = TARGET_RATE) {
    if (!(inputRate > 0) || !(outputRate > 0)) throw new RangeError("sample rates must be positive");
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    this.step = inputRate / outputRate;
    this.filters = inputRate > outputRate ? [1, 2, 3].map(() => new LowPass(outputRate * 0.45, inputRate)) : [];
  }

  process(block: Float32Array): Float32Array {
    if (block.length === 0) return new Float32Array(0);
    if (this.inputRate === this.outputRate) return block.slice();
    const input = this.filters.reduce((samples, filter) => filter.process(samples), block);
    const last = input.length - 1;
    const count = Math.max(0, Math.floor((last - this.position) / this.step) + 1);
    const out = new Float32Array(count);
    let t = this.position;
    for (let n = 0; n < count; n++, t += this.step) {
      const i = Math.floor(t);
      const fraction = t - i;
      const a = i < 0 ? this.previous : input[i]!;
      const b = i + 1 <= last ? input[i + 1]! : a;
      out[n] = a + (b - a) * fraction;
    }
    this.position = t - input.length;
    this.previous = input[last]!;
    return out;
  }
}

/** Float samples (-1..1, clipped beyond) as 16-bit little-endian PCM bytes, whatever the CPU's byte order. */
export function encodePcm16(samples: Float32Array): ArrayBuffer {
  const buffer = new ArrayBuffer(samples.length * 2);
  const view = new DataView(buffer);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]!));
    view.setInt16(i * 2, Math.round(s < 0 ? s * 32768 : s * 32767), true);
  }
  return buffer;
}

/** Decode 16-bit little-endian PCM bytes back to floats (tests, and any client-side check). */
export function decodePcm16(buffer: ArrayBuffer): Float32Array {
  const view = new DataView(buffer);
  const out = new Float32Array(Math.floor(buffer.byteLength / 2));
  for (let i = 0; i < out.length; i++) {
    const v = view.getInt16(i * 2, true);
    out[i] = v < 0 ? v / 32768 : v / 32767;
  }
  return out;
}

/**
 * Device audio in, whole 100 ms frames of 16 kHz PCM out: resamples, then cuts the stream into frames
 * of `frameSamples`, keeping the remainder for the next block.
 */
export class PcmFramer {
  private readonly resampler: Resampler;
  private readonly frameSamples: number;
  private pending = new Float32Array(0);

  constructor(inputRate: number, { outputRate = TARGET_RATE, frameSamples = FRAME_SAMPLES } = {}) {
    this.resampler = new Resampler(inputRate, outputRate);
    this.frameSamples = frameSamples;
  }

  push(block: Float32Array): ArrayBuffer[] {
    const resampled = this.resampler.process(block);
    const all = new Float32Array(this.pending.length + resampled.length);
    all.set(this.pending);
    all.set(resampled, this.pending.length);
    const frames: ArrayBuffer[] = [];
    let at = 0;
    for (; at + this.frameSamples <= all.length; at += this.frameSamples) {
      frames.push(encodePcm16(all.subarray(at, at + this.frameSamples)));
    }
    this.pending = all.slice(at);
    return frames;
  }
}
