// Query discipline (issue 19): the main pages send a fixed number of SQL statements,
// whatever the amount of data. Each page is loaded on the demo data, then on the same data
// doubled (db/seed/scale.ts, ×2: twice the pools, calls, applications, grants, ledger
// rows, reports); a loop that queries per row (N+1) shows up as a count that grows. The
// ceilings are the counts when this test was written (list 7, application 7, allocation 10,
// grant 20, reports 6, dashboard 11, start page 6) with a little room, lowered when a page
// is made to send fewer (allocation 8, grant 15, dashboard 10, decision 035; allocation 6 once the ranking read
// the stored standings, decision 034; grant 8 once the ledger, budget, reporting plan and
// accounts came along as JSON in one statement each; the timeline, 9 before, 5 with its page's
// milestones and advisors and its three filter lists in one statement each; dashboard 5 with the
// pool's figures in one statement, decision 041): a new query per page
// is a choice to make here, not an accident. The copies are new pools and calls, so the
// pages that list (applications, reports, dashboard) see twice the rows; the pages of one
// application, call or grant see the same rows, next to twice as much data.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "#db/client";
import { seedDemo } from "#db/seed/demo";
import { scaleDemo } from "#db/seed/scale";
import { getDb } from "~/db.server";
import { loader as startLoader } from "~/routes/_index";
import { loader as applicationLoader } from "~/routes/applications.$applicationId._index";
import { loader as listLoader } from "~/routes/applications._index";
import { loader as allocationLoader } from "~/routes/calls.$callId.allocation";
import { loader as dashboardLoader } from "~/routes/dashboard._index";
import { loader as grantLoader } from "~/routes/grants.$grantId._index";
import { loader as timelineLoader } from "~/routes/programmes.timeline";
import { loader as reportsLoader } from "~/routes/reports._index";
import { signedInRequest } from "../fixtures";
import { countQueries } from "../support/query-count";

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
type Page = { name: string; loader: Loader; url: string; params: Record<string, string>; user: "caseworker" | "municipality"; max: number };

let pages: Page[] = [];
let users: Record<"caseworker" | "municipality", { userId: string }>;
const before = new Map<string, number>();

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const db = await getDb();
  return rowsOf<T>(await db.execute(query))[0]!;
}

async function load(page: Page) {
  const db = await getDb();
  // The session is made outside the count: only the page's own statements are counted
  // (the session read and touch on each request are among them).
  const request = await signedInRequest(db, users[page.user], page.url);
  const { count, queries } = await countQueries(async () => {
    try {
      return await page.loader({ request, params: page.params, context: {} });
    } catch (e) {
      if (e instanceof Response && e.status < 400) return e;
      throw e;
    }
  });
  return { count, queries };
}

beforeAll(async () => {
  const db = await getDb();
  const prev = process.env.NODE_ENV;
  process.env.NODE_ENV = "test";
  await seedDemo(db, { now: new Date("2026-03-10T09:00:00Z") });
  process.env.NODE_ENV = prev;
  const caseworker = await one<{ id: string }>(sql`SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.role = 'caseworker' ORDER BY u.email LIMIT 1`);
  const municipal = await one<{ id: string; code: string }>(
    sql`SELECT u.id, m.municipality_code AS code FROM users u JOIN memberships m ON m.user_id = u.id
         WHERE m.role = 'municipality' AND EXISTS (SELECT 1 FROM grants g JOIN applications a ON a.id = g.application_id WHERE a.municipality_code = m.municipality_code)
         ORDER BY u.email LIMIT 1`,
  );
  users = { caseworker: { userId: caseworker.id }, municipality: { userId: municipal.id } };
  const ids = await one<{ call_id: number; grant_id: number; application_id: number }>(sql`
    SELECT (SELECT id FROM calls ORDER BY id LIMIT 1) AS call_id,
           (SELECT grant_id FROM grant_ledger_entries GROUP BY grant_id ORDER BY count(*) DESC, grant_id LIMIT 1) AS grant_id,
           (SELECT id FROM applications WHERE status <> 'draft' ORDER BY id LIMIT 1) AS application_id`);
  pages = [
    { name: "/applications", loader: listLoader as Loader, url: "/applications", params: {}, user: "caseworker", max: 8 },
    { name: "/applications?pageSize=100", loader: listLoader as Loader, url: "/applications?pageSize=100&sort=municipality", params: {}, user: "caseworker", max: 8 },
    { name: "/applications/:id", loader: applicationLoader as Loader, url: `/applications/${ids.application_id}`, params: { applicationId: String(ids.application_id) }, user: "caseworker", max: 9 },
    { name: "/calls/:id/allocation", loader: allocationLoader as Loader, url: `/calls/${ids.call_id}/allocation`, params: { callId: String(ids.call_id) }, user: "caseworker", max: 6 },
    { name: "/grants/:id", loader: grantLoader as Loader, url: `/grants/${ids.grant_id}`, params: { grantId: String(ids.grant_id) }, user: "caseworker", max: 8 },
    { name: "/programmes/timeline", loader: timelineLoader as Loader, url: "/programmes/timeline", params: {}, user: "caseworker", max: 5 },
    { name: "/reports", loader: reportsLoader as Loader, url: "/reports", params: {}, user: "caseworker", max: 8 },
    { name: "/dashboard", loader: dashboardLoader as Loader, url: "/dashboard", params: {}, user: "caseworker", max: 5 },
    { name: "/ (municipality)", loader: startLoader as Loader, url: "/", params: {}, user: "municipality", max: 8 },
  ];
  for (const p of pages) before.set(p.name, (await load(p)).count);
  await db.transaction((tx) => scaleDemo(tx, 2, { auditRowsPerUnit: 200 }));
}, 600_000);

describe("SQL statements per page load", () => {
  it("stay the same when the data doubles, and under each page's ceiling", async () => {
    const counts: Record<string, [number, number]> = {};
    for (const p of pages) {
      const after = await load(p);
      counts[p.name] = [before.get(p.name)!, after.count];
    }
    console.log(JSON.stringify(counts));
    for (const p of pages) {
      const [b, a] = counts[p.name]!;
      expect(a, `${p.name}: ${b} statements on the demo data, ${a} on twice the data`).toBe(b);
      expect(a, `${p.name}: ${a} statements, the ceiling is ${p.max}`).toBeLessThanOrEqual(p.max);
    }
  });
});
