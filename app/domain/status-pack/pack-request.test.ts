// The status-pack form: Danish messages per field, the question number only for a question,
// no date after today, and the values kept as typed.
import { describe, expect, it } from "vitest";
import { packQuery, packSubmitted, packValues, parsePackRequest } from "./pack-request";

const today = "2026-11-28";
const values = (q: Record<string, string>) => packValues(new URLSearchParams(q), { poolId: "1", today });

describe("status pack request", () => {
  it("defaults to the first pool, today and a question from Socialudvalget", () => {
    expect(values({})).toEqual({ poolId: "1", asOf: today, purpose: "question", committee: "Socialudvalget", questionNo: "" });
    expect(packSubmitted(new URLSearchParams())).toBe(false);
    expect(packSubmitted(new URLSearchParams({ asOf: today }))).toBe(true);
  });

  it("parses a question and an annual status", () => {
    expect(parsePackRequest(values({ poolId: "2", asOf: "2024-04-30", questionNo: "391" }), today)).toEqual({
      ok: true,
      request: { poolId: 2, asOf: "2024-04-30", purpose: { kind: "question", committee: "Socialudvalget", questionNo: "391" } },
    });
    expect(parsePackRequest(values({ purpose: "annual" }), today)).toEqual({ ok: true, request: { poolId: 1, asOf: today, purpose: { kind: "annual" } } });
  });

  it("answers with a Danish message next to each wrong field", () => {
    const r = parsePackRequest(values({ poolId: "x", asOf: "30.04.2024", purpose: "question", committee: "", questionNo: "" }), today);
    expect(r).toEqual({
      ok: false,
      errors: {
        poolId: "Vælg en pulje.",
        asOf: "Skriv datoen som åååå-mm-dd, fx 2024-04-30.",
        committee: "Skriv hvilket udvalg, der har stillet spørgsmålet.",
        questionNo: "Skriv spørgsmålets nummer, fx 391.",
      },
    });
    const q = parsePackRequest(values({ committee: "", questionNo: "tre" }), today);
    expect(q).toEqual({ ok: false, errors: { committee: "Skriv hvilket udvalg, der har stillet spørgsmålet.", questionNo: "Skriv spørgsmålets nummer, fx 391." } });
    expect(parsePackRequest(values({ purpose: "nyhedsbrev" }), today)).toMatchObject({ ok: false, errors: { purpose: "Vælg, hvad materialet skal bruges til." } });
  });

  it("refuses a date after today", () => {
    expect(parsePackRequest(values({ asOf: "2026-11-29", questionNo: "1" }), today)).toMatchObject({ ok: false, errors: { asOf: expect.stringContaining("efter i dag") } });
  });

  it("keeps the values for the download links", () => {
    expect(packQuery(values({ asOf: "2024-04-30", questionNo: "391" }))).toBe("poolId=1&asOf=2024-04-30&purpose=question&committee=Socialudvalget&questionNo=391");
  });
});
