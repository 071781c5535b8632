// The charts' geometry as plain functions (unit-tested): a linear scale, round tick values
// for an axis, and evenly spaced positions for categories (due dates, municipalities).
// Hand-written rather than a chart library: see docs/decisions (dashboard charts).

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps everything to r0. */
export function linear(d0: number, d1: number, r0: number, r1: number) {
  const span = d1 - d0;
  return (v: number) => (span === 0 ? r0 : r0 + ((v - d0) / span) * (r1 - r0));
}

/** A round upper bound and its ticks (1, 2 or 5 × 10^n steps), about `count` of them, from 0. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

/** The centres of `n` equal slots across [r0, r1] (one slot: the middle). */
export function slots(n: number, r0: number, r1: number): number[] {
  if (n <= 0) return [];
  const w = (r1 - r0) / n;
  return Array.from({ length: n }, (_, i) => r0 + w * (i + 0.5));
}

/** An SVG path through the points, broken where a value is missing. */
export function linePath(points: ({ x: number; y: number } | null)[]): string {
  let d = "";
  let pen = false;
  for (const p of points) {
    if (!p) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** Kroner in millions with one decimal for an axis: "12,5 mio." */
export function millionsLabel(ore: number): string {
  const m = Math.round(ore / 10_000_000) / 10;
  return `${m.toFixed(m % 1 === 0 ? 0 : 1).replace(".", ",")} mio.`;
}
