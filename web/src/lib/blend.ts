// Voice blends: "af_bella(2)+af_sky(1)" is two parts of Bella to one of Sky (the server normalises).

export interface BlendPart {
  voice: string;
  weight: number;
}

/** 2 -> "2", 1.5 -> "1.5", 1/3 -> "0.33": short, and what the server reads back. */
export function formatWeight(weight: number): string {
  return String(Math.round(weight * 100) / 100);
}

/** The voice expression for a list of parts; a single voice is just its id. Empty rows are skipped. */
export function buildBlend(parts: readonly BlendPart[]): string {
  const used = parts.map((p) => ({ voice: p.voice.trim(), weight: p.weight })).filter((p) => p.voice !== "");
  if (used.length === 1) return used[0]!.voice;
  return used.map((p) => `${p.voice}(${formatWeight(p.weight)})`).join("+");
}

/** What is wrong with the parts in plain words, or null when they make a blend the server can read. */
export function blendProblem(parts: readonly BlendPart[]): string | null {
  const used = parts.filter((p) => p.voice.trim() !== "");
  if (used.length === 0) return "Choose at least one voice for the blend.";
  for (const part of used) {
    if (!Number.isFinite(part.weight) || part.weight <= 0) {
      return `Give ${part.voice.trim()} a weight above 0.`;
    }
    if (/[()+\s]/.test(part.voice.trim())) return `“${part.voice.trim()}” is not a voice id (no spaces, brackets or +).`;
  }
  const ids = used.map((p) => p.voice.trim());
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) return `${repeated} is in the blend twice; raise its weight instead.`;
  return null;
}

/** Each part's share of the blend in whole percent (they add up to 100 when there are parts). */
export function blendShares(parts: readonly BlendPart[]): number[] {
  const total = parts.reduce((sum, p) => sum + (p.weight > 0 ? p.weight : 0), 0);
  if (total <= 0) return parts.map(() => 0);
  const exact = parts.map((p) => ((p.weight > 0 ? p.weight : 0) / total) * 100);
  const shares = exact.map(Math.floor);
  // Largest remainders get the leftover points so the shares add up to exactly 100.
  let left = 100 - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((value, i) => ({ i, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}

/** Read an expression back into parts ("af_bella(2)+af_sky" -> [{af_bella, 2}, {af_sky, 1}]). */
export function parseBlend(expression: string): BlendPart[] {
  return expression
    .split("+")
    .map((term) => term.trim())
    .filter((term) => term !== "")
    .map((term) => {
      const match = /^(.*?)\s*\(\s*([0-9]*\.?[0-9]+)\s*\)$/.exec(term);
      return match ? { voice: match[1]!.trim(), weight: Number(match[2]) } : { voice: term, weight: 1 };
    });
}
