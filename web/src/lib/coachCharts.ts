// Scales, ticks and paths for the coaching charts, drawn as plain SVG (no chart library). Pure.

export type Scale = (value: number) => number;

/** Maps `domain` onto `range` linearly; a domain of zero width maps everything to the middle. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const width = d1 - d0;
  if (width === 0 || !Number.isFinite(width)) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / width) * (r1 - r0);
}

/** A round step (1, 2 or 5 times a power of ten) giving about `count` intervals over `span`. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * The y range of a chart: the finite values and anything in `include` (a target band, say), widened to
 * round numbers; at least `minSpan` wide, so a flat line is not drawn as a wild one, and never below `floor`.
 */
export function niceDomain(
  values: readonly (number | null | undefined)[],
  { include = [], minSpan = 1, count = 4, floor = null }: { include?: readonly (number | null | undefined)[]; minSpan?: number; count?: number; floor?: number | null } = {},
): [number, number] {
  const finite = [...values, ...include].filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (finite.length === 0) return [0, minSpan];
  let low = Math.min(...finite);
  let high = Math.max(...finite);
  if (high - low < minSpan) {
    const middle = (low + high) / 2;
    low = middle - minSpan / 2;
    high = middle + minSpan / 2;
  }
  // A measure that cannot go below `floor` (a count, a share) is not drawn with room under it.
  if (floor !== null && low < floor) {
    high += floor - low;
    low = floor;
  }
  const step = niceStep(high - low, count);
  return [Math.floor(low / step) * step, Math.ceil(high / step) * step];
}

/** Round tick values inside `domain`, about `count` intervals apart. */
export function ticks([low, high]: readonly [number, number], count = 4): number[] {
  const step = niceStep(high - low, count);
  const out: number[] = [];
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export interface XY {
  x: number;
  y: number | null;
}

/** An SVG path through the points, broken where y is null (silence: no pitch, no loudness). */
export function linePath(points: readonly XY[], x: Scale, y: Scale): string {
  const parts: string[] = [];
  let drawing = false;
  for (const point of points) {
    if (point.y === null || !Number.isFinite(point.y)) {
      drawing = false;
      continue;
    }
    parts.push(`${drawing ? "L" : "M"}${round(x(point.x))} ${round(y(point.y))}`);
    drawing = true;
  }
  return parts.join(" ");
}

export interface Step {
  start: number;
  end: number;
  value: number;
}

/** A step line: each window's value held from its start to its end (the report's pace windows). */
export function stepPath(steps: readonly Step[], x: Scale, y: Scale): string {
  const parts: string[] = [];
  let lastEnd: number | null = null;
  for (const step of steps) {
    const joined = lastEnd !== null && Math.abs(step.start - lastEnd) < 1e-6;
    parts.push(`${joined ? "L" : "M"}${round(x(step.start))} ${round(y(step.value))}`);
    parts.push(`L${round(x(step.end))} ${round(y(step.value))}`);
    lastEnd = step.end;
  }
  return parts.join(" ");
}

/** At most `max` points, keeping in each bucket the point farthest from the bucket's mean (peaks survive). */
export function thin<T extends XY>(points: readonly T[], max: number): T[] {
  if (points.length <= max || max < 1) return [...points];
  const size = points.length / max;
  const out: T[] = [];
  for (let b = 0; b < max; b++) {
    const bucket = points.slice(Math.floor(b * size), Math.floor((b + 1) * size));
    const values = bucket.filter((p) => p.y !== null).map((p) => p.y as number);
    if (values.length === 0) {
      if (bucket[0]) out.push(bucket[0]);
      continue;
    }
    const mean = values.reduce((a, v) => a + v, 0) / values.length;
    let best = bucket[0]!;
    for (const p of bucket) if (p.y !== null && (best.y === null || Math.abs(p.y - mean) > Math.abs(best.y - mean))) best = p;
    out.push(best);
  }
  return out;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The lowest, highest and mean of the finite values (for a chart's text alternative), or null. */
export function stats(values: readonly (number | null)[]): { min: number; max: number; mean: number } | null {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return null;
  return { min: Math.min(...finite), max: Math.max(...finite), mean: finite.reduce((a, v) => a + v, 0) / finite.length };
}
