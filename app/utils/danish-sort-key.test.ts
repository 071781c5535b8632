import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { danishSortKey } from "./danish-sort-key";

const collator = new Intl.Collator("da");
const byKey = (a: string, b: string) => {
  const x = danishSortKey(a);
  const y = danishSortKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
};
const sortByKey = (names: string[]) => [...names].sort(byKey);

describe("danishSortKey", () => {
  it("puts æ, ø, å after z, and reads aa as å (Aabenraa after Ærø, before Åbo)", () => {
    expect(sortByKey(["Aabenraa", "Ærø", "Åbo", "Zealand", "Aalborg", "Ørsted", "Assens", "Aarhus"])).toEqual([
      "Assens",
      "Zealand",
      "Ærø",
      "Ørsted",
      "Aabenraa",
      "Åbo",
      "Aalborg",
      "Aarhus",
    ]);
  });

  it("orders Å, AA, Aa, å, aa as Intl.Collator('da') does: the same letter, capitals first", () => {
    expect(sortByKey(["aa", "å", "Aa", "AA", "Å"])).toEqual(["Å", "AA", "Aa", "å", "aa"]);
    // "aA" is no contraction: two a's.
    expect(byKey("aA", "ab")).toBe(-1);
  });

  it("decides by letters before case and accents, and puts capitals first on a tie", () => {
    expect(sortByKey(["ab", "Ab", "Ac", "ac", "é", "e", "f"])).toEqual(["Ab", "ab", "Ac", "ac", "e", "é", "f"]);
    expect(byKey("Bornholm", "bornholm")).toBe(-1);
  });

  it("puts a space before a hyphen before a letter (Høje Taastrup, Høje-Taastrup, HøjeTaastrup)", () => {
    expect(sortByKey(["HøjeTaastrup", "Høje-Taastrup", "Høje Taastrup", "Høje"])).toEqual([
      "Høje",
      "Høje Taastrup",
      "Høje-Taastrup",
      "HøjeTaastrup",
    ]);
  });

  it("gives equal keys for equal names, also when one is decomposed (NFD)", () => {
    expect(danishSortKey("Tårnby")).toBe(danishSortKey("Ta\u030arnby"));
  });

  it("sorts the 98 municipalities exactly as Intl.Collator('da')", () => {
    const names = readFileSync(new URL("../../db/seed/data/municipalities.csv", import.meta.url), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(",")[1]);
    expect(names).toHaveLength(98);
    expect(sortByKey(names)).toEqual([...names].sort(collator.compare));
  });

  it("agrees with Intl.Collator('da') on every pair of 4 000 random names", () => {
    const parts = ["a", "A", "á", "Ä", "Ü", "aa", "Aa", "AA", "å", "Å", "æ", "Æ", "ø", "Ø", "ö", "ä", "é", "e", "E", "b", "z", "Z", "y", "ü", "v", "w", "-", " ", "1", "9", "."];
    let seed = 19;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const names = Array.from({ length: 4000 }, () =>
      Array.from({ length: 1 + rnd(5) }, () => parts[rnd(parts.length)]).join(""),
    );
    const mismatches: string[] = [];
    for (let i = 0; i + 1 < names.length; i++) {
      const [a, b] = [names[i], names[i + 1]];
      if (Math.sign(collator.compare(a, b)) !== byKey(a, b)) mismatches.push(`${a} | ${b}`);
    }
    expect(mismatches).toEqual([]);
    expect(sortByKey(names)).toEqual([...names].sort(collator.compare));
  });
});
