import { describe, expect, it } from "vitest";
import { encodePcm16 } from "./coachAudio";
import { bufferedSeconds, nextStart, PcmPlayer, START_LEAD_S } from "./interviewPlayback";

/** Just enough of an AudioContext to watch what the player schedules and stops. */
class FakeContext {
  currentTime = 10;
  state = "running";
  destination = {};
  sources: { start: number | null; stopped: boolean; duration: number }[] = [];

  createBuffer(_channels: number, length: number, rate: number) {
    const data = new Float32Array(length);
    return { duration: length / rate, getChannelData: () => data };
  }

  createBufferSource() {
    const record = { start: null as number | null, stopped: false, duration: 0 };
    this.sources.push(record);
    return {
      set buffer(b: { duration: number }) {
        record.duration = b.duration;
      },
      onended: null as (() => void) | null,
      connect: () => undefined,
      disconnect: () => undefined,
      start: (at: number) => {
        record.start = at;
      },
      stop: () => {
        record.stopped = true;
      },
    };
  }

  async close() {
    this.state = "closed";
  }
}

describe("PcmPlayer", () => {
  const frame = (seconds: number, rate = 24000) => encodePcm16(new Float32Array(Math.round(seconds * rate)).fill(0.1));

  it("queues frames back to back at the line's rate, and stop() silences every one still to play", () => {
    const context = new FakeContext();
    const player = new PcmPlayer(context as unknown as AudioContext);
    player.setRate(24000);
    player.push(frame(0.5));
    player.push(frame(0.5));
    player.push(frame(1));
    expect(context.sources.map((s) => s.start)).toEqual([10 + START_LEAD_S, 10.5 + START_LEAD_S, 11 + START_LEAD_S]);
    expect(player.buffered()).toBeCloseTo(2 + START_LEAD_S, 6);
    player.stop();
    expect(context.sources.every((s) => s.stopped)).toBe(true);
    expect(player.buffered()).toBe(0);
    player.push(frame(0.2)); // the next line starts afresh, not after what was cut
    expect(context.sources.at(-1)?.start).toBeCloseTo(10 + START_LEAD_S, 6);
  });
});


describe("nextStart", () => {
  it("plays frames back to back while they arrive ahead of time (no gap, no overlap)", () => {
    let queued = 0;
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const at = nextStart(1 + i * 0.05, queued); // frames of 0.2 s arriving every 50 ms
      starts.push(at);
      queued = at + 0.2;
    }
    const gaps = starts.slice(1).map((s, i) => s - starts[i]!);
    gaps.forEach((g) => expect(g).toBeCloseTo(0.2, 9));
    expect(starts[0]).toBeCloseTo(1 + START_LEAD_S, 9);
  });

  it("starts a late frame a little after now, never in the past", () => {
    expect(nextStart(10, 3)).toBeCloseTo(10 + START_LEAD_S, 9);
    expect(nextStart(10, 3, 0)).toBe(10);
  });
});

describe("bufferedSeconds", () => {
  it("is what remains queued, never negative", () => {
    expect(bufferedSeconds(2, 3.5)).toBe(1.5);
    expect(bufferedSeconds(4, 3.5)).toBe(0);
  });
});
