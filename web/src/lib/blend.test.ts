import { describe, expect, it } from "vitest";
import { blendProblem, blendShares, buildBlend, formatWeight, parseBlend } from "./blend";

describe("buildBlend", () => {
  it("writes voice(weight) terms joined with +", () => {
    expect(buildBlend([{ voice: "af_bella", weight: 2 }, { voice: "af_sky", weight: 1 }])).toBe("af_bella(2)+af_sky(1)");
  });
  it("gives a single voice as its plain id and skips empty rows", () => {
    expect(buildBlend([{ voice: " af_bella ", weight: 3 }, { voice: "", weight: 1 }])).toBe("af_bella");
    expect(buildBlend([])).toBe("");
  });
  it("keeps weights short", () => {
    expect(formatWeight(1.5)).toBe("1.5");
    expect(formatWeight(1 / 3)).toBe("0.33");
    expect(buildBlend([{ voice: "a", weight: 0.5 }, { voice: "b", weight: 1.25 }])).toBe("a(0.5)+b(1.25)");
  });
  it("round-trips through parseBlend", () => {
    const parts = parseBlend("af_bella(2)+af_sky");
    expect(parts).toEqual([{ voice: "af_bella", weight: 2 }, { voice: "af_sky", weight: 1 }]);
    expect(buildBlend(parts)).toBe("af_bella(2)+af_sky(1)");
  });
});

describe("blendProblem", () => {
  it("explains what is wrong in plain words", () => {
    expect(blendProblem([{ voice: "", weight: 1 }])).toMatch(/at least one voice/);
    expect(blendProblem([{ voice: "af_sky", weight: 0 }])).toMatch(/weight above 0/);
    expect(blendProblem([{ voice: "af_sky", weight: Number.NaN }])).toMatch(/weight above 0/);
    expect(blendProblem([{ voice: "af sky", weight: 1 }])).toMatch(/not a voice id/);
    expect(blendProblem([{ voice: "af_sky", weight: 1 }, { voice: "af_sky", weight: 2 }])).toMatch(/twice/);
    expect(blendProblem([{ voice: "af_bella", weight: 2 }, { voice: "af_sky", weight: 1 }])).toBeNull();
  });
});

describe("blendShares", () => {
  it("gives whole percentages that add up to 100", () => {
    expect(blendShares([{ voice: "a", weight: 2 }, { voice: "b", weight: 1 }])).toEqual([67, 33]);
    expect(blendShares([{ voice: "a", weight: 1 }, { voice: "b", weight: 1 }, { voice: "c", weight: 1 }])).toEqual([34, 33, 33]);
    expect(blendShares([{ voice: "a", weight: 0 }])).toEqual([0]);
  });
});
