// Open grant data, "Hvem fik hvad" (decision 022): public without sign-in, only decided
// grants that stand (offered, accepted, closed), exact amounts, the 360Giving shape in JSON
// and CSV, and nothing about people, drafts, rejections or scores in the page, JSON or CSV.
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { applications, assessmentScores, calls, grants, needIndexEntries, pools } from "#db/schema";
import { OpenGrantTable } from "~/components/grant/open-grants";
import { oreToDecimalText } from "~/domain/grants/open-data";
import { loader as pageLoader } from "~/routes/hvem-fik-hvad";
import { loader as csvLoader } from "~/routes/hvem-fik-hvad[.]csv";
import { loader as jsonLoader } from "~/routes/hvem-fik-hvad[.]json";
import { getDb } from "~/db.server";
import { createUser } from "../fixtures";
import { threeSixtyGrantSchema, threeSixtyPackageSchema, unflattenRow } from "../support/three-sixty-giving";
import { makeApplication, makeAssessmentCall } from "./assessment-fixtures";
import { makeGrant } from "./grant-fixtures";

const ids: Record<string, number> = {};

/** What must never be published: people, their addresses, a CPR number, a score note, the need index. */
const SECRETS = [
  "Mette Hansen",
  "mette.hansen@lolland.dk",
  "54 67 67 67",
  "Jens Jensen",
  "Rikke Afslag",
  "Karl Kladde",
  "Sagsbehandler Sørensen",
  "sagsbehandler.soerensen@sm.dk",
  "010203-1234",
  "HEMMELIG SCORENOTE",
  "HEMMELIG UDFORDRING",
  "0.987654",
  "Struer",
  "Norddjurs",
  "Tønder",
  "Samsø",
];

const ctx = { params: {}, context: {} } as const;
const get = (path: string) => new Request(`http://localhost${path}`);

async function pageData(path: string) {
  const data = await pageLoader({ request: get(path), ...ctx });
  return data as Exclude<typeof data, Response>;
}

beforeAll(async () => {
  const db = await getDb();
  const { call, criteria } = await makeAssessmentCall(db, { needIndex: { "0360": "0.987654" } });
  await db.update(calls).set({ purpose: "Puljen skal hjælpe kommuner med mange børnesager." }).where(eq(calls.id, call.id));
  const caseworker = await createUser(db, "caseworker", { name: "Sagsbehandler Sørensen", email: "sagsbehandler.soerensen@sm.dk" });
  const grant = async (code: string, awardedOre: bigint, status: "offered" | "accepted" | "closed" | "lapsed" | "cancelled", decidedAt: string) => {
    const g = await makeGrant(db, call.id, code, { awardedOre });
    await db.update(grants).set({ status, decidedAt: new Date(decidedAt), decidedBy: caseworker.userId }).where(eq(grants.id, g.grant.id));
    return g;
  };
  const lolland = await grant("0360", 160_000_050n, "accepted", "2022-12-14T10:00:00Z");
  ids.lolland = lolland.grant.id;
  await db
    .update(applications)
    .set({
      contactEmail: "mette.hansen@lolland.dk",
      contactPhone: "54 67 67 67",
      challenge: "HEMMELIG UDFORDRING: barn 010203-1234",
      themes: ["udredning", "inddragelse"],
    })
    .where(eq(applications.id, lolland.application.id));
  await db
    .insert(assessmentScores)
    .values({ applicationId: lolland.application.id, criterionId: criteria[0]!.id, assessorId: caseworker.userId, score: 4, note: "HEMMELIG SCORENOTE" });
  ids.faxe = (await grant("0320", 200_000_000n, "offered", "2022-12-14T10:00:00Z")).grant.id;
  // Decided on New Year's Eve after 23:00 UTC: 1 January 2023 in Copenhagen.
  ids.billund = (await grant("0530", 99_999_999n, "closed", "2022-12-31T23:30:00Z")).grant.id;
  ids.toender = (await grant("0550", 50_000_000n, "lapsed", "2022-12-14T10:00:00Z")).grant.id;
  ids.samsoe = (await grant("0741", 50_000_000n, "cancelled", "2022-12-14T10:00:00Z")).grant.id;
  await makeApplication(db, call.id, "0671", { status: "rejected", contactName: "Rikke Afslag" });
  await makeApplication(db, call.id, "0707", { status: "draft", contactName: "Karl Kladde" });
  // A second pool with a grant, for the pool filter.
  const [pool] = await db
    .insert(pools)
    .values({ name: "Anden testpulje", financeLine: "§ 15.26.35.20", totalOre: 500_000_000n, startsOn: "2023-01-01", endsOn: "2026-12-31" })
    .returning();
  ids.otherPool = pool!.id;
  await db.update(needIndexEntries).set({ value: "0.987654" }).where(eq(needIndexEntries.callId, call.id));
}, 60_000);

describe("/hvem-fik-hvad", () => {
  it("answers without sign-in and lists only decided grants that stand", async () => {
    const data = await pageData("/hvem-fik-hvad");
    expect(data.rows.map((r) => r.id).sort()).toEqual([ids.lolland, ids.faxe, ids.billund].sort());
    expect(data.total).toBe(3);
    expect(data.awardedSum).toBe("4.600.000,49 kr.");
    const lolland = data.rows.find((r) => r.id === ids.lolland)!;
    expect(lolland).toMatchObject({
      municipality: "Lolland Kommune",
      kommunekode: "0360",
      amount: "1.600.000,50 kr.",
      themes: "Udredning, Inddragelse",
      period: "01.01.2023–31.12.2024",
      decidedOn: "14.12.2022",
      status: "Accepteret",
    });
    expect(data.purposes).toEqual([{ title: lolland.purpose, text: "Puljen skal hjælpe kommuner med mange børnesager." }]);
  });

  it("filters by pool, year (in Copenhagen) and municipality, and sorts", async () => {
    expect((await pageData(`/hvem-fik-hvad?pulje=${ids.otherPool}`)).total).toBe(0);
    expect((await pageData("/hvem-fik-hvad?aar=2023")).rows.map((r) => r.id)).toEqual([ids.billund]);
    expect((await pageData("/hvem-fik-hvad?aar=2022")).rows.map((r) => r.id).sort()).toEqual([ids.lolland, ids.faxe].sort());
    expect((await pageData("/hvem-fik-hvad?q=lol")).rows.map((r) => r.id)).toEqual([ids.lolland]);
    expect((await pageData("/hvem-fik-hvad?sorter=beloeb")).rows.map((r) => r.id)).toEqual([ids.faxe, ids.lolland, ids.billund]);
    expect((await pageData("/hvem-fik-hvad?sorter=kommune")).rows.map((r) => r.municipality)).toEqual(["Billund Kommune", "Faxe Kommune", "Lolland Kommune"]);
    const odd = await pageData("/hvem-fik-hvad?pulje=x&aar=99&sorter=drop&page=-1");
    expect(odd.total).toBe(3);
    const options = await pageData("/hvem-fik-hvad");
    expect(options.years).toEqual([2023, 2022]);
    expect(options.pools).toHaveLength(1);
    expect(options.pools.map((p) => p.id)).not.toContain(ids.otherPool);
  });

  it("publishes no person, draft, rejection, score or need index in its data or its table", async () => {
    const data = await pageData("/hvem-fik-hvad");
    const html = renderToStaticMarkup(createElement(OpenGrantTable, { rows: data.rows, total: data.awardedSum }));
    for (const text of [JSON.stringify(data), html]) for (const s of SECRETS) expect(text).not.toContain(s);
    expect(html).toContain("Lolland Kommune");
  });
});

describe("/hvem-fik-hvad.json and .csv (360Giving)", () => {
  it("is a valid 360Giving package with exact amounts, public caching and no secrets", async () => {
    const res = await jsonLoader({ request: get("/hvem-fik-hvad.json"), ...ctx });
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=300");
    const text = await res.text();
    for (const s of SECRETS) expect(text).not.toContain(s);
    const pkg = threeSixtyPackageSchema.parse(JSON.parse(text));
    expect(pkg.grants).toHaveLength(3);
    const lolland = JSON.parse(text).grants.find((g: { id: string }) => g.id === `360G-puljeportal-${ids.lolland}`);
    expect(threeSixtyGrantSchema.parse(lolland)).toBeTruthy();
    expect(lolland).toMatchObject({
      currency: "DKK",
      amountAwarded: 1600000.5,
      awardDate: "2022-12-14",
      plannedDates: [{ startDate: "2023-01-01", endDate: "2024-12-31" }],
      recipientOrganization: [{ id: "DK-KOM-0360", name: "Lolland Kommune" }],
      beneficiaryLocation: [{ geoCode: "0360", countryCode: "DK" }],
      fundingOrganization: [{ name: "Social- og Boligministeriet" }],
    });
    expect(lolland.description).toContain("Fokusområder: Udredning, Inddragelse.");
    // The amount's JSON text is the exact decimal of the øre, not a float's approximation.
    expect(text).toContain('"amountAwarded": 1600000.5,');
    expect(text).toContain('"amountAwarded": 999999.99,');
    const billund = JSON.parse(text).grants.find((g: { id: string }) => g.id === `360G-puljeportal-${ids.billund}`);
    expect(billund.awardDate).toBe("2023-01-01");
  });

  it("writes the standard's CSV columns; each row unflattens to a valid grant equal to the JSON one", async () => {
    const res = await csvLoader({ request: get("/hvem-fik-hvad.csv"), ...ctx });
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="hvem-fik-hvad-\d{4}-\d\d-\d\d\.csv"$/);
    const text = await res.text();
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    for (const s of SECRETS) expect(text).not.toContain(s);
    const [header, ...rows] = parse(text) as string[][];
    expect(header!.slice(0, 6)).toEqual(["Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date"]);
    expect(rows).toHaveLength(3);
    const json = JSON.parse(await (await jsonLoader({ request: get("/hvem-fik-hvad.json"), ...ctx })).text());
    for (const cells of rows) {
      const grant = threeSixtyGrantSchema.parse(unflattenRow(header!, cells));
      expect(unflattenRow(header!, cells)).toEqual(json.grants.find((g: { id: string }) => g.id === grant.id));
    }
    const lolland = rows.find((r) => r[0] === `360G-puljeportal-${ids.lolland}`)!;
    expect(lolland[4]).toBe("1600000.50");
    expect(lolland[header!.indexOf("Beneficiary Location:Geographic Code")]).toBe("0360");
  });

  it("takes the page's filters", async () => {
    const res = await jsonLoader({ request: get("/hvem-fik-hvad.json?aar=2023"), ...ctx });
    expect(JSON.parse(await res.text()).grants.map((g: { id: string }) => g.id)).toEqual([`360G-puljeportal-${ids.billund}`]);
  });

  it("computes amounts from øre exactly", () => {
    expect(oreToDecimalText(160_000_050n)).toBe("1600000.50");
    expect(oreToDecimalText(1n)).toBe("0.01");
    expect(oreToDecimalText(-1_430_000_000n)).toBe("-14300000.00");
    expect(oreToDecimalText(900_719_925_474_099_312n)).toBe("9007199254740993.12");
  });
});
