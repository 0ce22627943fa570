import { describe, expect, it } from "vitest";
import { decodePcm16, encodePcm16, FRAME_SAMPLES, PcmFramer, Resampler } from "./coachAudio";

const sine = (hz: number, rate: number, seconds: number, amplitude = 0.5) =>
  Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));

/** Root mean square of the samples after `skip` (the filters' start-up). */
const rms = (samples: Float32Array, skip = 0) => {
  let sum = 0;
  for (let i = skip; i < samples.length; i++) sum += samples[i]! ** 2;
  return Math.sqrt(sum / Math.max(1, samples.length - skip));
};

/** Feed `samples` in blocks of `size` (an AudioWorklet's render quantum is 128). */
function inBlocks(resampler: Resampler, samples: Float32Array, size = 128): Float32Array {
  const parts: Float32Array[] = [];
  for (let i = 0; i < samples.length; i += size) parts.push(resampler.process(samples.subarray(i, i + size)));
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe("encodePcm16", () => {
  it("writes 16-bit little-endian samples, clipping beyond full scale", () => {
    const bytes = new Uint8Array(encodePcm16(Float32Array.from([0, 1, -1, 0.5, 2, -3])));
    const view = new DataView(bytes.buffer);
    expect(bytes.length).toBe(12);
    expect([0, 1, 2, 3, 4, 5].map((i) => view.getInt16(i * 2, true))).toEqual([0, 32767, -32768, 16384, 32767, -32768]);
    expect([bytes[2], bytes[3]]).toEqual([0xff, 0x7f]); // low byte first
  });

  it("round-trips through decodePcm16 within one step", () => {
    const samples = Float32Array.from([0.25, -0.75, 0.001, -0.999]);
    const back = decodePcm16(encodePcm16(samples));
    samples.forEach((s, i) => expect(back[i]).toBeCloseTo(s, 4));
  });
});

describe("Resampler", () => {
  it("makes 16,000 samples of each second, whatever the device rate and block size", () => {
    for (const rate of [44_100, 48_000, 16_000, 8_000]) {
      for (const block of [128, 441, 1000]) {
        const out = inBlocks(new Resampler(rate), sine(440, rate, 2), block);
        expect(Math.abs(out.length - 32_000)).toBeLessThanOrEqual(1);
      }
    }
  });

  it("keeps speech frequencies at their level and in tune", () => {
    const out = inBlocks(new Resampler(48_000), sine(1000, 48_000, 1));
    const reference = sine(1000, 16_000, 1);
    expect(rms(out, 800)).toBeCloseTo(rms(reference, 800), 2);
    // In phase with a 1 kHz tone made at 16 kHz, apart from the filters' small delay.
    let best = -1;
    for (let lag = 0; lag < 16; lag++) {
      let dot = 0;
      for (let i = 800; i < 15_000; i++) dot += out[i + lag]! * reference[i]!;
      best = Math.max(best, dot / (15_000 - 800) / 0.125);
    }
    expect(best).toBeGreaterThan(0.98);
  });

  it("removes what 16 kHz cannot hold instead of folding it into the speech band", () => {
    // 12 kHz at 48 kHz would alias to 4 kHz at 16 kHz without the low-pass.
    const out = inBlocks(new Resampler(48_000), sine(12_000, 48_000, 1));
    expect(rms(out, 800)).toBeLessThan(0.05 * rms(sine(12_000, 48_000, 1))); // -26 dB
  });

  it("gives the same samples for one block or many", () => {
    const input = sine(300, 44_100, 0.5);
    const whole = new Resampler(44_100).process(input);
    const pieces = inBlocks(new Resampler(44_100), input, 128);
    expect(pieces.length).toBe(whole.length);
    pieces.forEach((v, i) => expect(v).toBeCloseTo(whole[i]!, 5));
  });

  it("passes 16 kHz through untouched and refuses a nonsense rate", () => {
    const input = Float32Array.from([0.1, 0.2, 0.3]);
    expect([...new Resampler(16_000).process(input)]).toEqual([...input]);
    expect(() => new Resampler(0)).toThrow(RangeError);
  });
});

describe("PcmFramer", () => {
  it("sends whole 100 ms frames of 16 kHz PCM and keeps the rest for later", () => {
    const framer = new PcmFramer(48_000);
    const second = sine(220, 48_000, 1);
    const frames: ArrayBuffer[] = [];
    for (let i = 0; i < second.length; i += 128) frames.push(...framer.push(second.subarray(i, i + 128)));
    expect(frames.length).toBe(10);
    for (const frame of frames) expect(frame.byteLength).toBe(FRAME_SAMPLES * 2);
    expect(framer.push(new Float32Array(0))).toEqual([]);
    expect(framer.push(sine(220, 48_000, 0.05))).toEqual([]); // 50 ms more: not a frame yet
    expect(framer.push(sine(220, 48_000, 0.06))).toHaveLength(1);
  });
});
