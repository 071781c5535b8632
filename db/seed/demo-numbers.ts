// Deterministic numbers for the demo (budgets, need index): the same seed gives the
// same database every time, so screenshots and tests can rely on it.

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type BudgetLine = { categoryId: number; quarter: string; amountOre: bigint };

/**
 * A budget of about totalKr split over the categories and quarters. Lines are whole
 * 500 kr.; the first quarter is lower (a project starts up), the rest varies a little.
 */
export function demoBudget(quarters: string[], categoryIds: number[], totalKr: number, seed: number): BudgetLine[] {
  const rnd = seededRandom(seed);
  const weights = categoryIds.map(() => 0.6 + rnd());
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const profile = quarters.map((_, i) => (i === 0 ? 0.7 : 0.9 + rnd() * 0.2));
  const profileSum = profile.reduce((a, b) => a + b, 0);
  const lines: BudgetLine[] = [];
  categoryIds.forEach((categoryId, c) => {
    quarters.forEach((quarter, q) => {
      const kr = (totalKr * weights[c] * profile[q]) / (weightSum * profileSum);
      const rounded = Math.max(500, Math.round(kr / 500) * 500);
      lines.push({ categoryId, quarter, amountOre: BigInt(rounded) * 100n });
    });
  });
  return lines;
}

export function sumOre(lines: { amountOre: bigint }[]) {
  return lines.reduce((sum, l) => sum + l.amountOre, 0n);
}

/** numeric(12,4) as PostgreSQL wants it, from ten-thousandths: 24815 → "2.4815". */
export function fourDecimals(tenThousandths: number) {
  const whole = Math.floor(tenThousandths / 10_000);
  return `${whole}.${String(tenThousandths % 10_000).padStart(4, "0")}`;
}

/**
 * Demo need-index values for every municipality code: the codes in `top` get the
 * highest values in that order, everyone else a lower value drawn from the seed.
 */
export function demoNeedIndex(allCodes: string[], top: string[], seed = 2022): Map<string, string> {
  const rnd = seededRandom(seed);
  const values = new Map<string, string>();
  let current = 24_815; // 2.4815
  for (const code of top) {
    values.set(code, fourDecimals(current));
    current -= 300 + Math.floor(rnd() * 500); // 0.03–0.08 below the one before
  }
  // Everyone else between 0.4500 and 1.6000, below the last of the top group.
  for (const code of allCodes) {
    if (values.has(code)) continue;
    values.set(code, fourDecimals(4_500 + Math.floor(rnd() * 11_500)));
  }
  return values;
}
