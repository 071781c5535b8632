// The application list in SQL (issue 19, decision 028) against the pure rules it replaced:
// 98 applications with tied need indexes, tied scores (single and double assessments, the
// agreed scores counting), drafts and Danish names. Every sort order, read page by page at
// 25, 50 and 100 rows, must equal the same rows sorted in JavaScript with
// localeCompare("da"), rankApplications and weightedScore; the count and the sum come from
// SQL. Runs on PGlite and (DATABASE_URL) the server: both must give this one order.
import { asc, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agreedScores, assessmentScores, municipalities } from "#db/schema";
import { rowsOf } from "#db/client";
import { getDb } from "~/db.server";
import { APPLICATION_STATUSES, type ApplicationStatus } from "~/domain/applications/application-constants";
import { readCountingScores } from "~/domain/assessment/counting-scores.server";
import { parseNeedIndex, rankApplications, weightedScore } from "~/domain/assessment/scoring";
import type { SortKey } from "~/domain/assessment/list-filters";
import { loader as listLoader } from "~/routes/applications._index";
import { createUser, seedBase, signedInRequest } from "../fixtures";
import { countQueries } from "../support/query-count";
import { clearCallsAndApplications, ctx, makeApplication, makeAssessmentCall } from "./assessment-fixtures";

type Expected = {
  id: number;
  municipalityName: string;
  status: ApplicationStatus;
  requestedOre: bigint;
  submittedAt: Date | null;
  updatedAt: Date;
  needIndex: string | null;
  tenths: number | null;
  scored: number;
  rank: number | null;
};

let caseworker: { userId: string };
let expected: Expected[] = [];

const list = async (query: string) => {
  const db = await getDb();
  return listLoader({ request: await signedInRequest(db, caseworker, `/applications${query}`), params: {}, ...ctx });
};

beforeAll(async () => {
  const db = await getDb();
  await clearCallsAndApplications(db);
  await seedBase(db); // the 98 municipalities
  const all = await db.select({ code: municipalities.code, name: municipalities.name }).from(municipalities).orderBy(asc(municipalities.code));
  expect(all).toHaveLength(98);
  // Need index in 7 values only: many ties, which the score and then the name decide.
  const need = Object.fromEntries(all.filter((_, i) => i % 9 !== 4).map((m, i) => [m.code, `${(i % 7) + 1}.2500`]));
  const { call, criteria } = await makeAssessmentCall(db, { needIndex: need });
  caseworker = await createUser(db, "caseworker", { name: "Karen Sagsbehandler" });
  const second = await createUser(db, "caseworker", { name: "Ole Anden" });
  const statuses: ApplicationStatus[] = ["submitted", "formalia_approved", "assessed", "draft", "submitted", "rejection_proposed"];
  for (const [i, m] of all.entries()) {
    const status = statuses[i % statuses.length]!;
    const double = i % 5 === 0;
    const app = await makeApplication(db, call.id, m.code, {
      status,
      requestedOre: BigInt(50_000_000 + (i % 11) * 10_000_000), // ties in the amount too
      submittedAt: status === "draft" || i % 13 === 0 ? null : new Date(Date.UTC(2022, 10, 1 + (i % 6), 9, 30)),
      assignedTo: caseworker.userId,
      secondAssessorId: double ? second.userId : undefined,
    });
    // Scores: few distinct values (ties); some applications scored in part only.
    const scoredCriteria = i % 4 === 3 ? criteria.slice(0, 2) : criteria;
    for (const [k, c] of scoredCriteria.entries()) {
      const score = (i + k) % 3 + 2;
      await db.insert(assessmentScores).values({ applicationId: app.id, criterionId: c.id, assessorId: caseworker.userId, score });
      if (double && i % 10 === 0) await db.insert(agreedScores).values({ applicationId: app.id, criterionId: c.id, score: 5 - k });
    }
  }
  // The expectation, computed the way the list did before it moved into SQL.
  const rows = await db.execute(sql`SELECT a.id, m.name, a.status, a.requested_ore::text AS requested, a.submitted_at, a.updated_at,
                                           n.value::text AS need
                                      FROM applications a JOIN municipalities m ON m.code = a.municipality_code
                                      LEFT JOIN need_index_entries n ON n.call_id = a.call_id AND n.municipality_code = a.municipality_code`);
  const raw = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
    id: number;
    name: string;
    status: ApplicationStatus;
    requested: string;
    submitted_at: string | Date | null;
    updated_at: string | Date;
    need: string | null;
  }[];
  const counting = await readCountingScores(db, raw.map((r) => r.id));
  const scores = new Map(raw.map((r) => [r.id, weightedScore(criteria, counting.get(r.id) ?? [])]));
  const base = raw.map((r) => ({
    id: r.id,
    municipalityName: r.name,
    status: r.status,
    requestedOre: BigInt(r.requested),
    submittedAt: r.submitted_at === null ? null : new Date(r.submitted_at),
    updatedAt: new Date(r.updated_at),
    needIndex: r.need,
    tenths: scores.get(r.id)!.tenths,
    scored: scores.get(r.id)!.scored,
  }));
  const ranks = new Map(
    rankApplications(base.filter((r) => r.status !== "draft").map((r) => ({ ...r, scoreTenths: r.tenths }))).map((r) => [r.id, r.rank]),
  );
  expected = base.map((r) => ({ ...r, rank: ranks.get(r.id) ?? null }));
}, 300_000);

/** The old in-memory order (application-list.server.ts before issue 19). */
function sortExpected(rows: Expected[], sort: SortKey, dir: "asc" | "desc") {
  const sign = dir === "asc" ? 1 : -1;
  const byName = (a: Expected, b: Expected) => a.municipalityName.localeCompare(b.municipalityName, "da") || a.id - b.id;
  const nullsLast = <T,>(a: T | null, b: T | null, cmp: (x: T, y: T) => number) =>
    a === null && b === null ? 0 : a === null ? 1 : b === null ? -1 : sign * cmp(a, b);
  const big = (x: bigint, y: bigint) => (x === y ? 0 : x < y ? -1 : 1);
  const statusOrder = (s: ApplicationStatus) => APPLICATION_STATUSES.indexOf(s);
  return [...rows].sort((a, b) => {
    switch (sort) {
      case "need":
        return nullsLast(parseNeedIndex(a.needIndex), parseNeedIndex(b.needIndex), big) || nullsLast(a.tenths, b.tenths, (x, y) => x - y) || byName(a, b);
      case "municipality":
        return sign * byName(a, b);
      case "amount":
        return sign * big(a.requestedOre, b.requestedOre) || byName(a, b);
      case "submitted":
        return nullsLast(a.submittedAt?.getTime() ?? null, b.submittedAt?.getTime() ?? null, (x, y) => x - y) || byName(a, b);
      case "status":
        return sign * (statusOrder(a.status) - statusOrder(b.status)) || byName(a, b);
      case "score":
        return nullsLast(a.tenths, b.tenths, (x, y) => x - y) || byName(a, b);
      case "updated":
        return sign * (a.updatedAt.getTime() - b.updatedAt.getTime()) || byName(a, b);
    }
  });
}

describe("the application list in SQL", () => {
  const sorts: SortKey[] = ["need", "municipality", "amount", "submitted", "status", "score"];
  for (const sort of sorts) {
    for (const dir of ["asc", "desc"] as const) {
      it(`orders by ${sort} ${dir} as the in-memory rules did, page by page`, async () => {
        const want = sortExpected(expected, sort, dir);
        for (const pageSize of [25, 100]) {
          const got: number[] = [];
          const pages = Math.ceil(want.length / pageSize);
          for (let page = 1; page <= pages; page++) {
            const res = await list(`?drafts=1&sort=${sort}&dir=${dir}&pageSize=${pageSize}&page=${page}`);
            expect(res.pages).toBe(pages);
            expect(res.page).toBe(page);
            expect(res.rows.length).toBe(Math.min(pageSize, want.length - (page - 1) * pageSize));
            got.push(...res.rows.map((r) => r.id));
          }
          expect(got).toEqual(want.map((r) => r.id));
        }
      });
    }
  }

  it("gives each row the rank, score and counts of the pure rules, and the count and sum of every filtered row", async () => {
    const res = await list("?drafts=1&pageSize=100");
    expect(res.total).toBe(98);
    expect(res.requestedSumOre).toBe(expected.reduce((s, r) => s + r.requestedOre, 0n));
    const byId = new Map(expected.map((r) => [r.id, r]));
    for (const row of res.rows) {
      const e = byId.get(row.id)!;
      expect([row.id, row.rank, row.score.tenths, row.score.scored, row.score.total]).toEqual([e.id, e.rank, e.tenths, e.scored, 3]);
    }
    expect(res.rows.some((r) => r.rank === null && r.status !== "draft")).toBe(true); // no need index
    expect(new Set(res.rows.map((r) => r.score.tenths)).size).toBeGreaterThan(2);

    const submitted = expected.filter((r) => r.status === "submitted");
    const filtered = await list("?status=submitted&pageSize=50");
    expect(filtered.total).toBe(submitted.length);
    expect(filtered.requestedSumOre).toBe(submitted.reduce((s, r) => s + r.requestedOre, 0n));
    // Ranks stay those among all the call's non-drafts, whatever the filter shows.
    for (const row of filtered.rows) expect(row.rank).toBe(byId.get(row.id)!.rank);
  });

  it("pages with 25 by default, honours pageSize=50/100, ignores other sizes, and lands past the end on the last page", async () => {
    expect((await list("")).rows).toHaveLength(25);
    expect((await list("?pageSize=50")).rows).toHaveLength(50);
    expect((await list("?pageSize=100")).rows).toHaveLength(expected.filter((r) => r.status !== "draft").length);
    expect((await list("?pageSize=7")).rows).toHaveLength(25);
    const last = await list("?drafts=1&page=99");
    expect([last.page, last.pages, last.rows.length]).toEqual([4, 4, 98 - 75]);
  });

  it("costs the same statements for 25 rows as for 100, formal checks read with one array parameter", async () => {
    const small = await countQueries(() => list("?drafts=1"));
    const large = await countQueries(() => list("?drafts=1&pageSize=100"));
    expect(large.count).toBe(small.count);
    const checks = large.queries.filter((q) => q.includes('from "formal_checks"'));
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatch(/= any\(\$1\)/);
  });
});

describe("the list's filter options", () => {
  it("offer the calls and the municipalities that have applications, and no call without one", async () => {
    const db = await getDb();
    await makeAssessmentCall(db, { title: "Opslag uden ansøgninger" });
    const res = (await list("")) as { options: { calls: { id: number; title: string }[]; municipalities: { code: string }[] } };
    const withApplications = rowsOf<{ id: number }>(await db.execute(sql`SELECT DISTINCT call_id AS id FROM applications ORDER BY 1`)).map((r) => Number(r.id));
    expect(res.options.calls.map((c) => c.id).sort((x, y) => x - y)).toEqual(withApplications);
    expect(res.options.calls.some((c) => c.title === "Opslag uden ansøgninger")).toBe(false);
    const codes = rowsOf<{ code: string }>(
      await db.execute(sql`SELECT DISTINCT m.code, m.sort_key FROM municipalities m JOIN applications a ON a.municipality_code = m.code ORDER BY m.sort_key`),
    ).map((r) => r.code);
    expect(res.options.municipalities.map((m) => m.code)).toEqual(codes);
  });
});
