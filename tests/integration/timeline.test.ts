// The programme timeline (/programmes/timeline): programmeScope in the WHERE (the ministry
// all, an advisor their assigned programmes, a municipality its own), the GET filters, the
// initiative's end from the pool row, overdue by the application's clock.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { focusAreas, pools, programmeFocusAreas } from "#db/schema";
import { loader } from "~/routes/programmes.timeline";
import { getDb } from "~/db.server";
import { parseTimelineFilters, TIMELINE_PAGE_SIZE, timelineView } from "~/domain/timeline/queries.server";
import { createUser, signedInRequest, type TestUser } from "../fixtures";
import { makeAssessmentCall } from "./assessment-fixtures";
import { makeGrant } from "./grant-fixtures";
import { agencyId, makeProgramme } from "./timeline-fixtures";

let db: Database;
let admin: TestUser;
let lollandUser: TestUser;
let a1: TestUser;
let a3: TestUser;
let stranger: TestUser;
let lolland: number;
let faxe: number;
let milestoneIds: number[];
let focus: { inddragelse: number; data: number };

type Data = Awaited<ReturnType<typeof loader>>;
const load = async (user: TestUser, query = "") =>
  (await loader({ request: await signedInRequest(db, user, `/programmes/timeline${query}`), params: {}, context: {} })) as Data;
const programmeIds = (d: Data) => d.view.programmes.map((p) => p.id);

beforeAll(async () => {
  db = await getDb();
  const { call } = await makeAssessmentCall(db);
  admin = await createUser(db, "admin");
  lollandUser = await createUser(db, "municipality", { municipalityCode: "0360" });
  a1 = await createUser(db, "advisor", { agencySlug: "sbst", name: "Anne Rådgiver" });
  a3 = await createUser(db, "advisor", { agencySlug: "ast", name: "Carla Konsulent" });
  stranger = await createUser(db, "advisor", { agencySlug: "ast", name: "Ikke Tilknyttet" });
  const l = await makeProgramme(db, (await makeGrant(db, call.id, "0360")).grant, {
    advisors: [{ userId: a1.userId, agency: "sbst" }],
    milestones: [
      { title: "Kick-off", plannedOn: "2023-03-01", status: "gennemfoert" },
      { title: "Sagsgennemgang", plannedOn: "2023-06-01" },
      { title: "Afslutning og læringsnotat", plannedOn: "2025-12-01" },
    ],
  });
  const f = await makeProgramme(db, (await makeGrant(db, call.id, "0320")).grant, {
    startsOn: "2024-01-15",
    plannedEndOn: "2024-09-30",
    advisors: [{ userId: a3.userId, agency: "ast" }],
    milestones: [{ title: "Kick-off", plannedOn: "2024-01-15", status: "gennemfoert" }],
  });
  lolland = l.programme.id;
  faxe = f.programme.id;
  milestoneIds = [...l.milestones, ...f.milestones].map((m) => m.id);
  const [fi, fd] = await db
    .insert(focusAreas)
    .values([
      { name: "Børneinddragelse (test)", themes: ["inddragelse"] },
      { name: "Dataunderstøttelse (test)", themes: ["opfoelgning"] },
    ])
    .returning();
  focus = { inddragelse: fi!.id, data: fd!.id };
  await db.insert(programmeFocusAreas).values([
    { programmeId: lolland, focusAreaId: focus.inddragelse },
    { programmeId: faxe, focusAreaId: focus.data },
  ]);
}, 60_000);

describe("timeline scope", () => {
  it("shows the ministry every programme, in municipality order, with all milestones", async () => {
    const d = await load(admin);
    expect(programmeIds(d)).toEqual([faxe, lolland]);
    expect(d.view.programmes.flatMap((p) => p.milestones.map((m) => m.id)).sort()).toEqual([...milestoneIds].sort());
    expect(d.view.programmes[1]).toMatchObject({ municipalityName: "Lolland", advisors: "Anne Rådgiver", href: `/programmes/${lolland}` });
  });

  it("shows an advisor only their assigned programmes, a municipality only its own, a stranger none", async () => {
    expect(programmeIds(await load(a1))).toEqual([lolland]);
    expect(programmeIds(await load(a3))).toEqual([faxe]);
    expect(programmeIds(await load(lollandUser))).toEqual([lolland]);
    expect(programmeIds(await load(stranger))).toEqual([]);
    // The advisor filter cannot reach past the scope, and its choices are the visible advisors only.
    expect(programmeIds(await load(a1, `?advisor=${a3.userId}`))).toEqual([]);
    expect((await load(a1)).options.advisors.map((o) => o.label)).toEqual(["Anne Rådgiver"]);
  });

  it("sends a signed-out visitor to sign in", async () => {
    await expect(loader({ request: new Request("http://localhost/programmes/timeline"), params: {}, context: {} })).rejects.toMatchObject({ status: 302 });
  });
});

describe("timeline filters", () => {
  it("filters by agency, advisor, focus area and theme, and ignores malformed values", async () => {
    const ast = await agencyId(db, "ast");
    expect(programmeIds(await load(admin, `?agency=${ast}`))).toEqual([faxe, lolland]); // partner agency on both
    expect(programmeIds(await load(admin, `?advisor=${a1.userId}`))).toEqual([lolland]);
    expect(programmeIds(await load(admin, `?focus=${focus.data}`))).toEqual([faxe]);
    expect(programmeIds(await load(admin, "?theme=inddragelse"))).toEqual([lolland]);
    expect(programmeIds(await load(admin, "?theme=udredning"))).toEqual([]);
    expect(programmeIds(await load(admin, "?agency=x&advisor=1&theme=nope&focus=-1"))).toEqual([faxe, lolland]);
    expect(parseTimelineFilters(new URLSearchParams("agency=3&theme=opfoelgning"))).toEqual({ agencyId: 3, advisorId: null, focusAreaId: null, theme: "opfoelgning", q: "", page: 1 });
    expect((await load(admin, `?focus=${focus.data}`)).values).toEqual({ agency: "", advisor: "", focus: String(focus.data), theme: "", q: "" });
  });

  it("searches the municipality's name (a LIKE wildcard is a plain character)", async () => {
    expect(programmeIds(await load(admin, "?q=loll"))).toEqual([lolland]);
    expect(programmeIds(await load(admin, "?q=%25"))).toEqual([]);
    expect((await load(admin, "?q=faxe")).view.counts).toEqual({ programmes: 1, milestones: 1, done: 1, overdue: 0 });
  });
});

describe("timeline data", () => {
  it("marks overdue by today's Copenhagen date and flags milestones after the initiative's end, read from the pool", async () => {
    const [pool] = await db.select().from(pools).limit(1);
    await db.update(pools).set({ initiativeEndsOn: "2025-09-30" }).where(eq(pools.id, pool!.id));
    const view = await timelineView(db, admin, parseTimelineFilters(new URLSearchParams()), "2023-06-02");
    expect(view.initiativeEnds).toEqual(["2025-09-30"]);
    const l = view.programmes.find((p) => p.id === lolland)!;
    expect(l.milestones.map((m) => [m.title, m.overdue, m.afterInitiativeEnd])).toEqual([
      ["Kick-off", false, false],
      ["Sagsgennemgang", true, false],
      ["Afslutning og læringsnotat", false, true],
    ]);
    expect((await timelineView(db, admin, parseTimelineFilters(new URLSearchParams()), "2023-06-01")).programmes.find((p) => p.id === lolland)!.milestones[1]!.overdue).toBe(false);
    // The date is data: moving it on the pool moves the line.
    await db.update(pools).set({ initiativeEndsOn: "2025-12-31" }).where(eq(pools.id, pool!.id));
    expect((await timelineView(db, admin, parseTimelineFilters(new URLSearchParams()), "2023-06-02")).initiativeEnds).toEqual(["2025-12-31"]);
  });

  it("draws each pool's initiative end and flags a programme against its own pool's end", async () => {
    const [first] = await db.select().from(pools).limit(1);
    await db.update(pools).set({ initiativeEndsOn: "2025-09-30" }).where(eq(pools.id, first!.id));
    const [later] = await db
      .insert(pools)
      .values({ name: "Opfølgningspulje (test)", financeLine: "Test", totalOre: 1_000_000_000n, startsOn: "2026-01-01", endsOn: "2028-12-31", initiativeEndsOn: "2028-12-31" })
      .returning();
    const { call } = await makeAssessmentCall(db);
    const grant = (await makeGrant(db, call.id, "0773", { poolId: later!.id })).grant;
    const m = await makeProgramme(db, grant, { startsOn: "2027-02-01", plannedEndOn: "2027-07-31", milestones: [{ title: "Kick-off", plannedOn: "2027-02-01" }] });
    const view = await timelineView(db, admin, parseTimelineFilters(new URLSearchParams()), "2026-11-28");
    expect(view.initiativeEnds).toEqual(["2025-09-30", "2028-12-31"]);
    // Morsø's programme ends before its own pool's end; Lolland's milestone in December 2025 is after the 2022 pool's.
    expect(view.programmes.find((p) => p.id === m.programme.id)!.initiativeEndsOn).toBe("2028-12-31");
    expect(view.programmes.find((p) => p.id === lolland)!.milestones.at(-1)!.afterInitiativeEnd).toBe(true);
  });
});

describe("timeline paging", () => {
  it("shows TIMELINE_PAGE_SIZE programmes a page in municipality order, and counts the whole filtered set", async () => {
    const { call } = await makeAssessmentCall(db);
    const codes = ["0101", "0147", "0151", "0153", "0155", "0157", "0159", "0161", "0163", "0165", "0167", "0169", "0173", "0175", "0183", "0185", "0187", "0190", "0201", "0210"];
    for (const code of codes) {
      await makeProgramme(db, (await makeGrant(db, call.id, code, { awardedOre: 100_000n })).grant, { milestones: [{ title: "Kick-off", plannedOn: "2023-03-01" }] });
    }
    const first = await load(admin);
    const all = first.view.counts.programmes;
    expect(all).toBeGreaterThanOrEqual(codes.length + 2);
    expect(first.view.programmes).toHaveLength(TIMELINE_PAGE_SIZE);
    expect(first.view).toMatchObject({ page: 1, pageCount: Math.ceil(all / TIMELINE_PAGE_SIZE), shown: { from: 1, to: TIMELINE_PAGE_SIZE } });
    const second = await load(admin, "?page=2");
    expect(second.view.shown).toEqual({ from: TIMELINE_PAGE_SIZE + 1, to: all });
    // No programme on two pages, none left out, and the counts are the same on every page.
    const ids = [...programmeIds(first), ...programmeIds(second)];
    expect(new Set(ids).size).toBe(all);
    expect(second.view.counts).toEqual(first.view.counts);
    const pages = [...first.view.programmes, ...second.view.programmes];
    expect(first.view.counts.milestones).toBe(pages.reduce((n, p) => n + p.milestones.length, 0));
    expect(first.view.counts.overdue).toBe(pages.reduce((n, p) => n + p.milestones.filter((m) => m.overdue).length, 0));
    // Past the end: the last page.
    expect((await load(admin, "?page=99")).view.page).toBe(second.view.page);
    const names = pages.map((p) => p.municipalityName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "da")));
  });
});
