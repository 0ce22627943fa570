import { describe, expect, it } from "vitest";
import { bufferedSeconds, nextStart, START_LEAD_S } from "./interviewPlayback";

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
