// Splitting money into parts that sum exactly to the total, with the rounding stated:
// each part is rounded down to whole kroner where possible, and the remainder (the øre
// and kroner left over) goes to the last part, so no øre is created or lost.

/** Split `totalOre` in proportion to `weights` (non-negative; at least one positive). */
export function splitByWeights(totalOre: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) return [];
  if (totalOre < 0n) throw new RangeError("totalOre must be non-negative");
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (weights.some((w) => w < 0n)) throw new RangeError("weights must be non-negative");
  if (sum === 0n) return splitEvenly(totalOre, weights.length);
  const parts = weights.map((w) => roundDownToKroner((totalOre * w) / sum));
  const assigned = parts.reduce((a, b) => a + b, 0n);
  const last = lastPositiveIndex(weights);
  parts[last] = parts[last]! + (totalOre - assigned);
  return parts;
}

/** Split `totalOre` into `count` parts as equal as whole kroner allow; the remainder goes last. */
export function splitEvenly(totalOre: bigint, count: number): bigint[] {
  if (count <= 0) return [];
  const share = roundDownToKroner(totalOre / BigInt(count));
  const parts = Array.from({ length: count }, () => share);
  parts[count - 1] = totalOre - share * BigInt(count - 1);
  return parts;
}

function roundDownToKroner(ore: bigint): bigint {
  return ore - (ore % 100n);
}

function lastPositiveIndex(weights: readonly bigint[]): number {
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0n) return i;
  return weights.length - 1;
}
