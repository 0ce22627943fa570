import { describe, expect, it } from "vitest";
import { base64ToBytes, concatBytes, fixStreamedWav, formatTime, sampleRates } from "./audio";

function streamedWav(samples: number): Uint8Array {
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const write = (at: number, text: string) => [...text].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  write(0, "RIFF");
  view.setUint32(4, 0xffffffff, true);
  write(8, "WAVE");
  write(12, "fmt ");
  view.setUint32(16, 16, true);
  write(36, "data");
  view.setUint32(40, 0xffffffff, true);
  return bytes;
}

describe("fixStreamedWav", () => {
  it("writes the real sizes into a streamed header", () => {
    const fixed = new DataView(fixStreamedWav(streamedWav(100)).buffer);
    expect(fixed.getUint32(4, true)).toBe(44 + 200 - 8);
    expect(fixed.getUint32(40, true)).toBe(200);
  });
  it("leaves other formats alone", () => {
    const mp3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(fixStreamedWav(mp3)).toBe(mp3);
  });
});

describe("bytes", () => {
  it("decodes base64 and joins pieces", () => {
    expect([...concatBytes([base64ToBytes("AQI="), base64ToBytes("Aw==")])]).toEqual([1, 2, 3]);
  });
});

describe("sampleRates", () => {
  it("offers only what each codec can encode", () => {
    expect(sampleRates("opus")).toEqual([8000, 12000, 16000, 24000, 48000]);
    expect(sampleRates("mp3")).toContain(44100);
    expect(sampleRates("mp3")).not.toContain(10000);
  });
});

describe("formatTime", () => {
  it("shows minutes and seconds", () => {
    expect(formatTime(0)).toBe("0:00");
    expect(formatTime(65.4)).toBe("1:05");
    expect(formatTime(Number.NaN)).toBe("0:00");
  });
});
