import { describe, expect, it } from "vitest";
import { amountInWords, numberInWords } from "./amount-in-words";

describe("amountInWords (beløb med bogstaver)", () => {
  it.each<[bigint, string]>([
    [0n, "nul kroner"],
    [100n, "én krone"],
    [200n, "to kroner"],
    [2_100n, "enogtyve kroner"],
    [1_000n, "ti kroner"],
    [1_100n, "elleve kroner"],
    [1_900n, "nitten kroner"],
    [9_900n, "nioghalvfems kroner"],
    [10_000n, "et hundrede kroner"],
    [10_100n, "et hundrede én kroner"],
    [12_100n, "et hundrede enogtyve kroner"],
    [50_000n, "fem hundrede kroner"],
    [100_000n, "et tusinde kroner"],
    [100_100n, "et tusinde én kroner"],
    [200_000n, "to tusinde kroner"],
    [10_100_000n, "et hundrede et tusinde kroner"],
    [2_100_000n, "enogtyve tusinde kroner"],
    [100_000_000n, "én million kroner"],
    [200_000_000n, "to millioner kroner"],
    [1_430_000_000n, "fjorten millioner tre hundrede tusinde kroner"],
    [158_888_888n, "én million fem hundrede otteogfirs tusinde otte hundrede otteogfirs kroner og otteogfirs øre"],
    [100_000_000_000n, "én milliard kroner"],
    [99_999_999_999_999n,
      "ni hundrede nioghalvfems milliarder ni hundrede nioghalvfems millioner ni hundrede nioghalvfems tusinde ni hundrede nioghalvfems kroner og nioghalvfems øre"],
  ])("%s øre → %s", (ore, words) => {
    expect(amountInWords(ore)).toBe(words);
  });

  it("writes the øre: one, teens, tens, compounds; left out when zero", () => {
    expect(amountInWords(1n)).toBe("nul kroner og én øre");
    expect(amountInWords(50n)).toBe("nul kroner og halvtreds øre");
    expect(amountInWords(113n)).toBe("én krone og tretten øre");
    expect(amountInWords(12_345n)).toBe("et hundrede treogtyve kroner og femogfyrre øre");
    expect(amountInWords(12_300n)).not.toContain("øre");
  });

  it("names every ten the Danish (vigesimal) way", () => {
    const tens = [10, 20, 30, 40, 50, 60, 70, 80, 90].map((n) => numberInWords(BigInt(n)));
    expect(tens).toEqual(["ti", "tyve", "tredive", "fyrre", "halvtreds", "tres", "halvfjerds", "firs", "halvfems"]);
    expect(numberInWords(77n)).toBe("syvoghalvfjerds");
    expect(numberInWords(1_000_001n)).toBe("én million én");
  });

  it("takes bigint øre only and refuses what it cannot write", () => {
    expect(() => amountInWords(-1n)).toThrow(RangeError);
    expect(() => amountInWords(100_000_000_000_000n)).toThrow(RangeError);
    expect(() => amountInWords(100 as unknown as bigint)).toThrow(TypeError);
  });
});
