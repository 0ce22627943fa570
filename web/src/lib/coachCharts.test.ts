import { describe, expect, it } from "vitest";
import { linearScale, linePath, niceDomain, niceStep, stats, stepPath, thin, ticks } from "./coachCharts";

describe("linearScale", () => {
  it("maps the domain onto the range, flipped for SVG's downward y", () => {
    const y = linearScale([0, 200], [100, 0]);
    expect(y(0)).toBe(100);
    expect(y(200)).toBe(0);
    expect(y(150)).toBe(25);
    expect(y(250)).toBe(-25); // outside is extrapolated, not clamped
  });

  it("puts everything in the middle for a domain of zero width", () => {
    expect(linearScale([5, 5], [0, 10])(5)).toBe(5);
  });
});

describe("niceDomain and ticks", () => {
  it("rounds to whole steps and includes a target band", () => {
    expect(niceDomain([142, 171, 188], { include: [130, 160] })).toEqual([120, 200]);
    expect(ticks([120, 200])).toEqual([120, 140, 160, 180, 200]);
  });

  it("ignores gaps and widens a flat line", () => {
    expect(niceDomain([null, -22, -22, undefined], { minSpan: 10 })).toEqual([-30, -15]);
    expect(niceDomain([], { minSpan: 5 })).toEqual([0, 5]);
    expect(niceDomain([0, 0], { minSpan: 10, floor: 0 })).toEqual([0, 10]); // a share is never negative
  });

  it("steps by 1, 2 or 5 times a power of ten", () => {
    expect(niceStep(100, 4)).toBe(50);
    expect(niceStep(0.3, 4)).toBeCloseTo(0.1);
    expect(niceStep(7, 4)).toBe(2);
    expect(ticks([0, 0.3], 3)).toEqual([0, 0.1, 0.2, 0.3]);
  });
});

describe("paths", () => {
  const x = linearScale([0, 10], [0, 100]);
  const y = linearScale([0, 10], [100, 0]);

  it("breaks the line where there is no value", () => {
    const path = linePath(
      [
        { x: 0, y: 5 },
        { x: 1, y: 6 },
        { x: 2, y: null },
        { x: 3, y: 4 },
        { x: 4, y: 4 },
      ],
      x,
      y,
    );
    expect(path).toBe("M0 50 L10 40 M30 60 L40 60");
    expect(linePath([{ x: 0, y: null }], x, y)).toBe("");
  });

  it("holds each window's value from its start to its end", () => {
    const path = stepPath(
      [
        { start: 0, end: 5, value: 2 },
        { start: 5, end: 10, value: 8 },
      ],
      x,
      y,
    );
    expect(path).toBe("M0 80 L50 80 L50 20 L100 20");
  });
});

describe("thin", () => {
  it("keeps the peaks when it drops points", () => {
    const points = Array.from({ length: 1000 }, (_, i) => ({ x: i, y: i === 503 ? 99 : 1 }));
    const kept = thin(points, 100);
    expect(kept).toHaveLength(100);
    expect(kept.some((p) => p.y === 99)).toBe(true);
    expect(thin(points.slice(0, 10), 100)).toHaveLength(10);
  });
});

describe("stats", () => {
  it("summarises the finite values for a chart's text alternative", () => {
    expect(stats([1, null, 3, 5])).toEqual({ min: 1, max: 5, mean: 3 });
    expect(stats([null])).toBeNull();
  });
});
