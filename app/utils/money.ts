// Money is integer øre (bigint) end to end; these are the only conversions to text.

/** "1.234.567,50 kr." */
export function formatOre(ore: bigint | number | string, opts: { suffix?: boolean } = {}): string {
  const v = BigInt(ore);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const kroner = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const ore2 = (abs % 100n).toString().padStart(2, "0");
  return `${neg ? "-" : ""}${kroner},${ore2}${opts.suffix === false ? "" : " kr."}`;
}

/** Large totals the Danish way: "14,3 mio. kr." (rounded half away from zero to one decimal). */
export function formatMillions(ore: bigint | number | string): string {
  const v = BigInt(ore);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  // Work on the absolute value: the sign of -0,4 mio. would be lost in an integer part of 0.
  const tenths = (abs * 10n + 50_000_000n) / 100_000_000n;
  const whole = (tenths / 10n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${neg && tenths !== 0n ? "-" : ""}${whole},${tenths % 10n} mio. kr.`;
}

/**
 * Parse a Danish amount ("1.234.567,50", "1234567", "1 234,5", "-12,00") to øre.
 * Returns null when the text is not an amount. Thousands dots must be in groups of three.
 */
export function parseDanishAmount(input: string): bigint | null {
  const s = input.trim().replace(/\s|\u00a0/g, "").replace(/kr\.?$/i, "");
  const m = /^(-)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const kroner = BigInt(m[2].replace(/\./g, ""));
  const ore = BigInt((m[3] ?? "0").padEnd(2, "0"));
  const total = kroner * 100n + ore;
  return m[1] ? -total : total;
}

/** Øre as the text a user would type back in a form field: "1.234,50". */
export function oreToInput(ore: bigint | number | string): string {
  return formatOre(ore, { suffix: false });
}

/**
 * Øre as a kroner number for a spreadsheet cell (numbers as numbers): the exact decimal
 * text ("1234567.50") read once, so the cell holds the double nearest to the amount, as
 * if typed, with no floating-point arithmetic on the way (never Number(øre) / 100).
 */
export function oreToKronerNumber(ore: bigint | number | string): number {
  const v = BigInt(ore);
  const abs = v < 0n ? -v : v;
  return Number(`${v < 0n ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`);
}
